#pragma once
// payment::OrderGateway over the blocking ProCart client, for the payment settlement (which runs on its own worker).
//
// postOrder:         Posted  — ProCart answered with a guid.
//                    Refused — a clear refusal: validation, auth, payment_mismatch, any 4xx, a 2xx "ok": false.
//                    Unknown — everything else: timeout, dropped connection, 5xx, unreadable answer (maybe_acted),
//                              and also "ProCart unreachable" (certainly not created, but reported Unknown so the
//                              settlement looks the order up and posts again once ProCart is back, instead of
//                              reversing the guest's payment because of a blip).
// findByExternalId:  Found / Absent (a complete, readable GET /getorders without it) / Unknown (any failure, or
//                    an answer with unreadable entries, which might have been the one we look for).
// findByGuid:        POST /getorders with one guid (it answers for closed orders too): Found / Absent / Unknown.
#include <string>
#include <vector>

#include "kiosk/procart/client.h"
#include "payment/order_gateway.h"

namespace kiosk::procart {

class ProcartOrderGateway : public payment::OrderGateway {
 public:
  // `client` must outlive the gateway. `callback_url` goes into every /postorder (empty: none).
  ProcartOrderGateway(ProcartClient& client, std::string callback_url);

  payment::PostOutcome postOrder(const OrderDraft& draft, const std::vector<OrderPayment>& payments) override;
  payment::LookupOutcome findByExternalId(const std::string& external_id) override;
  payment::LookupOutcome findByGuid(const std::string& guid) override;

 private:
  ProcartClient& client_;
  std::string callback_url_;
};

// The classification above, for one error of /postorder (exposed for tests).
payment::PostOutcome::Kind postOutcomeKindOf(const ServiceError& error);
// True when the request left and no HTTP answer came back (timeout, dropped connection): ProCart may still be working
// on it (PostOutcome::maybe_in_flight). Any status line means ProCart is done with it.
bool postMayBeInFlight(const ServiceError& error);

}  // namespace kiosk::procart
