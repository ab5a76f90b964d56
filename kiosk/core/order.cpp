#include "kiosk/core/order.h"

namespace kiosk {

std::optional<OrderStatus> orderStatusFromCode(int code) {
  if (code < 0 || code > 5) return std::nullopt;
  return static_cast<OrderStatus>(code);
}

const char* orderStatusName(OrderStatus status) {
  switch (status) {
    case OrderStatus::Open: return "open";
    case OrderStatus::Close: return "close";
    case OrderStatus::Bill: return "bill";
    case OrderStatus::Deleted: return "deleted";
    case OrderStatus::Deferred: return "deferred";
    case OrderStatus::New: return "new";
  }
  return "unknown";
}

}  // namespace kiosk
