// KioskSession, from the cart to the end of the order: checkout, validation, payment, posting, tracking.
#include <algorithm>

#include "kiosk/common/log.h"
#include "kiosk/core/message_keys.h"
#include "kiosk/core/session_steps.h"

namespace kiosk::session_detail {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

struct Rejection {
  std::string_view message_key;
  LineIssue issue;
};

// What a POS refusal means for the guest, from its rule (or error code) as the client reports it.
Rejection rejectionFor(const ServiceError& error) {
  std::string rule = error.rule.empty() ? error.code : error.rule;
  if (contains(rule, "prohib") || contains(rule, "stop")) return {msg::kLineUnavailable, LineIssue::Unavailable};
  if (contains(rule, "limit") || contains(rule, "stock")) return {msg::kLineStockShort, LineIssue::StockShort};
  if (contains(rule, "unknown_dish")) return {msg::kLineOutdated, LineIssue::DishRemoved};
  if (contains(rule, "unknown")) return {msg::kLineOutdated, LineIssue::ChoiceRemoved};
  if (contains(rule, "min") || contains(rule, "max") || contains(rule, "count")) {
    return {msg::kLineChoices, LineIssue::ChoiceRemoved};
  }
  return {msg::kRejected, LineIssue::ChoiceRemoved};
}

bool isValidationMessage(const std::optional<GuestMessage>& message) {
  if (!message) return false;
  const std::string& key = message->key;
  return key.rfind("validate.", 0) == 0 || key == msg::kProcartUnreachable || key == msg::kOrderingPaused;
}

bool offersBothOrderTypes(const SessionConfig& config) { return config.offer_eat_in && config.offer_take_away; }

bool offered(const SessionConfig& config, OrderType type) {
  if (!config.offer_eat_in && !config.offer_take_away) return type == OrderType::TakeAway;  // misconfigured: take-away
  return type == OrderType::EatIn ? config.offer_eat_in : config.offer_take_away;
}

// Cart, reachability and content allow leaving the cart towards payment; says why not otherwise.
bool readyToCheckOut(Step& step) {
  SessionState& s = step.s;
  if (s.cart.empty()) return false;
  if (s.cart.hasIssues()) {
    step.enter(Phase::Ordering);
    s.view = OrderingView::Cart;
    step.showMessage(msg::kCartFixLines);
    return false;
  }
  if (s.ordering_paused()) {
    step.showMessage(msg::kOrderingPaused);
    return false;
  }
  return true;
}

}  // namespace

void apply(Step& step, const ev::GoToCheckout&) {
  SessionState& s = step.s;
  if (s.phase != Phase::Ordering || s.cart.empty()) return;
  if (s.upsell) {
    s.upsell.reset();  // the guest went on without answering: that is a "no"
  } else if (step.offerUpsellOnce()) {
    s.builder.reset();
    s.editing_line.reset();
    s.view = OrderingView::Cart;  // one suggestion, shown on the cart; the next "checkout" goes on
    return;
  }
  if (!readyToCheckOut(step)) return;
  s.builder.reset();
  s.editing_line.reset();
  if (!offersBothOrderTypes(step.config)) {
    s.order_type = step.config.offer_eat_in && !step.config.offer_take_away ? OrderType::EatIn : OrderType::TakeAway;
    if (!step.config.ask_table_number) {
      // Nothing to ask at checkout: straight on to the payment's validation.
      step.issueValidate(true);
      return;
    }
  }
  step.enter(Phase::Checkout);
  if (!s.validated_fresh() && !s.validation.in_flight) step.issueValidate(false);  // the total to show, early
}

void apply(Step& step, const ev::SetOrderType& e) {
  SessionState& s = step.s;
  if ((s.phase == Phase::Checkout || s.phase == Phase::Ordering) && offered(step.config, e.type)) s.order_type = e.type;
}

void apply(Step& step, const ev::SetTableNumber& e) {
  SessionState& s = step.s;
  if (s.phase != Phase::Checkout && s.phase != Phase::Ordering) return;
  bool digits = std::all_of(e.number.begin(), e.number.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || e.number.size() > 6) return;  // the keypad sends digits only; anything else is ignored
  s.table_number = e.number;
}

