#pragma once
// The payment settlement's events, as the session's events (one for one).
#include "kiosk/core/session.h"
#include "payment/settlement_events.h"

namespace kiosk {

Event toSessionEvent(const payment::SettlementEvent& event);

}  // namespace kiosk
