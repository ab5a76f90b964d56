// KioskSession in the Ordering phase: menu, dish builder, cart, upsell, debounced validation, menu updates.
#include <catch2/catch.hpp>

#include "kiosk/core/message_keys.h"
#include "session_harness.h"

using namespace kiosk;
using test::Harness;

TEST_CASE("Session starts an order only once a menu is there") {
  Harness h;
  CHECK(h.state().phase == Phase::Attract);
  h.send(ev::StartOrder{});
  CHECK(h.state().phase == Phase::Attract);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kMenuLoading);

  h.send(ev::MenuLoaded{h.menu, true});
  h.send(ev::StartOrder{});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().view == OrderingView::Menu);
  CHECK(h.state().category_id == "combos");  // first visible by sort
  CHECK_FALSE(h.state().message);
  CHECK(h.state().order_number == 1);
  REQUIRE(h.session.transitions().size() == 1);
  CHECK(h.session.transitions()[0].event == "StartOrder");
}

TEST_CASE("Session browses categories and builds a dish into the cart") {
  Harness h;
  h.startOrdering();
  h.send(ev::SelectCategory{"burgers"});
  CHECK(h.state().category_id == "burgers");
  h.send(ev::SelectCategory{"no-such"});
  CHECK(h.state().category_id == "burgers");

  h.send(ev::OpenDish{"burger"});
  CHECK(h.state().view == OrderingView::Dish);
  REQUIRE(h.state().builder);
  h.send(ev::AddToCart{});  // sauce still missing: nothing happens
  CHECK(h.state().cart.empty());
  CHECK(h.state().view == OrderingView::Dish);
  h.send(ev::ToggleModifier{kDishItself, "sauce", "mayo"});
  h.send(ev::SetModifierQuantity{kDishItself, "extras", "cheese", 2});
  h.send(ev::SetDishQuantity{2});
  h.send(ev::AddToCart{});
  REQUIRE(h.state().cart.lines().size() == 1);
  const CartLine& line = h.state().cart.lines()[0];
  CHECK(line.line.quantity == 2);
  CHECK(line.estimated_unit_price == Money::rubles(189 + 60));
  CHECK(h.state().cart.estimatedTotal() == Money::rubles(2 * 249));
  CHECK(h.state().view == OrderingView::Menu);
  CHECK_FALSE(h.state().builder);

  h.send(ev::OpenDish{"tea"});
  h.send(ev::CloseDish{});
  CHECK(h.state().view == OrderingView::Menu);
  CHECK(h.state().cart.lines().size() == 1);
  h.send(ev::OpenDish{"nope"});
  CHECK(h.state().view == OrderingView::Menu);
}

TEST_CASE("Session validates the cart once the guest stops changing it, and only the latest answer counts") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.send(ev::Tick{}, 300);
  CHECK(h.last.empty());  // still within the debounce
  uint64_t line = h.addSimple("tea");  // the change restarts it
  h.send(ev::Tick{}, 600);
  CHECK(h.last.empty());
  h.send(ev::Tick{}, 200);
  const cmd::Validate* validate = h.validateInLast();
  REQUIRE(validate);
  cmd::Validate first = *validate;
  CHECK(first.draft.lines.size() == 2);
  CHECK(first.draft.category_id == "cat-take-away");
  CHECK_FALSE(first.draft.external_id.empty());  // provisional id for background checks
  CHECK(h.state().validation.in_flight);
  h.send(ev::Tick{}, 1000);
  CHECK(h.last.empty());  // one request at a time

  h.send(ev::ChangeLineQuantity{line, +1});  // changed while the request was out
  h.send(ev::ValidateSucceeded{first.request_id, test::validatedFor(first.draft, *h.menu)});
  CHECK_FALSE(h.state().validated_fresh());  // the answer is for the older cart
  CHECK_FALSE(h.session.canPay());
  h.send(ev::ValidateSucceeded{first.request_id, test::validatedFor(first.draft, *h.menu)});  // duplicate: ignored
  REQUIRE(h.settleValidation());
  CHECK(h.state().validated_fresh());
  CHECK(h.session.canPay());
  CHECK(h.state().validation.result->total == Money::rubles(189 + 2 * 80));

  h.send(ev::Tick{}, 5000);
  CHECK(h.last.empty());  // fresh: nothing to do
  h.send(ev::RemoveLine{line});
  CHECK_FALSE(h.state().validated_fresh());
}

