#pragma once
// What the payment settlement needs from ProCart, as an interface, so payment/ does not depend on the client.
// kiosk/runtime adapts the ProCart client to it. Calls block (the settlement runs on its own worker).
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/order.h"

namespace payment {

struct PostOutcome {
  enum class Kind {
    Posted,   // created: order filled
    Refused,  // definitely not created (validation, auth, payment sum refused, 4xx with a clear answer)
    Unknown,  // may or may not exist (timeout, dropped connection, 5xx, unreadable answer)
  };
  Kind kind = Kind::Unknown;
  kiosk::PostedOrder order;
  std::string reason;  // for the log and staff
  // Unknown only: the request left and no answer came back (timeout, dropped connection), so ProCart may still be
  // working on it and create the order a moment from now. (A complete answer, even a 5xx, means it is done.)
  bool maybe_in_flight = false;
};

struct LookupOutcome {
  enum class Kind { Found, Absent, Unknown };
  Kind kind = Kind::Unknown;
  kiosk::OrderInfo order;  // when Found
  std::string reason;
};

class OrderGateway {
 public:
  virtual ~OrderGateway() = default;
  virtual PostOutcome postOrder(const kiosk::OrderDraft& draft, const std::vector<kiosk::OrderPayment>& payments) = 0;
  // Looks for an order created through ProCart with this external_id (GET /getorders).
  virtual LookupOutcome findByExternalId(const std::string& external_id) = 0;
  // The order with this guid, closed ones too (POST /getorders by guid). Found carries its external_id. A gateway
  // that cannot look up by guid answers Unknown.
  virtual LookupOutcome findByGuid(const std::string& guid) {
    LookupOutcome out;
    out.reason = "lookup by guid not supported (" + guid + ")";
    return out;
  }
};

}  // namespace payment
