#include <catch2/catch.hpp>

#include "kiosk/core/line_rules.h"
#include "test_menu.h"

using namespace kiosk;

namespace {

std::vector<LineRule> rules(const OrderLine& line) {
  std::vector<LineRule> out;
  for (const LineViolation& v : checkLine(*test::testIndex(), line)) out.push_back(v.rule);
  return out;
}

OrderLine burger(std::vector<OrderModifier> modifiers, int quantity = 1) {
  return OrderLine{"burger", quantity, "", std::move(modifiers), {}};
}

OrderLine combo(std::vector<ComboPart> parts, int quantity = 1) {
  return OrderLine{"combo", quantity, "", {}, std::move(parts)};
}

const std::vector<OrderModifier> kBurgerOk = {{"bun_wheat", 1}, {"ketchup", 1}};

}  // namespace

TEST_CASE("checkLine accepts a complete line and names every broken POS rule") {
  using R = LineRule;
  CHECK(rules(burger(kBurgerOk)).empty());
  CHECK(rules(OrderLine{"ghost", 1, "", {}, {}}) == std::vector<R>{R::UnknownDish});
  CHECK(rules(burger(kBurgerOk, 0)) == std::vector<R>{R::BadQuantity});
  CHECK(rules(burger(kBurgerOk, 1000)) == std::vector<R>{R::BadQuantity});
  CHECK(rules(burger(kBurgerOk, 999)).empty());
  CHECK(rules(burger({{"bun_wheat", 1}})) == std::vector<R>{R::ModifiersBelowMin});
  CHECK(rules(burger({{"bun_wheat", 1}, {"ketchup", 1}, {"mayo", 1}})) == std::vector<R>{R::ModifiersAboveMax});
  CHECK(rules(burger({{"bun_wheat", 1}, {"ketchup", 1}, {"cheese", 3}})) == std::vector<R>{R::ModifierAboveMaxCount});
  CHECK(rules(burger({{"bun_wheat", 1}, {"ketchup", 1}, {"cheese", 3}, {"bacon", 1}})) ==
        std::vector<R>{R::ModifierAboveMaxCount, R::ModifiersAboveMax});
  CHECK(rules(burger({{"bun_wheat", 1}, {"ketchup", 1}, {"cheese", 1}, {"cheese", 1}})).empty());  // 2 ≤ max_count
  CHECK(rules(burger({{"bun_wheat", 1}, {"ketchup", 1}, {"ice_no", 1}})) == std::vector<R>{R::UnknownModifier});
  CHECK(rules(burger({{"bun_wheat", 1}, {"ketchup", 0}})) == std::vector<R>{R::BadQuantity, R::ModifiersBelowMin});
  CHECK(rules(OrderLine{"tea", 1, "", {{"ketchup", 1}}, {}}) == std::vector<R>{R::UnknownModifier});
  CHECK(rules(OrderLine{"juice", 1, "", {}, {}}) == std::vector<R>{R::Prohibited});
  CHECK(rules(OrderLine{"cola", 5, "", {}, {}}).empty());
  CHECK(rules(OrderLine{"cola", 6, "", {}, {}}) == std::vector<R>{R::StockExceeded});
  CHECK(rules(OrderLine{"tea", 1, "", {}, {{"main", "burger", {}}}}) == std::vector<R>{R::UnknownComboGroup});
}

TEST_CASE("checkLine applies combo group limits, component stock and component modifiers") {
  using R = LineRule;
  ComboPart main{"main", "burger", kBurgerOk};
  ComboPart side{"side", "fries", {}};
  ComboPart drink{"drink", "cola", {}};
  CHECK(rules(combo({main, side, drink})).empty());
  CHECK(rules(combo({main, side})) == std::vector<R>{R::ComboBelowMin});
  CHECK(rules(combo({main, side, drink, {"drink", "lemonade", {{"ice_no", 1}}}})) == std::vector<R>{R::ComboAboveMax});
  CHECK(rules(combo({main, side, {"drink", "tea", {}}})) == std::vector<R>{R::UnknownComboItem, R::ComboBelowMin});
  CHECK(rules(combo({main, side, {"dessert", "cola", {}}})) == std::vector<R>{R::UnknownComboGroup, R::ComboBelowMin});
  CHECK(rules(combo({main, side, {"drink", "juice", {}}})) == std::vector<R>{R::Prohibited});
  CHECK(rules(combo({{"main", "burger", {{"bun_wheat", 1}}}, side, drink})) == std::vector<R>{R::ModifiersBelowMin});
  CHECK(rules(combo({main, side, {"drink", "lemonade", {}}})) == std::vector<R>{R::ModifiersBelowMin});
  CHECK(rules(combo({main, side, drink}, 6)) == std::vector<R>{R::StockExceeded});

  auto violations = checkLine(*test::testIndex(), combo({main, side, {"drink", "lemonade", {}}}));
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].combo_part == 2);
  CHECK(violations[0].group_id == "ice");
  CHECK(violations[0].count == 1);
  CHECK(std::string(lineRuleName(LineRule::StockExceeded)) == "limited");
  CHECK(std::string(lineRuleName(LineRule::ModifiersBelowMin)) == "below_min");
  CHECK(std::string(lineRuleName(LineRule::ModifierAboveMaxCount)) == "modifier_count");
}

TEST_CASE("estimateUnitPrice adds modifiers, deltas and component modifiers, and nothing for unknown parts") {
  auto menu = test::testIndex();
  CHECK(estimateUnitPrice(*menu, burger({{"bun_wheat", 1}, {"ketchup", 1}, {"cheese", 2}, {"ghost", 9}})) ==
        Money::rubles(189 + 60));
  CHECK(estimateUnitPrice(*menu, combo({{"main", "burger", {{"bacon", 1}}},
                                        {"side", "wedges", {}},
                                        {"drink", "lemonade", {}}})) == Money::rubles(349 + 50 + 20 + 30));
  CHECK(estimateUnitPrice(*menu, OrderLine{"ghost", 1, "", {}, {}}) == Money());
  auto usage = stockUsage(combo({{"main", "burger", {}}, {"side", "fries", {}}, {"drink", "cola", {}}}, 2));
  CHECK(usage == std::vector<std::pair<std::string, long long>>{{"combo", 2}, {"burger", 2}, {"fries", 2}, {"cola", 2}});
}
