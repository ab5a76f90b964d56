#pragma once
// Who may connect to a listening port, as an operator writes it in the config (callback.allow_from):
//   an address     "10.0.0.5", "fd00::21"
//   a CIDR range   "10.0.1.0/24", "fd00::/8"
//   "procart"      the addresses of ProCart's host (procart.url), resolved by whoever applies the list
//   "any"          everyone
// The config checks and the callback receiver both parse with these functions, so they cannot disagree.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sockaddr;

namespace kiosk::net {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 in the first 4
  bool operator==(const IpAddress&) const = default;
};

// "10.0.0.5", "fd00::21". An IPv4-mapped IPv6 address ("::ffff:10.0.0.5": how a socket listening on "::" sees an
// IPv4 peer) becomes the IPv4 address, so one list entry matches the peer however the socket was bound.
std::optional<IpAddress> parseIpAddress(std::string_view text);
// The address of an AF_INET or AF_INET6 socket address (mapped IPv4 unwrapped); nullopt for other families.
std::optional<IpAddress> ipAddressOf(const sockaddr* address);
std::string toString(const IpAddress& address);

struct IpRange {
  IpAddress base;
  int prefix = 0;  // leading bits that must match: 0..32 for IPv4, 0..128 for IPv6
  bool contains(const IpAddress& address) const;
  bool operator==(const IpRange&) const = default;
};

// "10.0.1.0/24", "fd00::/8", or one address (a /32 or /128). Host bits set ("10.0.1.5/24") are refused: the writer
// may have meant the one address or the whole network. nullopt and `why` on failure.
std::optional<IpRange> parseIpRange(std::string_view text, std::string& why);
std::string toString(const IpRange& range);  // "10.0.1.0/24"; a single address without "/32"

inline constexpr const char* kAllowAny = "any";
inline constexpr const char* kAllowProcart = "procart";

struct AllowList {
  bool any = false;
  bool procart = false;  // ProCart's host: the user of the list resolves it
  std::vector<IpRange> ranges;
};

// A whole list. Refused: an empty list (nobody could connect), an entry that is neither word nor address/range.
// On failure `why` names the entry: "[1] \"10.0.1.5/24\": host bits are set (the network is 10.0.1.0/24)".
std::optional<AllowList> parseAllowList(const std::vector<std::string>& entries, std::string& why);

}  // namespace kiosk::net
