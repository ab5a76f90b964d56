// KioskSession and time: "Are you still there?", the idle reset, and the phases where no timer may reset.
#include <catch2/catch.hpp>

#include "session_harness.h"

using namespace kiosk;
using test::Harness;

TEST_CASE("Idle: the prompt after idle_prompt_after_ms, a countdown, and the reset after idle_reset_after_ms") {
  Harness h;
  const SessionConfig& c = h.session.config();
  h.startOrdering();
  h.addBurger();
  h.send(ev::Tick{}, c.idle_prompt_after_ms - 1);
  CHECK_FALSE(h.state().idle_prompt);
  h.send(ev::Tick{}, 1);
  CHECK(h.state().idle_prompt);
  CHECK(h.session.idleCountdownSeconds(h.now) == c.idle_reset_after_ms / 1000);
  CHECK(h.session.idleCountdownSeconds(h.now + 1) == c.idle_reset_after_ms / 1000);  // rounds up
  CHECK(h.session.idleCountdownSeconds(h.now + c.idle_reset_after_ms) == 0);

  h.send(ev::StillHere{}, 10'000);
  CHECK_FALSE(h.state().idle_prompt);
  CHECK(h.session.idleCountdownSeconds(h.now) == 0);
  CHECK(h.state().cart.lines().size() == 1);

  h.send(ev::Tick{}, c.idle_prompt_after_ms);
  REQUIRE(h.state().idle_prompt);
  h.send(ev::Tick{}, c.idle_reset_after_ms - 1);
  CHECK(h.state().phase == Phase::Ordering);
  h.send(ev::Tick{}, 1);
  CHECK(h.state().phase == Phase::Attract);
  CHECK(h.state().cart.empty());
  CHECK_FALSE(h.state().idle_prompt);
  CHECK(h.session.transitions().back().event == "IdleTimeout");
}

TEST_CASE("Idle: any touch counts as presence and answers the prompt") {
  Harness h;
  const SessionConfig& c = h.session.config();
  h.startOrdering();
  h.send(ev::Tick{}, c.idle_prompt_after_ms);
  REQUIRE(h.state().idle_prompt);
  h.send(ev::SelectCategory{"drinks"}, 1000);
  CHECK_FALSE(h.state().idle_prompt);
  h.send(ev::Tick{}, c.idle_prompt_after_ms - 1);
  CHECK_FALSE(h.state().idle_prompt);
  h.send(ev::Activity{}, 1);
  h.send(ev::Tick{}, c.idle_prompt_after_ms - 1);
  CHECK_FALSE(h.state().idle_prompt);
}

TEST_CASE("Idle: the Checkout screen times out too") {
  Harness h;
  const SessionConfig& c = h.session.config();
  h.startOrdering();
  h.addBurger();
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  REQUIRE(h.state().phase == Phase::Checkout);
  h.send(ev::Tick{}, c.idle_prompt_after_ms);
  h.send(ev::Tick{}, c.idle_reset_after_ms);
  CHECK(h.state().phase == Phase::Attract);
}

TEST_CASE("Idle: no reset while Validating, Paying or Posting, however long they take") {
  SessionConfig config = test::testConfig();
  config.validate_timeout_ms = 10 * 60'000;  // so that only the idle timer could end Validating here
  Harness slow(config);
  const SessionConfig& c = slow.session.config();
  slow.startOrdering();
  slow.addBurger();
  REQUIRE(slow.settleValidation());
  slow.send(ev::GoToCheckout{});
  slow.send(ev::GoToCheckout{});
  slow.send(ev::ConfirmCheckout{});
  REQUIRE(slow.state().phase == Phase::Validating);
  for (int i = 0; i < 5; ++i) slow.send(ev::Tick{}, c.idle_prompt_after_ms);
  CHECK(slow.state().phase == Phase::Validating);
  CHECK_FALSE(slow.state().idle_prompt);

  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  for (int i = 0; i < 5; ++i) h.send(ev::Tick{}, c.idle_prompt_after_ms);
  CHECK(h.state().phase == Phase::Paying);
  CHECK_FALSE(h.state().idle_prompt);
  h.send(ev::PaymentApproved{CardTransaction{}, h.state().payment.amount});
  for (int i = 0; i < 5; ++i) h.send(ev::Tick{}, c.idle_prompt_after_ms);
  CHECK(h.state().phase == Phase::Posting);
  CHECK_FALSE(h.state().idle_prompt);
}

TEST_CASE("Idle: a long payment does not leave the Checkout screen about to time out") {
  Harness h;
  const SessionConfig& c = h.session.config();
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  h.send(ev::Tick{}, c.idle_prompt_after_ms + c.idle_reset_after_ms);
  h.send(ev::PaymentDeclined{"51", ""});
  REQUIRE(h.state().phase == Phase::Checkout);
  h.send(ev::Tick{}, 1000);
  CHECK_FALSE(h.state().idle_prompt);
  CHECK(h.state().phase == Phase::Checkout);
  h.send(ev::Tick{}, c.idle_prompt_after_ms);
  CHECK(h.state().idle_prompt);
}

TEST_CASE("Attract has no timers") {
  Harness h;
  h.send(ev::MenuLoaded{h.menu, false});
  h.send(ev::Tick{}, 10 * 60'000);
  CHECK(h.state().phase == Phase::Attract);
  CHECK_FALSE(h.state().idle_prompt);
  CHECK(h.all.empty());
}

TEST_CASE("A long-running kiosk keeps a bounded list of recent transitions") {
  Harness h;
  h.send(ev::MenuLoaded{h.menu, false});
  for (size_t i = 0; i < KioskSession::kMaxTransitionsKept; ++i) {
    h.send(ev::StartOrder{});
    h.send(ev::CancelOrder{});
  }
  const auto& transitions = h.session.transitions();
  CHECK(transitions.size() <= KioskSession::kMaxTransitionsKept);
  CHECK(transitions.size() >= KioskSession::kMaxTransitionsKept / 2);
  CHECK(transitions.back().event == "CancelOrder");
  CHECK(transitions.back().at_ms == h.now);
  h.send(ev::StartOrder{});  // the kiosk's order counter outlives the resets
  CHECK(h.state().order_number == KioskSession::kMaxTransitionsKept + 1);
}
