#pragma once
// External ids: ours, one per order attempt, unique across restarts and kiosks, readable in logs and in the POS.
#include <string>

namespace kiosk {

// "K1-20261129-153012-7f3a9c": kiosk id, local date and time, 24 random bits.
std::string makeExternalId(const std::string& kiosk_id);

}  // namespace kiosk
