// KioskSession from the cart to the end: checkout, validation, payment, posting, tracking, and each step's errors.
#include <catch2/catch.hpp>

#include "kiosk/common/log.h"
#include "kiosk/core/message_keys.h"
#include "session_harness.h"

using namespace kiosk;
using test::Harness;

namespace {

ServiceError networkError() {
  ServiceError e;
  e.kind = ErrorKind::Network;
  e.detail = "connect: refused";
  return e;
}

ServiceError rejected(int line_index, const std::string& rule) {
  ServiceError e;
  e.kind = ErrorKind::Validation;
  e.http_status = 422;
  e.line_index = line_index;
  e.rule = rule;
  e.message_key = "error.validation";
  return e;
}

CardTransaction approvedCard() { return CardTransaction{"T1", "123456789012", "A1B2C3", "************1118", "MIR", "2024-05-01T12:00:00"}; }

}  // namespace

TEST_CASE("Checkout with both order types: the type, the table, then a final validate and the payment") {
  SessionConfig config = test::testConfig();
  config.ask_table_number = true;
  config.short_comment_template = "Киоск {kiosk} №{number}";
  Harness h(config);
  h.startOrdering();
  h.addBurger();
  h.send(ev::GoToCheckout{});  // the upsell first
  h.send(ev::GoToCheckout{});
  REQUIRE(h.state().phase == Phase::Checkout);
  const cmd::Validate* early = h.validateInLast();
  REQUIRE(early);  // the cart was not validated yet: at once, no debounce
  cmd::Validate background = *early;
  CHECK_FALSE(h.session.canPay());
  h.send(ev::ConfirmCheckout{});  // no validated total yet: the Pay button is not live
  CHECK(h.state().phase == Phase::Checkout);
  h.send(ev::ValidateSucceeded{background.request_id, test::validatedFor(background.draft, *h.menu)});
  CHECK(h.session.canPay());

  h.send(ev::SetOrderType{OrderType::EatIn});
  h.send(ev::SetTableNumber{"12a"});  // digits only
  CHECK(h.state().table_number.empty());
  h.send(ev::SetTableNumber{"12"});
  CHECK(h.state().table_number == "12");
  h.send(ev::ConfirmCheckout{});
  CHECK(h.state().phase == Phase::Validating);
  const cmd::Validate* final_validate = h.validateInLast();
  REQUIRE(final_validate);
  cmd::Validate validate = *final_validate;
  CHECK(validate.request_id != background.request_id);
  CHECK(validate.draft.external_id == h.state().external_id);
  CHECK(validate.draft.external_id != background.draft.external_id);  // a new id per payment attempt
  CHECK(validate.draft.category_id == "cat-eat-in");
  CHECK(validate.draft.table_code == "T-KIOSK");
  CHECK(validate.draft.short_comment == "Киоск K7 №12");
  CHECK(validate.draft.comment.find("стол/пейджер 12") != std::string::npos);
  REQUIRE(validate.draft.lines.size() == 1);

  h.send(ev::ValidateSucceeded{background.request_id, test::validatedFor(background.draft, *h.menu)});  // stale
  CHECK(h.state().phase == Phase::Validating);
  CHECK(h.last.empty());

  ValidationResult result = test::validatedFor(validate.draft, *h.menu, Money::rubles(10));
  h.send(ev::ValidateSucceeded{validate.request_id, result});
  CHECK(h.state().phase == Phase::Paying);
  const cmd::Pay* pay = test::findCommand<cmd::Pay>(h.last);
  REQUIRE(pay);
  CHECK(pay->amount == Money::rubles(189 - 10));
  CHECK(pay->draft == validate.draft);  // exactly what the POS validated
  CHECK(h.state().payment.amount == pay->amount);
  CHECK(h.state().payment.message_key == msg::kFollowTerminal);
}

