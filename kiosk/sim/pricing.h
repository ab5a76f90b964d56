#pragma once
// What /validate does: checks an order against the menu by r_keeper's rules and prices it as the POS would,
// automatic discounts included. Creates nothing.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/sim/order_request.h"
#include "kiosk/sim/sim_menu.h"

namespace procart_sim {

// A broken rule. `rule` is one of: unknown_dish, unknown_modifier, unknown_combo_group, unknown_combo_item,
// below_min, above_max, modifier_count, combo_below_min, combo_above_max, prohibited, limited, bad_quantity,
// empty_order. `line` is the 0-based line index (-1 for the whole order); `component` names the combo group
// when the fault is in a combo component.
struct ValidationError {
  std::string rule;
  int line = -1;
  std::string component;
  std::string message;
};

struct PricedLine {
  int index = 0;
  int64_t unit_price = 0;  // dish + modifiers (+ combo deltas and component modifiers), kopecks
  int64_t sum = 0;         // unit_price × quantity
  int64_t discount = 0;    // automatic discounts on this line
};

struct AppliedDiscount {
  std::string id, name;
  int64_t amount = 0;
};

struct PricedOrder {
  std::vector<PricedLine> lines;
  std::vector<AppliedDiscount> discounts;     // automatic rules that applied, then the order's own discounts
  int64_t total = 0;                          // Σ sum − Σ discounts
  std::map<std::string, int64_t> dish_units;  // pieces of each dish the order takes from stock
};

// `stock_used`: pieces of each dish taken by the orders already created.
// Errors: a ValidationError; the order's own discounts exceeding the total are a ValidationError with rule
// "bad_request" (the caller answers 400).
kiosk::Expected<PricedOrder, ValidationError> priceOrder(const SimMenu& menu,
                                                         const std::map<std::string, int64_t>& stock_used,
                                                         const OrderRequest& order);

}  // namespace procart_sim
