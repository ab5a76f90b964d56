#pragma once
// Receives ProCart's order-status callbacks: a small cpp-httplib server on a configurable address and port.
// The URL path carries a per-kiosk secret: POST /procart/callback/<secret>. Answers, none of which change state:
//   wrong or missing secret → 404; body over 64 KiB → 413; not a JSON object with a guid → 400;
//   an order the kiosk does not track → 404; otherwise 200 and the notice goes to the handler (a hint only: the
//   tracker confirms with /getorders before publishing anything).
// A connection that is still sending after `connection_deadline` is closed (slow senders cannot hold the workers).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "kiosk/procart/codec.h"

namespace kiosk::procart {

struct CallbackServerOptions {
  std::string listen_address = "0.0.0.0";  // an IP literal
  int port = 0;                            // 0 = any free port (see port() after start)
  std::string secret;                      // required: letters, digits, '-' and '_'
  // What ProCart should call, e.g. "http://10.0.0.21:9181" (a NAT or another interface). Empty: derived from the
  // listen address, or, when that is a wildcard, from the local address on the route to `procart_url`'s host.
  std::string public_base_url;
  std::string procart_url;
  int threads = 2;
  size_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds connection_deadline{10000};  // for all the requests of one connection together
};

// Returns true when the notice names an order the kiosk tracks (it is then accepted with 200).
using CallbackHandler = std::function<bool(const codec::CallbackNotice&)>;

struct CallbackCounters {
  int64_t accepted = 0;
  int64_t wrong_secret = 0;
  int64_t unknown_order = 0;
  int64_t bad_body = 0;
  int64_t too_large = 0;
};

class CallbackServer {
 public:
  CallbackServer(CallbackServerOptions options, CallbackHandler handler);
  ~CallbackServer();  // stop()
  CallbackServer(const CallbackServer&) = delete;
  CallbackServer& operator=(const CallbackServer&) = delete;

  // Binds and serves on its own threads. Returns the bound port, or -1 with `error` set.
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
