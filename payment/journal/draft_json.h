#pragma once
// The journal's own JSON form of an order draft and a card transaction (not the ProCart wire format: that one
// belongs to kiosk/procart). It is what recovery needs to post the same order again after a crash.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/core/order.h"

namespace payment::journal {

nlohmann::json draftToJson(const kiosk::OrderDraft& draft);
// nullopt with `error` set when a field is missing or has the wrong type.
std::optional<kiosk::OrderDraft> draftFromJson(const nlohmann::json& json, std::string& error);

nlohmann::json transactionToJson(const kiosk::CardTransaction& transaction);
std::optional<kiosk::CardTransaction> transactionFromJson(const nlohmann::json& json, std::string& error);

}  // namespace payment::journal
