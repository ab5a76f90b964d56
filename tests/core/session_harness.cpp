#include "session_harness.h"

#include <catch2/catch.hpp>

#include "kiosk/core/line_rules.h"

namespace kiosk::test {

SessionConfig testConfig() {
  SessionConfig config;
  config.eat_in_category_id = "cat-eat-in";
  config.take_away_category_id = "cat-take-away";
  config.table_code = "T-KIOSK";
  config.kiosk_id = "K7";
  config.upsell_rules = {CategoryUpsellRule{"drinks", {"drinks"}, "upsell.add_drink"}};
  return config;
}

ValidationResult validatedFor(const OrderDraft& draft, const MenuIndex& menu, Money line0_discount) {
  ValidationResult result;
  for (size_t i = 0; i < draft.lines.size(); ++i) {
    ValidatedLine line;
    line.index = static_cast<int>(i);
    line.price = estimateUnitPrice(menu, draft.lines[i]);
    line.sum = line.price * draft.lines[i].quantity;
    line.discount = i == 0 ? line0_discount : Money();
    result.total += line.sum - line.discount;
    result.lines.push_back(line);
  }
  return result;
}

const char* commandName(const Command& command) {
  static const char* const names[] = {"Validate", "Pay", "CancelPayment", "TrackOrder", "StopTracking"};
  static_assert(std::size(names) == std::variant_size_v<Command>);
  return names[command.index()];
}

std::vector<std::string> commandNames(const std::vector<Command>& commands) {
  std::vector<std::string> out;
  for (const Command& command : commands) out.push_back(commandName(command));
  return out;
}

std::vector<std::string> transitionPath(const std::vector<Transition>& transitions) {
  std::vector<std::string> out;
  for (const Transition& t : transitions) out.push_back(std::string(phaseName(t.from)) + ">" + phaseName(t.to));
  return out;
}

Harness::Harness(SessionConfig config, std::shared_ptr<const MenuIndex> index)
    : session(std::move(config), [this] { return "ext-" + std::to_string(++external_ids_made); }),
      menu(std::move(index)) {}

const std::vector<Command>& Harness::send(const Event& event, TimeMs advance_ms) {
  now += advance_ms;
  last = session.handle(event, now);
  all.insert(all.end(), last.begin(), last.end());
  return last;
}

void Harness::startOrdering() {
  send(ev::MenuLoaded{menu, false});
  send(ev::ProcartReachable{true});
  send(ev::StartOrder{});
  REQUIRE(state().phase == Phase::Ordering);
}

uint64_t Harness::addBurger(const std::string& sauce) {
  send(ev::OpenDish{"burger"});
  send(ev::ToggleModifier{kDishItself, "sauce", sauce});
  send(ev::AddToCart{});
  REQUIRE(!state().cart.empty());
  return state().cart.lines().back().id;
}

uint64_t Harness::addSimple(const std::string& dish_id) {
  send(ev::OpenDish{dish_id});
  send(ev::AddToCart{});
  REQUIRE(!state().cart.empty());
  REQUIRE(state().cart.lines().back().line.dish_id == dish_id);
  return state().cart.lines().back().id;
}

bool Harness::settleValidation() {
  send(ev::Tick{}, session.config().validate_debounce_ms);
  const cmd::Validate* validate = validateInLast();
  if (!validate) return false;
  cmd::Validate copy = *validate;
  send(ev::ValidateSucceeded{copy.request_id, validatedFor(copy.draft, *menu)});
  return true;
}

void Harness::goToPaying() {
  REQUIRE(settleValidation());
  send(ev::GoToCheckout{});
  if (state().phase == Phase::Ordering && state().upsell) send(ev::GoToCheckout{});  // skip the suggestion
  REQUIRE(state().phase == Phase::Checkout);
  send(ev::ConfirmCheckout{});
  REQUIRE(state().phase == Phase::Validating);
  cmd::Validate validate = *validateInLast();
  send(ev::ValidateSucceeded{validate.request_id, validatedFor(validate.draft, *menu)});
  REQUIRE(state().phase == Phase::Paying);
}

}  // namespace kiosk::test
