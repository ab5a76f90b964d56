// The config values that are more than a string, number or word: both directions of each, side by side.
#include <algorithm>
#include <set>

#include "kiosk/common/ip_allow_list.h"
#include "kiosk/ops/config_schema.h"

namespace kiosk::ops {

const char* terminalDriverName(TerminalDriver driver) {
  for (const auto& word : schema::kDrivers) {
    if (word.value == driver) return word.word;
  }
  return "?";
}

std::string tokenLocationText(const ProcartSettings& procart) {
  switch (procart.token_location) {
    case TokenLocation::QueryBody:
      return "query_body";
    case TokenLocation::Bearer:
      return "bearer";
    case TokenLocation::Header:
      return "header:" + procart.token_header;
  }
  return "?";
}

namespace schema {
namespace {

// ---- procart.token_location ---------------------------------------------------------------------------

bool readTokenLocation(const Json& json, ProcartSettings& out, Report& report) {
  const std::string expected = "expected \"query_body\", \"bearer\" or \"header:<Name>\"";
  if (!json.is_string()) {
    report.error("", expected);
    return false;
  }
  const std::string text = json.get<std::string>();
  if (text == "query_body") {
    out.token_location = TokenLocation::QueryBody;
    out.token_header.clear();
    return true;
  }
  if (text == "bearer") {
    out.token_location = TokenLocation::Bearer;
    out.token_header.clear();
    return true;
  }
  constexpr std::string_view kPrefix = "header:";
  if (text.rfind(kPrefix, 0) == 0) {
    std::string name = text.substr(kPrefix.size());
    std::string why = checks::headerName(name);
    if (!why.empty()) {
      report.error("", why);
      return false;
    }
    out.token_location = TokenLocation::Header;
    out.token_header = name;
    return true;
  }
  report.error("", expected);
  return false;
}

OrderedJson writeTokenLocation(const ProcartSettings& procart) { return tokenLocationText(procart); }

// ---- callback.allow_from ------------------------------------------------------------------------------------

// The whole list or nothing: a list with a bad entry falls back to the default (ProCart's host only).
bool readAllowFrom(const Json& json, std::vector<std::string>& out, Report& report) {
  const std::string expected = "expected a list such as [\"procart\", \"10.0.1.0/24\"] or [\"any\"]";
  if (!json.is_array()) {
    report.error("", expected);
    return false;
  }
  std::vector<std::string> entries;
  for (size_t i = 0; i < json.size(); ++i) {
    if (!json[i].is_string()) {
      report.error("[" + std::to_string(i) + "]",
                   "expected a string: an IP address, a CIDR range, \"procart\" or \"any\"");
      return false;
    }
    entries.push_back(json[i].get<std::string>());
  }
  std::string why;
  if (!net::parseAllowList(entries, why)) {
    report.error("", why);
    return false;
  }
  out = std::move(entries);
  return true;
}

OrderedJson writeAllowFrom(const std::vector<std::string>& entries) { return entries; }

// ---- ui.languages -----------------------------------------------------------------------------------------

bool readLanguages(const Json& json, std::vector<Lang>& out, Report& report) {
  if (!json.is_array()) {
    report.error("", "expected a list of language codes, e.g. [\"ru\", \"en\"]");
    return false;
  }
  if (json.empty()) {
    report.error("", "must list at least one language");
    return false;
  }
  std::vector<Lang> languages;
  for (size_t i = 0; i < json.size(); ++i) {
    Lang lang{};
    if (!json[i].is_string() || !parseLang(json[i].get<std::string>(), lang)) {
      report.error("[" + std::to_string(i) + "]", "expected \"ru\" or \"en\"");
      return false;
    }
    if (std::find(languages.begin(), languages.end(), lang) != languages.end()) {
      report.error("[" + std::to_string(i) + "]", "listed twice");
      return false;
    }
    languages.push_back(lang);
  }
  out = std::move(languages);
  return true;
}

OrderedJson writeLanguages(const std::vector<Lang>& languages) {
  OrderedJson out = OrderedJson::array();
  for (Lang lang : languages) out.push_back(std::string(langCode(lang)));
  return out;
}

// ---- ui.upsell_rules --------------------------------------------------------------------------------------

// An r_keeper id written as a string or an integer.
bool readId(const Json& json, std::string& out) {
  if (json.is_string()) {
    out = json.get<std::string>();
  } else if (json.is_number_integer()) {
    out = json.dump();
  } else {
    return false;
  }
  return checks::posId(out).empty() && !out.empty();
}

// One rule; false (with reports) when it cannot be used.
bool readUpsellRule(const Json& json, const std::string& at, UpsellRule& rule, Report& report) {
  if (!json.is_object()) {
    report.error(at, "expected an object {\"suggest_category_id\", \"unless_cart_has_category_ids\", \"message_key\"}");
    return false;
  }
  bool ok = true;
  for (auto it = json.begin(); it != json.end(); ++it) {
    static const std::set<std::string> known = {"suggest_category_id", "unless_cart_has_category_ids", "message_key"};
    if (!known.count(it.key())) report.warn(at + "." + it.key(), "unknown key (ignored)");
  }
  auto suggest = json.find("suggest_category_id");
  if (suggest == json.end() || !readId(*suggest, rule.suggest_category_id)) {
    report.error(at + ".suggest_category_id", "required: the category id to suggest a dish from");
    ok = false;
  }
  auto unless = json.find("unless_cart_has_category_ids");
  if (unless != json.end()) {
    if (!unless->is_array()) {
      report.error(at + ".unless_cart_has_category_ids", "expected a list of category ids");
      ok = false;
    } else {
      for (size_t i = 0; i < unless->size(); ++i) {
        std::string id;
        if (!readId((*unless)[i], id)) {
          report.error(at + ".unless_cart_has_category_ids[" + std::to_string(i) + "]", "expected a category id");
          ok = false;
        } else {
          rule.unless_cart_has_category_ids.push_back(id);
        }
      }
    }
  }
  auto key = json.find("message_key");
  if (key != json.end()) {
    std::string value = key->is_string() ? key->get<std::string>() : std::string();
    std::string why = key->is_string() ? checks::i18nKey(value) : "expected a string";
    if (!why.empty()) {
      report.error(at + ".message_key", why);
      ok = false;
    } else {
      rule.message_key = value;
    }
  }
  return ok;
}

// Keeps the valid rules and reports the others.
bool readUpsellRules(const Json& json, std::vector<UpsellRule>& out, Report& report) {
  if (!json.is_array()) {
    report.error("", "expected a list of rules");
    return false;
  }
  std::vector<UpsellRule> rules;
  for (size_t i = 0; i < json.size(); ++i) {
    UpsellRule rule;
    if (readUpsellRule(json[i], "[" + std::to_string(i) + "]", rule, report)) rules.push_back(std::move(rule));
  }
  out = std::move(rules);
  return true;
}

OrderedJson writeUpsellRules(const std::vector<UpsellRule>& rules) {
  OrderedJson out = OrderedJson::array();
  for (const auto& rule : rules) {
    out.push_back({{"suggest_category_id", rule.suggest_category_id},
                   {"unless_cart_has_category_ids", rule.unless_cart_has_category_ids},
                   {"message_key", rule.message_key}});
  }
  return out;
}

// ---- ui.opening_hours.<day> -------------------------------------------------------------------------------

bool readDayHours(const Json& json, DayHours& out, Report& report) {
  if (!json.is_string()) {
    report.error("", "expected \"HH:MM-HH:MM\" or \"closed\"");
    return false;
  }
  std::string why;
  auto hours = parseDayHours(json.get<std::string>(), why);
  if (!hours) {
    report.error("", why);
    return false;
  }
  out = *hours;
  return true;
}

OrderedJson writeDayHours(const DayHours& hours) { return formatDayHours(hours); }

// ---- terminal.params ---------------------------------------------------------------------------------------

bool readJsonObject(const Json& json, Json& out, Report& report) {
  if (!json.is_object()) {
    report.error("", "expected an object (the terminal driver's settings)");
    return false;
  }
  out = json;
  return true;
}

OrderedJson writeJsonObject(const Json& json) {
  // ordered_json and json are different types; the text is the common ground.
  return OrderedJson::parse(json.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace

const Custom<ProcartSettings> kTokenLocation{readTokenLocation, writeTokenLocation};
const Custom<std::vector<std::string>> kAllowFrom{readAllowFrom, writeAllowFrom};
const Custom<std::vector<Lang>> kLanguageList{readLanguages, writeLanguages};
const Custom<std::vector<UpsellRule>> kUpsellRules{readUpsellRules, writeUpsellRules};
const Custom<DayHours> kDayHours{readDayHours, writeDayHours};
const Custom<Json> kJsonObject{readJsonObject, writeJsonObject};

}  // namespace schema
}  // namespace kiosk::ops
