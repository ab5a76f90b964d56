// KioskSession, time: presence ("Are you still there?"), the validate debounce and retry, and the time limits of
// Validating, Tracking and Done. Time only moves with events (Tick carries it), so tests replay it exactly.
#include "kiosk/common/log.h"
#include "kiosk/core/message_keys.h"
#include "kiosk/core/session_steps.h"

namespace kiosk::session_detail {
namespace {

// The guest is browsing or checking out: the only phases where walking away should clear the order.
// (Never while Validating, Paying or Posting: the terminal and ProCart have their own time limits.)
void idleTimers(Step& step) {
  SessionState& s = step.s;
  const SessionConfig& config = step.config;
  if (!s.idle_prompt && step.now - s.last_activity_ms >= config.idle_prompt_after_ms) {
    s.idle_prompt = true;
    s.idle_prompt_since_ms = step.now;
  }
  if (s.idle_prompt && step.now - s.idle_prompt_since_ms >= config.idle_reset_after_ms) {
    log::info("session", "guest gone: order ", s.external_id, " cleared");
    step.resetToAttract("IdleTimeout");
  }
}

// A background validate once the cart has been still for the debounce time, or once a failure's back-off is over.
void validateWhenStill(Step& step) {
  SessionState& s = step.s;
  ValidationState& v = s.validation;
  if (!s.menu || s.cart.empty() || s.cart.hasIssues() || v.in_flight) return;
  if (step.now < v.retry_at_ms) return;
  // While ProCart is unreachable a validate doubles as the probe that notices it is back (spaced by retry_at_ms).
  bool probe = !s.procart_reachable;
  if (s.validated_fresh() && !probe) return;
  bool same_cart_failed = v.error && v.requested_revision == s.cart.revision();
  if (same_cart_failed && v.error->kind == ErrorKind::Validation) return;  // the same content would be refused again
  if (!same_cart_failed && !probe && step.now - v.last_cart_change_ms < step.config.validate_debounce_ms) return;
  step.issueValidate(false);
}

}  // namespace

void apply(Step&, const ev::StillHere&) {}  // handle() already counted it as presence

void apply(Step&, const ev::Activity&) {}

void apply(Step& step, const ev::Tick&) {
  SessionState& s = step.s;
  switch (s.phase) {
    case Phase::Attract:
    case Phase::Paying:
    case Phase::Posting:
      break;
    case Phase::Ordering:
    case Phase::Checkout:
      idleTimers(step);
      if (s.phase != Phase::Attract) validateWhenStill(step);
      break;
    case Phase::Validating:
      if (step.now - s.validation.requested_at_ms >= step.config.validate_timeout_ms) {
        // No answer: treat as unreachable. The late answer, if any, no longer matches an in-flight request.
        log::warn("session", "validate #", s.validation.request_id, " unanswered after ",
                  step.config.validate_timeout_ms, " ms");
        s.validation.in_flight = false;
        s.procart_reachable = false;
        s.validation.retry_at_ms = step.now + step.config.validate_retry_ms;
        step.showMessage(msg::kProcartUnreachable);
        step.enter(Phase::Checkout, "ValidateTimeout");
      }
      break;
    case Phase::Tracking:
      if (step.now - s.phase_since_ms >= step.config.tracking_max_ms) step.enter(Phase::Done, "TrackingTimeout");
      break;
    case Phase::Done:
      if (step.now - s.phase_since_ms >= step.config.done_reset_after_ms) step.resetToAttract("DoneTimeout");
      break;
  }
}

}  // namespace kiosk::session_detail
