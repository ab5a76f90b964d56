// refuseBrokenParts(): the order of the steps, and the checks on dishes. Categories are in
// menu_checks_categories.cpp, schemes and combo choices in menu_checks_schemes.cpp.
#include "kiosk/core/menu_checks.h"

#include <algorithm>

#include "kiosk/core/menu_checks_steps.h"

namespace kiosk {
namespace menu_checks {
namespace {

IdSet idsOf(const auto& entries) {
  IdSet out;
  out.reserve(entries.size());
  for (const auto& entry : entries) out.insert(entry.id);
  return out;
}

// Why `dish` cannot be shown, or "" when it can. Only dishes kept so far count as `seen`.
std::string whyRefused(const Dish& dish, const std::unordered_set<std::string_view>& seen, const IdSet& categories,
                       const IdSet& modifier_schemes, const IdSet& unusable_modifier_schemes,
                       const IdSet& combo_schemes) {
  if (seen.count(dish.id)) return "is a duplicate";
  if (dish.category_id.empty()) return "has no category";
  if (!categories.count(dish.category_id)) return "names missing category " + dish.category_id;
  if (std::string why = badPrice(dish.price); !why.empty()) return why;
  if (const std::string& id = dish.modifier_scheme_id; !id.empty()) {
    if (!modifier_schemes.count(id)) {
      return combo_schemes.count(id) ? "names combo scheme " + id + " as its modifier scheme"
                                     : "names missing modifier scheme " + id;
    }
    if (unusable_modifier_schemes.count(id)) return "uses modifier scheme " + id + ", which cannot be satisfied";
  }
  if (const std::string& id = dish.combo_scheme_id; !id.empty() && !combo_schemes.count(id)) {
    return modifier_schemes.count(id) ? "names modifier scheme " + id + " as its combo scheme"
                                      : "names missing combo scheme " + id;
  }
  return {};
}

void checkDishes(Menu& menu, const IdSet& unusable_modifier_schemes, Lines& lines) {
  IdSet categories = idsOf(menu.categories);
  IdSet modifier_schemes = idsOf(menu.modifier_schemes);
  IdSet combo_schemes = idsOf(menu.combo_schemes);
  std::unordered_set<std::string_view> seen;
  seen.reserve(menu.dishes.size());
  std::vector<char> drop(menu.dishes.size(), 0);
  bool any = false;
  for (size_t i = 0; i < menu.dishes.size(); ++i) {
    const Dish& dish = menu.dishes[i];
    std::string why = dish.id.empty() ? "has no id"
                                      : whyRefused(dish, seen, categories, modifier_schemes,
                                                   unusable_modifier_schemes, combo_schemes);
    if (why.empty()) {
      seen.insert(dish.id);
      continue;
    }
    lines.push_back(dish.id.empty() ? "dish without id dropped" : "dish " + dish.id + " " + why + "; dropped");
    drop[i] = 1;
    any = true;
  }
  if (any) eraseFlagged(menu.dishes, drop);
}

// The least a guest could pay for one combo: its price plus, in each group, the `min` lowest deltas and any further
// negative ones up to `max`.
Money lowestComboPrice(const Dish& combo, const ComboScheme& scheme) {
  Money lowest = combo.price;
  std::vector<Money> deltas;
  for (const ComboGroup& group : scheme.groups) {
    deltas.clear();
    for (const ComboItem& item : group.items) deltas.push_back(item.price_delta);
    std::sort(deltas.begin(), deltas.end());
    for (size_t i = 0; i < deltas.size() && static_cast<int64_t>(i) < group.max; ++i) {
      if (static_cast<int64_t>(i) >= group.min && deltas[i] >= Money()) break;
      lowest += deltas[i];
    }
  }
  return lowest;
}

void checkCombos(Menu& menu, const IdSet& unusable_combo_schemes, Lines& lines) {
  std::unordered_map<std::string_view, const ComboScheme*> schemes;
  for (const ComboScheme& scheme : menu.combo_schemes) schemes.emplace(scheme.id, &scheme);
  std::vector<char> drop(menu.dishes.size(), 0);
  bool any = false;
  for (size_t i = 0; i < menu.dishes.size(); ++i) {
    const Dish& dish = menu.dishes[i];
    if (dish.combo_scheme_id.empty()) continue;
    if (unusable_combo_schemes.count(dish.combo_scheme_id)) {
      lines.push_back("combo dish " + dish.id + " uses combo scheme " + dish.combo_scheme_id +
                      ", which cannot be satisfied; dropped");
    } else if (Money lowest = lowestComboPrice(dish, *schemes.at(dish.combo_scheme_id)); lowest < Money()) {
      lines.push_back("combo dish " + dish.id + " could cost " + lowest.toDecimal() + " (price " +
                      dish.price.toDecimal() + " with the largest discounts of combo " + dish.combo_scheme_id +
                      "); dropped");
    } else {
      continue;
    }
    drop[i] = 1;
    any = true;
  }
  if (any) eraseFlagged(menu.dishes, drop);
}

// Schemes no dish can use any more (their dishes were refused with them) leave the menu too.
template <class Scheme>
void dropSchemes(std::vector<Scheme>& schemes, const IdSet& ids) {
  if (ids.empty()) return;
  schemes.erase(std::remove_if(schemes.begin(), schemes.end(), [&](const Scheme& s) { return ids.count(s.id) != 0; }),
                schemes.end());
}

}  // namespace
}  // namespace menu_checks

std::vector<std::string> refuseBrokenParts(Menu& menu) {
  using namespace menu_checks;
  Lines lines;
  checkCategories(menu.categories, lines);
  IdSet unusable_modifier_schemes = checkModifierSchemes(menu.modifier_schemes, lines);
  checkComboSchemes(menu.combo_schemes, lines);
  checkDishes(menu, unusable_modifier_schemes, lines);
  dropSchemes(menu.modifier_schemes, unusable_modifier_schemes);
  // Combo choices are checked against the dishes that survived; combos last, since they depend on their choices.
  // Combos dropped then are offered in no combo (a combo cannot hold a combo), so nothing else changes after them.
  if (menu.combo_schemes.empty()) return lines;  // a menu without combos need not hash its dishes once more
  std::unordered_map<std::string_view, const Dish*> dishes;
  dishes.reserve(menu.dishes.size());
  for (const Dish& dish : menu.dishes) dishes.emplace(dish.id, &dish);
  IdSet unusable_combo_schemes = checkComboChoices(menu.combo_schemes, dishes, lines);
  dishes.clear();  // checkCombos moves dishes
  checkCombos(menu, unusable_combo_schemes, lines);
  dropSchemes(menu.combo_schemes, unusable_combo_schemes);
  return lines;
}

}  // namespace kiosk
