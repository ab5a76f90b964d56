#pragma once
// The URL the kiosk hands ProCart as `callback_url` in /postorder. The receiver serves POST
// <kCallbackPathPrefix><callback.secret>; a callback without the secret is refused (procart-api.md B).
#include <cstdint>
#include <string>

#include "kiosk/ops/config.h"

namespace kiosk::ops {

inline constexpr const char* kCallbackPathPrefix = "/callback/";

// callback.public_url when set, otherwise "http://<address>:<bound_port>" where the address is
// callback.listen_address, or — when that is a wildcard (0.0.0.0, ::) — the local address this host uses to reach
// ProCart's host. Then kCallbackPathPrefix and the secret. Empty when callback.secret is empty (send no callback_url).
// May resolve ProCart's host name: call it from a worker, once at start.
std::string callbackUrl(const KioskConfig& config, uint16_t bound_port);

// The local IP address the routing table picks for traffic to `host` (no packet is sent); "" when unknown.
std::string localAddressTowards(const std::string& host);

}  // namespace kiosk::ops
