// Replayable sessions: a scripted list of (time, event, expected phase, expected commands) drives KioskSession
// from Attract to Done and back. The same opening is replayed with a declined payment, an inactivity reset and a
// menu update that stops a dish in the cart. Request ids and external ids are deterministic, so a script can
// answer the session's commands exactly as the runtime would.
#include <catch2/catch.hpp>

#include "kiosk/core/message_keys.h"
#include "session_harness.h"

using namespace kiosk;

namespace {

struct ScriptStep {
  TimeMs at;
  Event event;
  Phase expect;                            // the phase right after the event
  std::vector<std::string> commands = {};  // the names of the commands it must cause, in order
};
using Script = std::vector<ScriptStep>;

struct Replay {
  KioskSession session;
  std::vector<Command> commands;  // all of them, in order

  Replay() : session(test::testConfig(), [n = 0]() mutable { return "K7-" + std::to_string(++n); }) {}

  void run(const Script& script) {
    for (const ScriptStep& step : script) {
      INFO("at " << step.at << " ms: " << eventName(step.event));
      std::vector<Command> caused = session.handle(step.event, step.at);
      CHECK(phaseName(session.state().phase) == std::string(phaseName(step.expect)));
      CHECK(test::commandNames(caused) == step.commands);
      commands.insert(commands.end(), caused.begin(), caused.end());
    }
  }
  template <class T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const Command& c : commands) {
      if (const T* found = std::get_if<T>(&c)) out.push_back(*found);
    }
    return out;
  }
};

ValidationResult total(Money amount) {
  ValidationResult result;
  result.lines.push_back(ValidatedLine{0, amount, amount, Money()});
  result.total = amount;
  return result;
}

const CardTransaction kCard{"T-01", "412345678901", "AB12CD", "************1118", "MIR", "2024-05-01T12:00:40"};
const Money kComboWithLemonade = Money::rubles(349 + 30 + 60);  // combo + lemonade delta + 2 × cheese on the burger
const Money kComboWithCola = Money::rubles(349 + 60);

// The guest picks a combo, swaps the drink for lemonade without ice, gives the burger ketchup and double cheese.
Script opening(std::shared_ptr<const MenuIndex> menu) {
  return {
      {0, ev::MenuLoaded{menu, true}, Phase::Attract},
      {10, ev::ProcartReachable{true}, Phase::Attract},
      {1000, ev::StartOrder{}, Phase::Ordering},
      {2000, ev::SelectCategory{"combos"}, Phase::Ordering},
      {3000, ev::OpenDish{"combo"}, Phase::Ordering},
      {4000, ev::ChooseComboItem{"drink", "lemonade"}, Phase::Ordering},
      {5000, ev::ToggleModifier{"drink", "ice", "ice_no"}, Phase::Ordering},
      {6000, ev::ToggleModifier{"main", "sauce", "ketchup"}, Phase::Ordering},
      {7000, ev::SetModifierQuantity{"main", "extras", "cheese", 2}, Phase::Ordering},
      {8000, ev::AddToCart{}, Phase::Ordering},
      {8500, ev::Tick{}, Phase::Ordering},                  // the debounce is still running
      {9000, ev::Tick{}, Phase::Ordering, {"Validate"}},    // request #1
      {9300, ev::ValidateSucceeded{1, total(kComboWithLemonade)}, Phase::Ordering},
      {10000, ev::OpenCart{}, Phase::Ordering},              // a combo with a drink: nothing to upsell
  };
}

void append(Script& script, Script more) { script.insert(script.end(), more.begin(), more.end()); }

}  // namespace

