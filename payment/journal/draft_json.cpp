#include "payment/journal/draft_json.h"

#include <climits>

namespace payment::journal {

using nlohmann::json;

namespace {

json modifiersToJson(const std::vector<kiosk::OrderModifier>& modifiers) {
  json out = json::array();
  for (const auto& m : modifiers) out.push_back({{"id", m.id}, {"quantity", m.quantity}});
  return out;
}

std::vector<kiosk::OrderModifier> modifiersFromJson(const json& in) {
  std::vector<kiosk::OrderModifier> out;
  for (const auto& m : in) {
    out.push_back({m.at("id").get<std::string>(), static_cast<int>(integerAt(m, "quantity", INT_MIN, INT_MAX))});
  }
  return out;
}

}  // namespace

int64_t integerAt(const json& object, const char* key, int64_t min, int64_t max) {
  const json& value = object.at(key);
  bool fits = false;
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    fits = max >= 0 && u <= static_cast<uint64_t>(max) && static_cast<int64_t>(u) >= min;
  } else if (value.is_number_integer()) {
    fits = value.get<int64_t>() >= min && value.get<int64_t>() <= max;
  }
  if (!fits) throw json::type_error::create(302, std::string(key) + " must be an integer in range", &value);
  return value.get<int64_t>();
}

json draftToJson(const kiosk::OrderDraft& draft) {
  json lines = json::array();
  for (const auto& line : draft.lines) {
    json combo = json::array();
    for (const auto& part : line.combo) {
      combo.push_back({{"group_id", part.group_id}, {"dish_id", part.dish_id},
                       {"modifiers", modifiersToJson(part.modifiers)}});
    }
    lines.push_back({{"dish_id", line.dish_id},
                     {"quantity", line.quantity},
                     {"comment", line.comment},
                     {"modifiers", modifiersToJson(line.modifiers)},
                     {"combo", combo}});
  }
  json discounts = json::array();
  for (const auto& d : draft.discounts) discounts.push_back({{"id", d.id}, {"amount", d.amount.kopecks()}});
  return {{"external_id", draft.external_id}, {"category_id", draft.category_id}, {"table_code", draft.table_code},
          {"comment", draft.comment},         {"short_comment", draft.short_comment}, {"lines", lines},
          {"discounts", discounts}};
}

std::optional<kiosk::OrderDraft> draftFromJson(const json& in, std::string& error) {
  try {
    kiosk::OrderDraft draft;
    draft.external_id = in.at("external_id").get<std::string>();
    draft.category_id = in.at("category_id").get<std::string>();
    draft.table_code = in.at("table_code").get<std::string>();
    draft.comment = in.at("comment").get<std::string>();
    draft.short_comment = in.at("short_comment").get<std::string>();
    for (const auto& l : in.at("lines")) {
      kiosk::OrderLine line;
      line.dish_id = l.at("dish_id").get<std::string>();
      line.quantity = static_cast<int>(integerAt(l, "quantity", INT_MIN, INT_MAX));
      line.comment = l.at("comment").get<std::string>();
      line.modifiers = modifiersFromJson(l.at("modifiers"));
      for (const auto& p : l.at("combo")) {
        line.combo.push_back({p.at("group_id").get<std::string>(), p.at("dish_id").get<std::string>(),
                              modifiersFromJson(p.at("modifiers"))});
      }
      draft.lines.push_back(std::move(line));
    }
    for (const auto& d : in.at("discounts")) {
      draft.discounts.push_back({d.at("id").get<std::string>(), kiosk::Money::kopecks(integerAt(d, "amount"))});
    }
    return draft;
  } catch (const json::exception& e) {
    error = std::string("bad order draft: ") + e.what();
    return std::nullopt;
  }
}

json transactionToJson(const kiosk::CardTransaction& t) {
  return {{"terminal_id", t.terminal_id}, {"rrn", t.rrn},         {"auth_code", t.auth_code},
          {"card_mask", t.card_mask},     {"card_type", t.card_type}, {"paid_at", t.paid_at}};
}

std::optional<kiosk::CardTransaction> transactionFromJson(const json& in, std::string& error) {
  try {
    kiosk::CardTransaction t;
    t.terminal_id = in.at("terminal_id").get<std::string>();
    t.rrn = in.at("rrn").get<std::string>();
    t.auth_code = in.at("auth_code").get<std::string>();
    t.card_mask = in.at("card_mask").get<std::string>();
    t.card_type = in.at("card_type").get<std::string>();
    t.paid_at = in.at("paid_at").get<std::string>();
    return t;
  } catch (const json::exception& e) {
    error = std::string("bad card transaction: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace payment::journal
