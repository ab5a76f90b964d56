#include "kiosk/core/upsell.h"

#include <algorithm>

namespace kiosk {
namespace {

// True when `category_id` is `root` or lies beneath it (parents are acyclic once indexed).
bool inCategoryTree(const MenuIndex& menu, std::string category_id, const std::string& root) {
  while (!category_id.empty()) {
    if (category_id == root) return true;
    const Category* category = menu.category(category_id);
    if (!category) return false;
    category_id = category->parent_id;
  }
  return false;
}

std::optional<UpsellSuggestion> suggestCombo(const Cart& cart, const MenuIndex& menu) {
  for (const CartLine& cart_line : cart.lines()) {
    if (cart_line.issue != LineIssue::None || !cart_line.line.combo.empty()) continue;
    const Dish* dish = menu.dish(cart_line.line.dish_id);
    if (!dish || !dish->combo_scheme_id.empty()) continue;
    for (const Dish* combo : menu.combosContaining(dish->id)) {
      if (!combo->stock.orderable()) continue;
      const ComboScheme* scheme = menu.comboScheme(combo->combo_scheme_id);
      for (const ComboGroup& group : scheme->groups) {
        bool offered = std::any_of(group.items.begin(), group.items.end(),
                                   [&](const ComboItem& item) { return item.dish_id == dish->id; });
        if (!offered) continue;
        UpsellSuggestion suggestion;
        suggestion.kind = UpsellSuggestion::Kind::MakeCombo;
        suggestion.message_key = "upsell.make_combo";
        suggestion.dish_id = combo->id;
        suggestion.cart_line_id = cart_line.id;
        suggestion.combo_group_id = group.id;
        return suggestion;
      }
    }
  }
  return std::nullopt;
}

bool cartHasCategory(const Cart& cart, const MenuIndex& menu, const std::string& root) {
  for (const CartLine& cart_line : cart.lines()) {
    std::vector<std::string> dish_ids{cart_line.line.dish_id};
    for (const ComboPart& part : cart_line.line.combo) dish_ids.push_back(part.dish_id);  // a combo's drink counts
    for (const std::string& id : dish_ids) {
      const Dish* dish = menu.dish(id);
      if (dish && inCategoryTree(menu, dish->category_id, root)) return true;
    }
  }
  return false;
}

// The first orderable, non-combo dish of the category, then of its visible sub-categories in display order.
const Dish* firstOrderableIn(const MenuIndex& menu, const std::string& category_id, int depth = 0) {
  if (depth > 32) return nullptr;  // deeper trees are not worth walking for a suggestion
  for (const Dish* dish : menu.dishesIn(category_id)) {
    if (dish->stock.orderable() && dish->combo_scheme_id.empty()) return dish;
  }
  for (const Category* child : menu.visibleCategories(category_id)) {
    if (const Dish* dish = firstOrderableIn(menu, child->id, depth + 1)) return dish;
  }
  return nullptr;
}

}  // namespace

std::optional<UpsellSuggestion> suggestUpsell(const Cart& cart, const MenuIndex& menu,
                                              const std::vector<CategoryUpsellRule>& rules) {
  if (cart.empty()) return std::nullopt;
  if (auto combo = suggestCombo(cart, menu)) return combo;
  for (const CategoryUpsellRule& rule : rules) {
    if (rule.suggest_category_id.empty() || cartHasCategory(cart, menu, rule.suggest_category_id)) continue;
    bool has_excluded = std::any_of(rule.unless_cart_has_category_ids.begin(), rule.unless_cart_has_category_ids.end(),
                                    [&](const std::string& id) { return cartHasCategory(cart, menu, id); });
    if (has_excluded) continue;
    if (const Dish* dish = firstOrderableIn(menu, rule.suggest_category_id)) {
      UpsellSuggestion suggestion;
      suggestion.kind = UpsellSuggestion::Kind::AddDish;
      suggestion.message_key = rule.message_key;
      suggestion.dish_id = dish->id;
      return suggestion;
    }
  }
  return std::nullopt;
}

}  // namespace kiosk
