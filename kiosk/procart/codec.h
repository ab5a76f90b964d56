#pragma once
// The ProCart wire codec: the one module that knows the JSON field names and the method paths of the wire profile
// (docs/PROCART-WIRE.md). codec.cpp holds orders, errors, ping and callbacks; codec_menu.cpp holds /getmenu.
// Adapting the kiosk to a real install's Swagger is a change here (plus test fixtures), nowhere else.
//
// Reading is tolerant: unknown fields are ignored, ids may be strings or numbers, money numbers or decimal strings,
// optional fields get defaults. Writing is exact: money goes out as JSON numbers computed from kopecks.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/core/menu.h"
#include "kiosk/core/order.h"
#include "kiosk/core/service_error.h"

namespace kiosk::procart::codec {

// ---- method paths, relative to the base URL (".../api/v3") -----------------------------------------------------
inline constexpr const char* kPingPath = "/ping";
inline constexpr const char* kGetMenuPath = "/getmenu";
inline constexpr const char* kValidatePath = "/validate";
inline constexpr const char* kPostOrderPath = "/postorder";
inline constexpr const char* kGetOrdersPath = "/getorders";
inline constexpr const char* kClosePath = "/close";
// GET requests carry the token as this query parameter; POST bodies as this field (unless a header is configured).
inline constexpr const char* kTokenParam = "token";

// ---- results that have no domain type ---------------------------------------------------------------------------
struct PingInfo {
  std::string procart_version;
  std::string rkeeper_version;
  bool rkeeper_connected = false;
  bool license_valid = false;
  bool token_valid = false;
};

struct MenuParse {
  Menu menu;
  std::vector<std::string> problems;  // one line per skipped or repaired entry, for the log
};

struct OrdersParse {
  std::vector<OrderInfo> orders;
  std::vector<std::string> problems;  // entries skipped (no guid): a lookup must not conclude "absent" from this list
};

// What ProCart POSTs to the callback URL. Only a hint: the tracker confirms with /getorders.
struct CallbackNotice {
  std::string guid;
  std::string external_id;
  std::string number;
  std::optional<OrderStatus> status;
  std::string updated_at;
};

using Done = std::monostate;  // a success that carries nothing (/close)

// ---- requests (JSON text). `token` empty = the token travels in a header and the body carries none. -------------
std::string encodeValidate(const OrderDraft& draft, const std::string& token);
std::string encodePostOrder(const OrderDraft& draft, const std::vector<OrderPayment>& payments,
                            const std::string& callback_url, const std::string& token);
std::string encodeGetOrders(const std::vector<std::string>& guids, const std::string& token);
std::string encodeClose(const std::string& guid, const std::string& token);

// ---- 2xx answers. A body with "ok": false is mapped like an error answer (a clear refusal). A 2xx body that cannot
// be understood is a Malformed error with maybe_acted = true (the server answered "done" in a way we cannot read).
Expected<PingInfo, ServiceError> parsePing(std::string_view body);
// An unusable document (not JSON, not an object, no dishes array) is Malformed; an unusable entry is skipped.
Expected<MenuParse, ServiceError> parseMenu(std::string_view body);
Expected<ValidationResult, ServiceError> parseValidate(std::string_view body);
Expected<PostedOrder, ServiceError> parsePostOrder(std::string_view body);
Expected<OrdersParse, ServiceError> parseOrders(std::string_view body);
Expected<Done, ServiceError> parseClose(std::string_view body);

// ---- errors -------------------------------------------------------------------------------------------------------
// Maps an error answer (any status; the body in any of the three shapes: {"error": {...}}, {"detail": ...}, or
// {"ok": false, ...}; or not JSON at all) to a typed error. See the table in docs/PROCART-WIRE.md.
ServiceError errorFromAnswer(int http_status, std::string_view body);

// ---- callbacks ----------------------------------------------------------------------------------------------------
// nullopt with `why` set when the body is not a JSON object carrying a guid.
std::optional<CallbackNotice> parseCallback(std::string_view body, std::string& why);
std::string encodeCallback(const CallbackNotice& notice);  // for tests and tools

// ---- message keys the UI translates ------------------------------------------------------------------------------
namespace keys {
inline constexpr const char* kUnreachable = "error.procart_unreachable";
inline constexpr const char* kTimeout = "error.procart_timeout";
inline constexpr const char* kAuth = "error.procart_auth";
inline constexpr const char* kOrderRejected = "error.order_rejected";
inline constexpr const char* kPaymentMismatch = "error.payment_mismatch";
inline constexpr const char* kPosOffline = "error.pos_offline";
inline constexpr const char* kServer = "error.procart_server";
inline constexpr const char* kMalformed = "error.procart_malformed";
}  // namespace keys

// A Malformed error for an unreadable answer; maybe_acted as given.
ServiceError malformed(std::string detail, int http_status, bool maybe_acted);

}  // namespace kiosk::procart::codec
