// Wire codec: orders (/validate, /postorder, /getorders, /close), errors, /ping and callbacks.
// Field names live here and in codec_menu.cpp only (docs/PROCART-WIRE.md lists them).
#include "kiosk/procart/codec.h"

#include "kiosk/procart/wire_values.h"

namespace kiosk::procart::codec {
namespace {

using wire::Json;
using wire::member;

constexpr size_t kMaxDetailChars = 300;  // server text kept for the log; bodies can be large

// Request text. Invalid UTF-8 (a guest comment from a bad keyboard layout) is replaced, never thrown on.
std::string toText(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::optional<Json> parseObject(std::string_view body) {
  Json doc = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

std::string clip(std::string text) {
  if (text.size() > kMaxDetailChars) {
    text.resize(kMaxDetailChars);
    text += "…";
  }
  return text;
}

// "ok": false in a 2xx answer is a refusal stated clearly, mapped like an error answer.
bool saysNotOk(const Json& doc) {
  auto ok = wire::readBool(member(doc, "ok"));
  return ok.has_value() && !*ok;
}

Json encodeModifiers(const std::vector<OrderModifier>& modifiers) {
  Json out = Json::array();
  for (const auto& m : modifiers) out.push_back({{"id", m.id}, {"quantity", m.quantity}});
  return out;
}

void putIfNotEmpty(Json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

Json encodeOrder(const OrderDraft& draft) {
  Json order = Json::object();
  order["external_id"] = draft.external_id;
  putIfNotEmpty(order, "category_id", draft.category_id);
  putIfNotEmpty(order, "table_code", draft.table_code);
  putIfNotEmpty(order, "comment", draft.comment);
  putIfNotEmpty(order, "short_comment", draft.short_comment);
  Json lines = Json::array();
  for (const auto& line : draft.lines) {
    Json l = {{"dish_id", line.dish_id}, {"quantity", line.quantity}};
    putIfNotEmpty(l, "comment", line.comment);
    l["modifiers"] = encodeModifiers(line.modifiers);
    if (!line.combo.empty()) {
      Json combo = Json::array();
      for (const auto& part : line.combo) {
        combo.push_back(
            {{"group_id", part.group_id}, {"dish_id", part.dish_id}, {"modifiers", encodeModifiers(part.modifiers)}});
      }
      l["combo"] = std::move(combo);
    }
    lines.push_back(std::move(l));
  }
  order["lines"] = std::move(lines);
  Json discounts = Json::array();
  for (const auto& d : draft.discounts) discounts.push_back({{"id", d.id}, {"amount", wire::writeMoney(d.amount)}});
  order["discounts"] = std::move(discounts);
  return order;
}

Json withToken(Json body, const std::string& token) {
  if (!token.empty()) body[kTokenParam] = token;
  return body;
}

// FastAPI's loc, e.g. ["body", "order", "lines", 2, "dish_id"]: the number after "lines" names the line.
int lineFromLoc(const Json* loc) {
  if (!loc || !loc->is_array()) return -1;
  for (size_t i = 0; i + 1 < loc->size(); ++i) {
    if ((*loc)[i].is_string() && (*loc)[i].get_ref<const std::string&>() == "lines") {
      if (auto n = wire::readSmallInt(&(*loc)[i + 1])) return *n;
    }
  }
  return -1;
}

struct ErrorFields {
  std::string code, message, rule, component;
  int line = -1;
};

ErrorFields readErrorFields(const Json& doc) {
  ErrorFields f;
  const Json* error = member(doc, "error");
  const Json* source = (error && error->is_object()) ? error : &doc;  // {"ok": false, "code": ...} also seen
  if (auto code = wire::readText(member(*source, "code"))) f.code = *code;
  if (auto message = wire::readText(member(*source, "message"))) f.message = *message;
  if (auto rule = wire::readText(member(*source, "rule"))) f.rule = *rule;
  if (auto component = wire::readId(member(*source, "component"))) f.component = *component;
  if (auto line = wire::readSmallInt(member(*source, "line"))) f.line = *line;
  if (error && error->is_string()) f.message = error->get<std::string>();
  if (const Json* detail = member(doc, "detail")) {
    if (detail->is_string()) {
      f.message = detail->get<std::string>();
    } else if (detail->is_array() && !detail->empty()) {
      const Json& first = (*detail)[0];
      if (auto msg = wire::readText(member(first, "msg"))) f.message = *msg;
      if (f.line < 0) f.line = lineFromLoc(member(first, "loc"));
    } else if (detail->is_object()) {
      if (auto msg = wire::readText(member(*detail, "message"))) f.message = *msg;
      if (auto code = wire::readText(member(*detail, "code"))) f.code = *code;
    }
  }
  return f;
}

ServiceError errorOf(ErrorKind kind, const char* key, bool maybe_acted) {
  ServiceError e;
  e.kind = kind;
  e.message_key = key;
  e.maybe_acted = maybe_acted;
  return e;
}

}  // namespace

ServiceError malformed(std::string detail, int http_status, bool maybe_acted) {
  ServiceError e = errorOf(ErrorKind::Malformed, keys::kMalformed, maybe_acted);
  e.detail = std::move(detail);
  e.http_status = http_status;
  return e;
}

// ---- requests --------------------------------------------------------------------------------------------------

std::string encodeValidate(const OrderDraft& draft, const std::string& token) {
  return toText(withToken(Json{{"order", encodeOrder(draft)}}, token));
}

std::string encodePostOrder(const OrderDraft& draft, const std::vector<OrderPayment>& payments,
                            const std::string& callback_url, const std::string& token) {
  Json body = {{"order", encodeOrder(draft)}};
  Json pays = Json::array();
  for (const auto& p : payments) {
    const CardTransaction& t = p.transaction;
    Json transaction = Json::object();
    putIfNotEmpty(transaction, "terminal_id", t.terminal_id);
    putIfNotEmpty(transaction, "rrn", t.rrn);
    putIfNotEmpty(transaction, "auth_code", t.auth_code);
    putIfNotEmpty(transaction, "card_mask", t.card_mask);
    putIfNotEmpty(transaction, "card_type", t.card_type);
    putIfNotEmpty(transaction, "paid_at", t.paid_at);
    pays.push_back({{"currency_id", p.currency_id}, {"amount", wire::writeMoney(p.amount)}, {"transaction", transaction}});
  }
  body["payments"] = std::move(pays);
  putIfNotEmpty(body, "callback_url", callback_url);
  return toText(withToken(std::move(body), token));
}

std::string encodeGetOrders(const std::vector<std::string>& guids, const std::string& token) {
  return toText(withToken(Json{{"guids", guids}}, token));
}

std::string encodeClose(const std::string& guid, const std::string& token) {
  return toText(withToken(Json{{"guid", guid}}, token));
}

// ---- errors ----------------------------------------------------------------------------------------------------

ServiceError errorFromAnswer(int http_status, std::string_view body) {
  ErrorFields f;
  bool json = false;
  if (auto doc = parseObject(body)) {
    f = readErrorFields(*doc);
    json = true;
  }
  // 5xx: ProCart may have passed the request on before failing; the money rules must assume it did.
  const bool server_failure = http_status >= 500;
  ServiceError e;
  if (f.code == "token_invalid" || http_status == 401 || http_status == 403) {
    e = errorOf(ErrorKind::Auth, keys::kAuth, server_failure);
  } else if (f.code == "payment_mismatch") {
    e = errorOf(ErrorKind::Validation, keys::kPaymentMismatch, server_failure);
    if (f.rule.empty()) f.rule = f.code;
  } else if (f.code == "pos_offline") {
    e = errorOf(ErrorKind::Server, keys::kPosOffline, server_failure);
  } else if (server_failure) {
    e = errorOf(ErrorKind::Server, keys::kServer, true);
  } else if (f.code == "validation" || !f.rule.empty() || http_status == 422) {
    e = errorOf(ErrorKind::Validation, keys::kOrderRejected, false);
    if (f.code.empty()) f.code = "validation";
  } else if (f.code == "bad_request" || http_status == 400) {
    // Our request was refused as a whole: nothing was created, the guest sees "order not accepted".
    e = errorOf(ErrorKind::Validation, keys::kOrderRejected, false);
    if (f.code.empty()) f.code = "bad_request";
  } else {
    e = errorOf(ErrorKind::Server, keys::kServer, false);  // 404, 405, 413, 429, or a 2xx "ok": false we don't know
  }
  e.http_status = http_status;
  e.code = f.code;
  e.rule = f.rule;
  e.line_index = e.kind == ErrorKind::Validation ? f.line : -1;
  std::string detail = "HTTP " + std::to_string(http_status);
  if (!f.code.empty()) detail += " code=" + f.code;
  if (!f.rule.empty()) detail += " rule=" + f.rule;
  if (f.line >= 0) detail += " line=" + std::to_string(f.line);
  if (!f.component.empty()) detail += " component=" + f.component;
  if (!f.message.empty()) detail += ": " + f.message;
  if (!json && !body.empty()) detail += " (body not JSON: " + std::string(body.substr(0, 80)) + ")";
  e.detail = clip(std::move(detail));
  return e;
}

// ---- 2xx answers -------------------------------------------------------------------------------------------------

Expected<PingInfo, ServiceError> parsePing(std::string_view body) {
  auto doc = parseObject(body);
  if (!doc) return Unexpected{malformed("/ping: answer is not a JSON object", 200, true)};
  if (saysNotOk(*doc)) return Unexpected{errorFromAnswer(200, body)};
  PingInfo info;
  info.procart_version = wire::readText(member(*doc, "procart_version")).value_or("");
  info.rkeeper_version = wire::readText(member(*doc, "rkeeper_version")).value_or("");
  // Missing flags default to "fine": a ProCart that does not report them answered the ping after all.
  info.rkeeper_connected = wire::readBool(member(*doc, "rkeeper_connected")).value_or(true);
  info.license_valid = wire::readBool(member(*doc, "license_valid")).value_or(true);
  info.token_valid = wire::readBool(member(*doc, "token_valid")).value_or(true);
  return info;
}

Expected<ValidationResult, ServiceError> parseValidate(std::string_view body) {
  auto doc = parseObject(body);
  if (!doc) return Unexpected{malformed("/validate: answer is not a JSON object", 200, true)};
  if (saysNotOk(*doc)) return Unexpected{errorFromAnswer(200, body)};
  ValidationResult result;
  // The total is what the guest will be charged: without it the answer is useless.
  auto total = wire::readMoney(member(*doc, "total"));
  if (!total) return Unexpected{malformed("/validate: no readable total", 200, true)};
  result.total = *total;
  if (const Json* lines = member(*doc, "lines"); lines && lines->is_array()) {
    int position = 0;
    for (const Json& l : *lines) {
      ValidatedLine line;
      line.index = wire::readSmallInt(member(l, "index")).value_or(position);
      line.price = wire::readMoney(member(l, "price")).value_or(Money{});
      line.sum = wire::readMoney(member(l, "sum")).value_or(Money{});
      line.discount = wire::readMoney(member(l, "discount")).value_or(Money{});
      result.lines.push_back(line);
      ++position;
    }
  }
  if (const Json* discounts = member(*doc, "discounts"); discounts && discounts->is_array()) {
    for (const Json& d : *discounts) {
      AppliedDiscount discount;
      discount.id = wire::readId(member(d, "id")).value_or("");
      discount.name = wire::readText(member(d, "name")).value_or("");
      discount.amount = wire::readMoney(member(d, "amount")).value_or(Money{});
      result.discounts.push_back(std::move(discount));
    }
  }
  return result;
}

Expected<PostedOrder, ServiceError> parsePostOrder(std::string_view body) {
  auto doc = parseObject(body);
  if (!doc) return Unexpected{malformed("/postorder: answer is not a JSON object", 200, true)};
  if (saysNotOk(*doc)) return Unexpected{errorFromAnswer(200, body)};
  auto guid = wire::readId(member(*doc, "guid"));
  if (!guid) return Unexpected{malformed("/postorder: answer without a guid", 200, true)};
  PostedOrder order;
  order.guid = *guid;
  order.number = wire::readText(member(*doc, "number")).value_or("");
  if (auto code = wire::readSmallInt(member(*doc, "status"))) {
    order.status = orderStatusFromCode(*code).value_or(OrderStatus::New);
  }
  return order;
}

Expected<OrdersParse, ServiceError> parseOrders(std::string_view body) {
  auto doc = parseObject(body);
  if (!doc) return Unexpected{malformed("/getorders: answer is not a JSON object", 200, true)};
  if (saysNotOk(*doc)) return Unexpected{errorFromAnswer(200, body)};
  const Json* orders = member(*doc, "orders");
  if (!orders || !orders->is_array()) return Unexpected{malformed("/getorders: no orders array", 200, true)};
  OrdersParse out;
  int position = 0;
  for (const Json& o : *orders) {
    auto guid = wire::readId(member(o, "guid"));
    auto code = wire::readSmallInt(member(o, "status"));
    auto status = code ? orderStatusFromCode(*code) : std::nullopt;
    if (!guid || !status) {
      out.problems.push_back("orders[" + std::to_string(position) + "]: " +
                             (!guid ? "no guid" : "no known status") + ", skipped");
      ++position;
      continue;
    }
    OrderInfo info;
    info.guid = *guid;
    info.external_id = wire::readText(member(o, "external_id")).value_or("");
    info.number = wire::readText(member(o, "number")).value_or("");
    info.status = *status;
    info.total = wire::readMoney(member(o, "total")).value_or(Money{});
    info.paid = wire::readMoney(member(o, "paid")).value_or(Money{});
    info.updated_at = wire::readText(member(o, "updated_at")).value_or("");
    out.orders.push_back(std::move(info));
    ++position;
  }
  return out;
}

Expected<Done, ServiceError> parseClose(std::string_view body) {
  auto doc = parseObject(body);
  if (!doc) return Unexpected{malformed("/close: answer is not a JSON object", 200, true)};
  if (saysNotOk(*doc)) return Unexpected{errorFromAnswer(200, body)};
  return Done{};
}

// ---- callbacks -----------------------------------------------------------------------------------------------------

std::optional<CallbackNotice> parseCallback(std::string_view body, std::string& why) {
  auto doc = parseObject(body);
  if (!doc) {
    why = "body is not a JSON object";
    return std::nullopt;
  }
  auto guid = wire::readId(member(*doc, "guid"));
  if (!guid) {
    why = "no guid";
    return std::nullopt;
  }
  CallbackNotice notice;
  notice.guid = *guid;
  notice.external_id = wire::readText(member(*doc, "external_id")).value_or("");
  notice.number = wire::readText(member(*doc, "number")).value_or("");
  if (auto code = wire::readSmallInt(member(*doc, "status"))) notice.status = orderStatusFromCode(*code);
  notice.updated_at = wire::readText(member(*doc, "updated_at")).value_or("");
  return notice;
}

std::string encodeCallback(const CallbackNotice& notice) {
  Json body = {{"guid", notice.guid}, {"external_id", notice.external_id}, {"number", notice.number},
               {"updated_at", notice.updated_at}};
  if (notice.status) body["status"] = static_cast<int>(*notice.status);
  return toText(body);
}

}  // namespace kiosk::procart::codec
