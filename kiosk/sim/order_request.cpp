#include "kiosk/sim/order_request.h"

#include <stdexcept>

namespace procart_sim {
namespace {

struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw BadRequest(where + ": " + what); }

std::string requiredId(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) fail(where, std::string("missing \"") + key + "\"");
  auto value = parseId(*it);
  if (!value) fail(where + "." + key, "must be a non-empty string or an integer");
  return *value;
}

std::string optionalString(const json& object, const char* key, const std::string& where) {
  auto value = optionalText(object, key);
  if (!value) fail(where + "." + key, "must be a string");
  return *value;
}

// Ids that may be empty or absent (external_id, category_id…): strings or integers.
std::string optionalIdText(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  auto value = parseId(*it);
  if (!value) fail(where + "." + key, "must be a string or an integer");
  return *value;
}

const json& optionalArray(const json& object, const char* key, const std::string& where) {
  static const json empty = json::array();
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return empty;
  if (!it->is_array()) fail(where + "." + key, "must be an array");
  return *it;
}

// A quantity field: absent → `fallback`; a number or digit string → checked range; any other type → bad request.
std::optional<int64_t> quantity(const json& object, const std::string& where, std::optional<int64_t> fallback) {
  auto it = object.find("quantity");
  if (it == object.end() || it->is_null()) {
    if (!fallback) fail(where, "missing \"quantity\"");
    return fallback;
  }
  if (!it->is_number() && !it->is_string()) fail(where + ".quantity", "must be a number");
  auto value = parseCount(*it);
  if (!value || *value < 1 || *value > kMaxLineQuantity) return std::nullopt;
  return value;
}

std::vector<RequestModifier> modifiers(const json& owner, const std::string& where) {
  std::vector<RequestModifier> out;
  const json& list = optionalArray(owner, "modifiers", where);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string mwhere = where + ".modifiers[" + std::to_string(i) + "]";
    if (!list[i].is_object()) fail(mwhere, "must be an object");
    RequestModifier modifier;
    modifier.id = requiredId(list[i], "id", mwhere);
    modifier.quantity = quantity(list[i], mwhere, int64_t{1});
    out.push_back(std::move(modifier));
  }
  return out;
}

RequestLine line(const json& object, const std::string& where) {
  if (!object.is_object()) fail(where, "must be an object");
  RequestLine out;
  out.dish_id = requiredId(object, "dish_id", where);
  out.quantity = quantity(object, where, std::nullopt);
  out.comment = optionalString(object, "comment", where);
  out.modifiers = modifiers(object, where);
  const json& combo = optionalArray(object, "combo", where);
  for (size_t i = 0; i < combo.size(); ++i) {
    std::string cwhere = where + ".combo[" + std::to_string(i) + "]";
    if (!combo[i].is_object()) fail(cwhere, "must be an object");
    RequestComboChoice choice;
    choice.group_id = requiredId(combo[i], "group_id", cwhere);
    choice.dish_id = requiredId(combo[i], "dish_id", cwhere);
    choice.modifiers = modifiers(combo[i], cwhere);
    out.combo.push_back(std::move(choice));
  }
  return out;
}

int64_t amount(const json& object, const std::string& where) {
  auto it = object.find("amount");
  if (it == object.end()) fail(where, "missing \"amount\"");
  auto value = parseMoney(*it);
  if (!value) fail(where + ".amount", "must be an amount of rubles (number or \"389.00\")");
  if (*value < 0) fail(where + ".amount", "must not be negative");
  return *value;
}

RequestPayment payment(const json& object, const std::string& where) {
  if (!object.is_object()) fail(where, "must be an object");
  RequestPayment out;
  out.currency_id = optionalIdText(object, "currency_id", where);
  out.amount = amount(object, where);
  auto tx = object.find("transaction");
  if (tx != object.end() && !tx->is_null()) {
    if (!tx->is_object()) fail(where + ".transaction", "must be an object");
    std::string twhere = where + ".transaction";
    out.terminal_id = optionalIdText(*tx, "terminal_id", twhere);
    out.rrn = optionalIdText(*tx, "rrn", twhere);
    out.auth_code = optionalIdText(*tx, "auth_code", twhere);
    out.card_mask = optionalString(*tx, "card_mask", twhere);
    out.paid_at = optionalString(*tx, "paid_at", twhere);
  }
  return out;
}

}  // namespace

kiosk::Expected<OrderRequest, std::string> parseOrderRequest(const json& body) {
  try {
    if (!body.is_object()) fail("body", "must be a JSON object");
    auto it = body.find("order");
    if (it == body.end() || !it->is_object()) fail("body", "missing the \"order\" object");
    const json& order = *it;
    OrderRequest out;
    out.external_id = optionalIdText(order, "external_id", "order");
    out.category_id = optionalIdText(order, "category_id", "order");
    out.table_code = optionalIdText(order, "table_code", "order");
    out.comment = optionalString(order, "comment", "order");
    out.short_comment = optionalString(order, "short_comment", "order");
    if (utf8Length(out.short_comment) > kShortCommentMax) {
      fail("order.short_comment", "longer than " + std::to_string(kShortCommentMax) + " characters");
    }
    auto lines = order.find("lines");
    if (lines == order.end() || !lines->is_array()) fail("order", "missing the \"lines\" array");
    for (size_t i = 0; i < lines->size(); ++i)
      out.lines.push_back(line((*lines)[i], "order.lines[" + std::to_string(i) + "]"));
    const json& discounts = optionalArray(order, "discounts", "order");
    for (size_t i = 0; i < discounts.size(); ++i) {
      std::string where = "order.discounts[" + std::to_string(i) + "]";
      if (!discounts[i].is_object()) fail(where, "must be an object");
      out.discounts.push_back({requiredId(discounts[i], "id", where), amount(discounts[i], where)});
    }
    // The profile puts payments and callback_url next to "order"; inside "order" is accepted too.
    const json& payments_owner = body.contains("payments") ? body : order;
    const json& payments = optionalArray(payments_owner, "payments", "body");
    for (size_t i = 0; i < payments.size(); ++i) {
      out.payments.push_back(payment(payments[i], "payments[" + std::to_string(i) + "]"));
    }
    out.callback_url = optionalString(body.contains("callback_url") ? body : order, "callback_url", "body");
    return out;
  } catch (const BadRequest& e) {
    return kiosk::Unexpected{std::string(e.what())};
  }
}

}  // namespace procart_sim
