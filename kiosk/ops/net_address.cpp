#include "kiosk/ops/net_address.h"

#include <arpa/inet.h>

#include <cctype>

namespace kiosk::ops {
namespace {

bool isIpv4(const std::string& text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool isIpv6(const std::string& text) {
  in6_addr address{};
  return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

// Decimal port 0..65535, no sign, no spaces. -1 when malformed.
int parsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) return -1;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value <= 65535 ? value : -1;
}

}  // namespace

bool isIpLiteral(const std::string& text) { return isIpv4(text) || isIpv6(text); }

bool isWildcardAddress(const std::string& text) { return text == "0.0.0.0" || text == "::"; }

bool isValidHostName(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  size_t label_length = 0;
  char previous = '.';
  for (char c : text) {
    if (c == '.') {
      if (label_length == 0 || previous == '-') return false;
      label_length = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
      if (label_length == 0 && c == '-') return false;
      if (++label_length > 63) return false;
    } else {
      return false;
    }
    previous = c;
  }
  return label_length > 0 && previous != '-';
}

std::optional<HttpUrl> parseHttpUrl(std::string_view url, std::string& why) {
  HttpUrl out;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      why = "must not contain spaces or control characters";
      return std::nullopt;
    }
  }
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    why = "expected http://host[:port][/path]";
    return std::nullopt;
  }
  out.scheme = std::string(url.substr(0, scheme_end));
  if (out.scheme != "http" && out.scheme != "https") {
    why = "scheme must be http or https";
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    why = "must not have a query (?) or fragment (#)";
    return std::nullopt;
  }
  auto path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos) {
    why = "must not carry a user name or password";
    return std::nullopt;
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      why = "unclosed '[' in an IPv6 address";
      return std::nullopt;
    }
    out.host = std::string(authority.substr(1, close - 1));
    if (!isIpv6(out.host)) {
      why = "not an IPv6 address inside [ ]";
      return std::nullopt;
    }
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        why = "expected ':' and a port after ']'";
        return std::nullopt;
      }
      port_text = after.substr(1);
      if (port_text.empty()) {
        why = "empty port";
        return std::nullopt;
      }
    }
  } else {
    auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) {
        why = "empty port";
        return std::nullopt;
      }
    }
    if (out.host.empty()) {
      why = "no host";
      return std::nullopt;
    }
    if (!isIpv4(out.host) && !isValidHostName(out.host)) {
      why = "\"" + out.host + "\" is not a valid host name or IPv4 address";
      return std::nullopt;
    }
  }
  if (!port_text.empty()) {
    int port = parsePort(port_text);
    if (port < 1) {
      why = "port must be 1..65535";
      return std::nullopt;
    }
    out.port = static_cast<uint16_t>(port);
  } else {
    out.port = out.scheme == "https" ? 443 : 80;
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.path = std::string(path);
  return out;
}

std::optional<HostPort> parseListenAddress(std::string_view text, std::string& why) {
  HostPort out;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find("]:");
    if (close == std::string_view::npos) {
      why = "expected \"[IPv6]:port\"";
      return std::nullopt;
    }
    out.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
    if (!isIpv6(out.host)) {
      why = "not an IPv6 address inside [ ]";
      return std::nullopt;
    }
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      why = "expected \"address:port\", e.g. \"127.0.0.1:9180\"";
      return std::nullopt;
    }
    out.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (!isIpv4(out.host)) {
      why = "\"" + out.host + "\" is not an IPv4 address (write IPv6 as \"[::1]:9180\")";
      return std::nullopt;
    }
  }
  int port = parsePort(port_text);
  if (port < 0) {
    why = "port must be 0..65535";
    return std::nullopt;
  }
  out.port = static_cast<uint16_t>(port);
  return out;
}

}  // namespace kiosk::ops
