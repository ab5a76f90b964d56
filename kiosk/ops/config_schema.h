#pragma once
// The one list of config keys. Reading (config_read.cpp) and writing (config_write.cpp) both walk it, so the file
// format, the defaults and the validation cannot drift apart. Internal to kiosk/ops.
//
// A visitor provides:
//   section(name, fn)                  nested object; fn visits its keys
//   text(name, std::string&, check)    string; check may normalise, returns why when invalid
//   id(name, std::string&, check)      r_keeper id: string, or an integer written as a string
//   integer(name, int&, min, max)
//   flag(name, bool&)
//   choice(name, E&, table)            enum spelled as one of the table's words
//   custom(name, T&, read, write)      anything else (lists, objects); read reports its own problems
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/ops/config.h"
#include "kiosk/ops/config_checks.h"

namespace kiosk::ops::schema {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

template <class E>
struct Word {
  E value;
  const char* word;
};

// Problems found inside a custom value; `subkey` is appended to the value's key ("[1].message_key").
struct Report {
  struct Item {
    std::string subkey;
    std::string why;
    Severity severity;
  };
  std::vector<Item> items;
  void error(std::string subkey, std::string why) {
    items.push_back({std::move(subkey), std::move(why), Severity::Error});
  }
  void warn(std::string subkey, std::string why) {
    items.push_back({std::move(subkey), std::move(why), Severity::Warning});
  }
};

template <class T>
struct Custom {
  bool (*read)(const Json& json, T& out, Report& report);  // true: use `out` (it may hold the valid part)
  OrderedJson (*write)(const T& value);
};

// ---- Words ----------------------------------------------------------------------------------------

inline const std::vector<Word<kiosk::log::Level>> kLogLevels = {{kiosk::log::Level::Debug, "debug"},
                                                                {kiosk::log::Level::Info, "info"},
                                                                {kiosk::log::Level::Warn, "warn"},
                                                                {kiosk::log::Level::Error, "error"}};
inline const std::vector<Word<TerminalDriver>> kDrivers = {{TerminalDriver::None, "none"},
                                                           {TerminalDriver::Sim, "sim"},
                                                           {TerminalDriver::Vtk, "vtk"},
                                                           {TerminalDriver::SbPilot, "sbpilot"}};
inline const std::vector<Word<Lang>> kLanguages = {{Lang::Ru, "ru"}, {Lang::En, "en"}};

// ---- Custom values (config_read.cpp / config_write.cpp) -----------------------------------------------

extern const Custom<ProcartSettings> kTokenLocation;  // "query_body" | "bearer" | "header:<Name>"
extern const Custom<std::vector<std::string>> kAllowFrom;  // ["procart", "10.0.1.0/24"], ["any"]
extern const Custom<std::vector<Lang>> kLanguageList;
extern const Custom<std::vector<UpsellRule>> kUpsellRules;
extern const Custom<DayHours> kDayHours;
extern const Custom<Json> kJsonObject;

// ---- The keys ----------------------------------------------------------------------------------------

// kiosk.json
template <class V>
void visitConfig(V& v, KioskConfig& c) {
  v.text("kiosk_id", c.kiosk_id, checks::kioskId);
  v.choice("log_level", c.log_level, kLogLevels);
  v.section("procart", [&] {
    v.text("url", c.procart.url, checks::procartUrl);
    v.custom("token_location", c.procart, kTokenLocation);
    v.integer("connect_timeout_ms", c.procart.connect_timeout_ms, 100, 60'000);
    v.integer("request_timeout_ms", c.procart.request_timeout_ms, 500, 120'000);
    v.integer("menu_timeout_ms", c.procart.menu_timeout_ms, 1'000, 300'000);
    v.integer("menu_refresh_s", c.procart.menu_refresh_s, 60, 86'400);
    v.integer("status_poll_s", c.procart.status_poll_s, 1, 300);
    v.integer("post_settle_ms", c.procart.post_settle_ms, 0, 120'000);
    v.integer("orders_listed_ms", c.procart.orders_listed_ms, 0, 86'400'000);
  });
  v.section("callback", [&] {
    v.text("listen_address", c.callback.listen_address, checks::listenIp);
    v.integer("listen_port", c.callback.listen_port, 0, 65535);
    v.text("public_url", c.callback.public_url, checks::publicUrl);
    v.custom("allow_from", c.callback.allow_from, kAllowFrom);
  });
  v.section("order", [&] {
    v.id("eat_in_category_id", c.order.eat_in_category_id, checks::posId);
    v.id("take_away_category_id", c.order.take_away_category_id, checks::posId);
    v.flag("offer_eat_in", c.order.offer_eat_in);
    v.flag("offer_take_away", c.order.offer_take_away);
    v.flag("ask_table_number", c.order.ask_table_number);
    v.id("table_code", c.order.table_code, checks::posId);
    v.text("short_comment_template", c.order.short_comment_template, checks::shortCommentTemplate);
    v.id("currency_id", c.order.currency_id, checks::posId);
  });
  v.section("terminal", [&] {
    v.choice("driver", c.terminal.driver, kDrivers);
    v.custom("params", c.terminal.params, kJsonObject);
  });
  v.section("ui", [&] {
    v.custom("languages", c.ui.languages, kLanguageList);
    v.choice("default_language", c.ui.default_language, kLanguages);
    v.section("place_name", [&] {
      v.text("ru", c.ui.place_name.ru, checks::placeName);
      v.text("en", c.ui.place_name.en, checks::placeName);
    });
    v.integer("idle_prompt_s", c.ui.idle_prompt_s, 10, 600);
    v.integer("idle_reset_s", c.ui.idle_reset_s, 5, 300);
    v.integer("done_reset_s", c.ui.done_reset_s, 5, 300);
    v.flag("upsell_enabled", c.ui.upsell_enabled);
    v.custom("upsell_rules", c.ui.upsell_rules, kUpsellRules);
    v.flag("accessibility_default", c.ui.accessibility_default);
    v.section("opening_hours", [&] {
      for (int day = 0; day < 7; ++day) {
        v.custom(weekdayKey(day), c.ui.opening_hours.days[static_cast<size_t>(day)], kDayHours);
      }
    });
    v.flag("out_of_order", c.ui.out_of_order);
  });
  v.section("paths", [&] {
    v.text("cache_dir", c.paths.cache_dir, checks::absolutePath);
    v.text("state_dir", c.paths.state_dir, checks::absolutePath);
  });
  v.section("health", [&] { v.text("listen", c.health.listen, checks::healthListen); });
}

// secrets.json: the same dotted names, so a problem reads "procart.token" whichever file it is in.
template <class V>
void visitSecrets(V& v, KioskConfig& c) {
  v.section("procart", [&] { v.text("token", c.procart.token, checks::procartToken); });
  v.section("callback", [&] { v.text("secret", c.callback.secret, checks::callbackSecret); });
  v.section("pins", [&] {
    v.text("staff", c.pins.staff, checks::pinHash);
    v.text("admin", c.pins.admin, checks::pinHash);
  });
}

// Keys that are secrets: kiosk.json is world-readable, so they are refused there.
inline const std::vector<std::string> kSecretKeys = {"procart.token", "callback.secret", "pins"};

}  // namespace kiosk::ops::schema