TEST_CASE("Replay: a combo with modifiers from Attract to Done and back") {
  auto menu = test::testIndex();
  Script script = opening(menu);
  append(script, {
      {12000, ev::GoToCheckout{}, Phase::Checkout},  // validated already: no new request
      {13000, ev::SetOrderType{OrderType::EatIn}, Phase::Checkout},
      {14000, ev::ConfirmCheckout{}, Phase::Validating, {"Validate"}},  // #2
      {14400, ev::ValidateSucceeded{2, total(kComboWithLemonade)}, Phase::Paying, {"Pay"}},
      {15000, ev::PaymentProgress{"payment.enter_pin", "ВВЕДИТЕ ПИН", true}, Phase::Paying},
      {40000, ev::PaymentApproved{kCard, kComboWithLemonade}, Phase::Posting},
      {41000, ev::OrderPosted{{"{G-1}", "A042", OrderStatus::New}}, Phase::Tracking, {"TrackOrder"}},
      {50000, ev::OrderStatusChanged{"{G-1}", OrderStatus::Open}, Phase::Tracking},
      {80000, ev::OrderStatusChanged{"{G-1}", OrderStatus::Close}, Phase::Done},
      {90000, ev::Tick{}, Phase::Done},
      {100000, ev::Tick{}, Phase::Attract, {"StopTracking"}},
  });
  Replay replay;
  replay.run(script);

  auto validates = replay.all<cmd::Validate>();
  REQUIRE(validates.size() == 2);
  CHECK(validates[0].draft.external_id == "K7-1");  // provisional, for the background check
  CHECK(validates[1].draft.external_id == "K7-2");  // the payment attempt's own
  CHECK(validates[1].draft.category_id == "cat-eat-in");
  REQUIRE(validates[1].draft.lines.size() == 1);
  const OrderLine& line = validates[1].draft.lines[0];
  CHECK(line.dish_id == "combo");
  CHECK(line.combo == std::vector<ComboPart>{{"main", "burger", {{"bun_wheat", 1}, {"ketchup", 1}, {"cheese", 2}}},
                                             {"side", "fries", {}},
                                             {"drink", "lemonade", {{"ice_no", 1}}}});
  auto pays = replay.all<cmd::Pay>();
  REQUIRE(pays.size() == 1);
  CHECK(pays[0].amount == kComboWithLemonade);
  CHECK(pays[0].draft == validates[1].draft);
  auto tracks = replay.all<cmd::TrackOrder>();
  REQUIRE(tracks.size() == 1);
  CHECK(tracks[0].guid == "{G-1}");
  CHECK(tracks[0].external_id == "K7-2");

  const auto& transitions = replay.session.transitions();
  CHECK(test::transitionPath(transitions) ==
        std::vector<std::string>{"Attract>Ordering", "Ordering>Checkout", "Checkout>Validating", "Validating>Paying",
                                 "Paying>Posting", "Posting>Tracking", "Tracking>Done", "Done>Attract"});
  CHECK(transitions[4].external_id == "K7-2");
  CHECK(transitions[4].at_ms == 40000);
  CHECK(transitions.back().event == "DoneTimeout");
  CHECK(replay.session.state().cart.empty());
}

TEST_CASE("Replay: the same order with a declined payment, paid on the second attempt") {
  auto menu = test::testIndex();
  Script script = opening(menu);
  append(script, {
      {12000, ev::GoToCheckout{}, Phase::Checkout},
      {14000, ev::ConfirmCheckout{}, Phase::Validating, {"Validate"}},  // #2
      {14400, ev::ValidateSucceeded{2, total(kComboWithLemonade)}, Phase::Paying, {"Pay"}},
      {40000, ev::PaymentDeclined{"51", "ОТКАЗ"}, Phase::Checkout},
      {40100, ev::Tick{}, Phase::Checkout},  // still validated: nothing to send
      {45000, ev::ConfirmCheckout{}, Phase::Validating, {"Validate"}},  // #3, a new external_id
      {45300, ev::ValidateSucceeded{3, total(kComboWithLemonade)}, Phase::Paying, {"Pay"}},
      {60000, ev::PaymentApproved{kCard, kComboWithLemonade}, Phase::Posting},
      {61000, ev::OrderPosted{{"{G-2}", "A043", OrderStatus::New}}, Phase::Tracking, {"TrackOrder"}},
      {70000, ev::OrderStatusChanged{"{G-2}", OrderStatus::Close}, Phase::Done},
      {90000, ev::Tick{}, Phase::Attract, {"StopTracking"}},
  });
  Replay replay;
  replay.run(script);
  auto pays = replay.all<cmd::Pay>();
  REQUIRE(pays.size() == 2);
  CHECK(pays[0].draft.external_id == "K7-2");
  CHECK(pays[1].draft.external_id == "K7-3");
  CHECK(replay.all<cmd::TrackOrder>().at(0).external_id == "K7-3");
  CHECK(test::transitionPath(replay.session.transitions()) ==
        std::vector<std::string>{"Attract>Ordering", "Ordering>Checkout", "Checkout>Validating", "Validating>Paying",
                                 "Paying>Checkout", "Checkout>Validating", "Validating>Paying", "Paying>Posting",
                                 "Posting>Tracking", "Tracking>Done", "Done>Attract"});
  CHECK(replay.session.transitions()[4].event == "PaymentDeclined");
}

