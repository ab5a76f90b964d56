#include "tests/soak/guest.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace soak {

using kiosk::Phase;
namespace ev = kiosk::ev;

namespace {

constexpr double kAcceptUpsell = 0.3;
constexpr double kCancelAtTerminal = 0.35;  // when the terminal still allows it (it waits for the card)
constexpr double kRetryPayment = 0.7;       // after a declined / failed payment
constexpr int kMaxPayments = 3;
constexpr double kWaitForStatus = 0.05;     // stay on the tracking screen a while, watching the status
constexpr int kMaxDishAttempts = 12;
constexpr int kMaxFixSteps = 30;

std::string messageKey(const kiosk::SessionState& s) { return s.message ? s.message->key : std::string(); }

}  // namespace

Guest::Guest(kiosk::Runtime& runtime, SoakClock& clock, Rng& rng, const EventWriter& events)
    : runtime_(runtime), clock_(clock), rng_(rng), events_(events) {}

void Guest::act(const kiosk::Event& event) { runtime_.dispatch(event, clock_.now()); }

void Guest::idle() {
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  runtime_.pump(clock_.now());
}

void Guest::skipTimerWait() {
  const kiosk::SessionState& s = runtime_.state();
  const kiosk::ValidationState& v = s.validation;
  bool waiting_phase = s.phase == Phase::Ordering || s.phase == Phase::Checkout;
  if (waiting_phase && !v.in_flight && !s.cart.empty() && (!s.validated_fresh() || !s.procart_reachable)) {
    // The next validate goes out once the back-off after a failure is over and the cart has been still for the
    // debounce time.
    kiosk::TimeMs next = std::max(v.retry_at_ms, v.last_cart_change_ms + runtime_.session().config().validate_debounce_ms);
    // At most every 200 ms of real time, so that an unreachable ProCart is probed calmly, not in a tight loop.
    if (next > clock_.now() && clock_.realMs() - last_skip_real_ms_ >= 200) {
      last_skip_real_ms_ = clock_.realMs();
      clock_.skipTo(next);
      act(ev::Activity{});  // the guest is still there, looking at the screen
    }
  }
  idle();
}

OrderOutcome Guest::runOrder(int number, int64_t real_deadline_ms) {
  Order o;
  o.number = number;
  o.target_lines = 1 + static_cast<int>(rng_.weighted({50, 35, 15}));
  while (true) {
    if (clock_.realMs() > real_deadline_ms) {
      const kiosk::SessionState& s = runtime_.state();
      events_.write({{"ev", "stuck"}, {"order", number}, {"phase", kiosk::phaseName(s.phase)},
                     {"message", messageKey(s)}, {"external_id", s.external_id}});
      o.outcome.result = "stuck";
      return o.outcome;
    }
    runtime_.pump(clock_.now());
    noticeTransition(o);
    const kiosk::SessionState& s = runtime_.state();
    switch (s.phase) {
      case Phase::Attract:
        if (o.started) return o.outcome;
        if (!s.menu || runtime_.availability() != kiosk::Availability::Open) {
          idle();
          break;
        }
        act(ev::StartOrder{});
        o.started = true;
        events_.write({{"ev", "order_start"}, {"order", number}});
        break;
      case Phase::Ordering: ordering(o); break;
      case Phase::Checkout: checkout(o); break;
      case Phase::Validating:
      case Phase::Posting: idle(); break;
      case Phase::Paying: paying(o); break;
      case Phase::Tracking: tracking(o); break;
      case Phase::Done: done(o); break;
    }
  }
}

