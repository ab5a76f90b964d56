#pragma once
// Receives ProCart's order-status callbacks: a small cpp-httplib server on a configurable address and port.
// Before a byte is read, a connection from an address that `allow_from` does not let in is closed (by default only
// ProCart's host may call back); ProCart's own addresses are served by workers of their own, other allowed
// addresses share the rest with a limit per address (kiosk/procart/deadline_http_server.h, connection_lanes.h).
// The URL path carries a per-kiosk secret: POST /procart/callback/<secret>. Answers, none of which change state:
//   wrong or missing secret → 404; body over 64 KiB → 413; not a JSON object with a guid → 400;
//   body not in within `body_timeout` → 408; an order the kiosk does not track → 404; otherwise 200 and the notice
//   goes to the handler (a hint only: the tracker confirms with /getorders before publishing anything).
// A request whose head or body is too slow, and a connection that lasts past `connection_deadline`, are closed.
// Every outcome is counted (counters(), and `on_result` for the metrics); the warnings about refusals are
// rate-limited (10 a minute, then one line with the count).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/procart/codec.h"

namespace kiosk::procart {

// How a callback (or a connection that might have carried one) ended; the `result` label of callbacks_total.
enum class CallbackResult {
  Accepted,      // 200, handed to the handler
  UnknownOrder,  // 404: the handler does not track the order
  WrongSecret,   // 404
  BadBody,       // 400: not JSON with a guid, or cut short
  TooLarge,      // 413
  NotAllowed,    // connection closed unread: the address is not in allow_from
  PeerLimit,     // connection closed unread: the address holds max_connections_per_peer already
  Busy,          // connection closed unread: every worker busy and the queue full
  TooSlow,       // the head or body did not arrive in time (408 when the body was late), or nothing came
};
inline constexpr int kCallbackResultCount = 9;
const char* callbackResultName(CallbackResult result);  // "accepted", "unknown_order", …, "too_slow"

struct CallbackServerOptions {
  std::string listen_address = "0.0.0.0";  // an IP literal
  int port = 0;                            // 0 = any free port (see port() after start)
  std::string secret;                      // required: letters, digits, '-' and '_'
  // What ProCart should call, e.g. "http://10.0.0.21:9181" (a NAT or another interface). Empty: derived from the
  // listen address, or, when that is a wildcard, from the local address on the route to `procart_url`'s host.
  std::string public_base_url;
  std::string procart_url;  // its host, resolved at start(), is "procart" in allow_from and goes first
  // Who may call back (kiosk/common/ip_allow_list.h): "procart", "any", addresses, CIDR ranges. start() refuses a
  // list it cannot read.
  std::vector<std::string> allow_from = {"procart"};
  int procart_threads = 2;  // workers for ProCart's own addresses
  int threads = 4;          // workers for every other allowed address
  // Per address other than ProCart's, waiting or served; below `threads`, so one address cannot take them all.
  int max_connections_per_peer = 3;
  int max_waiting = 16;  // connections queued for a worker, per lane
  size_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds head_timeout{3000};          // request line and headers of one request
  std::chrono::milliseconds body_timeout{3000};          // body of one request
  std::chrono::milliseconds connection_deadline{10000};  // for all the requests of one connection together
  // Called once per outcome, from the server's threads (the runtime counts them in callbacks_total).
  std::function<void(CallbackResult)> on_result;
};

// Returns true when the notice names an order the kiosk tracks (it is then accepted with 200).
using CallbackHandler = std::function<bool(const codec::CallbackNotice&)>;

struct CallbackCounters {
  int64_t accepted = 0;
  int64_t wrong_secret = 0;
  int64_t unknown_order = 0;
  int64_t bad_body = 0;
  int64_t too_large = 0;
  int64_t not_allowed = 0;
  int64_t peer_limit = 0;
  int64_t busy = 0;
  int64_t too_slow = 0;
};

class CallbackServer {
 public:
  CallbackServer(CallbackServerOptions options, CallbackHandler handler);
  ~CallbackServer();  // stop()
  CallbackServer(const CallbackServer&) = delete;
  CallbackServer& operator=(const CallbackServer&) = delete;

  // Binds and serves on its own threads. Returns the bound port, or -1 with `error` set (an unusable secret or
  // allow_from, a port that cannot be bound). A ProCart host that does not resolve is a warning, not an error:
  // callbacks are then refused unless allow_from lets them in otherwise, and /getorders polling still works.
  int start(std::string& error);
  void stop();

  int port() const { return port_; }
  std::string callbackPath() const;  // "/procart/callback/<secret>"
  std::string callbackUrl() const;   // what goes into /postorder's callback_url
  CallbackCounters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  CallbackServerOptions options_;
  int port_ = -1;
};

// The address this machine uses to reach `host` (no packet is sent): "10.0.0.21"; empty when unknown.
std::string localAddressToward(const std::string& host);
// "http://host:port/api/v3" → "host" (brackets kept off IPv6 literals); empty when there is none.
std::string hostOfUrl(const std::string& url);

}  // namespace kiosk::procart
