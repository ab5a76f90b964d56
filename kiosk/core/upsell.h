#pragma once
// Data-driven suggestions made once per order: "make it a combo?" (a combo scheme holds a dish the cart has)
// and "add a drink?" (per-category rules from the config). Never blocking: the guest may ignore it.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/cart.h"
#include "kiosk/core/menu_index.h"

namespace kiosk {

// "When the cart has nothing from any of `unless_cart_has_category_ids`, suggest a dish from `suggest_category_id`."
// Example: unless the cart has a drink (category "drinks"), suggest the first orderable drink.
struct CategoryUpsellRule {
  std::string suggest_category_id;
  std::vector<std::string> unless_cart_has_category_ids;
  std::string message_key = "upsell.add_drink";  // i18n key of the prompt
};

struct UpsellSuggestion {
  enum class Kind { AddDish, MakeCombo };
  Kind kind = Kind::AddDish;
  std::string message_key;   // "upsell.add_drink", "upsell.make_combo"
  std::string dish_id;       // AddDish: the dish to add; MakeCombo: the combo dish
  uint64_t cart_line_id = 0;  // MakeCombo: the line that would become the combo
  std::string combo_group_id;  // MakeCombo: the group that holds the line's dish
};

// The best single suggestion for this cart, or nullopt. Combo suggestions come first; only orderable dishes.
std::optional<UpsellSuggestion> suggestUpsell(const Cart& cart, const MenuIndex& menu,
                                              const std::vector<CategoryUpsellRule>& rules);

}  // namespace kiosk
