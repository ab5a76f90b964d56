#include <catch2/catch.hpp>

#include "kiosk/core/dish_builder.h"
#include "kiosk/core/line_rules.h"
#include "test_menu.h"

using namespace kiosk;
using Kind = BuilderProblem::Kind;

namespace {

DishBuilder open(const std::string& dish_id, std::shared_ptr<const MenuIndex> menu = test::testIndex()) {
  auto builder = DishBuilder::forDish(std::move(menu), dish_id);
  REQUIRE(builder);
  return *builder;
}

// canAdd() must say exactly what the shared POS rules say about the line it would add.
void checkAgreesWithRules(const DishBuilder& builder, const MenuIndex& menu) {
  CHECK(builder.canAdd() == checkLine(menu, builder.toLine()).empty());
}

}  // namespace

TEST_CASE("DishBuilder refuses an unknown dish") {
  CHECK_FALSE(DishBuilder::forDish(test::testIndex(), "nope"));
  CHECK_FALSE(DishBuilder::forDish(nullptr, "burger"));
}

TEST_CASE("DishBuilder pre-selects a required group's only modifier and reports the groups still missing") {
  auto menu = test::testIndex();
  DishBuilder b = open("burger", menu);
  CHECK(b.modifierQuantity(kDishItself, "bun", "bun_wheat") == 1);
  GroupStatus sauce = b.groupStatus(kDishItself, "sauce");
  CHECK(sauce.required());
  CHECK(sauce.missing == 1);
  CHECK_FALSE(sauce.complete());
  auto problems = b.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == Kind::ModifiersBelowMin);
  CHECK(problems[0].component == kDishItself);
  CHECK(problems[0].group_id == "sauce");
  CHECK(problems[0].count == 1);
  CHECK_FALSE(b.canAdd());
  checkAgreesWithRules(b, *menu);

  REQUIRE(b.toggleModifier(kDishItself, "sauce", "ketchup"));
  CHECK(b.problems().empty());
  CHECK(b.canAdd());
  checkAgreesWithRules(b, *menu);
}

TEST_CASE("DishBuilder radio groups switch the choice and keep a required one") {
  DishBuilder b = open("burger");
  REQUIRE(b.toggleModifier(kDishItself, "sauce", "ketchup"));
  REQUIRE(b.toggleModifier(kDishItself, "sauce", "mayo"));
  CHECK(b.modifierQuantity(kDishItself, "sauce", "ketchup") == 0);
  CHECK(b.modifierQuantity(kDishItself, "sauce", "mayo") == 1);
  CHECK_FALSE(b.toggleModifier(kDishItself, "sauce", "mayo"));  // the last choice of a required radio group stays
  CHECK(b.modifierQuantity(kDishItself, "sauce", "mayo") == 1);
  CHECK_FALSE(b.toggleModifier(kDishItself, "sauce", "nope"));
  CHECK_FALSE(b.toggleModifier(kDishItself, "nope", "mayo"));
  CHECK_FALSE(b.toggleModifier("no-component", "sauce", "mayo"));
}

