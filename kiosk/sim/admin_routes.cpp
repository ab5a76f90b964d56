// Admin endpoints under /sim/… for tests and demo staff (no token: the emulator is meant for loopback).
#include "kiosk/common/log.h"
#include "kiosk/sim/emulator_state.h"
#include "kiosk/sim/lifecycle.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

json paymentToWire(const PaymentRecord& p) {
  return {{"currency_id", p.currency_id},
          {"amount", moneyText(p.amount_kopecks)},
          {"transaction",
           {{"terminal_id", p.terminal_id},
            {"rrn", p.rrn},
            {"auth_code", p.auth_code},
            {"card_mask", p.card_mask},
            {"paid_at", p.paid_at}}}};
}

json fullOrder(const StoredOrder& o) {
  json payments = json::array();
  for (const auto& p : o.record.payments) payments.push_back(paymentToWire(p));
  json request = json::parse(o.record.request_json, nullptr, false);
  return {{"guid", o.record.guid},
          {"external_id", o.record.external_id},
          {"number", o.record.number},
          {"status", o.record.status},
          {"total", moneyText(o.record.total_kopecks)},
          {"paid", moneyText(o.record.paid_kopecks)},
          {"payments", payments},
          {"callback_url", o.record.callback_url},
          {"created_at", o.record.created_at},
          {"updated_at", o.record.updated_at},
          {"dish_units", o.dish_units},
          {"request", request.is_discarded() ? json(nullptr) : request}};
}

void setStatus(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("status")) {
    return replyError(res, 400, "bad_request", "body must be {\"status\": N}");
  }
  std::optional<int> status;
  if (body["status"].is_number_integer()) status = body["status"].get<int>();
  if (body["status"].is_string()) status = statusFromName(body["status"].get<std::string>());
  if (!status || !isValidStatus(*status))
    return replyError(res, 400, "bad_request", "status must be 0..5 or a status name");
  std::optional<PendingCallback> callback;
  {
    std::lock_guard lock(s.mutex);
    StoredOrder* order = s.store.find(req.matches[1].str());
    if (!order) return replyError(res, 404, "not_found", "no such order");
    callback = s.setStatusLocked(*order, *status);
    reply(res, 200, {{"ok", true}, {"guid", order->record.guid}, {"status", *status}});
  }
  s.dispatch(callback);
}

void setFaults(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  // The body is the spec itself, or {"spec": "..."}.
  std::string spec = req.body;
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_discarded() && body.is_object()) {
    if (!body.contains("spec") || !body["spec"].is_string()) {
      return replyError(res, 400, "bad_request", "body must be a fault spec or {\"spec\": \"...\"}");
    }
    spec = body["spec"].get<std::string>();
  }
  std::string error = s.faults.set(spec, s.options.seed);
  if (!error.empty()) return replyError(res, 400, "bad_request", error);
  kiosk::log::info("procart-sim", "faults: \"", spec, "\"");
  reply(res, 200, {{"ok", true}, {"spec", spec}});
}

void setPosOnline(EmulatorState& s, const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("online") || !body["online"].is_boolean()) {
    return replyError(res, 400, "bad_request", "body must be {\"online\": true|false}");
  }
  std::lock_guard lock(s.mutex);
  s.pos_online = body["online"].get<bool>();
  reply(res, 200, {{"ok", true}, {"online", s.pos_online}});
}

void listOrders(EmulatorState& s, const httplib::Request&, httplib::Response& res) {
  std::lock_guard lock(s.mutex);
  json orders = json::array();
  for (const auto& o : s.store.all()) orders.push_back(fullOrder(o));
  reply(res, 200, {{"ok", true}, {"orders", orders}});
}

void reloadMenu(EmulatorState& s, const httplib::Request&, httplib::Response& res) {
  std::lock_guard lock(s.mutex);
  bool changed = false;
  std::string error = s.reloadMenuLocked(changed);
  if (!error.empty()) return replyError(res, 422, "menu_invalid", error);
  reply(res, 200, {{"ok", true}, {"menu_version", s.menu->version}, {"changed", changed}});
}

void counters(EmulatorState& s, const httplib::Request&, httplib::Response& res) {
  json requests = json::object();
  for (const auto& [method, count] : s.requests) requests[method] = count.load();
  reply(res, 200,
        {{"ok", true},
         {"requests", requests},
         {"callbacks_sent", s.callbacks.delivered()},
         {"callbacks_lost", s.callbacks.lost()},
         {"callback_attempts", s.callbacks.attempts()}});
}

}  // namespace

void installAdminRoutes(EmulatorState& s, httplib::Server& server) {
  using Fn = void (*)(EmulatorState&, const httplib::Request&, httplib::Response&);
  auto bind = [&s](Fn fn) {
    return [&s, fn](const httplib::Request& req, httplib::Response& res) { fn(s, req, res); };
  };
  server.Post(R"(/sim/orders/([^/]+)/status)", bind(setStatus));
  server.Post("/sim/faults", bind(setFaults));
  server.Get("/sim/faults", [&s](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, {{"ok", true}, {"spec", s.faults.spec()}});
  });
  server.Post("/sim/pos_online", bind(setPosOnline));
  server.Get("/sim/orders", bind(listOrders));
  server.Post("/sim/reload_menu", bind(reloadMenu));
  server.Get("/sim/counters", bind(counters));

  // Unknown paths get a JSON 404; answers that already have a body keep it.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty() || res.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
    replyError(res, res.status, res.status == 404 ? "not_found" : "http_error", "");
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    kiosk::log::error("procart-sim", req.method, " ", req.path, ": ", what);
    replyError(res, 500, "internal", what);
  });
}

}  // namespace procart_sim
