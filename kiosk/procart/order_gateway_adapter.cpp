#include "kiosk/procart/order_gateway_adapter.h"

namespace kiosk::procart {

using payment::LookupOutcome;
using payment::PostOutcome;

namespace {
std::string reasonOf(const ServiceError& e) {
  return std::string(errorKindName(e.kind)) + " (" + e.message_key + "): " + e.detail;
}
}  // namespace

PostOutcome::Kind postOutcomeKindOf(const ServiceError& e) {
  if (e.maybe_acted) return PostOutcome::Kind::Unknown;
  // A clear answer from ProCart that it did not create the order.
  if (e.kind == ErrorKind::Validation || e.kind == ErrorKind::Auth) return PostOutcome::Kind::Refused;
  if (e.http_status >= 200 && e.http_status < 500) return PostOutcome::Kind::Refused;
  return PostOutcome::Kind::Unknown;
}

bool postMayBeInFlight(const ServiceError& e) { return e.maybe_acted && e.http_status == 0; }

ProcartOrderGateway::ProcartOrderGateway(ProcartClient& client, std::string callback_url)
    : client_(client), callback_url_(std::move(callback_url)) {}

PostOutcome ProcartOrderGateway::postOrder(const OrderDraft& draft, const std::vector<OrderPayment>& payments) {
  PostOutcome out;
  auto posted = client_.postOrder(draft, payments, callback_url_);
  if (posted) {
    out.kind = PostOutcome::Kind::Posted;
    out.order = *posted;
    return out;
  }
  out.kind = postOutcomeKindOf(posted.error());
  out.reason = reasonOf(posted.error());
  out.maybe_in_flight = postMayBeInFlight(posted.error());
  return out;
}

LookupOutcome ProcartOrderGateway::findByExternalId(const std::string& external_id) {
  LookupOutcome out;
  auto orders = client_.getOpenOrders();
  if (!orders) {
    out.kind = LookupOutcome::Kind::Unknown;
    out.reason = reasonOf(orders.error());
    return out;
  }
  for (const auto& order : orders->orders) {
    if (order.external_id == external_id) {
      out.kind = LookupOutcome::Kind::Found;
      out.order = order;
      return out;
    }
  }
  if (!orders->problems.empty()) {
    out.kind = LookupOutcome::Kind::Unknown;
    out.reason = "getorders had unreadable entries: " + orders->problems.front();
    return out;
  }
  out.kind = LookupOutcome::Kind::Absent;
  out.reason = "not among " + std::to_string(orders->orders.size()) + " open orders";
  return out;
}

LookupOutcome ProcartOrderGateway::findByGuid(const std::string& guid) {
  LookupOutcome out;
  auto orders = client_.getOrders({guid});
  if (!orders) {
    out.kind = LookupOutcome::Kind::Unknown;
    out.reason = reasonOf(orders.error());
    return out;
  }
  for (const auto& order : orders->orders) {
    if (order.guid == guid) {
      out.kind = LookupOutcome::Kind::Found;
      out.order = order;
      return out;
    }
  }
  out.kind = orders->problems.empty() ? LookupOutcome::Kind::Absent : LookupOutcome::Kind::Unknown;
  out.reason = orders->problems.empty() ? "ProCart does not know guid " + guid
                                        : "getorders had unreadable entries: " + orders->problems.front();
  return out;
}

}  // namespace kiosk::procart
