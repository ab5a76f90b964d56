#pragma once
// Tells systemd how the kiosk is doing (sd_notify protocol: one datagram per message to $NOTIFY_SOCKET):
// READY=1 once the attract screen can show, STATUS=… for `systemctl status`, WATCHDOG=1 from the frame loop,
// STOPPING=1 on the way out. Without $NOTIFY_SOCKET (not under systemd) every call is a cheap no-op.
//
// The datagram is written here rather than through libsystemd: the protocol is a few lines, and this way a test can
// receive the messages on its own socket.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::ops {

class SystemdNotifier {
 public:
  // From $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace), $WATCHDOG_USEC and $WATCHDOG_PID.
  // The watchdog is ours when WATCHDOG_PID is unset, our pid, or our parent's pid: the unit runs the kiosk under
  // cage (or xinit), which is then the service's main process.
  static SystemdNotifier fromEnvironment();

  SystemdNotifier() = default;  // disabled
  // `watchdog_interval` zero: no watchdog.
  SystemdNotifier(std::string socket_path, std::chrono::microseconds watchdog_interval);
  ~SystemdNotifier();
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

  bool enabled() const { return !socket_path_.empty(); }
  bool watchdogEnabled() const { return enabled() && watchdog_interval_.count() > 0; }
  std::chrono::microseconds watchdogInterval() const { return watchdog_interval_; }

  // Each returns true when the datagram was sent.
  bool ready(std::string_view status = {});            // READY=1 (+ STATUS= in the same datagram)
  bool status(std::string_view text);                  // STATUS=… (line breaks become spaces)
  bool stopping();                                     // STOPPING=1
  bool extendTimeout(std::chrono::microseconds more);  // EXTEND_TIMEOUT_USEC=… (long start-up recovery)

  // WATCHDOG=1, at most once per half the watchdog interval; call it every frame. Lock-free. True when sent.
  bool watchdogTick(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  // One raw datagram ("KEY=value\n…").
  bool send(std::string_view message);

 private:
  std::string socket_path_;
  std::chrono::microseconds watchdog_interval_{0};
  int fd_ = -1;
  std::atomic<int64_t> last_watchdog_ns_{INT64_MIN};
};

}  // namespace kiosk::ops