TEST_CASE("With only take-away and no table number, checkout goes straight to validation") {
  SessionConfig config = test::testConfig();
  config.offer_eat_in = false;
  config.upsell_enabled = false;
  Harness h(config);
  h.startOrdering();
  h.addSimple("salad");
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Validating);
  const cmd::Validate* validate = h.validateInLast();
  REQUIRE(validate);
  CHECK(validate->draft.category_id == "cat-take-away");
  CHECK(h.state().order_type == OrderType::TakeAway);
  CHECK(test::transitionPath(h.session.transitions()) == std::vector<std::string>{"Attract>Ordering", "Ordering>Validating"});
  cmd::Validate copy = *validate;
  h.send(ev::ValidateSucceeded{copy.request_id, test::validatedFor(copy.draft, *h.menu)});
  CHECK(h.state().phase == Phase::Paying);
}

TEST_CASE("With only eat-in configured the order type is eat-in and asking for a table still shows Checkout") {
  SessionConfig config = test::testConfig();
  config.offer_take_away = false;
  config.ask_table_number = true;
  Harness h(config);
  h.startOrdering();
  h.addSimple("salad");
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Checkout);
  CHECK(h.state().order_type == OrderType::EatIn);
  h.send(ev::SetOrderType{OrderType::TakeAway});  // not offered
  CHECK(h.state().order_type == OrderType::EatIn);
  CHECK(h.session.currentDraft().category_id == "cat-eat-in");
}

TEST_CASE("A validated total of zero never starts a payment") {
  Harness h;
  h.startOrdering();
  h.addSimple("tea");
  REQUIRE(h.settleValidation());
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  REQUIRE(h.state().phase == Phase::Checkout);
  h.send(ev::ConfirmCheckout{});
  cmd::Validate validate = *h.validateInLast();
  ValidationResult free_order = test::validatedFor(validate.draft, *h.menu, Money::rubles(80));  // 100 % discount
  REQUIRE(free_order.total == Money());
  h.send(ev::ValidateSucceeded{validate.request_id, free_order});
  CHECK(h.state().phase == Phase::Checkout);
  CHECK_FALSE(test::findCommand<cmd::Pay>(h.all));
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kZeroTotal);
  CHECK_FALSE(h.session.canPay());
  h.send(ev::ConfirmCheckout{});  // and Pay stays refused
  CHECK(h.state().phase == Phase::Checkout);
  CHECK(h.state().message->key == msg::kZeroTotal);
}

TEST_CASE("A validate the POS rejects returns to the cart naming the line and why") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  uint64_t tea = h.addSimple("tea");
  REQUIRE(h.settleValidation());
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  h.send(ev::ConfirmCheckout{});
  REQUIRE(h.state().phase == Phase::Validating);
  cmd::Validate validate = *h.validateInLast();
  h.send(ev::ValidateFailed{validate.request_id, rejected(1, "prohibited")});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().view == OrderingView::Cart);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kLineUnavailable);
  CHECK(h.state().message->line_index == 1);
  CHECK(h.state().cart.find(tea)->issue == LineIssue::Unavailable);
  CHECK_FALSE(h.session.canPay());
  CHECK_FALSE(test::findCommand<cmd::Pay>(h.all));
  CHECK_FALSE(h.settleValidation());  // not re-sent as it is

  h.send(ev::RemoveLine{tea});  // the guest fixes it
  CHECK_FALSE(h.state().message);
  REQUIRE(h.settleValidation());
  CHECK(h.session.canPay());
}

