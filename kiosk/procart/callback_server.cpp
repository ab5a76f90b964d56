#include "kiosk/procart/callback_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>

#include "kiosk/common/log.h"
#include "kiosk/procart/deadline_http_server.h"

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

}  // namespace

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
  std::atomic<int64_t> accepted{0}, wrong_secret{0}, unknown_order{0}, bad_body{0}, too_large{0};
};

CallbackServer::CallbackServer(CallbackServerOptions options, CallbackHandler handler)
    : impl_(std::make_unique<Impl>()), options_(std::move(options)) {
  impl_->handler = std::move(handler);
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
  return {impl_->accepted.load(), impl_->wrong_secret.load(), impl_->unknown_order.load(), impl_->bad_body.load(),
          impl_->too_large.load()};
}

int CallbackServer::start(std::string& error) {
  if (!secretIsUsable(options_.secret)) {
    error = "callback secret must be non-empty and use only letters, digits, '-' and '_'";
    return -1;
  }
  if (impl_->thread.joinable()) return port_;
  auto& svr = impl_->server;
  const int threads = options_.threads < 1 ? 1 : options_.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(options_.max_body_bytes);  // larger bodies get 413 before our handler runs
  svr.set_read_timeout(std::chrono::seconds(5));
  svr.set_write_timeout(std::chrono::seconds(5));
  svr.set_keep_alive_max_count(20);
  svr.connection_deadline = options_.connection_deadline;
  // httplib's default sets SO_REUSEPORT, which lets a second kiosk process bind the same port and silently take
  // a share of the callbacks. SO_REUSEADDR alone still allows a quick restart over TIME_WAIT sockets.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  Impl* impl = impl_.get();
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
    if (!read_whole) {  // cut short, broken chunks, or too slow
      impl->bad_body.fetch_add(1);
      log::warn(kLog, "rejected: body not received whole (from ", req.remote_addr, ")");
      reply(res, 400, "bad body");
      res.set_header("Connection", "close");
      DeadlineHttpServer::closeConnectionAfterReply();
      return;
    }
    if (!sameSecret(req.matches[1].str(), secret)) {
      impl->wrong_secret.fetch_add(1);
      log::warn(kLog, "rejected: wrong secret (from ", req.remote_addr, ")");
      reply(res, 404, "not found");
      return;
    }
    std::string why;
    auto notice = codec::parseCallback(body, why);
    if (!notice) {
      impl->bad_body.fetch_add(1);
      log::warn(kLog, "rejected: ", why, " (from ", req.remote_addr, ", ", body.size(), " bytes)");
      reply(res, 400, "bad body");
      return;
    }
    if (!impl->handler || !impl->handler(*notice)) {
      impl->unknown_order.fetch_add(1);
      log::warn(kLog, "rejected: order ", notice->guid, " is not tracked");
      reply(res, 404, "unknown order");
      return;
    }
    impl->accepted.fetch_add(1);
    log::info(kLog, "order ", notice->guid, " says status ",
              notice->status ? orderStatusName(*notice->status) : "(none)", "; confirming");
    reply(res, 200, "accepted");
  });
  svr.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
    if (res.status == 413) {
      impl->too_large.fetch_add(1);
      log::warn(kLog, "rejected: body over the limit (from ", req.remote_addr, ")");
    }
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
  log::info(kLog, "listening on ", host, ":", port_, ", callback URL ", url, log::redact(options_.secret));
  return port_;
}

void CallbackServer::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server.stop();
  impl_->thread.join();
}

}  // namespace kiosk::procart
