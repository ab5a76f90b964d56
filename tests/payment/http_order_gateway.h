#pragma once
// The kill-test child's OrderGateway: talks to FakeProcartServer over loopback HTTP. A refusal is a 422; any
// other failure (timeout, 5xx, dropped connection) is "unknown", as with the real ProCart.
#include <string>

#include "payment/order_gateway.h"

namespace payment::testing {

class HttpOrderGateway : public OrderGateway {
 public:
  explicit HttpOrderGateway(int port) : port_(port) {}
  PostOutcome postOrder(const kiosk::OrderDraft& draft, const std::vector<kiosk::OrderPayment>& payments) override;
  LookupOutcome findByExternalId(const std::string& external_id) override;

 private:
  int port_;
};

}  // namespace payment::testing
