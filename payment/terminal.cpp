#include "payment/terminal.h"

namespace payment {

const char* resultKindName(PaymentResult::Kind kind) {
  switch (kind) {
    case PaymentResult::Kind::Approved: return "approved";
    case PaymentResult::Kind::Declined: return "declined";
    case PaymentResult::Kind::Cancelled: return "cancelled";
    case PaymentResult::Kind::Unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace payment
