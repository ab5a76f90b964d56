#include "kiosk/procart/callback_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <array>
#include <chrono>

#include "kiosk/common/log.h"
#include "kiosk/procart/callback_peers.h"
#include "kiosk/procart/deadline_http_server.h"
#include "kiosk/procart/rate_limited_log.h"

namespace kiosk::procart {
namespace {

constexpr const char* kLog = "callback";
constexpr const char* kPathPrefix = "/procart/callback/";

bool secretIsUsable(const std::string& secret) {
  if (secret.empty()) return false;
  for (char c : secret) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Compares without an early exit, so response timing does not reveal how much of a guessed secret was right.
bool sameSecret(const std::string& given, const std::string& secret) {
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
  return diff == 0;
}

bool isWildcard(const std::string& address) { return address.empty() || address == "0.0.0.0" || address == "::"; }

std::string hostForUrl(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;  // IPv6 literal
}

void reply(httplib::Response& res, int status, const char* text) {
  res.status = status;
  res.set_content(std::string("{\"ok\":") + (status == 200 ? "true" : "false") + ",\"message\":\"" + text + "\"}",
                  "application/json");
}

CallbackResult resultOf(ConnectionRefusal why) {
  switch (why) {
    case ConnectionRefusal::NotAllowed:
      return CallbackResult::NotAllowed;
    case ConnectionRefusal::PeerLimit:
      return CallbackResult::PeerLimit;
    case ConnectionRefusal::Busy:
      return CallbackResult::Busy;
    case ConnectionRefusal::TooSlow:
      return CallbackResult::TooSlow;
  }
  return CallbackResult::Busy;
}

const char* refusalText(ConnectionRefusal why) {
  switch (why) {
    case ConnectionRefusal::NotAllowed:
      return "address not in callback.allow_from; connection closed unread";
    case ConnectionRefusal::PeerLimit:
      return "too many connections from this address; connection closed unread";
    case ConnectionRefusal::Busy:
      return "every worker busy and the queue full; connection closed unread";
    case ConnectionRefusal::TooSlow:
      return "request not received in time; connection closed";
  }
  return "?";
}

}  // namespace

const char* callbackResultName(CallbackResult result) {
  switch (result) {
    case CallbackResult::Accepted:
      return "accepted";
    case CallbackResult::UnknownOrder:
      return "unknown_order";
    case CallbackResult::WrongSecret:
      return "wrong_secret";
    case CallbackResult::BadBody:
      return "bad_body";
    case CallbackResult::TooLarge:
      return "too_large";
    case CallbackResult::NotAllowed:
      return "not_allowed";
    case CallbackResult::PeerLimit:
      return "peer_limit";
    case CallbackResult::Busy:
      return "busy";
    case CallbackResult::TooSlow:
      return "too_slow";
  }
  return "?";
}

std::string hostOfUrl(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  if (start < url.size() && url[start] == '[') {
    size_t end = url.find(']', start);
    return end == std::string::npos ? std::string() : url.substr(start + 1, end - start - 1);
  }
  size_t end = url.find_first_of(":/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string localAddressToward(const std::string& host) {
  if (host.empty()) return {};
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), "9", &hints, &found) != 0 || !found) return {};
  std::string out;
  // connect() on a UDP socket only picks the route and the source address; nothing goes on the wire.
  int fd = ::socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) == 0) {
    sockaddr_storage local{};
    socklen_t len = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) == 0) {
      char text[INET6_ADDRSTRLEN] = {0};
      const void* addr = local.ss_family == AF_INET6
                             ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&local)->sin6_addr)
                             : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&local)->sin_addr);
      if (inet_ntop(local.ss_family, addr, text, sizeof text)) out = text;
    }
  }
  if (fd >= 0) ::close(fd);
  freeaddrinfo(found);
  return out;
}

struct CallbackServer::Impl {
  DeadlineHttpServer server;
  std::thread thread;
  CallbackHandler handler;
  std::function<void(CallbackResult)> on_result;
  std::array<std::atomic<int64_t>, kCallbackResultCount> results{};
  RateLimitedLog warnings{kLog};

