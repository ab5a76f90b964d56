#include "kiosk/ops/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "kiosk/common/log.h"

namespace kiosk::ops {
namespace {

// A decimal environment value, or -1.
long long envNumber(const char* name) {
  const char* text = std::getenv(name);
  if (!text || !*text) return -1;
  char* end = nullptr;
  errno = 0;
  long long value = std::strtoll(text, &end, 10);
  if (errno != 0 || *end != '\0' || value < 0) return -1;
  return value;
}

std::string oneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';  // a line break would start another KEY=value assignment
  }
  return out;
}

}  // namespace

SystemdNotifier SystemdNotifier::fromEnvironment() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  long long usec = envNumber("WATCHDOG_USEC");
  long long pid = envNumber("WATCHDOG_PID");
  bool watchdog_is_ours = pid < 0 || pid == ::getpid() || pid == ::getppid();
  auto interval = std::chrono::microseconds(usec > 0 && watchdog_is_ours ? usec : 0);
  return SystemdNotifier(socket ? socket : "", interval);
}

SystemdNotifier::SystemdNotifier(std::string socket_path, std::chrono::microseconds watchdog_interval)
    : socket_path_(std::move(socket_path)), watchdog_interval_(watchdog_interval) {
  if (socket_path_.empty()) return;
  bool usable =
      (socket_path_[0] == '/' || socket_path_[0] == '@') && socket_path_.size() < sizeof(sockaddr_un{}.sun_path);
  if (usable) fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    kiosk::log::warn("systemd", "NOTIFY_SOCKET is set but unusable; no notifications");
    socket_path_.clear();
    watchdog_interval_ = {};
  }
}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) ::close(fd_);
}

bool SystemdNotifier::send(std::string_view message) {
  if (fd_ < 0) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
  if (socket_path_[0] == '@') address.sun_path[0] = '\0';  // abstract namespace
  auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
  for (;;) {
    ssize_t sent = ::sendto(fd_, message.data(), message.size(), MSG_NOSIGNAL,
                            reinterpret_cast<const sockaddr*>(&address), length);
    if (sent >= 0) return true;
    if (errno != EINTR) return false;
  }
}

bool SystemdNotifier::ready(std::string_view status_text) {
  std::string message = "READY=1";
  if (!status_text.empty()) message += "\nSTATUS=" + oneLine(status_text);
  return send(message);
}

bool SystemdNotifier::status(std::string_view text) { return send("STATUS=" + oneLine(text)); }

bool SystemdNotifier::stopping() { return send("STOPPING=1"); }

bool SystemdNotifier::extendTimeout(std::chrono::microseconds more) {
  return send("EXTEND_TIMEOUT_USEC=" + std::to_string(more.count()));
}

bool SystemdNotifier::watchdogTick(std::chrono::steady_clock::time_point now) {
  if (!watchdogEnabled()) return false;
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  const int64_t half_interval_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(watchdog_interval_).count() / 2;
  int64_t last = last_watchdog_ns_.load(std::memory_order_relaxed);
  if (last != INT64_MIN && now_ns - last < half_interval_ns) return false;
  // One caller wins the slot; a parallel caller sees the new time and skips.
  if (!last_watchdog_ns_.compare_exchange_strong(last, now_ns, std::memory_order_relaxed)) return false;
  return send("WATCHDOG=1");
}

}  // namespace kiosk::ops
