#include "kiosk/procart/client.h"

#include "kiosk/common/log.h"
#include "kiosk/procart/http_transport.h"

namespace kiosk::procart {
namespace {

constexpr const char* kLog = "procart";

std::string withoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Logs a failure once, at the level it deserves. The token never appears: it is not in paths or details.
void logFailure(const char* path, const ServiceError& e) {
  auto level = e.kind == ErrorKind::Validation ? log::Level::Info : log::Level::Warn;
  if (log::enabled(level)) {
    log::write(level, kLog,
               log::detail::concat(path, " failed: ", errorKindName(e.kind), " (", e.message_key, ")",
                                   e.maybe_acted ? " maybe acted" : "", ": ", e.detail));
  }
}

}  // namespace

ProcartClient::ProcartClient(ClientOptions options)
    : options_(std::move(options)), transport_(std::make_unique<HttpTransport>()) {
  options_.base_url = withoutTrailingSlash(options_.base_url);
  log::info(kLog, "client for ", options_.base_url, ", token ", log::redact(options_.token), " in ",
            options_.token_placement == TokenPlacement::QueryOrBody    ? "query/body"
            : options_.token_placement == TokenPlacement::BearerHeader ? "Authorization: Bearer"
                                                                       : "header " + options_.token_header);
}

ProcartClient::~ProcartClient() = default;

std::string ProcartClient::bodyToken() const {
  return options_.token_placement == TokenPlacement::QueryOrBody ? options_.token : std::string();
}

Expected<std::string, ServiceError> ProcartClient::call(const char* path, bool post, const std::string& body,
                                                        std::chrono::milliseconds timeout, bool fresh_connection) {
  HttpRequest request;
  request.post = post;
  request.url = options_.base_url + path;
  if (!post && options_.token_placement == TokenPlacement::QueryOrBody) {
    request.url += std::string("?") + codec::kTokenParam + "=" + HttpTransport::escape(options_.token);
  }
  if (options_.token_placement == TokenPlacement::BearerHeader) {
    request.headers.push_back("Authorization: Bearer " + options_.token);
  } else if (options_.token_placement == TokenPlacement::CustomHeader) {
    request.headers.push_back(options_.token_header + ": " + options_.token);
  }
  request.body = body;
  request.connect_timeout = options_.timeouts.connect;
  request.total_timeout = timeout;
  request.fresh_connection = fresh_connection;
  request.what = path;

  auto response = transport_->perform(request);
  if (!response) {
    logFailure(path, response.error());
    return Unexpected{response.error()};
  }
  if (response->status < 200 || response->status >= 300) {
    ServiceError e = codec::errorFromAnswer(response->status, response->body);
    logFailure(path, e);
    return Unexpected{e};
  }
  return std::move(response->body);
}

namespace {
// Runs a codec parser over a 2xx body; failures are logged with the path and keep the real HTTP status.
template <class T, class Parse>
Expected<T, ServiceError> parsed(const char* path, Expected<std::string, ServiceError> body, Parse parse) {
  if (!body) return Unexpected{body.error()};
  auto result = parse(*body);
  if (!result) {
    logFailure(path, result.error());
    return Unexpected{result.error()};
  }
  return std::move(*result);
}
}  // namespace

Expected<codec::PingInfo, ServiceError> ProcartClient::ping() {
  return parsed<codec::PingInfo>(codec::kPingPath,
                                 call(codec::kPingPath, false, {}, options_.timeouts.ping, false), codec::parsePing);
}

Expected<MenuFetch, ServiceError> ProcartClient::getMenu() {
  auto body = call(codec::kGetMenuPath, false, {}, options_.timeouts.getmenu, false);
  if (!body) return Unexpected{body.error()};
  auto menu = codec::parseMenu(*body);
  if (!menu) {
    logFailure(codec::kGetMenuPath, menu.error());
    return Unexpected{menu.error()};
  }
  for (const auto& problem : menu->problems) log::warn(kLog, "menu: ", problem);
  return MenuFetch{std::move(*menu), std::move(*body)};
}

Expected<ValidationResult, ServiceError> ProcartClient::validate(const OrderDraft& draft) {
  return parsed<ValidationResult>(
      codec::kValidatePath,
      call(codec::kValidatePath, true, codec::encodeValidate(draft, bodyToken()), options_.timeouts.validate, false),
      codec::parseValidate);
}

Expected<PostedOrder, ServiceError> ProcartClient::postOrder(const OrderDraft& draft,
                                                             const std::vector<OrderPayment>& payments,
                                                             const std::string& callback_url) {
  log::info(kLog, "postorder ", draft.external_id, ": ", draft.lines.size(), " lines, ", payments.size(),
            " payments");
  auto result = parsed<PostedOrder>(
      codec::kPostOrderPath,
      call(codec::kPostOrderPath, true, codec::encodePostOrder(draft, payments, callback_url, bodyToken()),
           options_.timeouts.postorder, /*fresh_connection=*/true),
      codec::parsePostOrder);
  if (result) log::info(kLog, "postorder ", draft.external_id, ": created ", result->guid, " #", result->number);
  return result;
}

Expected<codec::OrdersParse, ServiceError> ProcartClient::getOpenOrders() {
  auto result = parsed<codec::OrdersParse>(
      codec::kGetOrdersPath, call(codec::kGetOrdersPath, false, {}, options_.timeouts.getorders, false),
      codec::parseOrders);
  if (result) {
    for (const auto& problem : result->problems) log::warn(kLog, "getorders: ", problem);
  }
  return result;
}

Expected<codec::OrdersParse, ServiceError> ProcartClient::getOrders(const std::vector<std::string>& guids) {
  auto result = parsed<codec::OrdersParse>(
      codec::kGetOrdersPath,
      call(codec::kGetOrdersPath, true, codec::encodeGetOrders(guids, bodyToken()), options_.timeouts.getorders,
           false),
      codec::parseOrders);
  if (result) {
    for (const auto& problem : result->problems) log::warn(kLog, "getorders: ", problem);
  }
  return result;
}

Expected<codec::Done, ServiceError> ProcartClient::closeOrder(const std::string& guid) {
  return parsed<codec::Done>(
      codec::kClosePath,
      call(codec::kClosePath, true, codec::encodeClose(guid, bodyToken()), options_.timeouts.close, false),
      codec::parseClose);
}

std::string ProcartClient::imageUrl(const std::string& ref) const {
  if (ref.rfind("http://", 0) == 0 || ref.rfind("https://", 0) == 0) return ref;
  return options_.base_url + (ref.empty() || ref.front() != '/' ? "/" : "") + ref;
}

Expected<std::string, ServiceError> ProcartClient::fetchImage(const std::string& ref) {
  HttpRequest request;
  request.url = imageUrl(ref);
  request.connect_timeout = options_.timeouts.connect;
  request.total_timeout = options_.timeouts.image;
  request.max_response_bytes = options_.max_image_bytes;
  request.what = "image";
  // Images on the ProCart host may sit behind the same token check; an absolute URL elsewhere gets none.
  const bool same_host = request.url.rfind(options_.base_url, 0) == 0;
  if (same_host && options_.token_placement == TokenPlacement::BearerHeader) {
    request.headers.push_back("Authorization: Bearer " + options_.token);
  } else if (same_host && options_.token_placement == TokenPlacement::CustomHeader) {
    request.headers.push_back(options_.token_header + ": " + options_.token);
  }
  auto response = transport_->perform(request);
  if (!response) return Unexpected{response.error()};
  if (response->status != 200) {
    ServiceError e;
    e.kind = ErrorKind::Server;
    e.message_key = codec::keys::kServer;
    e.http_status = response->status;
    e.detail = "image " + ref + ": HTTP " + std::to_string(response->status);
    return Unexpected{e};
  }
  return std::move(response->body);
}

}  // namespace kiosk::procart