void apply(Step& step, const ev::ConfirmCheckout&) {
  SessionState& s = step.s;
  if (s.phase != Phase::Checkout || !readyToCheckOut(step)) return;
  // The POS total for the cart as shown must be known (canPay()); the final validate confirms it for this draft.
  if (!s.validated_fresh()) return;
  if (s.validation.result->total <= Money()) {
    step.showMessage(msg::kZeroTotal);
    return;
  }
  s.message.reset();
  step.issueValidate(true);
}

void apply(Step& step, const ev::ValidateSucceeded& e) {
  SessionState& s = step.s;
  ValidationState& v = s.validation;
  if (!v.in_flight || e.request_id != v.request_id) {
    log::info("session", "validate answer #", e.request_id, " is stale (expecting #", v.request_id, "); ignored");
    return;
  }
  v.in_flight = false;
  v.result = e.result;
  v.result_revision = v.requested_revision;
  v.error.reset();
  v.retry_at_ms = 0;
  s.procart_reachable = true;  // an answer proves it
  if (isValidationMessage(s.message)) s.message.reset();
  if (s.phase != Phase::Validating) return;

  if (v.result_revision != s.cart.revision()) {
    // The menu changed the cart while we waited: what was validated is not what would be charged.
    step.enter(s.cart.hasIssues() ? Phase::Ordering : Phase::Checkout, "ValidateOutdated");
    if (s.cart.hasIssues()) s.view = OrderingView::Cart;
    return;
  }
  if (e.result.total <= Money()) {
    log::warn("session", "validated total ", e.result.total.toDecimal(), " for order ", s.external_id,
              ": no payment");
    step.showMessage(msg::kZeroTotal);
    step.enter(Phase::Checkout);
    return;
  }
  s.payment = PaymentState{};
  s.payment.amount = e.result.total;
  s.payment.message_key = std::string(msg::kFollowTerminal);
  step.commands.push_back(cmd::Pay{v.requested_draft, e.result.total});
  step.enter(Phase::Paying);
}

void apply(Step& step, const ev::ValidateFailed& e) {
  SessionState& s = step.s;
  ValidationState& v = s.validation;
  if (!v.in_flight || e.request_id != v.request_id) {
    log::info("session", "validate failure #", e.request_id, " is stale (expecting #", v.request_id, "); ignored");
    return;
  }
  v.in_flight = false;
  v.error = e.error;
  bool final_for_payment = s.phase == Phase::Validating;
  if (e.error.kind == ErrorKind::Validation) {
    // The POS refused the content: back to the cart, naming the line, until the guest changes something.
    log::info("session", "validate #", e.request_id, " refused: rule ", e.error.rule, " line ", e.error.line_index, " (",
              e.error.detail, ")");
    Rejection rejection = rejectionFor(e.error);
    std::string_view key = rejection.message_key;
    int line = e.error.line_index;
    if (line < 0 || line >= static_cast<int>(s.cart.lines().size())) {
      line = -1;
      key = e.error.message_key.empty() ? msg::kRejected : std::string_view(e.error.message_key);
    } else {
      s.cart.flag(s.cart.lines()[line].id, rejection.issue);
      v.last_cart_change_ms = step.now;
    }
    step.showMessage(key, {}, line);
    if (s.phase == Phase::Validating || s.phase == Phase::Checkout) {
      step.enter(Phase::Ordering);
      s.builder.reset();
      s.editing_line.reset();
      s.view = OrderingView::Cart;
    }
    return;
  }
  // ProCart or the POS cannot answer now: keep everything, pause checkout, retry calmly.
  log::warn("session", "validate #", e.request_id, " failed (", errorKindName(e.error.kind), "): ", e.error.detail);
  s.procart_reachable = false;
  v.retry_at_ms = step.now + step.config.validate_retry_ms;
  if (final_for_payment) {
    step.showMessage(e.error.message_key.empty() ? msg::kProcartUnreachable : std::string_view(e.error.message_key));
    step.enter(Phase::Checkout);
  }
}

void apply(Step& step, const ev::ProcartReachable& e) {
  SessionState& s = step.s;
  if (s.procart_reachable == e.reachable) return;
  log::info("session", "ProCart ", e.reachable ? "reachable" : "unreachable");
  s.procart_reachable = e.reachable;
  if (e.reachable) {
    s.validation.retry_at_ms = 0;  // try again now rather than wait out the back-off
    if (s.message && s.message->key == msg::kOrderingPaused) s.message.reset();
  }
}

