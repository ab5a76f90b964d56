#pragma once
// The /getmenu answer: the menu in the wire profile's exact shape (money as "389.00", ids as strings), with the
// stock balances left after the orders taken so far. The emulator-only "discounts" section is not sent.
#include <cstdint>
#include <map>
#include <string>

#include "kiosk/sim/sim_menu.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {

json menuToWire(const SimMenu& menu, const std::map<std::string, int64_t>& stock_used);

}  // namespace procart_sim
