#pragma once
// KOI8-R ↔ UTF-8 (RFC 1489), for the files sb_pilot writes on Linux. A table of the 128 upper code points;
// no iconv, no locale.
#include <optional>
#include <string>
#include <string_view>

namespace payment::sbpilot {

// Every byte has a meaning in KOI8-R, so this cannot fail.
std::string koi8rToUtf8(std::string_view koi8r);
// nullopt when the text holds a character KOI8-R cannot express, or is not valid UTF-8.
std::optional<std::string> utf8ToKoi8r(std::string_view utf8);

}  // namespace payment::sbpilot
