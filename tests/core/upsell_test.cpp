#include <catch2/catch.hpp>

#include "kiosk/core/upsell.h"
#include "test_menu.h"

using namespace kiosk;

namespace {

const std::vector<CategoryUpsellRule> kDrinkRule = {{"drinks", {"drinks"}, "upsell.add_drink"}};

OrderLine line(const std::string& dish_id) { return OrderLine{dish_id, 1, "", {}, {}}; }

}  // namespace

TEST_CASE("Upsell suggests a combo holding a dish in the cart first") {
  auto menu = test::testIndex();
  Cart cart;
  cart.add(line("salad"), Money::rubles(150));
  uint64_t fries = cart.add(line("fries"), Money::rubles(99));
  auto s = suggestUpsell(cart, *menu, kDrinkRule);
  REQUIRE(s);
  CHECK(s->kind == UpsellSuggestion::Kind::MakeCombo);
  CHECK(s->message_key == "upsell.make_combo");
  CHECK(s->dish_id == "combo");
  CHECK(s->cart_line_id == fries);
  CHECK(s->combo_group_id == "side");
}

TEST_CASE("Upsell suggests a drink from the rule when the cart has none") {
  auto menu = test::testIndex();
  Cart cart;
  cart.add(line("salad"), Money::rubles(150));
  auto s = suggestUpsell(cart, *menu, kDrinkRule);
  REQUIRE(s);
  CHECK(s->kind == UpsellSuggestion::Kind::AddDish);
  CHECK(s->message_key == "upsell.add_drink");
  CHECK(s->dish_id == "tea");  // first orderable in "drinks", before its sub-categories

  auto no_tea = test::testIndexWith([](Menu& m) { test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0}; });
  s = suggestUpsell(cart, *no_tea, kDrinkRule);
  REQUIRE(s);
  CHECK(s->dish_id == "cola");  // from "cold", a child of "drinks"

  CHECK_FALSE(suggestUpsell(cart, *menu, {}));
}

TEST_CASE("Upsell stays quiet when the cart already has what it would suggest") {
  auto menu = test::testIndex();
  Cart with_tea;
  with_tea.add(line("salad"), Money::rubles(150));
  with_tea.add(line("tea"), Money::rubles(80));
  CHECK_FALSE(suggestUpsell(with_tea, *menu, kDrinkRule));

  auto no_combos = test::testIndexWith([](Menu& m) {
    test::findDish(m, "combo")->stock = {StockKind::Prohibited, 0};
    test::findDish(m, "duo")->stock = {StockKind::Prohibited, 0};
  });
  Cart with_cola;
  with_cola.add(line("salad"), Money::rubles(150));
  with_cola.add(line("cola"), Money::rubles(120));  // "cold" lies beneath "drinks"
  CHECK_FALSE(suggestUpsell(with_cola, *no_combos, kDrinkRule));
  auto combo_first = suggestUpsell(with_cola, *menu, kDrinkRule);  // with combos on: "make it a combo" instead
  REQUIRE(combo_first);
  CHECK(combo_first->kind == UpsellSuggestion::Kind::MakeCombo);

  Cart with_combo;  // a combo line is not offered "make it a combo", and its drink counts as a drink
  with_combo.add(OrderLine{"combo", 1, "", {}, {{"main", "burger", {}}, {"side", "fries", {}}, {"drink", "cola", {}}}},
                 Money::rubles(349));
  CHECK_FALSE(suggestUpsell(with_combo, *menu, kDrinkRule));

  CHECK_FALSE(suggestUpsell(Cart{}, *menu, kDrinkRule));

  CategoryUpsellRule unless_salad{"drinks", {"salads"}, "upsell.add_drink"};
  Cart salad_only;
  salad_only.add(line("salad"), Money::rubles(150));
  CHECK_FALSE(suggestUpsell(salad_only, *menu, {unless_salad}));
}

TEST_CASE("Upsell never suggests what cannot be ordered") {
  auto menu = test::testIndexWith([](Menu& m) {
    test::findDish(m, "combo")->stock = {StockKind::Prohibited, 0};
    test::findDish(m, "duo")->stock = {StockKind::Limited, 0};
  });
  Cart cart;
  cart.add(line("burger"), Money::rubles(189));
  auto s = suggestUpsell(cart, *menu, kDrinkRule);
  REQUIRE(s);
  CHECK(s->kind == UpsellSuggestion::Kind::AddDish);

  Cart flagged;
  uint64_t id = flagged.add(line("fries"), Money::rubles(99));
  flagged.flag(id, LineIssue::Unavailable);
  auto t = suggestUpsell(flagged, *test::testIndex(), {});
  CHECK_FALSE(t);  // a flagged line is not turned into a combo
}
