#pragma once
// The staff entry check: a PIN grants the staff or admin role; five wrong PINs in a row lock entry for five minutes.
// Time is passed in (monotonic milliseconds), so tests need no clock. Thread-safe; attempt() takes as long as one or
// two PBKDF2 checks (tens of milliseconds): call it from a worker.
#include <cstdint>
#include <mutex>
#include <string_view>

#include "kiosk/ops/config.h"
#include "kiosk/ops/pin.h"

namespace kiosk::ops {

struct PinAttempt {
  enum class Outcome {
    Granted,    // `role` is set
    Wrong,      // `attempts_left` more before the lockout
    LockedOut,  // this attempt was refused unchecked, or was the fifth wrong one; see `locked_until_ms`
    NoPinSet,   // no PIN configured: staff entry is impossible until `kiosk --set-pin staff|admin`
  };
  Outcome outcome = Outcome::Wrong;
  StaffRole role = StaffRole::Staff;
  int attempts_left = 0;
  int64_t locked_until_ms = 0;
};

class PinGate {
 public:
  static constexpr int kMaxWrongAttempts = 5;
  static constexpr int64_t kLockoutMs = 5 * 60 * 1000;

  explicit PinGate(PinHashes hashes = {});

  // New hashes (a PIN was changed); the lockout state is kept.
  void setHashes(PinHashes hashes);
  bool anyPinSet() const;

  // Checks `pin` at time `now_ms`. The admin PIN grants Admin, the staff PIN Staff. While locked out nothing is
  // checked, so even the right PIN is refused until the lockout ends.
  PinAttempt attempt(std::string_view pin, int64_t now_ms);

  bool lockedOut(int64_t now_ms) const;
  int wrongAttempts() const;

 private:
  mutable std::mutex mutex_;
  PinHashes hashes_;
  int wrong_in_a_row_ = 0;
  int64_t locked_until_ms_ = 0;
  bool locked_ = false;
};

}  // namespace kiosk::ops
