#pragma once
// Strict checks for the addresses an operator types into the config: http(s) URLs and "host:port".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::ops {

struct HttpUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // name, IPv4, or IPv6 without brackets
  uint16_t port = 0;   // explicit or the scheme's default
  std::string path;    // "" or starting with '/', without trailing '/'
};

// "http://127.0.0.1:11111/api/v3" → parts. Rejects: other schemes, user info, query, fragment, spaces,
// a bad host or port. nullopt and `why` on failure.
std::optional<HttpUrl> parseHttpUrl(std::string_view url, std::string& why);

struct HostPort {
  std::string host;  // IP literal (IPv6 without brackets)
  uint16_t port = 0;
};

// "127.0.0.1:9180", "[::1]:9180", "0.0.0.0:0" (port 0 = any free port). IP literals only: a listening address.
std::optional<HostPort> parseListenAddress(std::string_view text, std::string& why);

bool isIpLiteral(const std::string& text);        // IPv4 or IPv6, no brackets
bool isWildcardAddress(const std::string& text);  // "0.0.0.0" or "::"
bool isValidHostName(std::string_view text);      // RFC 1123 labels

}  // namespace kiosk::ops
