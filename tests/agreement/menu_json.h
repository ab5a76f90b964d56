#pragma once
// The emulator's menu file (assets/demo/menu.json: the /getmenu shape plus name_en/description_en) read into
// kiosk::Menu, and kiosk::Menu written in that shape. Test-only: the kiosk's real codec is kiosk/procart/codec.
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/core/menu.h"

namespace agreement {

// Throws std::runtime_error naming the field when the file does not have the expected shape.
kiosk::Menu menuFromJson(const nlohmann::json& root);
nlohmann::json menuToJson(const kiosk::Menu& menu);

}  // namespace agreement