TEST_CASE("Each POS rule maps to a message the guest understands") {
  struct Case {
    std::string rule;
    std::string_view key;
    LineIssue issue;
  };
  for (const Case& c : {Case{"prohibited", msg::kLineUnavailable, LineIssue::Unavailable},
                        Case{"stop_list", msg::kLineUnavailable, LineIssue::Unavailable},
                        Case{"limited", msg::kLineStockShort, LineIssue::StockShort},
                        Case{"below_min", msg::kLineChoices, LineIssue::ChoiceRemoved},
                        Case{"above_max", msg::kLineChoices, LineIssue::ChoiceRemoved},
                        Case{"modifier_count", msg::kLineChoices, LineIssue::ChoiceRemoved},
                        Case{"combo_below_min", msg::kLineChoices, LineIssue::ChoiceRemoved},
                        Case{"unknown_modifier", msg::kLineOutdated, LineIssue::ChoiceRemoved},
                        Case{"unknown_combo_group", msg::kLineOutdated, LineIssue::ChoiceRemoved},
                        Case{"unknown_dish", msg::kLineOutdated, LineIssue::DishRemoved},
                        Case{"something_new", msg::kRejected, LineIssue::ChoiceRemoved}}) {
    INFO(c.rule);
    Harness h;
    h.startOrdering();
    h.addSimple("tea");
    h.send(ev::Tick{}, 1000);
    cmd::Validate validate = *h.validateInLast();
    h.send(ev::ValidateFailed{validate.request_id, rejected(0, c.rule)});
    REQUIRE(h.state().message);
    CHECK(h.state().message->key == c.key);
    CHECK(h.state().cart.lines()[0].issue == c.issue);
  }
  // A refusal of the order as a whole keeps the service's message key and flags no line.
  Harness h;
  h.startOrdering();
  h.addSimple("tea");
  h.send(ev::Tick{}, 1000);
  cmd::Validate validate = *h.validateInLast();
  h.send(ev::ValidateFailed{validate.request_id, rejected(-1, "pos_rule")});
  CHECK(h.state().message->key == "error.validation");
  CHECK(h.state().message->line_index == -1);
  CHECK_FALSE(h.state().cart.hasIssues());
}

TEST_CASE("ProCart unreachable: the cart is kept, checkout pauses, the kiosk retries and recovers by itself") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  REQUIRE(h.settleValidation());
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  h.send(ev::ConfirmCheckout{});
  cmd::Validate validate = *h.validateInLast();
  h.send(ev::ValidateFailed{validate.request_id, networkError()});
  CHECK(h.state().phase == Phase::Checkout);
  CHECK(h.state().cart.lines().size() == 1);
  CHECK(h.state().ordering_paused());
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kProcartUnreachable);
  CHECK_FALSE(h.session.canPay());
  h.send(ev::ConfirmCheckout{});
  CHECK(h.state().phase == Phase::Checkout);
  CHECK(h.state().message->key == msg::kOrderingPaused);

  h.send(ev::BackToMenu{});  // browsing stays possible
  CHECK(h.state().phase == Phase::Ordering);
  h.send(ev::OpenDish{"tea"});
  CHECK(h.state().view == OrderingView::Dish);
  h.send(ev::CloseDish{});
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().message->key == msg::kOrderingPaused);

  TimeMs failed_at = h.now - 500;  // five events ago
  h.send(ev::Tick{}, 100);
  CHECK(h.last.empty());
  h.now = failed_at + h.session.config().validate_retry_ms - 1;
  h.send(ev::Tick{}, 0);
  CHECK(h.last.empty());  // not before the back-off
  h.send(ev::Tick{}, 1);
  const cmd::Validate* retry = h.validateInLast();
  REQUIRE(retry);  // a probe, although the last validated total is still for this cart
  cmd::Validate second = *retry;
  h.send(ev::ValidateFailed{second.request_id, networkError()});  // still down
  CHECK(h.state().ordering_paused());
  h.send(ev::Tick{}, 1000);
  CHECK(h.last.empty());
  h.send(ev::Tick{}, h.session.config().validate_retry_ms);
  REQUIRE(h.validateInLast());
  cmd::Validate third = *h.validateInLast();
  h.send(ev::ValidateSucceeded{third.request_id, test::validatedFor(third.draft, *h.menu)});
  CHECK_FALSE(h.state().ordering_paused());  // an answer proves ProCart is back
  CHECK_FALSE(h.state().message);
  CHECK(h.session.canPay());
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Checkout);
}

