#pragma once
// What the kiosk sends to ProCart (/validate, /postorder) and what comes back, as plain data.
// The wire codec (kiosk/procart/codec) is the only place that knows the JSON field names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/money.h"

namespace kiosk {

struct OrderModifier {
  std::string id;
  int quantity = 1;
  bool operator==(const OrderModifier&) const = default;
};

struct ComboPart {
  std::string group_id;
  std::string dish_id;
  std::vector<OrderModifier> modifiers;
  bool operator==(const ComboPart&) const = default;
};

struct OrderLine {
  std::string dish_id;
  int quantity = 1;
  std::string comment;
  std::vector<OrderModifier> modifiers;
  std::vector<ComboPart> combo;  // non-empty for a combo dish
  bool operator==(const OrderLine&) const = default;
};

struct OrderDiscount {
  std::string id;
  Money amount;
  bool operator==(const OrderDiscount&) const = default;
};

struct OrderDraft {
  std::string external_id;  // ours, unique per order attempt, set before validate/payment
  std::string category_id;  // order category (eat-in / take-away), from the config
  std::string table_code;
  std::string comment;        // long comment (kept by ProCart, printed via print_info)
  std::string short_comment;  // ≤ 30 characters, shown in the POS order list
  std::vector<OrderLine> lines;
  std::vector<OrderDiscount> discounts;
  bool operator==(const OrderDraft&) const = default;
};

// ---- /validate ------------------------------------------------------------------------------

struct ValidatedLine {
  int index = 0;   // position in OrderDraft::lines
  Money price;     // one unit, as the POS computes it (dish + modifiers + combo deltas)
  Money sum;       // price × quantity, before discounts
  Money discount;  // automatic discount applied to this line (positive number)
};

struct AppliedDiscount {
  std::string id;
  std::string name;
  Money amount;  // positive number
};

struct ValidationResult {
  std::vector<ValidatedLine> lines;
  std::vector<AppliedDiscount> discounts;
  Money total;  // what the guest pays: Σ sum − Σ discount
};

// ---- payment data sent with /postorder --------------------------------------------------------

struct CardTransaction {
  std::string terminal_id;
  std::string rrn;
  std::string auth_code;
  std::string card_mask;  // masked PAN only, e.g. "************1118"
  std::string card_type;  // "VISA", "MC", "MIR"…
  std::string paid_at;    // ISO 8601 local time
};

struct OrderPayment {
  std::string currency_id;  // r_keeper currency (payment type) id, from the config
  Money amount;
  CardTransaction transaction;
};

// ---- /postorder, /getorders -------------------------------------------------------------------

enum class OrderStatus { Open = 0, Close = 1, Bill = 2, Deleted = 3, Deferred = 4, New = 5 };
// nullopt for a code outside 0..5
std::optional<OrderStatus> orderStatusFromCode(int code);
const char* orderStatusName(OrderStatus status);  // "open", "close", …
// close and deleted end an order's life.
inline bool isFinal(OrderStatus s) { return s == OrderStatus::Close || s == OrderStatus::Deleted; }

struct PostedOrder {
  std::string guid;
  std::string number;  // short number staff read aloud
  OrderStatus status = OrderStatus::New;
};

struct OrderInfo {
  std::string guid;
  std::string external_id;
  std::string number;
  OrderStatus status = OrderStatus::New;
  Money total;
  Money paid;
  std::string updated_at;
};

}  // namespace kiosk