TEST_CASE("DishBuilder enforces a group's max and a modifier's max_count, and sums price deltas") {
  DishBuilder b = open("burger");
  b.toggleModifier(kDishItself, "sauce", "ketchup");
  REQUIRE(b.toggleModifier(kDishItself, "extras", "cheese"));
  REQUIRE(b.toggleModifier(kDishItself, "extras", "bacon"));
  CHECK(b.unitPrice() == Money::rubles(189 + 30 + 50));
  CHECK_FALSE(b.setModifierQuantity(kDishItself, "extras", "cheese", 3));  // max_count 2
  CHECK_FALSE(b.setModifierQuantity(kDishItself, "extras", "bacon", 2));   // max_count 1
  CHECK_FALSE(b.setModifierQuantity(kDishItself, "extras", "cheese", -1));
  REQUIRE(b.setModifierQuantity(kDishItself, "extras", "cheese", 2));
  GroupStatus extras = b.groupStatus(kDishItself, "extras");
  CHECK(extras.chosen == 3);
  CHECK(extras.atMax());
  CHECK(extras.complete());
  CHECK(b.unitPrice() == Money::rubles(189 + 60 + 50));
  CHECK_FALSE(b.setModifierQuantity(kDishItself, "extras", "cheese", 3));
  REQUIRE(b.toggleModifier(kDishItself, "extras", "bacon"));  // a checkbox unticks
  CHECK(b.groupStatus(kDishItself, "extras").chosen == 2);
  REQUIRE(b.toggleModifier(kDishItself, "extras", "bacon"));
  CHECK_FALSE(b.setModifierQuantity(kDishItself, "extras", "cheese", 3));

  REQUIRE(b.setQuantity(2));
  CHECK_FALSE(b.setQuantity(0));
  CHECK_FALSE(b.setQuantity(100));
  CHECK(b.quantity() == 2);
  CHECK(b.totalPrice() == Money::rubles(2 * (189 + 60 + 50)));

  OrderLine line = b.toLine();
  CHECK(line.dish_id == "burger");
  CHECK(line.quantity == 2);
  // Scheme order, not tap order.
  CHECK(line.modifiers == std::vector<OrderModifier>{{"bun_wheat", 1}, {"ketchup", 1}, {"cheese", 2}, {"bacon", 1}});
  CHECK(line.combo.empty());
}

TEST_CASE("DishBuilder for a checkbox group at its max refuses one more") {
  auto menu = test::testIndexWith([](Menu& m) { m.modifier_schemes[0].groups[2].max = 1; });
  DishBuilder b = open("burger", menu);
  REQUIRE(b.toggleModifier(kDishItself, "extras", "cheese"));  // max 1 → radio, optional
  REQUIRE(b.toggleModifier(kDishItself, "extras", "bacon"));
  CHECK(b.modifierQuantity(kDishItself, "extras", "cheese") == 0);
  REQUIRE(b.toggleModifier(kDishItself, "extras", "bacon"));  // optional radio can be emptied
  CHECK(b.groupStatus(kDishItself, "extras").chosen == 0);
}

TEST_CASE("DishBuilder pre-selects combo defaults with their own required modifiers") {
  auto menu = test::testIndex();
  DishBuilder b = open("combo", menu);
  REQUIRE(b.isCombo());
  CHECK(b.comboScheme()->id == "combo_cheese");
  CHECK(b.chosenDishes("main") == std::vector<std::string>{"burger"});
  CHECK(b.chosenDishes("side") == std::vector<std::string>{"fries"});
  CHECK(b.chosenDishes("drink") == std::vector<std::string>{"cola"});
  CHECK(b.modifierQuantity("main", "bun", "bun_wheat") == 1);  // component's single required choice
  CHECK(b.modifierScheme("main")->id == "burger_mods");
  CHECK(b.modifierScheme("side") == nullptr);
  CHECK(b.modifierScheme(kDishItself) == nullptr);
  auto problems = b.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == Kind::ModifiersBelowMin);
  CHECK(problems[0].component == "main");
  CHECK(problems[0].group_id == "sauce");
  CHECK(b.unitPrice() == Money::rubles(349));
  checkAgreesWithRules(b, *menu);
}

