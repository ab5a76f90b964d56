// refuseBrokenParts() on menus built in C++ (no codec): what a careless POS config can send is refused piece by
// piece, the pieces that depend on a refused one follow with their own line, and what the guest can reach (dish
// builder, upsell, totals) never shows a refused piece. The wire-level cases are in tests/procart/careless_menu_test.
#include <algorithm>
#include <catch2/catch.hpp>

#include "kiosk/core/cart.h"
#include "kiosk/core/dish_builder.h"
#include "kiosk/core/menu_checks.h"
#include "kiosk/core/menu_index.h"
#include "kiosk/core/upsell.h"
#include "test_menu.h"

using namespace kiosk;

namespace {

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

Dish plainDish(std::string id, std::string category, int64_t kopecks) {
  Dish d;
  d.id = std::move(id);
  d.name = {d.id, d.id};
  d.category_id = std::move(category);
  d.price = Money::kopecks(kopecks);
  return d;
}

// The test menu with every kind of breakage this family knows, each on a piece of its own.
Menu carelessMenu() {
  Menu m = test::testMenu();
  m.dishes.push_back(plainDish("refund", "burgers", -500));
  m.dishes.push_back(plainDish("gold", "burgers", (kMaxMenuPrice + Money::kopecks(1)).kopecks()));
  Dish self = plainDish("self_combo", "combos", 30000);
  self.combo_scheme_id = "self_scheme";
  m.dishes.push_back(self);
  Dish wrong = plainDish("wrong_scheme", "burgers", 100);
  wrong.modifier_scheme_id = "duo";  // a combo scheme
  m.dishes.push_back(wrong);
  m.combo_schemes.push_back({"self_scheme", {"Сам", "Self"}, {{"main", {}, 1, 1, "", {{"self_combo", {}}}}}});
  // The burger's extras group gets a modifier nobody may take and one with a negative price.
  auto& extras = m.modifier_schemes[0].groups[2].modifiers;
  extras.push_back({"nothing", {"Ничего", "Nothing"}, {}, 0});
  extras.push_back({"discount", {"Скидка", "Discount"}, Money::rubles(-10), 1});
  m.categories.push_back({"loop1", {"Круг 1", "Loop 1"}, "loop2", 9, ""});
  m.categories.push_back({"loop2", {"Круг 2", "Loop 2"}, "loop1", 9, ""});
  m.dishes.push_back(plainDish("in_loop", "loop2", 100));
  return m;
}

}  // namespace

TEST_CASE("menu checks: a sound menu passes untouched") {
  Menu menu = test::testMenu();
  Menu original = menu;
  CHECK(refuseBrokenParts(menu).empty());
  CHECK(menu == original);
}

TEST_CASE("menu checks: each broken piece is refused with a line naming it; everything else is kept") {
  Menu menu = carelessMenu();
  auto lines = refuseBrokenParts(menu);
  INFO(joined(lines));
  CHECK(mentions(lines, "dish refund has a negative price -5.00; dropped"));
  CHECK(mentions(lines, "dish gold has a price of 1000000.01, above the limit of 1000000.00; dropped"));
  CHECK(mentions(lines, "combo self_scheme group main offers self_combo, which is itself a combo of this scheme"));
  CHECK(mentions(lines, "combo dish self_combo uses combo scheme self_scheme, which cannot be satisfied; dropped"));
  CHECK(mentions(lines, "dish wrong_scheme names combo scheme duo as its modifier scheme; dropped"));
  CHECK(mentions(lines, "modifier scheme burger_mods group extras modifier nothing has max_count 0; dropped"));
  CHECK(mentions(lines, "modifier scheme burger_mods group extras modifier discount has a negative price -10.00"));
  CHECK(mentions(lines, "category cycle loop1 -> loop2 -> loop1; loop1, loop2 made top-level"));
  CHECK(lines.size() == 9);

  // Everything of the test menu is still there, as it was.
  Menu sound = test::testMenu();
  for (const Dish& dish : sound.dishes) {
    INFO(dish.id);
    CHECK(std::find(menu.dishes.begin(), menu.dishes.end(), dish) != menu.dishes.end());
  }
  CHECK(menu.combo_schemes[0] == sound.combo_schemes[0]);
  CHECK(menu.modifier_schemes[0] == sound.modifier_schemes[0]);  // the two bad extras gone, the rest as it was
  CHECK(menu.categories.size() == sound.categories.size() + 2);
}