// Reports what the kiosk did since the last look (the guest's view of the order).
void Guest::noticeTransition(Order& o) {
  const kiosk::SessionState& s = runtime_.state();
  Phase from = o.last_phase;
  Phase to = s.phase;
  if (from == to) return;
  o.last_phase = to;
  if (to == Phase::Paying) {
    ++o.outcome.payments;
    o.cancel_decided = false;
    o.cancel_at_real_ms = -1;
    events_.write({{"ev", "pay"}, {"order", o.number}, {"external_id", s.external_id},
                   {"amount", s.payment.amount.kopecks()}});
  } else if (from == Phase::Paying && to == Phase::Posting) {
    events_.write({{"ev", "approved"}, {"order", o.number}, {"external_id", s.external_id}});
  } else if (from == Phase::Paying) {
    o.after_failed_payment = true;
    events_.write({{"ev", "not_paid"}, {"order", o.number}, {"external_id", s.external_id}, {"message", messageKey(s)}});
  } else if (from == Phase::Posting && to == Phase::Tracking) {
    o.outcome.result = "posted";
    o.tracking_until_real_ms = rng_.chance(kWaitForStatus) ? clock_.realMs() + 1200 : -1;
    events_.write({{"ev", "posted"}, {"order", o.number}, {"external_id", s.external_id},
                   {"number", s.order ? s.order->number : ""}});
  } else if (from == Phase::Posting && to == Phase::Done) {
    o.outcome.result = "post_failed";
    events_.write({{"ev", "post_failed"}, {"order", o.number}, {"external_id", s.external_id},
                   {"message", messageKey(s)}, {"amount", s.message ? s.message->amount.kopecks() : 0}});
  } else if (from == Phase::Tracking && to == Phase::Done) {
    events_.write({{"ev", "final_status"}, {"order", o.number}, {"external_id", s.external_id},
                   {"status", s.order ? kiosk::orderStatusName(s.order->status) : ""}});
  } else if (from == Phase::Validating && to == Phase::Ordering) {
    events_.write({{"ev", "validate_refused"}, {"order", o.number}, {"message", messageKey(s)}});
  }
  if (to == Phase::Attract) {
    if (o.outcome.result.empty()) o.outcome.result = o.outcome.payments > 0 ? "not_paid" : "gave_up";
    events_.write({{"ev", "order_end"}, {"order", o.number}, {"result", o.outcome.result},
                   {"payments", o.outcome.payments}});
  }
}

void Guest::ordering(Order& o) {
  const kiosk::SessionState& s = runtime_.state();
  if (s.upsell) {
    if (rng_.chance(kAcceptUpsell)) act(ev::AcceptUpsell{});
    else act(ev::DismissUpsell{});
    return;
  }
  if (s.builder) {
    configureDish(o);
    return;
  }
  if (s.cart.hasIssues()) {
    // The POS refused a line (stock ran out, …) or the menu changed: the guest removes it.
    for (const auto& line : s.cart.lines()) {
      if (line.issue != kiosk::LineIssue::None) {
        act(ev::RemoveLine{line.id});
        return;
      }
    }
  }
  if (static_cast<int>(s.cart.lines().size()) < o.target_lines && o.dish_attempts < kMaxDishAttempts) {
    openRandomDish(o);
    return;
  }
  if (s.cart.empty()) {
    act(ev::CancelOrder{});
    return;
  }
  if (!s.procart_reachable) {
    // "Ordering is paused": the kiosk probes ProCart with a validate now and then; the guest waits.
    skipTimerWait();
    return;
  }
  uint64_t revision = s.cart.revision();
  act(ev::GoToCheckout{});
  const kiosk::SessionState& after = runtime_.state();
  if (after.phase == Phase::Ordering && !after.upsell && after.cart.revision() == revision) idle();
}

void Guest::openRandomDish(Order& o) {
  ++o.dish_attempts;
  o.builder_touched = false;
  o.fix_steps = 0;
  const auto& menu = runtime_.state().menu;
  auto categories = menu->visibleCategories();
  if (categories.empty()) return;
  const kiosk::Category* category = rng_.pick(categories);
  act(ev::SelectCategory{category->id});
  std::vector<const kiosk::Dish*> orderable;
  for (const kiosk::Dish* dish : menu->dishesIn(category->id)) {
    if (dish->stock.orderable()) orderable.push_back(dish);  // the screen greys the others out
  }
  if (orderable.empty()) return;
  act(ev::OpenDish{rng_.pick(orderable)->id});
}

// Optional choices a guest makes before fixing what is missing: another combo component, extra modifiers, a
// second portion. Some are refused by the builder (a full group, an item out of stock): like a tap on a greyed item.
void Guest::decorateDish() {
  const kiosk::DishBuilder& b = *runtime_.state().builder;
  std::vector<std::string> components = {kiosk::kDishItself};
  if (const kiosk::ComboScheme* combo = b.comboScheme()) {
    for (const auto& group : combo->groups) {
      if (!group.items.empty() && rng_.chance(0.35)) act(ev::ChooseComboItem{group.id, rng_.pick(group.items).dish_id});
      const kiosk::DishBuilder& now = *runtime_.state().builder;
      int chosen = static_cast<int>(now.chosenDishes(group.id).size());
      for (int i = 0; i < chosen; ++i) components.push_back(kiosk::comboComponent(group.id, i));
    }
  }
  for (const std::string& component : components) {
    const kiosk::ModifierScheme* scheme = runtime_.state().builder->modifierScheme(component);
    if (!scheme) continue;
    for (const auto& group : scheme->groups) {
      if (group.modifiers.empty() || !rng_.chance(0.3)) continue;
      act(ev::ToggleModifier{component, group.id, rng_.pick(group.modifiers).id});
    }
  }
  if (rng_.chance(0.12)) act(ev::SetDishQuantity{rng_.uniform(2, 3)});
}