  // Counts an outcome and, for a refusal, warns (rate-limited: an outsider can cause thousands).
  template <class... Args>
  void record(CallbackResult result, const Args&... why) {
    results[static_cast<size_t>(result)].fetch_add(1);
    if (on_result) on_result(result);
    if constexpr (sizeof...(why) > 0) warnings.warn(log::detail::concat("rejected: ", why...));
  }
  int64_t count(CallbackResult result) const { return results[static_cast<size_t>(result)].load(); }
};

CallbackServer::CallbackServer(CallbackServerOptions options, CallbackHandler handler)
    : impl_(std::make_unique<Impl>()), options_(std::move(options)) {
  impl_->handler = std::move(handler);
  impl_->on_result = options_.on_result;
}

CallbackServer::~CallbackServer() { stop(); }

std::string CallbackServer::callbackPath() const { return kPathPrefix + options_.secret; }

std::string CallbackServer::callbackUrl() const {
  if (!options_.public_base_url.empty()) {
    std::string base = options_.public_base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + callbackPath();
  }
  std::string host = options_.listen_address;
  if (isWildcard(host)) {
    host = localAddressToward(hostOfUrl(options_.procart_url));
    if (host.empty()) host = "127.0.0.1";
  }
  return "http://" + hostForUrl(host) + ":" + std::to_string(port_) + callbackPath();
}

CallbackCounters CallbackServer::counters() const {
  const Impl& i = *impl_;
  return {i.count(CallbackResult::Accepted), i.count(CallbackResult::WrongSecret),
          i.count(CallbackResult::UnknownOrder), i.count(CallbackResult::BadBody),
          i.count(CallbackResult::TooLarge), i.count(CallbackResult::NotAllowed),
          i.count(CallbackResult::PeerLimit), i.count(CallbackResult::Busy),
          i.count(CallbackResult::TooSlow)};
}