TEST_CASE("menu checks: what is left passes the checks again without a line") {
  Menu menu = carelessMenu();
  REQUIRE_FALSE(refuseBrokenParts(menu).empty());
  Menu checked = menu;
  CHECK(refuseBrokenParts(menu).empty());
  CHECK(menu == checked);
}

TEST_CASE("menu checks: a refusal carries on to what depends on it, each step with its own line") {
  Menu menu = test::testMenu();
  // The burger's sauce group now asks for more than it offers: the burger goes, so the cheeseburger combo's main
  // group has nothing left and the combo goes too; the duo keeps fries and wedges.
  menu.modifier_schemes[0].groups[1].min = 3;
  menu.modifier_schemes[0].groups[1].max = 3;
  auto lines = refuseBrokenParts(menu);
  INFO(joined(lines));
  CHECK(mentions(lines, "modifier scheme burger_mods group sauce asks for at least 3 but its modifiers allow 2 in all; "
                        "dishes with burger_mods dropped"));
  CHECK(mentions(lines, "dish burger uses modifier scheme burger_mods, which cannot be satisfied; dropped"));
  CHECK(mentions(lines, "combo combo_cheese group main offers missing dish burger; dropped"));
  CHECK(mentions(lines, "combo combo_cheese group main default burger is not offered; no default"));
  CHECK(mentions(lines, "combo combo_cheese group main asks for at least 1 but offers 0 dishes; combos of "
                        "combo_cheese dropped"));
  CHECK(mentions(lines, "combo dish combo uses combo scheme combo_cheese, which cannot be satisfied; dropped"));
  CHECK(mentions(lines, "combo duo group pick offers missing dish burger; dropped"));
  CHECK(lines.size() == 7);
  auto index = MenuIndex::build(std::move(menu));
  CHECK(index->dish("duo") != nullptr);
  CHECK(index->dish("fries") != nullptr);
  CHECK(index->dish("combo") == nullptr);
}

TEST_CASE("menu checks: the guest never meets a refused piece (builder, upsell, totals)") {
  auto index = MenuIndex::build(carelessMenu());
  INFO(joined(index->problems()));
  for (const char* refused : {"refund", "gold", "self_combo", "wrong_scheme"}) {
    INFO(refused);
    CHECK_FALSE(DishBuilder::forDish(index, refused));
    CHECK(index->search(refused).empty());
  }
  // The burger's extras offer only what may be ordered.
  auto burger = DishBuilder::forDish(index, "burger");
  REQUIRE(burger);
  CHECK_FALSE(burger->toggleModifier(kDishItself, "extras", "discount"));
  CHECK_FALSE(burger->toggleModifier(kDishItself, "extras", "nothing"));
  CHECK(burger->toggleModifier(kDishItself, "extras", "cheese"));
  CHECK(burger->unitPrice() == Money::rubles(189 + 30));

  // "Make it a combo?" for fries names a real combo, never a dish inside itself.
  Cart cart;
  auto fries = DishBuilder::forDish(index, "fries");
  REQUIRE(fries);
  cart.add(fries->toLine(), fries->unitPrice());
  auto suggestion = suggestUpsell(cart, *index, {});
  REQUIRE(suggestion);
  CHECK(suggestion->dish_id == "combo");
  // The category loop's dish is reachable from the top, in a category of its own.
  CHECK(index->dish("in_loop") != nullptr);
  CHECK(index->category("loop2")->parent_id.empty());
  CHECK(index->dishesIn("loop2").size() == 1);
}

