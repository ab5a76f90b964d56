// Staff entry: roles, five wrong PINs lock entry for five minutes (time injected), no PIN → no entry.
#include "kiosk/ops/pin_gate.h"

#include <catch2/catch.hpp>

using namespace kiosk::ops;
using Outcome = PinAttempt::Outcome;

namespace {

// Hashed once for the whole file: each hash takes tens of milliseconds.
const PinHashes& hashes() {
  static const PinHashes h{hashPin("2580", kPinMinIterations), hashPin("147369", kPinMinIterations)};
  return h;
}

constexpr int64_t kMinute = 60'000;

}  // namespace

TEST_CASE("the staff PIN grants staff, the admin PIN grants admin") {
  PinGate gate(hashes());
  auto staff = gate.attempt("2580", 0);
  CHECK(staff.outcome == Outcome::Granted);
  CHECK(staff.role == StaffRole::Staff);
  auto admin = gate.attempt("147369", 0);
  CHECK(admin.outcome == Outcome::Granted);
  CHECK(admin.role == StaffRole::Admin);
}

TEST_CASE("five wrong PINs lock entry for five minutes, even for the right PIN") {
  PinGate gate(hashes());
  int64_t now = 1'000'000;
  for (int i = 1; i <= 4; ++i) {
    auto attempt = gate.attempt("9999", now);
    CHECK(attempt.outcome == Outcome::Wrong);
    CHECK(attempt.attempts_left == 5 - i);
    now += 1000;
  }
  auto fifth = gate.attempt("9999", now);
  CHECK(fifth.outcome == Outcome::LockedOut);
  CHECK(fifth.locked_until_ms == now + 5 * kMinute);
  int64_t locked_at = now;

  CHECK(gate.lockedOut(locked_at + 5 * kMinute - 1));
  auto right_but_locked = gate.attempt("2580", locked_at + 4 * kMinute);
  CHECK(right_but_locked.outcome == Outcome::LockedOut);
  CHECK(right_but_locked.locked_until_ms == locked_at + 5 * kMinute);
  // Attempts during the lockout do not extend it.
  CHECK(gate.attempt("9999", locked_at + 5 * kMinute - 1).locked_until_ms == locked_at + 5 * kMinute);

  CHECK_FALSE(gate.lockedOut(locked_at + 5 * kMinute));
  auto after = gate.attempt("2580", locked_at + 5 * kMinute);
  CHECK(after.outcome == Outcome::Granted);
  CHECK(gate.wrongAttempts() == 0);
}

TEST_CASE("after a lockout ends, five more wrong PINs are needed to lock again") {
  PinGate gate(hashes());
  for (int i = 0; i < 5; ++i) gate.attempt("0001", 0);
  CHECK(gate.lockedOut(0));
  auto first_after = gate.attempt("0001", 5 * kMinute);
  CHECK(first_after.outcome == Outcome::Wrong);
  CHECK(first_after.attempts_left == 4);
}

TEST_CASE("a right PIN resets the count of wrong ones") {
  PinGate gate(hashes());
  for (int i = 0; i < 4; ++i) gate.attempt("0001", i);
  CHECK(gate.wrongAttempts() == 4);
  CHECK(gate.attempt("2580", 10).outcome == Outcome::Granted);
  CHECK(gate.wrongAttempts() == 0);
  CHECK(gate.attempt("0001", 20).attempts_left == 4);
}

TEST_CASE("with no PIN set there is no staff entry at all") {
  PinGate gate;
  CHECK_FALSE(gate.anyPinSet());
  CHECK(gate.attempt("", 0).outcome == Outcome::NoPinSet);
  CHECK(gate.attempt("2580", 0).outcome == Outcome::NoPinSet);
  gate.setHashes({hashes().staff, ""});
  CHECK(gate.anyPinSet());
  CHECK(gate.attempt("2580", 0).outcome == Outcome::Granted);
  CHECK(gate.attempt("147369", 0).outcome == Outcome::Wrong);  // no admin PIN configured
}
