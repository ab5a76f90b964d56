#include "kiosk/common/ip_allow_list.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>
#include <cstring>

namespace kiosk::net {
namespace {

// ::ffff:a.b.c.d → a.b.c.d
IpAddress unmapped(const IpAddress& address) {
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (!address.v6 || std::memcmp(address.bytes.data(), kMappedPrefix, sizeof kMappedPrefix) != 0) return address;
  IpAddress v4;
  std::memcpy(v4.bytes.data(), address.bytes.data() + 12, 4);
  return v4;
}

int maxPrefix(const IpAddress& address) { return address.v6 ? 128 : 32; }

bool bitsMatch(const IpAddress& a, const IpAddress& b, int prefix) {
  const int whole = prefix / 8;
  if (std::memcmp(a.bytes.data(), b.bytes.data(), static_cast<size_t>(whole)) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a.bytes[static_cast<size_t>(whole)] & mask) == (b.bytes[static_cast<size_t>(whole)] & mask);
}

IpAddress networkOf(const IpAddress& address, int prefix) {
  IpAddress out = address;
  for (int bit = prefix; bit < maxPrefix(address); ++bit) {
    out.bytes[static_cast<size_t>(bit / 8)] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
  }
  return out;
}

}  // namespace

std::optional<IpAddress> parseIpAddress(std::string_view text) {
  const std::string copy(text);  // inet_pton needs a terminated string
  IpAddress out;
  if (inet_pton(AF_INET, copy.c_str(), out.bytes.data()) == 1) return out;
  out.v6 = true;
  if (inet_pton(AF_INET6, copy.c_str(), out.bytes.data()) == 1) return unmapped(out);
  return std::nullopt;
}

std::optional<IpAddress> ipAddressOf(const sockaddr* address) {
  IpAddress out;
  if (address->sa_family == AF_INET) {
    std::memcpy(out.bytes.data(), &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, 4);
    return out;
  }
  if (address->sa_family == AF_INET6) {
    out.v6 = true;
    std::memcpy(out.bytes.data(), &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, 16);
    return unmapped(out);
  }
  return std::nullopt;
}

std::string toString(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {0};
  inet_ntop(address.v6 ? AF_INET6 : AF_INET, address.bytes.data(), text, sizeof text);
  return text;
}

bool IpRange::contains(const IpAddress& address) const {
  return address.v6 == base.v6 && bitsMatch(address, base, prefix);
}

std::optional<IpRange> parseIpRange(std::string_view text, std::string& why) {
  const size_t slash = text.find('/');
  auto address = parseIpAddress(text.substr(0, slash));
  if (!address) {
    why = "expected an IP address (10.0.0.5) or a CIDR range (10.0.1.0/24)";
    return std::nullopt;
  }
  IpRange range{*address, maxPrefix(*address)};
  if (slash == std::string_view::npos) return range;
  std::string_view digits = text.substr(slash + 1);
  int prefix = -1;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || prefix < 0 ||
      prefix > maxPrefix(*address)) {
    why = "the prefix length after '/' must be 0.." + std::to_string(maxPrefix(*address));
    return std::nullopt;
  }
  range.prefix = prefix;
  IpRange network{networkOf(*address, prefix), prefix};
  if (!(network.base == range.base)) {
    why = "host bits are set (the network is " + toString(network) + ")";
    return std::nullopt;
  }
  return range;
}

std::string toString(const IpRange& range) {
  std::string out = toString(range.base);
  if (range.prefix != maxPrefix(range.base)) out += "/" + std::to_string(range.prefix);
  return out;
}

std::optional<AllowList> parseAllowList(const std::vector<std::string>& entries, std::string& why) {
  if (entries.empty()) {
    why = std::string("empty: nobody could connect; write [\"") + kAllowProcart + "\"] for ProCart's host only";
    return std::nullopt;
  }
  AllowList out;
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string& entry = entries[i];
    if (entry == kAllowAny) {
      out.any = true;
      continue;
    }
    if (entry == kAllowProcart) {
      out.procart = true;
      continue;
    }
    std::string reason;
    auto range = parseIpRange(entry, reason);
    if (!range) {
      const bool address_part_ok = parseIpAddress(std::string_view(entry).substr(0, entry.find('/'))).has_value();
      if (!address_part_ok) reason += std::string(", \"") + kAllowProcart + "\" or \"" + kAllowAny + "\"";
      why = "[" + std::to_string(i) + "] \"" + entry + "\": " + reason;
      return std::nullopt;
    }
    out.ranges.push_back(*range);
  }
  return out;
}

}  // namespace kiosk::net