TEST_CASE("ProCart reachability from the runtime's ping pauses and resumes checkout") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  REQUIRE(h.settleValidation());
  h.send(ev::ProcartReachable{false});
  CHECK(h.state().ordering_paused());
  CHECK_FALSE(h.session.canPay());
  h.send(ev::OpenCart{});
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().message->key == msg::kOrderingPaused);
  h.send(ev::ProcartReachable{true});
  CHECK_FALSE(h.state().message);
  CHECK(h.session.canPay());
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Checkout);
}

TEST_CASE("A validate that never answers gives up after validate_timeout_ms") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  REQUIRE(h.settleValidation());
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  h.send(ev::ConfirmCheckout{});
  cmd::Validate validate = *h.validateInLast();
  h.send(ev::Tick{}, h.session.config().validate_timeout_ms - 1);
  CHECK(h.state().phase == Phase::Validating);
  h.send(ev::Tick{}, 1);
  CHECK(h.state().phase == Phase::Checkout);
  CHECK(h.session.transitions().back().event == "ValidateTimeout");
  CHECK(h.state().message->key == msg::kProcartUnreachable);
  h.send(ev::ValidateSucceeded{validate.request_id, test::validatedFor(validate.draft, *h.menu)});  // too late
  CHECK(h.state().phase == Phase::Checkout);
  CHECK_FALSE(test::findCommand<cmd::Pay>(h.all));
}

TEST_CASE("Payment declined, cancelled or failed: back to Checkout with a message, as unpaid") {
  struct Case {
    Event outcome;
    std::string_view key;
  };
  for (const Case& c : {Case{ev::PaymentDeclined{"05", "ОТКАЗ"}, msg::kPaymentDeclined},
                        Case{ev::PaymentCancelled{}, msg::kPaymentCancelled},
                        Case{ev::PaymentFailed{""}, msg::kPaymentFailed},
                        Case{ev::PaymentFailed{"payment.terminal_offline"}, "payment.terminal_offline"}}) {
    INFO(eventName(c.outcome));
    Harness h;
    h.startOrdering();
    h.addBurger();
    h.goToPaying();
    std::string first_attempt = h.state().external_id;
    h.send(c.outcome);
    CHECK(h.state().phase == Phase::Checkout);
    REQUIRE(h.state().message);
    CHECK(h.state().message->key == c.key);
    CHECK(h.state().cart.lines().size() == 1);
    CHECK(h.session.canPay());  // the validated total still stands: pay again
    h.send(ev::ConfirmCheckout{});
    CHECK(h.state().phase == Phase::Validating);
    CHECK(h.state().external_id != first_attempt);
    CHECK_FALSE(h.state().message);
  }
}

TEST_CASE("The guest may cancel a payment only while the terminal allows it") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  h.send(ev::CancelPayment{});
  CHECK(h.last.empty());
  h.send(ev::PaymentProgress{"payment.insert_card", "ВСТАВЬТЕ КАРТУ", true});
  CHECK(h.state().payment.message_key == "payment.insert_card");
  CHECK(h.state().payment.terminal_text == "ВСТАВЬТЕ КАРТУ");
  h.send(ev::CancelPayment{});
  CHECK(test::commandNames(h.last) == std::vector<std::string>{"CancelPayment"});
  CHECK(h.state().phase == Phase::Paying);  // until the terminal confirms
  h.send(ev::CancelOrder{});                // not while the terminal works
  CHECK(h.state().phase == Phase::Paying);
  h.send(ev::PaymentCancelled{});
  CHECK(h.state().phase == Phase::Checkout);
}

