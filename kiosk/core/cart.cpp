#include "kiosk/core/cart.h"

#include <algorithm>
#include <map>

#include "kiosk/core/line_rules.h"

namespace kiosk {
namespace {

constexpr int kMaxGuestQuantity = 99;  // per kiosk line; the POS itself accepts more (kMaxLineQuantity)

// The single most useful thing to tell the guest about a line, from the rules it breaks.
LineIssue issueFor(const std::vector<LineViolation>& violations) {
  LineIssue issue = LineIssue::None;
  auto rank = [](LineIssue i) {
    switch (i) {
      case LineIssue::DishRemoved: return 4;
      case LineIssue::Unavailable: return 3;
      case LineIssue::ChoiceRemoved: return 2;
      case LineIssue::StockShort: return 1;
      case LineIssue::None: return 0;
    }
    return 0;
  };
  for (const LineViolation& v : violations) {
    LineIssue candidate = LineIssue::ChoiceRemoved;
    if (v.rule == LineRule::UnknownDish) candidate = LineIssue::DishRemoved;
    if (v.rule == LineRule::Prohibited) candidate = LineIssue::Unavailable;
    if (v.rule == LineRule::StockExceeded) candidate = v.count == 0 ? LineIssue::Unavailable : LineIssue::StockShort;
    if (rank(candidate) > rank(issue)) issue = candidate;
  }
  return issue;
}

}  // namespace

uint64_t Cart::add(OrderLine line, Money estimated_unit_price) {
  line.quantity = std::clamp(line.quantity, 1, kMaxGuestQuantity);
  uint64_t id = next_id_++;
  lines_.push_back({id, std::move(line), estimated_unit_price, LineIssue::None, false});
  ++revision_;
  return id;
}

bool Cart::replace(uint64_t line_id, OrderLine line, Money estimated_unit_price) {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const CartLine& l) { return l.id == line_id; });
  if (it == lines_.end()) return false;
  line.quantity = std::clamp(line.quantity, 1, kMaxGuestQuantity);
  it->line = std::move(line);
  it->estimated_unit_price = estimated_unit_price;
  it->issue = LineIssue::None;
  it->issue_from_pos = false;
  ++revision_;
  return true;
}

bool Cart::changeQuantity(uint64_t line_id, int delta) {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const CartLine& l) { return l.id == line_id; });
  if (it == lines_.end()) return false;
  int quantity = std::clamp(it->line.quantity + delta, 1, kMaxGuestQuantity);
  if (quantity == it->line.quantity) return false;
  it->line.quantity = quantity;
  it->issue = LineIssue::None;
  it->issue_from_pos = false;
  ++revision_;
  return true;
}

bool Cart::remove(uint64_t line_id) {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const CartLine& l) { return l.id == line_id; });
  if (it == lines_.end()) return false;
  lines_.erase(it);
  ++revision_;
  return true;
}

void Cart::clear() {
  if (lines_.empty()) return;
  lines_.clear();
  ++revision_;
}

const CartLine* Cart::find(uint64_t line_id) const {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const CartLine& l) { return l.id == line_id; });
  return it == lines_.end() ? nullptr : &*it;
}

int Cart::itemCount() const {
  int count = 0;
  for (const CartLine& line : lines_) count += line.line.quantity;
  return count;
}

Money Cart::estimatedTotal() const {
  Money total;
  for (const CartLine& line : lines_) total += line.estimated_unit_price * line.line.quantity;
  return total;
}

bool Cart::recheck(const MenuIndex& menu) {
  bool flags_changed = false;
  bool prices_changed = false;
  // Limited stock is shared by the whole order: a line is short once the lines before it and itself need more
  // pieces than are left.
  std::map<std::string, long long> used_so_far;
  for (CartLine& cart_line : lines_) {
    std::vector<LineViolation> violations = checkLine(menu, cart_line.line);
    for (const auto& [dish_id, pieces] : stockUsage(cart_line.line)) {
      long long& used = used_so_far[dish_id];
      used += pieces;
      const Dish* dish = menu.dish(dish_id);
      if (dish && dish->stock.kind == StockKind::Limited && used > *dish->stock.available() &&
          pieces <= *dish->stock.available()) {  // (a line short on its own was reported by checkLine already)
        violations.push_back({LineRule::StockExceeded, -1, {}, dish_id, static_cast<int>(*dish->stock.available())});
      }
    }
    if (menu.dish(cart_line.line.dish_id)) {
      Money price = estimateUnitPrice(menu, cart_line.line);
      if (price != cart_line.estimated_unit_price) {
        cart_line.estimated_unit_price = price;
        prices_changed = true;
      }
    }
    LineIssue issue = issueFor(violations);
    if (issue == LineIssue::None && cart_line.issue_from_pos) continue;  // the POS knows something we do not
    cart_line.issue_from_pos = false;
    if (issue != cart_line.issue) {
      cart_line.issue = issue;
      flags_changed = true;
    }
  }
  // Whatever the POS validated was computed for the old content or prices: make it stale.
  if (flags_changed || prices_changed) ++revision_;
  return flags_changed;
}

bool Cart::hasIssues() const {
  return std::any_of(lines_.begin(), lines_.end(), [](const CartLine& l) { return l.issue != LineIssue::None; });
}

bool Cart::flag(uint64_t line_id, LineIssue issue) {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const CartLine& l) { return l.id == line_id; });
  if (it == lines_.end() || (it->issue == issue && it->issue_from_pos)) return false;
  it->issue = issue;
  it->issue_from_pos = issue != LineIssue::None;
  ++revision_;
  return true;
}

std::vector<OrderLine> Cart::orderLines() const {
  std::vector<OrderLine> out;
  out.reserve(lines_.size());
  for (const CartLine& line : lines_) out.push_back(line.line);
  return out;
}

}  // namespace kiosk