TEST_CASE("Replay: the same opening, then the guest walks away") {
  auto menu = test::testIndex();
  Script script = opening(menu);
  append(script, {
      {30000, ev::Tick{}, Phase::Ordering},
      {54999, ev::Tick{}, Phase::Ordering},  // 45 s after the last touch (10 000) is 55 000
      {55000, ev::Tick{}, Phase::Ordering},  // "Are you still there?"
      {79999, ev::Tick{}, Phase::Ordering},
      {80000, ev::Tick{}, Phase::Attract},   // 25 s without an answer
  });
  Replay replay;
  replay.run(script);
  CHECK(replay.session.state().cart.empty());
  CHECK_FALSE(replay.session.state().idle_prompt);
  CHECK(replay.session.transitions().back().event == "IdleTimeout");
  CHECK(replay.session.transitions().back().external_id == "K7-1");
  CHECK(replay.all<cmd::Pay>().empty());
}

TEST_CASE("Replay: the same opening, then a menu update stops the lemonade in the cart") {
  auto menu = test::testIndex();
  auto no_lemonade = test::testIndexWith([](Menu& m) {
    m.version = "v2";
    test::findDish(m, "lemonade")->stock = {StockKind::Prohibited, 0};
  });
  Script script = opening(menu);
  append(script, {
      {11000, ev::MenuLoaded{no_lemonade, false}, Phase::Ordering},
      {12000, ev::GoToCheckout{}, Phase::Ordering},  // refused: the marked line must change
      {13000, ev::EditLine{1}, Phase::Ordering},
      {14000, ev::ChooseComboItem{"drink", "cola"}, Phase::Ordering},
      {15000, ev::AddToCart{}, Phase::Ordering},
      {16000, ev::Tick{}, Phase::Ordering, {"Validate"}},  // #2
      {16300, ev::ValidateSucceeded{2, total(kComboWithCola)}, Phase::Ordering},
      {17000, ev::GoToCheckout{}, Phase::Checkout},
      {18000, ev::ConfirmCheckout{}, Phase::Validating, {"Validate"}},  // #3
      {18300, ev::ValidateSucceeded{3, total(kComboWithCola)}, Phase::Paying, {"Pay"}},
      {30000, ev::PaymentApproved{kCard, kComboWithCola}, Phase::Posting},
      {31000, ev::OrderPosted{{"{G-3}", "A044", OrderStatus::New}}, Phase::Tracking, {"TrackOrder"}},
      {40000, ev::OrderStatusChanged{"{G-3}", OrderStatus::Close}, Phase::Done},
      {41000, ev::FinishOrder{}, Phase::Attract, {"StopTracking"}},
  });
  Replay replay;

  // Check the flagged state right after the update, before replaying the rest.
  Script until_update(script.begin(), script.begin() + static_cast<long>(opening(menu).size()) + 2);
  Script rest(script.begin() + static_cast<long>(until_update.size()), script.end());
  replay.run(until_update);
  const SessionState& s = replay.session.state();
  REQUIRE(s.cart.lines().size() == 1);
  CHECK(s.cart.lines()[0].issue == LineIssue::Unavailable);
  CHECK(s.message->key == msg::kCartFixLines);
  CHECK(s.view == OrderingView::Cart);
  CHECK_FALSE(replay.session.canPay());

  replay.run(rest);
  auto pays = replay.all<cmd::Pay>();
  REQUIRE(pays.size() == 1);
  CHECK(pays[0].amount == kComboWithCola);
  CHECK(pays[0].draft.lines.at(0).combo.at(2) == ComboPart{"drink", "cola", {}});
  CHECK(test::transitionPath(replay.session.transitions()).back() == "Done>Attract");
}
