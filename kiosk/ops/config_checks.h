#pragma once
// Value rules of the config, one function per kind of value. Each returns "" when the value is acceptable,
// otherwise why not; some normalise the value in place (a URL loses its trailing '/').
// Checks of secrets never quote the value.
#include <string>
#include <string_view>

namespace kiosk::ops::checks {

// {number} is the kiosk's order counter / pager number; counted at this many characters when the template's
// expanded length is checked against r_keeper's 30-character short comment.
inline constexpr int kShortCommentNumberWidth = 6;
inline constexpr int kShortCommentMaxChars = 30;

// Length in characters (UTF-8 code points), as r_keeper counts.
size_t utf8Length(std::string_view text);
bool isValidUtf8(std::string_view text);
// Characters of the template once {number} is expanded to kShortCommentNumberWidth characters.
size_t expandedShortCommentLength(std::string_view templ);

std::string kioskId(std::string& value);
std::string procartUrl(std::string& value);
std::string publicUrl(std::string& value);     // empty allowed
std::string listenIp(std::string& value);      // an IP literal
std::string healthListen(std::string& value);  // "host:port" or empty
std::string shortCommentTemplate(std::string& value);
std::string posId(std::string& value);  // r_keeper ids/codes: empty allowed, ≤ 64, no control characters
std::string absolutePath(std::string& value);
std::string placeName(std::string& value);       // ≤ 64 characters
std::string i18nKey(std::string& value);         // "upsell.add_drink"
std::string headerName(std::string_view value);  // HTTP token characters
std::string procartToken(std::string& value);    // secret
std::string callbackSecret(std::string& value);  // secret; empty allowed
std::string pinHash(std::string& value);         // secret; empty allowed

}  // namespace kiosk::ops::checks
