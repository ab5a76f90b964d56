#pragma once
// A terminal played from a script of raw bytes, for byte-level tests of whole VTK exchanges: it accepts one
// connection on loopback and, step by step, expects the kiosk's frames (exact hex, written out in the test) and sends
// its own. It knows nothing of the protocol beyond the TCP frame's 2-byte length, so it cannot agree with the driver
// by construction: every byte the kiosk must send is in the test.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace drivers_test {

// "00 07 96 FB 01 03 49 44 4C" → bytes (spaces and line breaks ignored).
std::string fromHex(std::string_view hex);
std::string toHex(std::string_view bytes);

struct PeerStep {
  enum class Kind {
    Expect,         // the kiosk's next frame equals `bytes` exactly (within `within`)
    ExpectMatching, // the kiosk's next frame satisfies `check` (returns "" or what is wrong)
    Send,           // send `bytes`
    Pause,          // wait `within`
    ExpectSilence,  // no frame from the kiosk for `within`
    ExpectClose,    // the kiosk closes the connection within `within`
  };
  Kind kind = Kind::Expect;
  std::string bytes;
  std::chrono::milliseconds within{5000};
  std::function<std::string(const std::string& frame)> check;
  std::string label;  // for messages
};

PeerStep expect(std::string_view hex, std::chrono::milliseconds within = std::chrono::milliseconds(5000));
PeerStep expectMatching(std::string label, std::function<std::string(const std::string&)> check,
                        std::chrono::milliseconds within = std::chrono::milliseconds(5000));
PeerStep send(std::string_view hex);
PeerStep pause(std::chrono::milliseconds duration);
PeerStep expectSilence(std::chrono::milliseconds duration);
PeerStep expectClose(std::chrono::milliseconds within);

class ScriptedPeer {
 public:
  explicit ScriptedPeer(std::vector<PeerStep> steps);
  ~ScriptedPeer();
  ScriptedPeer(const ScriptedPeer&) = delete;
  ScriptedPeer& operator=(const ScriptedPeer&) = delete;

  uint16_t port() const { return port_; }
  // Waits until the script has run (or failed); "" when every step held, otherwise the first failure.
  std::string finish(std::chrono::milliseconds timeout = std::chrono::milliseconds(30000));
  // Frames received so far, as hex.
  std::vector<std::string> received() const;

 private:
  void run();
  // Reads one whole frame (2-byte length + body); "" on timeout, sets closed on EOF.
  bool readFrame(std::string& frame, std::chrono::milliseconds within, bool& closed);

  std::vector<PeerStep> steps_;
  int listen_fd_ = -1;
  int client_ = -1;
  uint16_t port_ = 0;
  std::string buffer_;
  std::thread thread_;
  mutable std::mutex mutex_;
  bool done_ = false;
  std::string failure_;
  std::vector<std::string> received_;
};

}  // namespace drivers_test
