#pragma once
// The POS rules for one order line, checked locally against a MenuIndex. This is the single place that knows
// them: DishBuilder::canAdd(), Cart::recheck() and the agreement test with the emulator's /validate all use it,
// so the kiosk never offers "Add" for a line the POS would refuse.
#include <string>
#include <vector>

#include "kiosk/core/menu_index.h"
#include "kiosk/core/money.h"
#include "kiosk/core/order.h"

namespace kiosk {

// The most pieces one line (or one modifier) may have, as the emulator's profile of ProCart assumes.
inline constexpr int kMaxLineQuantity = 999;

enum class LineRule {
  BadQuantity,            // line or modifier quantity outside 1..kMaxLineQuantity
  UnknownDish,            // the dish is not on the menu
  UnknownModifier,        // a modifier the dish's (or component's) scheme does not have
  UnknownComboGroup,      // a combo part naming a group the combo scheme lacks (or a part on a dish that is no combo)
  UnknownComboItem,       // a combo part naming a dish its group does not offer
  ModifiersBelowMin,      // Σ quantities in a modifier group < min
  ModifiersAboveMax,      // Σ quantities in a modifier group > max
  ModifierAboveMaxCount,  // one modifier's quantity > its max_count
  ComboBelowMin,          // fewer dishes chosen in a combo group than its min
  ComboAboveMax,          // more dishes chosen in a combo group than its max
  Prohibited,             // the dish or a component is on the stop-list
  StockExceeded,          // limited stock: more pieces than are left
};

// "bad_quantity", "unknown_dish", …, "prohibited", "limited": the rule names of ServiceError::rule, as the emulator
// (kiosk/sim/pricing.h) reports them.
const char* lineRuleName(LineRule rule);

struct LineViolation {
  LineRule rule = LineRule::UnknownDish;
  int combo_part = -1;   // index into OrderLine::combo; -1 = the dish itself
  std::string group_id;  // the modifier group or combo group concerned
  std::string item_id;   // the modifier id or dish id concerned
  int count = 0;         // below min: how many are missing; above max: how many too many; stock: how many are left
};

// Every rule the line breaks, in a stable order (dish, its modifiers, combo parts, stock). Empty = the POS accepts it.
std::vector<LineViolation> checkLine(const MenuIndex& menu, const OrderLine& line);

// How many pieces of each dish the line takes from stock (the dish × quantity, and each combo component × quantity).
// Pairs of (dish id, pieces) in first-seen order.
std::vector<std::pair<std::string, long long>> stockUsage(const OrderLine& line);

// The local price estimate of one unit: dish price + modifiers + combo deltas + component modifiers. Parts the menu
// does not know add nothing. The POS's own price arrives with /validate.
Money estimateUnitPrice(const MenuIndex& menu, const OrderLine& line);

}  // namespace kiosk