void Guest::configureDish(Order& o) {
  if (!o.builder_touched) {
    o.builder_touched = true;
    decorateDish();
    return;
  }
  const kiosk::DishBuilder& b = *runtime_.state().builder;
  auto problems = b.problems();
  if (problems.empty()) {
    act(ev::AddToCart{});
    return;
  }
  if (++o.fix_steps > kMaxFixSteps) {
    act(ev::CloseDish{});
    return;
  }
  const kiosk::BuilderProblem& p = problems.front();
  switch (p.kind) {
    case kiosk::BuilderProblem::Kind::ModifiersBelowMin: {
      const kiosk::ModifierScheme* scheme = b.modifierScheme(p.component);
      const kiosk::ModifierGroup* group = nullptr;
      if (scheme) {
        for (const auto& g : scheme->groups) {
          if (g.id == p.group_id) group = &g;
        }
      }
      if (!group || group->modifiers.empty()) {
        act(ev::CloseDish{});
        return;
      }
      const kiosk::Modifier& m = rng_.pick(group->modifiers);
      int quantity = b.modifierQuantity(p.component, group->id, m.id);
      if (quantity == 0) act(ev::ToggleModifier{p.component, group->id, m.id});
      else act(ev::SetModifierQuantity{p.component, group->id, m.id, quantity + 1});
      return;
    }
    case kiosk::BuilderProblem::Kind::ComboBelowMin: {
      const kiosk::ComboScheme* combo = b.comboScheme();
      if (combo) {
        for (const auto& group : combo->groups) {
          if (group.id == p.group_id && !group.items.empty()) {
            act(ev::ChooseComboItem{group.id, rng_.pick(group.items).dish_id});
            return;
          }
        }
      }
      act(ev::CloseDish{});
      return;
    }
    default:  // out of stock, or an odd line: choose something else
      act(ev::CloseDish{});
      return;
  }
}

void Guest::checkout(Order& o) {
  const kiosk::SessionState& s = runtime_.state();
  if (o.after_failed_payment) {
    o.after_failed_payment = false;
    if (o.outcome.payments >= kMaxPayments || !rng_.chance(kRetryPayment)) {
      act(ev::CancelOrder{});
      return;
    }
  }
  if (!o.type_chosen) {
    o.type_chosen = true;
    act(ev::SetOrderType{rng_.chance(0.5) ? kiosk::OrderType::EatIn : kiosk::OrderType::TakeAway});
    if (rng_.chance(0.3)) act(ev::SetTableNumber{std::to_string(rng_.uniform(1, 40))});
    return;
  }
  if (s.validated_fresh() && s.procart_reachable) {
    act(ev::ConfirmCheckout{});
    if (runtime_.state().phase == Phase::Checkout) idle();
    return;
  }
  skipTimerWait();
}

void Guest::paying(Order& o) {
  const kiosk::SessionState& s = runtime_.state();
  if (!o.cancel_decided && s.payment.cancellable && s.payment.message_key == "payment.insert_card") {
    o.cancel_decided = true;
    if (rng_.chance(kCancelAtTerminal)) o.cancel_at_real_ms = clock_.realMs() + rng_.uniform(0, 150);
  }
  if (o.cancel_at_real_ms >= 0 && clock_.realMs() >= o.cancel_at_real_ms) {
    o.cancel_at_real_ms = -1;
    events_.write({{"ev", "cancel_pressed"}, {"order", o.number}, {"external_id", s.external_id}});
    act(ev::CancelPayment{});
  }
  idle();
}

void Guest::tracking(Order& o) {
  if (o.tracking_until_real_ms >= 0 && clock_.realMs() < o.tracking_until_real_ms) {
    idle();
    return;
  }
  act(ev::FinishOrder{});
}

void Guest::done(Order&) {
  const kiosk::SessionState& s = runtime_.state();
  if (s.order) act(ev::FinishOrder{});
  else act(ev::DismissMessage{});
  if (runtime_.state().phase == Phase::Done) idle();
}

}  // namespace soak
