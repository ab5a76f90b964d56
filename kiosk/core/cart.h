#pragma once
// The guest's cart: lines with stable ids, local estimated totals, and the totals the POS validated.
// Every change bumps revision(); a validated total counts only while its revision equals the cart's.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/menu_index.h"
#include "kiosk/core/order.h"

namespace kiosk {

// Why a line can no longer be ordered after a menu update; the line stays until the guest acts.
enum class LineIssue { None, DishRemoved, Unavailable, StockShort, ChoiceRemoved };

struct CartLine {
  uint64_t id = 0;  // stable for the life of the cart
  OrderLine line;
  Money estimated_unit_price;  // from the local menu; the POS's price arrives with validation
  LineIssue issue = LineIssue::None;
  bool issue_from_pos = false;  // flagged by /validate (flag()), not by the local menu: kept until the line changes
};

class Cart {
 public:
  uint64_t add(OrderLine line, Money estimated_unit_price);  // returns the new line's id
  bool replace(uint64_t line_id, OrderLine line, Money estimated_unit_price);
  bool changeQuantity(uint64_t line_id, int delta);  // quantity stays within 1..99; returns false when unchanged
  bool remove(uint64_t line_id);
  void clear();

  const std::vector<CartLine>& lines() const { return lines_; }
  const CartLine* find(uint64_t line_id) const;
  bool empty() const { return lines_.empty(); }
  int itemCount() const;         // Σ quantities
  Money estimatedTotal() const;  // Σ estimated unit price × quantity (no discounts)

  // Re-checks every line against a new menu: flags lines (issue) and updates estimated prices; never removes.
  // Returns true when any flag changed.
  bool recheck(const MenuIndex& menu);
  bool hasIssues() const;
  // Flags one line from outside the local menu's knowledge (the POS refused it at /validate). Kept until that line
  // changes or is removed (recheck() does not clear it). Returns false for an unknown id or no change.
  bool flag(uint64_t line_id, LineIssue issue);

  uint64_t revision() const { return revision_; }

  // The lines as they go to /validate and /postorder (in cart order; line i of the draft is lines()[i]).
  std::vector<OrderLine> orderLines() const;

 private:
  std::vector<CartLine> lines_;
  uint64_t next_id_ = 1;
  uint64_t revision_ = 0;
};

}  // namespace kiosk
