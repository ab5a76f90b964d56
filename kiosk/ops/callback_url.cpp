#include "kiosk/ops/callback_url.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kiosk/ops/net_address.h"

namespace kiosk::ops {

std::string localAddressTowards(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), "9", &hints, &found) != 0 || !found) return {};
  std::string out;
  for (addrinfo* candidate = found; candidate && out.empty(); candidate = candidate->ai_next) {
    int fd = ::socket(candidate->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    // connect() on a datagram socket only picks a route and a source address.
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (::connect(fd, candidate->ai_addr, candidate->ai_addrlen) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0) {
      char text[INET6_ADDRSTRLEN] = {};
      const void* address = local.ss_family == AF_INET6
                                ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&local)->sin6_addr)
                                : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&local)->sin_addr);
      if (::inet_ntop(local.ss_family, address, text, sizeof text)) out = text;
    }
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return out;
}

std::string callbackUrl(const KioskConfig& config, uint16_t bound_port) {
  if (config.callback.secret.empty()) return {};
  std::string base = config.callback.public_url;
  if (base.empty()) {
    std::string address = config.callback.listen_address;
    if (isWildcardAddress(address)) {
      std::string why;
      auto procart = parseHttpUrl(config.procart.url, why);
      address = procart ? localAddressTowards(procart->host) : std::string();
      if (address.empty()) address = "127.0.0.1";
    }
    bool ipv6 = address.find(':') != std::string::npos;
    base = "http://" + (ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(bound_port);
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + kCallbackPathPrefix + config.callback.secret;
}

}  // namespace kiosk::ops
