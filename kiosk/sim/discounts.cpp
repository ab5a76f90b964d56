#include "kiosk/sim/discounts.h"

#include <algorithm>

namespace procart_sim {
namespace {

bool matches(const DiscountRule& rule, const DiscountLineInput& line) {
  bool any_filter = rule.combos || !rule.category_ids.empty() || !rule.dish_ids.empty();
  if (!any_filter) return true;
  return (rule.combos && line.is_combo) || rule.category_ids.count(line.category_id) > 0 ||
         rule.dish_ids.count(line.dish_id) > 0;
}

int64_t percentOf(int64_t kopecks, int percent) { return (kopecks * percent + 50) / 100; }

}  // namespace

DiscountResult applyDiscounts(const std::vector<DiscountRule>& rules, const std::vector<DiscountLineInput>& lines) {
  DiscountResult result;
  result.line_discounts.assign(lines.size(), 0);
  result.rule_amounts.assign(rules.size(), 0);
  std::vector<int64_t> raw(lines.size(), 0);

  for (size_t r = 0; r < rules.size(); ++r) {
    const DiscountRule& rule = rules[r];
    std::vector<int64_t> per_line(lines.size(), 0);
    if (rule.type == DiscountType::Percent) {
      for (size_t i = 0; i < lines.size(); ++i) {
        if (matches(rule, lines[i])) per_line[i] = percentOf(lines[i].unit_price * lines[i].quantity, rule.percent);
      }
    } else {
      // Every matching unit, cheapest first (ties keep line order): floor(units / nth) of them are discounted.
      struct Unit {
        int64_t price;
        size_t line;
      };
      std::vector<Unit> units;
      for (size_t i = 0; i < lines.size(); ++i) {
        if (!matches(rule, lines[i])) continue;
        for (int64_t q = 0; q < lines[i].quantity; ++q) units.push_back({lines[i].unit_price, i});
      }
      std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) { return a.price < b.price; });
      size_t discounted = units.size() / static_cast<size_t>(rule.nth);
      for (size_t u = 0; u < discounted; ++u) per_line[units[u].line] += percentOf(units[u].price, rule.percent);
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      // Cap so that the rules together never take a line below zero.
      int64_t sum = lines[i].unit_price * lines[i].quantity;
      int64_t room = std::max<int64_t>(0, sum - raw[i]);
      int64_t take = std::min(per_line[i], room);
      raw[i] += take;
      result.rule_amounts[r] += take;
    }
  }
  result.line_discounts = raw;
  return result;
}

}  // namespace procart_sim
