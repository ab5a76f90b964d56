#pragma once
// The child's clock for the kiosk session. KioskSession has no clock of its own (time arrives with each event), so
// the guest may skip ahead over waits that only a timer ends — "ProCart unreachable, try again in 5 s" — instead
// of sleeping through them. Network timeouts, the terminal and the payment settlement keep running in real time.
#include <chrono>
#include <cstdint>

#include "kiosk/core/session.h"

namespace soak {

class SoakClock {
 public:
  SoakClock() : start_(std::chrono::steady_clock::now()) {}

  // Session time: real milliseconds since start plus everything skipped.
  kiosk::TimeMs now() const { return realMs() + skipped_ms_; }
  int64_t realMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_).count();
  }
  // Moves session time forward to `when` (never back).
  void skipTo(kiosk::TimeMs when) {
    kiosk::TimeMs current = now();
    if (when > current) skipped_ms_ += when - current;
  }
  int64_t skippedMs() const { return skipped_ms_; }

 private:
  std::chrono::steady_clock::time_point start_;
  int64_t skipped_ms_ = 0;
};

}  // namespace soak
