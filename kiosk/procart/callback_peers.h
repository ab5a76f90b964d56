#pragma once
// Who may call back, and whose connections go first: callback.allow_from applied to a connecting address.
// "procart" in the list stands for the addresses of procart.url's host, resolved when the receiver starts. Those
// addresses are served in a lane of their own whenever the list lets them in ("procart", "any", or a range that
// holds them), so nobody else can keep ProCart's callbacks waiting.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/common/ip_allow_list.h"
#include "kiosk/procart/connection_lanes.h"

namespace kiosk::procart {

class CallbackPeers {
 public:
  CallbackPeers(net::AllowList allow, std::vector<net::IpAddress> procart_addresses);

  // The lane `peer` is served in, or nullopt when the list does not let it in.
  std::optional<Lane> classify(const net::IpAddress& peer) const;
  // For the log: "procart (10.0.0.5), 10.0.1.0/24" or "any (ProCart first: 10.0.0.5)".
  std::string describe() const;

 private:
  bool isProcart(const net::IpAddress& peer) const;

  net::AllowList allow_;
  std::vector<net::IpAddress> procart_;
};

// Every address `host` resolves to (an IP literal is its own address); empty when it does not resolve.
std::vector<net::IpAddress> resolveHost(const std::string& host);

}  // namespace kiosk::procart
