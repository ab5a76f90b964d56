#include "payment/settlement_events.h"

namespace payment {

const char* settlementEventName(const SettlementEvent& event) {
  static constexpr const char* kNames[] = {"Progress", "Approved", "Declined",       "Cancelled",
                                           "Failed",   "OrderPosted", "OrderPostFailed"};
  return kNames[event.index()];
}

}  // namespace payment
