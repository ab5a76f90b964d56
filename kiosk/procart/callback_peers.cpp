#include "kiosk/procart/callback_peers.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>

namespace kiosk::procart {

CallbackPeers::CallbackPeers(net::AllowList allow, std::vector<net::IpAddress> procart_addresses)
    : allow_(std::move(allow)), procart_(std::move(procart_addresses)) {}

bool CallbackPeers::isProcart(const net::IpAddress& peer) const {
  return std::find(procart_.begin(), procart_.end(), peer) != procart_.end();
}

std::optional<Lane> CallbackPeers::classify(const net::IpAddress& peer) const {
  const bool procart = isProcart(peer);
  const bool in_range =
      std::any_of(allow_.ranges.begin(), allow_.ranges.end(), [&](const net::IpRange& r) { return r.contains(peer); });
  if (!(allow_.any || in_range || (procart && allow_.procart))) return std::nullopt;
  return procart ? Lane::Procart : Lane::Others;
}

std::string CallbackPeers::describe() const {
  std::string addresses;
  for (const auto& address : procart_) addresses += (addresses.empty() ? "" : ", ") + net::toString(address);
  if (addresses.empty()) addresses = "unresolved";
  std::string out;
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (allow_.any) add(std::string(net::kAllowAny));
  if (allow_.procart) add(std::string(net::kAllowProcart) + " (" + addresses + ")");
  for (const auto& range : allow_.ranges) add(net::toString(range));
  if (!allow_.procart) out += " (ProCart first: " + addresses + ")";
  return out;
}

std::vector<net::IpAddress> resolveHost(const std::string& host) {
  std::vector<net::IpAddress> out;
  if (host.empty()) return out;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return out;
  for (addrinfo* at = found; at; at = at->ai_next) {
    auto address = net::ipAddressOf(at->ai_addr);
    if (address && std::find(out.begin(), out.end(), *address) == out.end()) out.push_back(*address);
  }
  freeaddrinfo(found);
  return out;
}

}  // namespace kiosk::procart
