#pragma once
// The blocking ProCart client: one method per API call, each returning a value or a typed ServiceError.
// Meant for worker threads (AsyncClient, MenuRefresher, OrderTracker, the payment settlement); safe to call from
// several threads at once. Never retries anything itself, /postorder least of all.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/core/order.h"
#include "kiosk/core/service_error.h"
#include "kiosk/procart/codec.h"

namespace kiosk::procart {

// Where the token travels. QueryOrBody is the profile (GET: ?token=, POST: "token" in the body); the header forms
// are for installs that want it there (then neither the query nor the body carries it).
enum class TokenPlacement { QueryOrBody, BearerHeader, CustomHeader };

struct MethodTimeouts {
  std::chrono::milliseconds connect{3000};  // TCP connect, every method
  std::chrono::milliseconds ping{5000};     // total, per method
  std::chrono::milliseconds getmenu{10000};
  std::chrono::milliseconds validate{8000};
  std::chrono::milliseconds postorder{20000};
  std::chrono::milliseconds getorders{8000};
  std::chrono::milliseconds close{8000};
  std::chrono::milliseconds image{10000};
};

struct ClientOptions {
  std::string base_url = "http://127.0.0.1:11111/api/v3";  // a trailing slash is ignored
  std::string token;
  TokenPlacement token_placement = TokenPlacement::QueryOrBody;
  std::string token_header;  // for CustomHeader, e.g. "X-Token"
  MethodTimeouts timeouts;
  size_t max_image_bytes = 8u << 20;
};

// What /getmenu gave: the parsed menu and the raw JSON (for the cache).
struct MenuFetch {
  codec::MenuParse parsed;
  std::string raw_json;
};

class HttpTransport;

class ProcartClient {
 public:
  explicit ProcartClient(ClientOptions options);
  ~ProcartClient();
  ProcartClient(const ProcartClient&) = delete;
  ProcartClient& operator=(const ProcartClient&) = delete;

  Expected<codec::PingInfo, ServiceError> ping();
  Expected<MenuFetch, ServiceError> getMenu();
  Expected<ValidationResult, ServiceError> validate(const OrderDraft& draft);
  // Sent once, on a fresh connection. On an error with maybe_acted, look the order up by external_id
  // (getOpenOrders) before deciding anything; never call this again blindly.
  Expected<PostedOrder, ServiceError> postOrder(const OrderDraft& draft, const std::vector<OrderPayment>& payments,
                                                const std::string& callback_url);
  // GET /getorders: open orders created through ProCart.
  Expected<codec::OrdersParse, ServiceError> getOpenOrders();
  // POST /getorders: these orders, in any status.
  Expected<codec::OrdersParse, ServiceError> getOrders(const std::vector<std::string>& guids);
  Expected<codec::Done, ServiceError> closeOrder(const std::string& guid);
  // The bytes of a menu image: `ref` is an absolute http(s) URL or a path relative to the base URL.
  Expected<std::string, ServiceError> fetchImage(const std::string& ref);

  std::string imageUrl(const std::string& ref) const;
  const ClientOptions& options() const { return options_; }

 private:
  Expected<std::string, ServiceError> call(const char* path, bool post, const std::string& body,
                                           std::chrono::milliseconds timeout, bool fresh_connection);
  std::string bodyToken() const;  // the token for a POST body, or "" when it travels in a header

  ClientOptions options_;
  std::unique_ptr<HttpTransport> transport_;
};

}  // namespace kiosk::procart