TEST_CASE("menu checks: a combo can hold a discounted choice, but never cost less than nothing") {
  Menu menu = test::testMenu();
  // The duo (299 ₽, pick 2 of burger/fries/wedges) gets two big discounts: 299 − 200 − 150 < 0.
  menu.combo_schemes[1].groups[0].items[1].price_delta = Money::rubles(-200);
  menu.combo_schemes[1].groups[0].items[2].price_delta = Money::rubles(-150);
  // The cheeseburger combo (349 ₽) gets a small one: still above zero.
  menu.combo_schemes[0].groups[1].items[1].price_delta = Money::rubles(-20);
  auto lines = refuseBrokenParts(menu);
  INFO(joined(lines));
  CHECK(lines == std::vector<std::string>{"combo dish duo could cost -51.00 (price 299.00 with the largest discounts "
                                          "of combo duo); dropped"});
  CHECK(test::findDish(menu, "duo") == nullptr);
  CHECK(test::findDish(menu, "combo") != nullptr);
}

TEST_CASE("menu checks: group limits that are not counts refuse the scheme's dishes; optional ones go alone") {
  Menu menu = test::testMenu();
  menu.modifier_schemes[1].groups[0].min = -1;  // ice: required, now unreadable → the lemonade goes
  menu.modifier_schemes[0].groups[2].max = -1;  // extras: optional with a bad max → the group goes, the burger stays
  menu.combo_schemes[1].groups[0].max = 1;      // duo: pick 2, at most 1 → the duo goes
  auto lines = refuseBrokenParts(menu);
  INFO(joined(lines));
  CHECK(mentions(lines, "modifier scheme ice group ice has min -1, not a count; dishes with ice dropped"));
  CHECK(mentions(lines, "dish lemonade uses modifier scheme ice, which cannot be satisfied; dropped"));
  CHECK(mentions(lines, "modifier scheme burger_mods group extras has max -1, not a count; the group dropped"));
  CHECK(mentions(lines, "combo duo group pick asks for at least 2 but allows at most 1; combos of duo dropped"));
  CHECK(mentions(lines, "combo dish duo uses combo scheme duo, which cannot be satisfied; dropped"));
  CHECK(mentions(lines, "combo combo_cheese group drink offers missing dish lemonade; dropped"));
  CHECK(lines.size() == 6);
  CHECK(test::findDish(menu, "burger") != nullptr);
  CHECK(menu.modifier_schemes[0].groups.size() == 2);
  CHECK(test::findDish(menu, "combo") != nullptr);
}

TEST_CASE("menu checks: categories nested deeper than the screen shows are lifted, as often as needed") {
  Menu menu = test::testMenu();
  // A chain of 20 below "burgers": levels 9 and 18 are too deep (burgers is level 0).
  std::string parent = "burgers";
  for (int i = 1; i <= 20; ++i) {
    std::string id = "deep" + std::to_string(i);
    menu.categories.push_back({id, {id, id}, parent, 0, ""});
    menu.dishes.push_back(plainDish("in_" + id, id, 100));
    parent = id;
  }
  auto lines = refuseBrokenParts(menu);
  INFO(joined(lines));
  CHECK(lines == std::vector<std::string>{
                     "category deep9 sits 9 levels deep, more than the 8 the menu shows; made top-level",
                     "category deep18 sits 9 levels deep, more than the 8 the menu shows; made top-level"});
  auto index = MenuIndex::build(std::move(menu));
  for (const Category& category : index->menu().categories) {
    int depth = 0;
    for (const Category* at = &category; !at->parent_id.empty(); at = index->category(at->parent_id)) ++depth;
    INFO(category.id);
    CHECK(depth <= kMaxCategoryDepth);
  }
}
