#pragma once
// The journal's own JSON form of an order draft and a card transaction (not the ProCart wire format: that one
// belongs to kiosk/procart). It is what recovery needs to post the same order again after a crash.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/core/order.h"

namespace payment::journal {

nlohmann::json draftToJson(const kiosk::OrderDraft& draft);
// nullopt with `error` set when a field is missing or has the wrong type.
std::optional<kiosk::OrderDraft> draftFromJson(const nlohmann::json& json, std::string& error);

// The integer member `key` of `object`, strictly: a JSON integer within [min, max], otherwise json::type_error (like
// a missing key gives json::out_of_range). nlohmann's get<int>() converts a float or an out-of-range number with a
// plain cast, which is undefined behaviour for 1e29 (found by tests/fuzz/fuzz_journal).
int64_t integerAt(const nlohmann::json& object, const char* key, int64_t min = INT64_MIN, int64_t max = INT64_MAX);

nlohmann::json transactionToJson(const kiosk::CardTransaction& transaction);
std::optional<kiosk::CardTransaction> transactionFromJson(const nlohmann::json& json, std::string& error);

}  // namespace payment::journal