void apply(Step& step, const ev::PaymentProgress& e) {
  SessionState& s = step.s;
  if (s.phase != Phase::Paying) return;
  if (!e.message_key.empty()) s.payment.message_key = e.message_key;
  s.payment.terminal_text = e.terminal_text;
  s.payment.cancellable = e.cancellable;
}

void apply(Step& step, const ev::CancelPayment&) {
  if (step.s.phase == Phase::Paying && step.s.payment.cancellable) step.commands.push_back(cmd::CancelPayment{});
}

void apply(Step& step, const ev::PaymentApproved& e) {
  SessionState& s = step.s;
  if (s.phase != Phase::Paying) return;
  if (e.amount != s.payment.amount) {
    // Should never happen; the settlement posts the approved amount and ProCart refuses a mismatch.
    log::error("session", "terminal approved ", e.amount.toDecimal(), " but ", s.payment.amount.toDecimal(),
               " was asked for order ", s.external_id);
  }
  s.payment.transaction = e.transaction;
  s.payment.cancellable = false;
  step.enter(Phase::Posting);
}

void apply(Step& step, const ev::PaymentDeclined& e) {
  SessionState& s = step.s;
  if (s.phase != Phase::Paying) return;
  log::info("session", "payment declined for order ", s.external_id, " code ", e.code);
  step.showMessage(msg::kPaymentDeclined);
  step.enter(Phase::Checkout);
}

void apply(Step& step, const ev::PaymentCancelled&) {
  if (step.s.phase != Phase::Paying) return;
  step.showMessage(msg::kPaymentCancelled);
  step.enter(Phase::Checkout);
}

void apply(Step& step, const ev::PaymentFailed& e) {
  if (step.s.phase != Phase::Paying) return;
  // An unknown outcome is treated as unpaid here; the payment journal settles it with the terminal.
  step.showMessage(e.message_key.empty() ? msg::kPaymentFailed : std::string_view(e.message_key));
  step.enter(Phase::Checkout);
}

void apply(Step& step, const ev::OrderPosted& e) {
  SessionState& s = step.s;
  if (s.phase != Phase::Posting) return;
  s.order = e.order;
  s.message.reset();
  step.commands.push_back(cmd::TrackOrder{e.order.guid, s.external_id});
  step.enter(Phase::Tracking);
}

void apply(Step& step, const ev::OrderPostFailed& e) {
  SessionState& s = step.s;
  // From Paying too: a charge the journal could not record (a full disk) ends the payment here, without an
  // Approved event; leaving the guest on the terminal's prompt would freeze the screen.
  if (s.phase != Phase::Posting && s.phase != Phase::Paying) return;
  log::error("session", "order ", s.external_id, " paid ", e.amount.toDecimal(), " but not posted; ",
             e.reversed ? "payment reversed" : "reversal pending (journal)");
  std::string_view fallback = e.reversed ? msg::kPostFailedRefunded : msg::kPostFailedStaff;
  step.showMessage(e.message_key.empty() ? fallback : std::string_view(e.message_key), e.amount);
  step.enter(Phase::Done);  // the message is the outcome; Attract after dismissal or done_reset_after_ms
}

void apply(Step& step, const ev::OrderStatusChanged& e) {
  SessionState& s = step.s;
  if (!s.order || s.order->guid != e.guid) return;
  s.order->status = e.status;
  if (s.phase == Phase::Tracking && isFinal(e.status)) {
    if (e.status == OrderStatus::Deleted) step.showMessage(msg::kOrderDeleted);
    step.enter(Phase::Done);
  }
}

void apply(Step& step, const ev::DismissMessage&) {
  SessionState& s = step.s;
  s.message.reset();
  if (s.phase == Phase::Done && !s.order) step.resetToAttract("DismissMessage");
}

void apply(Step& step, const ev::CancelOrder&) {
  switch (step.s.phase) {
    case Phase::Ordering:
    case Phase::Checkout:
    case Phase::Validating:  // the answer, when it comes, is stale and ignored
    case Phase::Tracking:
    case Phase::Done:
      step.resetToAttract("CancelOrder");
      break;
    case Phase::Attract:
    case Phase::Paying:   // the terminal owns this step: CancelPayment
    case Phase::Posting:  // money has moved: the order must finish
      break;
  }
}

void apply(Step& step, const ev::FinishOrder&) {
  if (step.s.phase == Phase::Tracking || step.s.phase == Phase::Done) step.resetToAttract("FinishOrder");
}

}  // namespace kiosk::session_detail