TEST_CASE("Approved, posted, tracked to a final status, then Attract after the Done screen") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  std::string external_id = h.state().external_id;
  h.send(ev::PaymentApproved{approvedCard(), h.state().payment.amount});
  CHECK(h.state().phase == Phase::Posting);
  REQUIRE(h.state().payment.transaction);
  CHECK(h.state().payment.transaction->rrn == "123456789012");
  h.send(ev::CancelOrder{});  // money moved: the order must finish
  CHECK(h.state().phase == Phase::Posting);

  h.send(ev::OrderPosted{PostedOrder{"{GUID-1}", "A123", OrderStatus::New}});
  CHECK(h.state().phase == Phase::Tracking);
  const cmd::TrackOrder* track = test::findCommand<cmd::TrackOrder>(h.last);
  REQUIRE(track);
  CHECK(track->guid == "{GUID-1}");
  CHECK(track->external_id == external_id);
  CHECK(h.state().order->number == "A123");

  h.send(ev::OrderStatusChanged{"{OTHER}", OrderStatus::Close});  // not ours
  CHECK(h.state().phase == Phase::Tracking);
  h.send(ev::OrderStatusChanged{"{GUID-1}", OrderStatus::Open});
  CHECK(h.state().phase == Phase::Tracking);
  CHECK(h.state().order->status == OrderStatus::Open);
  h.send(ev::OrderStatusChanged{"{GUID-1}", OrderStatus::Close});
  CHECK(h.state().phase == Phase::Done);

  h.send(ev::Tick{}, h.session.config().done_reset_after_ms - 1);
  CHECK(h.state().phase == Phase::Done);
  h.send(ev::Tick{}, 1);
  CHECK(h.state().phase == Phase::Attract);
  CHECK(test::commandNames(h.last) == std::vector<std::string>{"StopTracking"});
  CHECK(h.state().cart.empty());
  CHECK_FALSE(h.state().order);
  CHECK(h.state().external_id.empty());
  CHECK(h.state().menu == h.menu);  // kept for the next guest
  CHECK(test::transitionPath(h.session.transitions()) ==
        std::vector<std::string>{"Attract>Ordering", "Ordering>Checkout", "Checkout>Validating", "Validating>Paying",
                                 "Paying>Posting", "Posting>Tracking", "Tracking>Done", "Done>Attract"});
}

TEST_CASE("A deleted order ends tracking with a message and FinishOrder leaves at once") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  h.send(ev::PaymentApproved{approvedCard(), h.state().payment.amount});
  h.send(ev::OrderPosted{PostedOrder{"{G}", "7", OrderStatus::New}});
  h.send(ev::OrderStatusChanged{"{G}", OrderStatus::Deleted});
  CHECK(h.state().phase == Phase::Done);
  CHECK(h.state().message->key == msg::kOrderDeleted);
  h.send(ev::FinishOrder{});
  CHECK(h.state().phase == Phase::Attract);
  CHECK(test::commandNames(h.last) == std::vector<std::string>{"StopTracking"});
}

TEST_CASE("Tracking gives up after tracking_max_ms") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  h.send(ev::PaymentApproved{approvedCard(), h.state().payment.amount});
  h.send(ev::OrderPosted{PostedOrder{"{G}", "7", OrderStatus::New}});
  h.send(ev::Tick{}, h.session.config().tracking_max_ms);
  CHECK(h.state().phase == Phase::Done);
  CHECK(h.session.transitions().back().event == "TrackingTimeout");
  CHECK(h.state().order->number == "7");  // the number stays on screen
  h.send(ev::Tick{}, h.session.config().done_reset_after_ms);
  CHECK(h.state().phase == Phase::Attract);
}

TEST_CASE("Paid but not posted: a clear message with the amount, then Attract on dismissal or timeout") {
  for (bool reversed : {true, false}) {
    INFO("reversed " << reversed);
    Harness h;
    h.startOrdering();
    h.addBurger();
    h.goToPaying();
    Money amount = h.state().payment.amount;
    h.send(ev::PaymentApproved{approvedCard(), amount});
    h.send(ev::OrderPostFailed{reversed, amount, ""});
    CHECK(h.state().phase == Phase::Done);
    CHECK_FALSE(h.state().order);
    REQUIRE(h.state().message);
    CHECK(h.state().message->key == (reversed ? msg::kPostFailedRefunded : msg::kPostFailedStaff));
    CHECK(h.state().message->amount == amount);
    CHECK_FALSE(test::findCommand<cmd::TrackOrder>(h.all));
    if (reversed) {
      h.send(ev::DismissMessage{});
    } else {
      h.send(ev::Tick{}, h.session.config().done_reset_after_ms);
    }
    CHECK(h.state().phase == Phase::Attract);
    CHECK(h.last.empty());  // nothing was tracked, nothing to stop
  }
}

