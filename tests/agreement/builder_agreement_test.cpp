// Table-driven agreement between the kiosk's own rules (DishBuilder::canAdd(), checkLine()) and the emulator's
// /validate, on the core tests' menu served by a real emulator over loopback HTTP. Each case also states the
// expected verdict, so both sides are checked against the truth, not only against each other.
#include <catch2/catch.hpp>
#include <functional>
#include <variant>

#include "kiosk/core/dish_builder.h"
#include "kiosk/core/line_rules.h"
#include "menu_json.h"
#include "sim_fixture.h"
#include "test_menu.h"

using namespace kiosk;

namespace {

using Menu_ = std::shared_ptr<const MenuIndex>;
// A case is either a builder state (what a guest can reach with the UI) or a raw line (what only a broken or
// stale client could send: unknown ids, above a max the builder refuses).
using Subject = std::variant<DishBuilder, OrderLine>;

struct Case {
  std::string name;
  std::function<Subject(const Menu_&)> make;
  std::string expect_rule;  // "" = accepted
};

DishBuilder open(const Menu_& menu, const std::string& dish_id) {
  auto b = DishBuilder::forDish(menu, dish_id);
  REQUIRE(b);
  return *b;
}

DishBuilder burger(const Menu_& m, const std::string& sauce = "ketchup") {
  DishBuilder b = open(m, "burger");
  if (!sauce.empty()) REQUIRE(b.toggleModifier(kDishItself, "sauce", sauce));
  return b;
}

DishBuilder combo(const Menu_& m) {
  DishBuilder b = open(m, "combo");
  REQUIRE(b.toggleModifier("main", "sauce", "ketchup"));
  return b;
}

const std::vector<OrderModifier> kBun{{"bun_wheat", 1}};
OrderLine rawBurger(std::vector<OrderModifier> modifiers, int quantity = 1) {
  std::vector<OrderModifier> all = kBun;
  all.insert(all.end(), modifiers.begin(), modifiers.end());
  return OrderLine{"burger", quantity, "", all, {}};
}
OrderLine rawCombo(std::vector<ComboPart> extra_or_replaced, bool replace_drink = false) {
  OrderLine line{"combo", 1, "", {}, {{"main", "burger", {{"bun_wheat", 1}, {"ketchup", 1}}}, {"side", "fries", {}}}};
  if (!replace_drink) line.combo.push_back({"drink", "cola", {}});
  line.combo.insert(line.combo.end(), extra_or_replaced.begin(), extra_or_replaced.end());
  return line;
}

std::vector<Case> cases() {
  return {
      // ---- reachable with the builder ----
      {"burger without the required sauce", [](const Menu_& m) { return Subject(burger(m, "")); }, "below_min"},
      {"burger with ketchup", [](const Menu_& m) { return Subject(burger(m)); }, ""},
      {"burger with mayo, double cheese and bacon (group at max)",
       [](const Menu_& m) {
         DishBuilder b = burger(m, "mayo");
         REQUIRE(b.setModifierQuantity(kDishItself, "extras", "cheese", 2));
         REQUIRE(b.toggleModifier(kDishItself, "extras", "bacon"));
         return Subject(b);
       },
       ""},
      {"five burgers", [](const Menu_& m) { DishBuilder b = burger(m); b.setQuantity(5); return Subject(b); }, ""},
      {"tea, nothing to choose", [](const Menu_& m) { return Subject(open(m, "tea")); }, ""},
      {"five colas, all that is left", [](const Menu_& m) { DishBuilder b = open(m, "cola"); b.setQuantity(5); return Subject(b); }, ""},
      {"six colas, one more than left", [](const Menu_& m) { DishBuilder b = open(m, "cola"); b.setQuantity(6); return Subject(b); }, "limited"},
      {"juice on the stop-list", [](const Menu_& m) { return Subject(open(m, "juice")); }, "prohibited"},
      {"a stop-listed dish in a hidden category", [](const Menu_& m) { return Subject(open(m, "old")); }, "prohibited"},
      {"lemonade without the ice choice", [](const Menu_& m) { return Subject(open(m, "lemonade")); }, "below_min"},
      {"lemonade without ice",
       [](const Menu_& m) { DishBuilder b = open(m, "lemonade"); REQUIRE(b.toggleModifier(kDishItself, "ice", "ice_no")); return Subject(b); },
       ""},
      {"combo as it opens (burger sauce missing)", [](const Menu_& m) { return Subject(open(m, "combo")); }, "below_min"},
      {"combo with the burger's sauce", [](const Menu_& m) { return Subject(combo(m)); }, ""},
      {"combo with lemonade but no ice choice",
       [](const Menu_& m) { DishBuilder b = combo(m); REQUIRE(b.chooseComboItem("drink", "lemonade")); return Subject(b); },
       "below_min"},
      {"combo with wedges and lemonade with ice",
       [](const Menu_& m) {
         DishBuilder b = combo(m);
         REQUIRE(b.chooseComboItem("side", "wedges"));
         REQUIRE(b.chooseComboItem("drink", "lemonade"));
         REQUIRE(b.toggleModifier("drink", "ice", "ice_yes"));
         return Subject(b);
       },
       ""},
      {"combo with extras on its burger",
       [](const Menu_& m) {
         DishBuilder b = combo(m);
         REQUIRE(b.setModifierQuantity("main", "extras", "cheese", 2));
         REQUIRE(b.toggleModifier("main", "extras", "bacon"));
         return Subject(b);
       },
       ""},
      {"five combos: five colas", [](const Menu_& m) { DishBuilder b = combo(m); b.setQuantity(5); return Subject(b); }, ""},
      {"six combos: a sixth cola", [](const Menu_& m) { DishBuilder b = combo(m); b.setQuantity(6); return Subject(b); }, "limited"},
      {"six combos with lemonade instead",
       [](const Menu_& m) {
         DishBuilder b = combo(m);
         b.setQuantity(6);
         REQUIRE(b.chooseComboItem("drink", "lemonade"));
         REQUIRE(b.toggleModifier("drink", "ice", "ice_no"));
         return Subject(b);
       },
       ""},
      {"duo with nothing chosen", [](const Menu_& m) { return Subject(open(m, "duo")); }, "combo_below_min"},
      {"duo with one of two", [](const Menu_& m) { DishBuilder b = open(m, "duo"); REQUIRE(b.chooseComboItem("pick", "fries")); return Subject(b); }, "combo_below_min"},
      {"duo fries and wedges",
       [](const Menu_& m) {
         DishBuilder b = open(m, "duo");
         REQUIRE(b.chooseComboItem("pick", "fries"));
         REQUIRE(b.chooseComboItem("pick", "wedges"));
         return Subject(b);
       },
       ""},
      {"duo with a burger lacking its sauce",
       [](const Menu_& m) {
         DishBuilder b = open(m, "duo");
         REQUIRE(b.chooseComboItem("pick", "fries"));
         REQUIRE(b.chooseComboItem("pick", "burger"));
         return Subject(b);
       },
       "below_min"},
      {"duo with a sauced burger",
       [](const Menu_& m) {
         DishBuilder b = open(m, "duo");
         REQUIRE(b.chooseComboItem("pick", "burger"));
         REQUIRE(b.chooseComboItem("pick", "fries"));
         REQUIRE(b.toggleModifier("pick", "sauce", "mayo"));
         return Subject(b);
       },
       ""},
      {"99 salads", [](const Menu_& m) { DishBuilder b = open(m, "salad"); b.setQuantity(99); return Subject(b); }, ""},
      // ---- only a broken or stale client sends these ----
      {"unknown dish", [](const Menu_&) { return Subject(OrderLine{"ghost", 1, "", {}, {}}); }, "unknown_dish"},
      {"unknown modifier", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}, {"ghost_sauce", 1}})); }, "unknown_modifier"},
      {"a modifier of another dish", [](const Menu_&) { return Subject(OrderLine{"tea", 1, "", {{"ketchup", 1}}, {}}); }, "unknown_modifier"},
      {"two sauces in a radio group", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}, {"mayo", 1}})); }, "above_max"},
      {"a modifier with quantity 0",
       [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}, {"cheese", 2}, {"bacon", 1}, {"cheese", 0}})); }, "bad_quantity"},
      {"cheese three times (max_count 2)", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}, {"cheese", 3}})); }, "modifier_count"},
      {"cheese listed twice, two in all", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}, {"cheese", 1}, {"cheese", 1}})); }, ""},
      {"line quantity 0", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}}, 0)); }, "bad_quantity"},
      {"line quantity 1000", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}}, 1000)); }, "bad_quantity"},
      {"line quantity 999", [](const Menu_&) { return Subject(rawBurger({{"ketchup", 1}}, 999)); }, ""},
      {"combo with two drinks", [](const Menu_&) { return Subject(rawCombo({{"drink", "lemonade", {{"ice_no", 1}}}})); }, "combo_above_max"},
      {"combo without a drink", [](const Menu_&) { return Subject(rawCombo({}, true)); }, "combo_below_min"},
      {"combo with a drink the group does not offer", [](const Menu_&) { return Subject(rawCombo({{"drink", "tea", {}}}, true)); }, "unknown_combo_item"},
      {"combo with a group it does not have", [](const Menu_&) { return Subject(rawCombo({{"dessert", "cola", {}}})); }, "unknown_combo_group"},
      {"combo with a stop-listed juice", [](const Menu_&) { return Subject(rawCombo({{"drink", "juice", {}}}, true)); }, "prohibited"},
      {"combo burger with a lemonade's modifier",
       [](const Menu_&) {
         OrderLine line = rawCombo({});
         line.combo[0].modifiers.push_back({"ice_no", 1});
         return Subject(line);
       },
       "unknown_modifier"},
      {"combo parts on a dish that is no combo", [](const Menu_&) { return Subject(OrderLine{"tea", 1, "", {}, {{"main", "burger", {}}}}); }, "unknown_combo_group"},
  };
}

}  // namespace

