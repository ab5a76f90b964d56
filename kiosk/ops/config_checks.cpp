#include "kiosk/ops/config_checks.h"

#include <cctype>

#include "kiosk/ops/net_address.h"
#include "kiosk/ops/pin.h"

namespace kiosk::ops::checks {
namespace {

bool hasControlCharacters(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

size_t utf8Length(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // every byte that does not continue a sequence starts a character
  }
  return count;
}

// Structure only (lead bytes and continuation bytes); enough to keep garbage out of the POS.
bool isValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (text.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

size_t expandedShortCommentLength(std::string_view templ) {
  size_t length = 0;
  std::string_view rest = templ;
  constexpr std::string_view kPlaceholder = "{number}";
  for (;;) {
    auto at = rest.find(kPlaceholder);
    length += utf8Length(rest.substr(0, at));
    if (at == std::string_view::npos) break;
    length += kShortCommentNumberWidth;
    rest = rest.substr(at + kPlaceholder.size());
  }
  return length;
}

std::string kioskId(std::string& value) {
  if (value.empty() || value.size() > 16) return "must be 1..16 characters";
  for (char c : value) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return "only Latin letters, digits, '-' and '_' (it goes into order ids and file names)";
    }
  }
  return {};
}

std::string procartUrl(std::string& value) {
  std::string why;
  auto url = parseHttpUrl(value, why);
  if (!url) return why + " (e.g. \"http://127.0.0.1:11111/api/v3\")";
  while (!value.empty() && value.back() == '/') value.pop_back();
  return {};
}

std::string publicUrl(std::string& value) {
  if (value.empty()) return {};
  return procartUrl(value);
}

std::string listenIp(std::string& value) {
  if (!isIpLiteral(value)) return "must be an IP address such as \"0.0.0.0\" (all interfaces) or \"10.0.0.21\"";
  return {};
}

std::string healthListen(std::string& value) {
  if (value.empty()) return {};
  std::string why;
  if (!parseListenAddress(value, why)) return why;
  return {};
}

std::string shortCommentTemplate(std::string& value) {
  if (!isValidUtf8(value)) return "not valid UTF-8";
  if (hasControlCharacters(value)) return "must not contain control characters";
  // Only {number} is expanded; anything else in braces would reach r_keeper verbatim.
  std::string_view rest = value;
  for (auto open = rest.find('{'); open != std::string_view::npos; open = rest.find('{')) {
    if (rest.substr(open, 8) != "{number}") return "the only placeholder is {number}";
    rest = rest.substr(open + 8);
  }
  if (rest.find('}') != std::string_view::npos) return "the only placeholder is {number}";
  size_t length = expandedShortCommentLength(value);
  if (length > static_cast<size_t>(kShortCommentMaxChars)) {
    return std::to_string(length) + " characters once {number} is expanded (counted as " +
           std::to_string(kShortCommentNumberWidth) + "); r_keeper allows at most " +
           std::to_string(kShortCommentMaxChars);
  }
  return {};
}

std::string posId(std::string& value) {
  if (value.size() > 64) return "longer than 64 characters";
  if (hasControlCharacters(value) || !isValidUtf8(value)) return "must be printable UTF-8 text";
  return {};
}

std::string absolutePath(std::string& value) {
  if (value.empty() || value.front() != '/') return "must be an absolute path";
  if (hasControlCharacters(value)) return "must not contain control characters";
  while (value.size() > 1 && value.back() == '/') value.pop_back();
  return {};
}

std::string placeName(std::string& value) {
  if (!isValidUtf8(value) || hasControlCharacters(value)) return "must be printable UTF-8 text";
  if (utf8Length(value) > 64) return "longer than 64 characters";
  return {};
}

std::string i18nKey(std::string& value) {
  if (value.empty() || value.size() > 64) return "must be 1..64 characters";
  for (char c : value) {
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_') {
      return "an i18n key: lower-case letters, digits, '.' and '_' (e.g. \"upsell.add_drink\")";
    }
  }
  return {};
}

std::string headerName(std::string_view value) {
  if (value.empty() || value.size() > 64) return "header name must be 1..64 characters";
  for (char c : value) {
    bool token_char = std::isalnum(static_cast<unsigned char>(c)) ||
                      std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token_char) return "header name has a character not allowed in HTTP header names";
  }
  return {};
}

std::string procartToken(std::string& value) {
  if (value.size() > 256) return "longer than 256 characters";
  for (unsigned char c : value) {
    if (c <= 0x20 || c >= 0x7f) return "must be printable ASCII without spaces (ProCart tokens are UUIDs)";
  }
  return {};
}

std::string callbackSecret(std::string& value) {
  if (value.empty()) return {};
  if (value.size() < 16 || value.size() > 128) return "must be 16..128 characters";
  for (char c : value) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return "only Latin letters, digits, '-' and '_' (it is a URL path segment)";
    }
  }
  return {};
}

std::string pinHash(std::string& value) {
  if (value.empty()) return {};
  std::string why;
  if (!isWellFormedPinHash(value, why)) return why;
  return {};
}

}  // namespace kiosk::ops::checks