TEST_CASE("Session edits a cart line in the builder and replaces it in place") {
  Harness h;
  h.startOrdering();
  uint64_t burger = h.addBurger("ketchup");
  uint64_t tea = h.addSimple("tea");
  h.send(ev::OpenCart{});
  h.send(ev::DismissUpsell{});
  h.send(ev::EditLine{burger});
  CHECK(h.state().view == OrderingView::Dish);
  REQUIRE(h.state().editing_line == burger);
  CHECK(h.state().builder->modifierQuantity(kDishItself, "sauce", "ketchup") == 1);
  h.send(ev::ToggleModifier{kDishItself, "sauce", "mayo"});
  h.send(ev::AddToCart{});
  CHECK(h.state().view == OrderingView::Cart);
  REQUIRE(h.state().cart.lines().size() == 2);
  CHECK(h.state().cart.lines()[0].id == burger);
  CHECK(h.state().cart.lines()[0].line.modifiers == std::vector<OrderModifier>{{"bun_wheat", 1}, {"mayo", 1}});
  CHECK(h.state().cart.lines()[1].id == tea);

  h.send(ev::EditLine{tea});
  h.send(ev::CloseDish{});  // back to the cart, unchanged
  CHECK(h.state().view == OrderingView::Cart);
  CHECK_FALSE(h.state().editing_line);
  h.send(ev::EditLine{9999});
  CHECK(h.state().view == OrderingView::Cart);
}

TEST_CASE("Session changes quantities, refuses more than the stock holds, and clears the cart") {
  Harness h;
  h.startOrdering();
  uint64_t cola = h.addSimple("cola");
  h.send(ev::ChangeLineQuantity{cola, +4});
  CHECK(h.state().cart.find(cola)->line.quantity == 5);
  h.send(ev::ChangeLineQuantity{cola, +1});  // only 5 left
  CHECK(h.state().cart.find(cola)->line.quantity == 5);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kCartStockLimit);
  CHECK(h.state().message->line_index == 0);
  CHECK_FALSE(h.state().cart.hasIssues());

  h.addSimple("cola");  // a second line of the same dish is one too many together
  CHECK(h.state().cart.lines()[1].issue == LineIssue::StockShort);
  CHECK(h.state().message->line_index == 1);
  CHECK_FALSE(h.settleValidation());  // a flagged cart is not sent
  h.send(ev::ChangeLineQuantity{cola, -1});
  CHECK_FALSE(h.state().cart.hasIssues());

  h.send(ev::ClearCart{});
  CHECK(h.state().cart.empty());
  CHECK(h.state().phase == Phase::Ordering);
}

TEST_CASE("Session offers one upsell per order, when the cart first opens") {
  Harness h;
  h.startOrdering();
  h.send(ev::OpenCart{});  // empty cart: nothing to suggest, nothing used up
  CHECK_FALSE(h.state().upsell);
  CHECK_FALSE(h.state().upsell_offered);
  h.send(ev::BackToMenu{});
  h.addSimple("salad");
  h.send(ev::OpenCart{});
  REQUIRE(h.state().upsell);
  CHECK(h.state().upsell->kind == UpsellSuggestion::Kind::AddDish);
  CHECK(h.state().upsell->dish_id == "tea");
  h.send(ev::DismissUpsell{});
  CHECK_FALSE(h.state().upsell);
  h.send(ev::BackToMenu{});
  h.send(ev::OpenCart{});
  CHECK_FALSE(h.state().upsell);  // once per order
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Checkout);
}

TEST_CASE("Session offers the upsell at checkout when the cart was never opened, without blocking") {
  Harness h;
  h.startOrdering();
  h.addSimple("salad");
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().view == OrderingView::Cart);
  REQUIRE(h.state().upsell);
  h.send(ev::GoToCheckout{});  // going on is a "no thanks"
  CHECK(h.state().phase == Phase::Checkout);
  CHECK_FALSE(h.state().upsell);
}

TEST_CASE("Accepting 'add a drink' adds a dish with nothing to choose, or opens the builder") {
  Harness h;
  h.startOrdering();
  h.addSimple("salad");
  h.send(ev::OpenCart{});
  REQUIRE(h.state().upsell);
  h.send(ev::AcceptUpsell{});
  CHECK(h.state().view == OrderingView::Cart);
  REQUIRE(h.state().cart.lines().size() == 2);
  CHECK(h.state().cart.lines()[1].line.dish_id == "tea");

  // With tea gone, the suggestion is cola... make the first drink one with a required choice instead.
  auto lemonade_first = test::testIndexWith([](Menu& m) {
    test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0};
    test::findDish(m, "cola")->stock = {StockKind::Prohibited, 0};
  });
  Harness h2(test::testConfig(), lemonade_first);
  h2.startOrdering();
  h2.addSimple("salad");
  h2.send(ev::OpenCart{});
  REQUIRE(h2.state().upsell);
  CHECK(h2.state().upsell->dish_id == "lemonade");
  h2.send(ev::AcceptUpsell{});
  CHECK(h2.state().view == OrderingView::Dish);
  CHECK(h2.state().cart.lines().size() == 1);
  h2.send(ev::ToggleModifier{kDishItself, "ice", "ice_yes"});
  h2.send(ev::AddToCart{});
  CHECK(h2.state().cart.lines().size() == 2);
}