TEST_CASE("DishBuilder combo choices carry price deltas and their own modifiers") {
  auto menu = test::testIndex();
  DishBuilder b = open("combo", menu);
  REQUIRE(b.toggleModifier("main", "sauce", "mayo"));
  REQUIRE(b.toggleModifier("main", "extras", "cheese"));
  REQUIRE(b.chooseComboItem("side", "wedges"));
  CHECK(b.chosenDishes("side") == std::vector<std::string>{"wedges"});
  CHECK_FALSE(b.chooseComboItem("drink", "juice"));  // stop-listed
  CHECK_FALSE(b.chooseComboItem("drink", "tea"));    // not offered in the group
  CHECK_FALSE(b.chooseComboItem("nope", "cola"));
  REQUIRE(b.chooseComboItem("drink", "lemonade"));
  CHECK(b.unitPrice() == Money::rubles(349 + 30 + 20 + 30));
  auto problems = b.problems();
  REQUIRE(problems.size() == 1);  // the lemonade's ice
  CHECK(problems[0].component == "drink");
  CHECK(problems[0].group_id == "ice");
  REQUIRE(b.toggleModifier("drink", "ice", "ice_no"));
  CHECK(b.canAdd());
  checkAgreesWithRules(b, *menu);

  // Choosing the current choice again keeps its modifiers; another choice starts fresh.
  REQUIRE(b.chooseComboItem("drink", "lemonade"));
  CHECK(b.modifierQuantity("drink", "ice", "ice_no") == 1);
  REQUIRE(b.chooseComboItem("drink", "cola"));
  CHECK(b.modifierQuantity("drink", "ice", "ice_no") == 0);

  OrderLine line = b.toLine();
  REQUIRE(line.combo.size() == 3);
  CHECK(line.combo[0] == ComboPart{"main", "burger", {{"bun_wheat", 1}, {"mayo", 1}, {"cheese", 1}}});
  CHECK(line.combo[1] == ComboPart{"side", "wedges", {}});
  CHECK(line.combo[2] == ComboPart{"drink", "cola", {}});
}

TEST_CASE("DishBuilder multi-choice combo groups toggle and address components by index") {
  auto menu = test::testIndex();
  DishBuilder b = open("duo", menu);
  CHECK(b.chosenDishes("pick").empty());  // no default
  auto problems = b.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == Kind::ComboBelowMin);
  CHECK(problems[0].group_id == "pick");
  CHECK(problems[0].count == 2);
  REQUIRE(b.chooseComboItem("pick", "fries"));
  REQUIRE(b.chooseComboItem("pick", "burger"));
  CHECK_FALSE(b.chooseComboItem("pick", "wedges"));  // max 2
  CHECK(b.chosenDishes("pick") == std::vector<std::string>{"fries", "burger"});
  CHECK(comboComponent("pick", 1) == "pick#1");
  CHECK(comboComponent("pick") == "pick");
  CHECK(b.modifierScheme("pick") == nullptr);  // fries
  REQUIRE(b.modifierScheme("pick#1"));
  REQUIRE(b.toggleModifier("pick#1", "sauce", "ketchup"));
  CHECK(b.canAdd());
  checkAgreesWithRules(b, *menu);
  REQUIRE(b.chooseComboItem("pick", "fries"));  // toggles off
  CHECK(b.chosenDishes("pick") == std::vector<std::string>{"burger"});
  CHECK(b.modifierQuantity("pick", "sauce", "ketchup") == 1);  // the burger kept its sauce, now as choice 0
  CHECK_FALSE(b.canAdd());
}

TEST_CASE("DishBuilder reports stop-listed dishes and limited stock") {
  auto menu = test::testIndex();
  DishBuilder juice = open("juice", menu);
  REQUIRE(juice.problems().size() == 1);
  CHECK(juice.problems()[0].kind == Kind::Unavailable);
  CHECK(juice.problems()[0].dish_id == "juice");

  DishBuilder cola = open("cola", menu);
  CHECK(cola.canAdd());
  REQUIRE(cola.setQuantity(6));
  REQUIRE(cola.problems().size() == 1);
  CHECK(cola.problems()[0].kind == Kind::StockExceeded);
  CHECK(cola.problems()[0].count == 5);
  checkAgreesWithRules(cola, *menu);

  // A combo takes its components from stock too.
  DishBuilder combo = open("combo", menu);
  combo.toggleModifier("main", "sauce", "ketchup");
  REQUIRE(combo.setQuantity(6));
  auto problems = combo.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == Kind::StockExceeded);
  CHECK(problems[0].component == "drink");
  CHECK(problems[0].dish_id == "cola");
  checkAgreesWithRules(combo, *menu);

  auto sold_out = test::testIndexWith([](Menu& m) { test::findDish(m, "cola")->stock = {StockKind::Limited, 0}; });
  DishBuilder none_left = open("cola", sold_out);
  REQUIRE(none_left.problems().size() == 1);
  CHECK(none_left.problems()[0].kind == Kind::Unavailable);
  // And the combo no longer pre-selects the sold-out default (nor the only drink left, which costs extra).
  CHECK(open("combo", sold_out).chosenDishes("drink").empty());
  auto lemonade_free = test::testIndexWith([](Menu& m) {
    test::findDish(m, "cola")->stock = {StockKind::Limited, 0};
    m.combo_schemes[0].groups[2].items[2].price_delta = Money();
  });
  CHECK(open("combo", lemonade_free).chosenDishes("drink") == std::vector<std::string>{"lemonade"});
}