int CallbackServer::start(std::string& error) {
  if (!secretIsUsable(options_.secret)) {
    error = "callback secret must be non-empty and use only letters, digits, '-' and '_'";
    return -1;
  }
  std::string why;
  auto allow = net::parseAllowList(options_.allow_from, why);
  if (!allow) {
    error = "callback allow_from " + why;
    return -1;
  }
  if (impl_->thread.joinable()) return port_;
  const std::string procart_host = hostOfUrl(options_.procart_url);
  std::vector<net::IpAddress> procart_addresses = resolveHost(procart_host);
  if (procart_addresses.empty() && allow->procart && !allow->any) {
    log::warn(kLog, "ProCart's host \"", procart_host, "\" does not resolve: its callbacks are refused",
              allow->ranges.empty() ? "" : " unless allow_from lets its address in",
              " until the receiver restarts (order status still comes from /getorders)");
  }
  auto peers = std::make_shared<const CallbackPeers>(*allow, std::move(procart_addresses));

  auto& svr = impl_->server;
  svr.lane_limits.procart_workers = options_.procart_threads;
  svr.lane_limits.other_workers = options_.threads;
  svr.lane_limits.per_peer = options_.max_connections_per_peer;
  svr.lane_limits.max_waiting = options_.max_waiting;
  svr.classify = [peers](const net::IpAddress& peer) { return peers->classify(peer); };
  svr.set_payload_max_length(options_.max_body_bytes);  // larger bodies get 413 before our handler runs
  svr.set_read_timeout(std::chrono::seconds(5));
  svr.set_write_timeout(std::chrono::seconds(5));
  svr.set_keep_alive_max_count(20);
  svr.set_keep_alive_timeout(2);  // an idle kept-alive connection holds a worker: not for long
  svr.head_timeout = options_.head_timeout;
  svr.body_timeout = options_.body_timeout;
  svr.connection_deadline = options_.connection_deadline;
  // httplib's default sets SO_REUSEPORT, which lets a second kiosk process bind the same port and silently take
  // a share of the callbacks. SO_REUSEADDR alone still allows a quick restart over TIME_WAIT sockets.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  Impl* impl = impl_.get();
  svr.on_refused = [impl](ConnectionRefusal why, const std::string& peer) {
    impl->record(resultOf(why), refusalText(why), " (from ", peer, ")");
  };
  svr.on_idle = [impl] { impl->warnings.flush(); };
  const std::string secret = options_.secret;
  const size_t max_body = options_.max_body_bytes;
  svr.Post(R"(/procart/callback/([^/]*))", [impl, secret, max_body](const httplib::Request& req,
                                                                    httplib::Response& res,
                                                                    const httplib::ContentReader& read_body) {
    // The body is read here rather than by httplib: its limit (set_payload_max_length) holds only for a body that
    // announces its length; a chunked or unannounced one would be read whole, however large. It is read before
    // the secret is checked, so that an unread body is never taken for the next request on the connection.
    std::string body;
    bool over_limit = false;
    const bool read_whole = read_body([&](const char* data, size_t size) {
      if (size > max_body - body.size()) {
        over_limit = true;
        return false;
      }
      body.append(data, size);
      return true;
    });
    if (over_limit || res.status == 413) {  // 413: httplib refused an announced length over the limit
      reply(res, 413, "body too large");    // counted by the logger below, like httplib's own 413
      res.set_header("Connection", "close");
      DeadlineHttpServer::closeConnectionAfterReply();
      return;
    }
    if (!read_whole && DeadlineHttpServer::requestTimedOut()) {  // counted as too slow by the server
      reply(res, 408, "body too slow");
      res.set_header("Connection", "close");
      DeadlineHttpServer::closeConnectionAfterReply();
      return;
    }
    if (!read_whole) {  // cut short or broken chunks
      impl->record(CallbackResult::BadBody, "body not received whole (from ", req.remote_addr, ")");
      reply(res, 400, "bad body");
      res.set_header("Connection", "close");
      DeadlineHttpServer::closeConnectionAfterReply();
      return;
    }
    if (!sameSecret(req.matches[1].str(), secret)) {
      impl->record(CallbackResult::WrongSecret, "wrong secret (from ", req.remote_addr, ")");
      reply(res, 404, "not found");
      return;
    }
    std::string why;
    auto notice = codec::parseCallback(body, why);
    if (!notice) {
      impl->record(CallbackResult::BadBody, why, " (from ", req.remote_addr, ", ", body.size(), " bytes)");
      reply(res, 400, "bad body");
      return;
    }
    if (!impl->handler || !impl->handler(*notice)) {
      impl->record(CallbackResult::UnknownOrder, "order ", notice->guid, " is not tracked (from ", req.remote_addr,
                   ")");
      reply(res, 404, "unknown order");
      return;
    }
    impl->record(CallbackResult::Accepted);
    log::info(kLog, "order ", notice->guid, " says status ",
              notice->status ? orderStatusName(*notice->status) : "(none)", "; confirming");
    reply(res, 200, "accepted");
  });
  svr.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
    if (res.status == 413) impl->record(CallbackResult::TooLarge, "body over the limit (from ", req.remote_addr, ")");
  });

  const std::string host = options_.listen_address.empty() ? std::string("0.0.0.0") : options_.listen_address;
  if (options_.port == 0) {
    port_ = svr.bind_to_any_port(host);
  } else {
    port_ = svr.bind_to_port(host, options_.port) ? options_.port : -1;
  }
  if (port_ < 0) {
    error = "cannot listen on " + host + ":" + std::to_string(options_.port);
    return -1;
  }
  impl_->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  // httplib's stop() does nothing until the accept loop runs; a stop() that came earlier would leave the
  // thread in accept() forever. So start() returns only once the loop is running.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!svr.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::string url = callbackUrl();
  url.resize(url.size() - options_.secret.size());  // the secret never goes to the log
  log::info(kLog, "listening on ", host, ":", port_, ", callback URL ", url, log::redact(options_.secret),
            ", callbacks accepted from ", peers->describe());
  return port_;
}

void CallbackServer::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server.stop();
  impl_->thread.join();
  impl_->warnings.finish();
}

}  // namespace kiosk::procart