TEST_CASE("Accepting 'make it a combo' opens the combo with the line's dish and replaces that line") {
  Harness h;
  h.startOrdering();
  uint64_t salad = h.addSimple("salad");
  h.send(ev::OpenDish{"burger"});
  h.send(ev::ToggleModifier{kDishItself, "sauce", "mayo"});
  h.send(ev::ToggleModifier{kDishItself, "extras", "bacon"});
  h.send(ev::SetDishQuantity{2});
  h.send(ev::AddToCart{});
  uint64_t burger = h.state().cart.lines().back().id;
  h.send(ev::OpenCart{});
  REQUIRE(h.state().upsell);
  CHECK(h.state().upsell->kind == UpsellSuggestion::Kind::MakeCombo);
  CHECK(h.state().upsell->cart_line_id == burger);
  h.send(ev::AcceptUpsell{});
  REQUIRE(h.state().builder);
  const DishBuilder& b = *h.state().builder;
  CHECK(b.dish().id == "combo");
  CHECK(b.chosenDishes("main") == std::vector<std::string>{"burger"});
  CHECK(b.modifierQuantity("main", "sauce", "mayo") == 1);  // the guest's choices came along
  CHECK(b.modifierQuantity("main", "extras", "bacon") == 1);
  CHECK(b.quantity() == 2);
  CHECK(b.canAdd());
  h.send(ev::AddToCart{});
  CHECK(h.state().view == OrderingView::Cart);
  REQUIRE(h.state().cart.lines().size() == 2);
  CHECK(h.state().cart.lines()[0].id == salad);
  CHECK(h.state().cart.lines()[1].id == burger);
  CHECK(h.state().cart.lines()[1].line.dish_id == "combo");
  CHECK(h.state().cart.lines()[1].estimated_unit_price == Money::rubles(349 + 50));
}

TEST_CASE("A menu update flags cart lines it stopped and sends the guest back from checkout") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.addSimple("tea");
  h.send(ev::GoToCheckout{});
  h.send(ev::GoToCheckout{});
  REQUIRE(h.state().phase == Phase::Checkout);
  REQUIRE(h.validateInLast());  // the total to show at checkout
  cmd::Validate pending = *h.validateInLast();

  auto no_tea = test::testIndexWith([](Menu& m) {
    m.version = "v2";
    test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0};
  });
  h.send(ev::MenuLoaded{no_tea, false});
  CHECK(h.state().menu == no_tea);
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().view == OrderingView::Cart);
  REQUIRE(h.state().cart.lines().size() == 2);  // nothing silently removed
  CHECK(h.state().cart.lines()[1].issue == LineIssue::Unavailable);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kCartMenuChanged);
  h.send(ev::ValidateSucceeded{pending.request_id, test::validatedFor(pending.draft, *h.menu)});
  CHECK_FALSE(h.state().validated_fresh());  // validated before the update: not what would be charged
  CHECK_FALSE(h.session.canPay());
  h.send(ev::GoToCheckout{});
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.state().message->key == msg::kCartFixLines);

  h.send(ev::RemoveLine{h.state().cart.lines()[1].id});
  CHECK_FALSE(h.state().cart.hasIssues());
  REQUIRE(h.settleValidation());
  CHECK(h.session.canPay());
}

TEST_CASE("A menu update while browsing flags the line without taking the guest away from the dish") {
  Harness h;
  h.startOrdering();
  h.addSimple("tea");
  h.send(ev::OpenDish{"burger"});
  auto no_tea = test::testIndexWith([](Menu& m) { test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0}; });
  h.send(ev::MenuLoaded{no_tea, false});
  CHECK(h.state().view == OrderingView::Dish);
  CHECK(h.state().builder);
  CHECK(h.state().cart.lines()[0].issue == LineIssue::Unavailable);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kCartMenuChanged);
}

TEST_CASE("A menu update closes the builder of a dish that disappeared and keeps one that remains") {
  Harness h;
  h.startOrdering();
  h.send(ev::OpenDish{"burger"});
  h.send(ev::ToggleModifier{kDishItself, "sauce", "mayo"});
  auto cheaper = test::testIndexWith([](Menu& m) { test::findDish(m, "burger")->price = Money::rubles(150); });
  h.send(ev::MenuLoaded{cheaper, false});
  REQUIRE(h.state().builder);
  CHECK(h.state().builder->modifierQuantity(kDishItself, "sauce", "mayo") == 1);
  CHECK(h.state().builder->unitPrice() == Money::rubles(150));

  auto gone = test::testIndexWith([](Menu& m) { m.dishes.erase(m.dishes.begin() + 2); });  // burger
  REQUIRE(gone->dish("burger") == nullptr);
  h.send(ev::MenuLoaded{gone, false});
  CHECK_FALSE(h.state().builder);
  CHECK(h.state().view == OrderingView::Menu);
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kDishGone);
}

TEST_CASE("Language and accessibility switch at any moment without losing the cart") {
  Harness h;
  h.startOrdering();
  h.addBurger();
  h.send(ev::SetLanguage{Lang::En});
  h.send(ev::ToggleAccessibility{});
  CHECK(h.state().lang == Lang::En);
  CHECK(h.state().accessibility);
  CHECK(h.state().cart.lines().size() == 1);
  h.send(ev::CancelOrder{});
  CHECK(h.state().phase == Phase::Attract);
  CHECK(h.state().lang == Lang::Ru);  // the next guest starts in the default language
  CHECK_FALSE(h.state().accessibility);
  CHECK(h.state().cart.empty());
}
