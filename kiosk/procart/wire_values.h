#pragma once
// Tolerant readers for single JSON values, used by the codec. They know no field names: the codec says which field,
// these say how to read it ("12" or 12 for an id, 389 or "389.00" for money, {"ru","en"} or a plain string for text).
// Internal to kiosk/procart (it exposes nlohmann::json, which the public headers do not).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/core/lang.h"
#include "kiosk/core/money.h"

namespace kiosk::procart::wire {

using Json = nlohmann::json;

// The member `key` of `object`, or nullptr when `object` is not an object, lacks it, or holds null there.
const Json* member(const Json& object, const char* key);

// An id: a non-empty string, or an integer number (written without a fraction). nullopt otherwise.
std::optional<std::string> readId(const Json* value);
// Money: a JSON number (rubles, rounded to the kopeck) or a decimal string ("389.00", "389,5"). nullopt otherwise.
std::optional<Money> readMoney(const Json* value);
// An integer: a JSON integer, a float with no fraction, or a string of digits. nullopt otherwise.
std::optional<int64_t> readInt(const Json* value);
// true/false, 1/0, "true"/"false". nullopt otherwise.
std::optional<bool> readBool(const Json* value);
// A string; numbers are turned into their text (a "number" field may come as 123). nullopt otherwise.
std::optional<std::string> readText(const Json* value);
// A plain string (taken as Russian, r_keeper's first language) or an object {"ru": .., "en": ..}.
std::optional<LocalizedText> readLocalized(const Json* value);
// readInt clamped to int's range for small counters (min/max, quantities, sort): nullopt when out of range.
std::optional<int> readSmallInt(const Json* value);

// `text` with every invalid UTF-8 sequence (a stray byte, a cut or overlong sequence, a surrogate) replaced by
// U+FFFD. `replaced` counts them; `first_at` is the byte offset of the first (unchanged when there is none).
// nlohmann::json refuses a whole document for one such byte; r_keeper texts can carry them (cp1251 leftovers).
std::string repairUtf8(std::string_view text, size_t& replaced, size_t& first_at);

// Money as a JSON number of rubles from kopecks. nlohmann prints the shortest form that reads back to the same
// double, and k/100.0 is the double nearest to the decimal, so 1234 kopecks is written "12.34".
Json writeMoney(Money amount);

}  // namespace kiosk::procart::wire
