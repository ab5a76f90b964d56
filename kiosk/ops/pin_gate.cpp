#include "kiosk/ops/pin_gate.h"

#include <utility>

namespace kiosk::ops {

PinGate::PinGate(PinHashes hashes) : hashes_(std::move(hashes)) {}

void PinGate::setHashes(PinHashes hashes) {
  std::lock_guard lock(mutex_);
  hashes_ = std::move(hashes);
}

bool PinGate::anyPinSet() const {
  std::lock_guard lock(mutex_);
  return !hashes_.staff.empty() || !hashes_.admin.empty();
}

bool PinGate::lockedOut(int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  return locked_ && now_ms < locked_until_ms_;
}

int PinGate::wrongAttempts() const {
  std::lock_guard lock(mutex_);
  return wrong_in_a_row_;
}

PinAttempt PinGate::attempt(std::string_view pin, int64_t now_ms) {
  std::lock_guard lock(mutex_);  // held while checking, so that parallel attempts are counted one by one
  PinAttempt out;
  if (locked_) {
    if (now_ms < locked_until_ms_) {
      out.outcome = PinAttempt::Outcome::LockedOut;
      out.locked_until_ms = locked_until_ms_;
      return out;
    }
    locked_ = false;  // the lockout is over: a fresh series of attempts
    wrong_in_a_row_ = 0;
  }
  if (hashes_.staff.empty() && hashes_.admin.empty()) {
    out.outcome = PinAttempt::Outcome::NoPinSet;
    return out;
  }
  if (!hashes_.admin.empty() && verifyPin(pin, hashes_.admin)) {
    wrong_in_a_row_ = 0;
    out.outcome = PinAttempt::Outcome::Granted;
    out.role = StaffRole::Admin;
    return out;
  }
  if (!hashes_.staff.empty() && verifyPin(pin, hashes_.staff)) {
    wrong_in_a_row_ = 0;
    out.outcome = PinAttempt::Outcome::Granted;
    out.role = StaffRole::Staff;
    return out;
  }
  ++wrong_in_a_row_;
  if (wrong_in_a_row_ >= kMaxWrongAttempts) {
    locked_ = true;
    locked_until_ms_ = now_ms + kLockoutMs;
    out.outcome = PinAttempt::Outcome::LockedOut;
    out.locked_until_ms = locked_until_ms_;
    return out;
  }
  out.outcome = PinAttempt::Outcome::Wrong;
  out.attempts_left = kMaxWrongAttempts - wrong_in_a_row_;
  return out;
}

}  // namespace kiosk::ops
