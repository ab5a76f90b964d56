#pragma once
// What the settlement tells its caller, one event per step the guest should see. They match kiosk/core/session.h's
// ev::PaymentProgress … ev::OrderPostFailed one for one; the runtime maps them (payment/ does not depend on the
// session).
#include <string>
#include <variant>

#include "kiosk/core/money.h"
#include "kiosk/core/order.h"

namespace payment {

namespace settle {
struct Progress {  // → ev::PaymentProgress
  std::string message_key;
  std::string terminal_text;
  bool cancellable = true;
};
struct Approved {  // → ev::PaymentApproved
  kiosk::CardTransaction transaction;
  kiosk::Money amount;
};
struct Declined {  // → ev::PaymentDeclined
  std::string code;
  std::string terminal_text;
};
struct Cancelled {};  // → ev::PaymentCancelled
struct Failed {       // → ev::PaymentFailed: unknown outcome (treated as unpaid), terminal or journal unavailable
  std::string message_key;  // "payment.unknown_outcome", "payment.unavailable"
  std::string reason;       // for the log
};
struct OrderPosted {  // → ev::OrderPosted
  kiosk::PostedOrder order;
};
struct OrderPostFailed {  // → ev::OrderPostFailed
  bool reversed = false;    // true: the payment was undone; false: the journal keeps working on it, staff see it
  kiosk::Money amount;
  std::string message_key;  // "payment.reversed", "payment.order_pending", "payment.reversal_pending",
                            // "payment.staff_needed"
};
}  // namespace settle

using SettlementEvent = std::variant<settle::Progress, settle::Approved, settle::Declined, settle::Cancelled,
                                     settle::Failed, settle::OrderPosted, settle::OrderPostFailed>;

struct SettlementUpdate {
  std::string external_id;
  SettlementEvent event;
};

const char* settlementEventName(const SettlementEvent& event);  // "Progress", "Approved", …

}  // namespace payment
