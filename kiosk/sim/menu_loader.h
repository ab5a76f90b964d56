#pragma once
// Reads the emulator's menu file: the /getmenu shape of docs/PROCART-WIRE.md (+ name_en, description_en, tags)
// plus the emulator-only "discounts" section. Every reference is checked; the error names the faulty field.
#include <string>
#include <string_view>

#include "kiosk/common/expected.h"
#include "kiosk/sim/sim_menu.h"

namespace procart_sim {

kiosk::Expected<SimMenu, std::string> parseSimMenu(std::string_view file_content);
kiosk::Expected<SimMenu, std::string> loadSimMenu(const std::string& path);

// The version the menu gets for these bytes (FNV-1a 64, hex): it changes only when the content changes.
std::string menuVersionOf(std::string_view file_content);

}  // namespace procart_sim
