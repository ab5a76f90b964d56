// A sweep over every dish of the demo menu (assets/demo/menu.json, served by the emulator): the builder as it
// opens, the builder completed the way a guest would complete it, one required choice taken away again, and one
// piece more than a limited stock holds. canAdd() must agree with /validate on each, and on price when accepted.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "kiosk/core/dish_builder.h"
#include "kiosk/core/line_rules.h"
#include "menu_json.h"
#include "sim_fixture.h"

using namespace kiosk;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> components(const DishBuilder& b) {
  std::vector<std::string> out{kDishItself};
  if (const ComboScheme* scheme = b.comboScheme()) {
    for (const ComboGroup& group : scheme->groups) {
      size_t chosen = b.chosenDishes(group.id).size();
      for (size_t k = 0; k < chosen; ++k) out.push_back(comboComponent(group.id, static_cast<int>(k)));
    }
  }
  return out;
}

// What a guest does: fill each combo group up to its min with orderable dishes, then each required modifier group
// with the first modifiers, one at a time.
void completeLikeAGuest(DishBuilder& b, const MenuIndex& menu) {
  if (const ComboScheme* scheme = b.comboScheme()) {
    for (const ComboGroup& group : scheme->groups) {
      for (const ComboItem& item : group.items) {
        if (static_cast<int>(b.chosenDishes(group.id).size()) >= group.min) break;
        const Dish* dish = menu.dish(item.dish_id);
        auto chosen = b.chosenDishes(group.id);
        if (dish && dish->stock.orderable() && std::find(chosen.begin(), chosen.end(), item.dish_id) == chosen.end()) {
          b.chooseComboItem(group.id, item.dish_id);
        }
      }
    }
  }
  for (const std::string& component : components(b)) {
    const ModifierScheme* scheme = b.modifierScheme(component);
    if (!scheme) continue;
    for (const ModifierGroup& group : scheme->groups) {
      for (const Modifier& modifier : group.modifiers) {
        while (b.groupStatus(component, group.id).missing > 0) {
          int now = b.modifierQuantity(component, group.id, modifier.id);
          if (!b.setModifierQuantity(component, group.id, modifier.id, now + 1)) break;
        }
      }
    }
  }
}

// Takes away one modifier of the first required group that has one chosen; false when there is none.
bool dropOneRequiredChoice(DishBuilder& b) {
  for (const std::string& component : components(b)) {
    const ModifierScheme* scheme = b.modifierScheme(component);
    if (!scheme) continue;
    for (const ModifierGroup& group : scheme->groups) {
      if (group.min < 1) continue;
      for (const Modifier& modifier : group.modifiers) {
        int now = b.modifierQuantity(component, group.id, modifier.id);
        if (now > 0 && b.setModifierQuantity(component, group.id, modifier.id, now - 1)) return true;
      }
    }
  }
  return false;
}

}  // namespace

TEST_CASE("On every dish of the demo menu the builder agrees with the emulator's /validate") {
  const std::string path = std::string(KIOSK_ASSETS_DIR) + "/demo/menu.json";
  std::string text = readFile(path);
  REQUIRE_FALSE(text.empty());
  auto root = nlohmann::json::parse(text, nullptr, false);
  REQUIRE_FALSE(root.is_discarded());
  auto menu = MenuIndex::build(agreement::menuFromJson(root));
  INFO("menu problems: " << menu->problems().size());
  CHECK(menu->problems().empty());
  REQUIRE(menu->menu().dishes.size() >= 10);
  agreement::SimUnderTest sim(text);

  int compared = 0, accepted = 0;
  auto compare = [&](const std::string& what, const DishBuilder& b) {
    OrderLine line = b.toLine();
    agreement::Verdict verdict = sim.validate(line);
    INFO(what << " → emulator HTTP " << verdict.http_status << " " << verdict.raw);
    CHECK(verdict.accepted == b.canAdd());
    if (verdict.accepted && b.canAdd()) {
      CHECK(verdict.price == b.unitPrice());
      ++accepted;
    }
    if (!verdict.accepted && !b.canAdd()) {
      auto violations = checkLine(*menu, line);
      REQUIRE_FALSE(violations.empty());
      CHECK(lineRuleName(violations.front().rule) == verdict.rule);
    }
    ++compared;
  };

  for (const Dish& dish : menu->menu().dishes) {
    auto opened = DishBuilder::forDish(menu, dish.id);
    REQUIRE(opened);
    compare(dish.id + " as it opens", *opened);

    DishBuilder complete = *opened;
    completeLikeAGuest(complete, *menu);
    compare(dish.id + " completed", complete);
    if (dish.stock.orderable()) CHECK(complete.canAdd());

    DishBuilder missing = complete;
    if (dropOneRequiredChoice(missing)) compare(dish.id + " missing a required choice", missing);

    if (dish.stock.kind == StockKind::Limited && dish.stock.quantity > 0 && dish.stock.quantity < 99) {
      DishBuilder too_many = complete;
      REQUIRE(too_many.setQuantity(static_cast<int>(dish.stock.quantity) + 1));
      compare(dish.id + " one more than left", too_many);
      DishBuilder all_left = complete;
      REQUIRE(all_left.setQuantity(static_cast<int>(dish.stock.quantity)));
      compare(dish.id + " all that is left", all_left);
    }
  }
  WARN("demo menu sweep: " << compared << " lines compared, " << accepted << " accepted by both");
  CHECK(compared >= 2 * static_cast<int>(menu->menu().dishes.size()));
  CHECK(accepted >= static_cast<int>(menu->menu().dishes.size()) / 2);
}
