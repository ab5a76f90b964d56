#pragma once
// The emulator's side of the wire profile (docs/PROCART-WIRE.md): money and id conversions, error bodies,
// timestamps and the token check. Field names of requests and answers live in the route files next to this.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace procart_sim {

using json = nlohmann::json;

// Kopecks → "389.00" (what the emulator writes).
std::string moneyText(int64_t kopecks);
// A JSON number (rubles) or decimal string → kopecks; nullopt for anything else (bool, NaN, 3 decimals…).
std::optional<int64_t> parseMoney(const json& value);
// An id written as a string or an integer number → its text; nullopt for anything else or an empty string.
std::optional<std::string> parseId(const json& value);
// A count written as an integer number or a string of digits; nullopt for anything else.
std::optional<int64_t> parseCount(const json& value);
// Optional text field of an object: absent or null → "", a string → it, anything else → nullopt.
std::optional<std::string> optionalText(const json& object, const char* key);

// "2026-11-29T12:34:56" in local time.
std::string isoLocalTime(std::chrono::system_clock::time_point when);
int64_t epochMillis(std::chrono::system_clock::time_point when);
std::chrono::system_clock::time_point fromEpochMillis(int64_t ms);

// {"ok": false, "error": {"code": code, "message": message}}
json errorBody(std::string_view code, std::string_view message);
// Writes a JSON answer.
void reply(httplib::Response& res, int status, const json& body);
void replyError(httplib::Response& res, int status, std::string_view code, std::string_view message);

// The token may come from the query (GET), the JSON body field "token" (POST), `Authorization: Bearer …` or
// `X-Token` (any method). True when one of the places allowed for this request carries `expected`.
bool tokenAccepted(const httplib::Request& req, const json* body, const std::string& expected);

// Length of a UTF-8 string in code points (invalid bytes count as one each).
size_t utf8Length(std::string_view text);

}  // namespace procart_sim