TEST_CASE("A charge the journal could not record ends the payment with the staff message, straight from Paying") {
  // A full disk after the intent: the settlement reports the charge as not postable without an Approved event.
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  Money amount = h.state().payment.amount;
  h.send(ev::PaymentProgress{"payment.enter_pin", "", true});
  h.send(ev::OrderPostFailed{false, amount, "payment.staff_needed"});
  CHECK(h.state().phase == Phase::Done);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == "payment.staff_needed");
  CHECK(h.state().message->amount == amount);
  h.send(ev::Tick{}, h.session.config().done_reset_after_ms);
  CHECK(h.state().phase == Phase::Attract);
}

TEST_CASE("Out-of-step service events change nothing") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  SessionState before = h.state();
  h.send(ev::PaymentApproved{approvedCard(), Money::rubles(1)});
  h.send(ev::PaymentDeclined{});
  h.send(ev::OrderPosted{PostedOrder{"{G}", "1", OrderStatus::New}});
  h.send(ev::OrderPostFailed{true, Money::rubles(1), ""});
  h.send(ev::OrderStatusChanged{"{G}", OrderStatus::Close});
  h.send(ev::ValidateSucceeded{777, ValidationResult{}});
  h.send(ev::ValidateFailed{777, networkError()});
  h.send(ev::MenuLoaded{nullptr, false});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK_FALSE(h.state().order);
  CHECK_FALSE(h.state().payment.transaction);
  CHECK(h.state().cart.revision() == before.cart.revision());
  CHECK(h.state().menu == before.menu);
  CHECK(h.all.empty());
}

TEST_CASE("Every transition is recorded and logged with the order's external_id") {
  static std::vector<std::string> lines;
  lines.clear();
  log::setSink([](log::Level, std::string_view component, std::string_view message) {
    if (component == "session") lines.emplace_back(message);
  });
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.goToPaying();
  log::setSink(nullptr);
  const auto& transitions = h.session.transitions();
  REQUIRE(transitions.size() == 4);
  CHECK(transitions[3].from == Phase::Validating);
  CHECK(transitions[3].to == Phase::Paying);
  CHECK(transitions[3].event == "ValidateSucceeded");
  CHECK(transitions[3].external_id == h.state().external_id);
  CHECK(transitions[3].at_ms == h.now);
  bool logged = false;
  for (const std::string& line : lines) {
    if (line.find("Validating -> Paying on ValidateSucceeded order " + h.state().external_id) != std::string::npos) {
      logged = true;
    }
  }
  CHECK(logged);
}

TEST_CASE("The short comment is cut to 30 characters without splitting a letter") {
  SessionConfig config = test::testConfig();
  config.short_comment_template = "Заказ из киоска самообслуживания №{number}";
  Harness h(config);
  h.startOrdering();
  h.addSimple("tea");
  std::string comment = h.session.currentDraft().short_comment;
  CHECK(comment == "Заказ из киоска самообслуживан");
  size_t code_points = 0;
  for (unsigned char c : comment) code_points += (c & 0xC0) != 0x80;
  CHECK(code_points == 30);
  CHECK(h.session.currentDraft().lines.size() == 1);
}

TEST_CASE("Settings changed by staff take effect from the next order") {
  Harness h;
  h.startOrdering();
  SessionConfig changed = test::testConfig();
  changed.take_away_category_id = "new-take-away";
  changed.default_language = Lang::En;
  h.session.setConfig(changed);
  CHECK(h.session.currentDraft().category_id == "cat-take-away");
  h.send(ev::CancelOrder{});
  CHECK(h.session.config().take_away_category_id == "new-take-away");
  CHECK(h.state().lang == Lang::En);
  h.send(ev::StartOrder{});
  CHECK(h.session.currentDraft().category_id == "new-take-away");
  CHECK(h.state().order_number == 2);
}