TEST_CASE("DishBuilder::fromLine restores a line and drops what the menu no longer has") {
  auto menu = test::testIndex();
  DishBuilder b = open("combo", menu);
  b.toggleModifier("main", "sauce", "mayo");
  b.setModifierQuantity("main", "extras", "cheese", 2);
  b.chooseComboItem("drink", "lemonade");
  b.toggleModifier("drink", "ice", "ice_yes");
  b.setQuantity(3);
  OrderLine line = b.toLine();
  auto restored = DishBuilder::fromLine(menu, line);
  REQUIRE(restored);
  CHECK(restored->toLine() == line);
  CHECK(restored->unitPrice() == b.unitPrice());

  OrderLine odd;
  odd.dish_id = "burger";
  odd.quantity = 250;
  odd.modifiers = {{"ghost", 1}, {"ketchup", 1}, {"mayo", 1}, {"cheese", 5}, {"bacon", 1}};
  auto cleaned = DishBuilder::fromLine(menu, odd);
  REQUIRE(cleaned);
  CHECK(cleaned->quantity() == 99);
  CHECK(cleaned->modifierQuantity(kDishItself, "sauce", "ketchup") == 1);
  CHECK(cleaned->modifierQuantity(kDishItself, "sauce", "mayo") == 0);   // a second radio choice is refused
  CHECK(cleaned->modifierQuantity(kDishItself, "extras", "cheese") == 0);  // 5 > max_count: refused
  CHECK(cleaned->modifierQuantity(kDishItself, "bun", "bun_wheat") == 1);  // re-selected for the guest
  CHECK(cleaned->canAdd());

  CHECK_FALSE(DishBuilder::fromLine(menu, OrderLine{"ghost", 1, "", {}, {}}));
}

TEST_CASE("DishBuilder::fromLine keeps a stop-listed combo choice so the guest sees what to change") {
  auto stopped = test::testIndexWith([](Menu& m) { test::findDish(m, "lemonade")->stock = {StockKind::Prohibited, 0}; });
  OrderLine line{"combo", 1, "", {},
                 {{"main", "burger", {{"bun_wheat", 1}, {"ketchup", 1}}},
                  {"side", "fries", {}},
                  {"drink", "lemonade", {{"ice_no", 1}}}}};
  auto b = DishBuilder::fromLine(stopped, line);
  REQUIRE(b);
  auto problems = b->problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == Kind::Unavailable);
  CHECK(problems[0].component == "drink");
  CHECK(problems[0].dish_id == "lemonade");
  CHECK_FALSE(b->canAdd());
  REQUIRE(b->chooseComboItem("drink", "cola"));
  CHECK(b->canAdd());
}

TEST_CASE("DishBuilder copies do not share changes") {
  DishBuilder a = open("burger");
  DishBuilder copy = a;
  REQUIRE(copy.toggleModifier(kDishItself, "sauce", "ketchup"));
  CHECK(copy.modifierQuantity(kDishItself, "sauce", "ketchup") == 1);
  CHECK(a.modifierQuantity(kDishItself, "sauce", "ketchup") == 0);
  REQUIRE(a.setQuantity(4));
  CHECK(copy.quantity() == 1);
}
