#pragma once
// Automatic discounts, configured in the emulator's menu file ("discounts": [...]); r_keeper applies such
// discounts by itself, so they show up in /validate and /postorder without the client asking.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace procart_sim {

enum class DiscountType {
  Percent,   // `percent` off every matching line
  EveryNth,  // of all matching units in the order, every `nth` one is `percent` off; the cheapest units get it
};

struct DiscountRule {
  std::string id;
  std::string name;
  std::string name_en;
  DiscountType type = DiscountType::Percent;
  int percent = 0;  // 1..100
  int nth = 2;      // EveryNth only, >= 2
  // Which lines the rule applies to. All empty/false = every line.
  bool combos = false;  // lines whose dish is a combo
  std::set<std::string> category_ids;
  std::set<std::string> dish_ids;
};

// One order line as the discount rules see it.
struct DiscountLineInput {
  std::string dish_id;
  std::string category_id;
  bool is_combo = false;
  int64_t unit_price = 0;  // kopecks
  int64_t quantity = 0;
};

struct DiscountResult {
  std::vector<int64_t> line_discounts;  // per input line, kopecks, never above the line's sum
  std::vector<int64_t> rule_amounts;    // per rule, kopecks (0 when it did not apply)
};

// Applies every rule to the lines. Percentages are rounded half up to the kopeck, per line (Percent) or per unit
// (EveryNth). A line's total discount is capped at its sum.
DiscountResult applyDiscounts(const std::vector<DiscountRule>& rules, const std::vector<DiscountLineInput>& lines);

}  // namespace procart_sim
