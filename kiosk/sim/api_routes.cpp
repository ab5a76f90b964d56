// The ProCart methods under /api/v3 (docs/PROCART-WIRE.md §B, docs/EMULATOR.md), each run through the fault
// injector, and the menu images.
#include <chrono>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "kiosk/sim/emulator_state.h"
#include "kiosk/sim/fault_responses.h"
#include "kiosk/sim/image_path.h"
#include "kiosk/sim/menu_wire.h"
#include "kiosk/sim/order_request.h"
#include "kiosk/sim/pricing.h"
#include "kiosk/sim/print_info.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

constexpr const char* kLog = "procart-sim";
constexpr const char* kProcartVersion = "3.0.0-sim";
constexpr const char* kRkeeperVersion = "7.6.5.117";

// ---------------------------------------------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------------------------------------------

// Parses a POST body as a JSON object; answers 400 and returns nullopt when it is not one.
std::optional<json> jsonBody(const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    replyError(res, 400, "bad_request", "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

bool checkToken(EmulatorState& s, const httplib::Request& req, const json* body, httplib::Response& res) {
  if (tokenAccepted(req, body, s.options.token)) return true;
  replyError(res, 401, "token_invalid", "unknown or missing token");
  return false;
}

// Caller holds the state lock.
bool checkPosOnline(EmulatorState& s, httplib::Response& res) {
  if (s.pos_online) return true;
  replyError(res, 503, "pos_offline", "the r_keeper cash server is not reachable");
  return false;
}

json validationError(const ValidationError& e) {
  json error = {{"code", "validation"}, {"rule", e.rule}, {"message", e.message}};
  if (e.line >= 0) error["line"] = e.line;
  if (!e.component.empty()) error["component"] = e.component;
  return {{"ok", false}, {"error", error}};
}

// Prices the order (caller holds the lock). Answers the error itself and returns nullopt on failure.
std::optional<PricedOrder> priceOrAnswer(EmulatorState& s, const OrderRequest& order, httplib::Response& res) {
  auto priced = priceOrder(*s.menu, s.store.stockUsed(), order);
  if (priced) return *priced;
  if (priced.error().rule == "bad_request") {
    replyError(res, 400, "bad_request", priced.error().message);
  } else {
    reply(res, 422, validationError(priced.error()));
  }
  return std::nullopt;
}

json pricedToJson(const PricedOrder& priced) {
  json lines = json::array();
  for (const auto& l : priced.lines) {
    lines.push_back({{"index", l.index},
                     {"price", moneyText(l.unit_price)},
                     {"sum", moneyText(l.sum)},
                     {"discount", moneyText(l.discount)}});
  }
  json discounts = json::array();
  for (const auto& d : priced.discounts) {
    discounts.push_back({{"id", d.id}, {"name", d.name}, {"amount", moneyText(d.amount)}});
  }
  return {{"ok", true}, {"lines", lines}, {"discounts", discounts}, {"total", moneyText(priced.total)}};
}

json orderSummary(const OrderRecord& o) {
  return {{"guid", o.guid},
          {"external_id", o.external_id},
          {"number", o.number},
          {"status", o.status},
          {"total", moneyText(o.total_kopecks)},
          {"paid", moneyText(o.paid_kopecks)},
          {"updated_at", o.updated_at}};
}

// ---------------------------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------------------------

void ping(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  // /ping reports rather than refuses: a bad token or an offline POS are fields of a 200 answer.
  json body = json::parse(req.body, nullptr, false);
  bool token_valid = tokenAccepted(req, body.is_discarded() ? nullptr : &body, s.options.token);
  std::lock_guard lock(s.mutex);
  reply(res, 200,
        {{"ok", true},
         {"procart_version", kProcartVersion},
         {"rkeeper_version", kRkeeperVersion},
         {"rkeeper_connected", s.pos_online},
         {"license_valid", s.license_valid},
         {"token_valid", token_valid}});
}

void getmenu(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  if (!checkToken(s, req, nullptr, res)) return;
  if (s.options.getmenu_latency) {
    int ms;
    {
      std::lock_guard lock(s.latency_mutex);
      ms = std::uniform_int_distribution<int>(500, 2000)(s.latency_rng);
    }
    s.pause(ms);
  }
  // ProCart answers /getmenu from its own cache, so the menu is served even while the POS is offline.
  std::lock_guard lock(s.mutex);
  reply(res, 200, menuToWire(*s.menu, s.store.stockUsed()));
}

void validate(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonBody(req, res);
  if (!body || !checkToken(s, req, &*body, res)) return;
  auto order = parseOrderRequest(*body);
  std::lock_guard lock(s.mutex);
  if (!checkPosOnline(s, res)) return;
  if (!order) return replyError(res, 400, "bad_request", order.error());
  auto priced = priceOrAnswer(s, *order, res);
  if (priced) reply(res, 200, pricedToJson(*priced));
}

void postorder(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonBody(req, res);
  if (!body || !checkToken(s, req, &*body, res)) return;
  auto order = parseOrderRequest(*body);
  std::string guid;
  int64_t created_ms = 0;
  {
    std::lock_guard lock(s.mutex);
    if (!checkPosOnline(s, res)) return;
    if (!order) return replyError(res, 400, "bad_request", order.error());
    auto priced = priceOrAnswer(s, *order, res);
    if (!priced) return;
    int64_t paid = 0;
    for (const auto& p : order->payments) paid += p.amount;
    // r_keeper takes a payment only if it equals the order total exactly. No payment = an unpaid order.
    if (!order->payments.empty() && paid != priced->total) {
      return replyError(res, 422, "payment_mismatch",
                        "payments " + moneyText(paid) + " do not equal the order total " + moneyText(priced->total));
    }
    auto now = std::chrono::system_clock::now();
    StoredOrder stored;
    stored.record.external_id = order->external_id;
    stored.record.status = kNew;
    stored.record.total_kopecks = priced->total;
    stored.record.paid_kopecks = paid;
    for (const auto& p : order->payments) {
      stored.record.payments.push_back(
          {p.currency_id, p.amount, p.terminal_id, p.rrn, p.auth_code, p.card_mask, p.paid_at});
    }
    stored.record.callback_url = order->callback_url;
    stored.record.created_at = stored.record.updated_at = isoLocalTime(now);
    json kept = *body;
    kept.erase("token");
    stored.record.request_json = kept.dump(-1, ' ', false, json::error_handler_t::replace);
    stored.comment = order->comment;
    stored.dish_units = priced->dish_units;
    stored.created_ms = created_ms = epochMillis(now);
    StoredOrder& created = s.store.create(std::move(stored));
    std::string saved = s.store.save();
    if (!saved.empty()) kiosk::log::error(kLog, "cannot save orders: ", saved);
    guid = created.record.guid;
    json answer = pricedToJson(*priced);
    answer["guid"] = guid;
    answer["number"] = created.record.number;
    answer["status"] = kNew;
    reply(res, 200, answer);
    kiosk::log::info(kLog, "order ", guid, " #", created.record.number, " created, total ", moneyText(priced->total));
  }
  s.lifecycle.schedule(guid, created_ms);
}

void getordersList(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  if (!checkToken(s, req, nullptr, res)) return;
  std::lock_guard lock(s.mutex);
  if (!checkPosOnline(s, res)) return;
  json orders = json::array();
  for (const auto& o : s.store.all()) {
    if (o.record.status != kClosed && o.record.status != kDeleted) orders.push_back(orderSummary(o.record));
  }
  reply(res, 200, {{"ok", true}, {"orders", orders}});
}

void getordersByGuid(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonBody(req, res);
  if (!body || !checkToken(s, req, &*body, res)) return;
  std::vector<std::string> guids;
  if (body->contains("guid")) {
    if (!(*body)["guid"].is_string()) return replyError(res, 400, "bad_request", "guid must be a string");
    guids.push_back((*body)["guid"].get<std::string>());
  }
  if (body->contains("guids")) {
    const json& list = (*body)["guids"];
    if (!list.is_array()) return replyError(res, 400, "bad_request", "guids must be an array of strings");
    for (const auto& g : list) {
      if (!g.is_string()) return replyError(res, 400, "bad_request", "guids must be an array of strings");
      guids.push_back(g.get<std::string>());
    }
  }
  if (guids.empty()) return replyError(res, 400, "bad_request", "give \"guids\" (or \"guid\")");
  std::lock_guard lock(s.mutex);
  if (!checkPosOnline(s, res)) return;
  json orders = json::array();
  for (const auto& guid : guids) {
    if (const StoredOrder* o = s.store.find(guid)) orders.push_back(orderSummary(o->record));
  }
  reply(res, 200, {{"ok", true}, {"orders", orders}});
}

void closeOrder(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonBody(req, res);
  if (!body || !checkToken(s, req, &*body, res)) return;
  auto guid = body->find("guid");
  if (guid == body->end() || !guid->is_string()) return replyError(res, 400, "bad_request", "missing \"guid\"");
  std::optional<PendingCallback> callback;
  {
    std::lock_guard lock(s.mutex);
    if (!checkPosOnline(s, res)) return;
    StoredOrder* order = s.store.find(guid->get<std::string>());
    if (!order) return replyError(res, 404, "not_found", "no such order");
    if (order->record.status == kDeleted) return replyError(res, 409, "order_deleted", "the order was deleted");
    if (!fullyPaid(order->record)) return replyError(res, 409, "not_paid", "the order is not paid in full");
    callback = s.setStatusLocked(*order, kClosed);
    reply(res, 200, {{"ok", true}});
  }
  s.dispatch(callback);
}

void printInfo(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  // Called by r_keeper itself, not by external systems: no token.
  auto body = jsonBody(req, res);
  if (!body) return;
  auto guid = body->find("guid");
  if (guid == body->end() || !guid->is_string()) return replyError(res, 400, "bad_request", "missing \"guid\"");
  std::lock_guard lock(s.mutex);
  const StoredOrder* order = s.store.find(guid->get<std::string>());
  if (!order) return replyError(res, 404, "not_found", "no such order");
  reply(res, 200, {{"ok", true}, {"lines", splitPrintLines(order->comment)}});
}

void image(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  std::string dir;
  {
    std::lock_guard lock(s.mutex);
    dir = s.images_dir;
  }
  ImageFile file = findImage(dir, req.matches[1].str());
  if (file.result == ImageLookup::Refused) return replyError(res, 400, "bad_request", "bad image name");
  if (file.result == ImageLookup::NotFound) return replyError(res, 404, "not_found", "no such image");
  auto content = kiosk::files::readAll(file.path);
  if (!content) return replyError(res, 404, "not_found", "no such image");
  res.status = 200;
  res.set_header("Cache-Control", "max-age=3600");
  res.set_content(*content, file.content_type);
}

}  // namespace

void installApiRoutes(EmulatorState& s, httplib::Server& server) {
  const std::string base = "/api/v3";
  auto route = [&s](const char* method, void (*fn)(EmulatorState&, const httplib::Request&, httplib::Response&)) {
    return [&s, method, fn](const httplib::Request& req, httplib::Response& res) {
      s.countRequest(method);
      serveWithFaults(
          s.faults.decide(method), method, req, res, [&s](int ms) { s.pause(ms); },
          [&s, fn](const httplib::Request& r, httplib::Response& w) { fn(s, r, w); });
    };
  };
  server.Get(base + "/ping", route("ping", ping));
  server.Get(base + "/getmenu", route("getmenu", getmenu));
  server.Post(base + "/validate", route("validate", validate));
  server.Post(base + "/postorder", route("postorder", postorder));
  server.Get(base + "/getorders", route("getorders", getordersList));
  server.Post(base + "/getorders", route("getorders", getordersByGuid));
  server.Post(base + "/close", route("close", closeOrder));
  server.Post(base + "/internal/print_info", route("print_info", printInfo));
  server.Get(base + "/images/(.+)", [&s](const httplib::Request& req, httplib::Response& res) { image(s, req, res); });
}

}  // namespace procart_sim