TEST_CASE("DishBuilder::canAdd and the line rules agree with the emulator's /validate") {
  Menu_ menu = test::testIndex();
  REQUIRE(menu->problems().empty());
  agreement::SimUnderTest sim(agreement::menuToJson(test::testMenu()).dump());
  std::vector<Case> table = cases();
  REQUIRE(table.size() >= 30);
  int accepted = 0, refused = 0;
  for (const Case& c : table) {
    INFO("case: " << c.name);
    Subject subject = c.make(menu);
    OrderLine line;
    bool kiosk_accepts = false;
    std::vector<LineViolation> violations;
    if (const DishBuilder* builder = std::get_if<DishBuilder>(&subject)) {
      line = builder->toLine();
      kiosk_accepts = builder->canAdd();
      violations = checkLine(*menu, line);
      CHECK(kiosk_accepts == violations.empty());
    } else {
      line = std::get<OrderLine>(subject);
      violations = checkLine(*menu, line);
      kiosk_accepts = violations.empty();
    }
    agreement::Verdict verdict = sim.validate(line);
    INFO("emulator: HTTP " << verdict.http_status << " " << verdict.raw);
    CHECK(verdict.accepted == kiosk_accepts);  // the agreement
    CHECK(kiosk_accepts == c.expect_rule.empty());  // and both right
    if (verdict.accepted) {
      ++accepted;
      CHECK(verdict.http_status == 200);
      CHECK(verdict.price == estimateUnitPrice(*menu, line));  // same unit price before discounts
    } else {
      ++refused;
      CHECK(verdict.http_status == 422);
      CHECK(verdict.rule == c.expect_rule);
      CHECK(verdict.line == 0);
      // The emulator stops at the first broken rule; the kiosk lists them all, starting with the same one.
      REQUIRE_FALSE(violations.empty());
      CHECK(lineRuleName(violations.front().rule) == c.expect_rule);
    }
  }
  CHECK(accepted >= 10);
  CHECK(refused >= 15);
  CHECK(sim.validateRequests() == static_cast<int64_t>(table.size()));
  WARN("agreement cases: " << table.size() << " (" << accepted << " accepted, " << refused << " refused)");
}
