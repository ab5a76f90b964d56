// One bad value at a time, on top of a valid pair of files: each is reported at its key with a reason, the value
// falls back to its default, and nothing else is disturbed.
#include <catch2/catch.hpp>

#include "kiosk/ops/config.h"
#include "kiosk/ops/config_parse.h"
#include "tests/ops/test_files.h"
#include "tests/ops/valid_config.h"

using namespace kiosk::ops;
using nlohmann::json;

namespace {

struct Case {
  const char* file;   // "config" or "secrets"
  const char* patch;  // JSON merge patch (RFC 7396) applied to the valid file
  const char* key;    // where the error must be reported
  const char* why;    // a part of the reason
};

// clang-format off
const Case kCases[] = {
  {"config", R"({"kiosk_id": ""})", "kiosk_id", "1..16 characters"},
  {"config", R"({"kiosk_id": "K 2"})", "kiosk_id", "only Latin letters"},
  {"config", R"({"kiosk_id": 2})", "kiosk_id", "expected a string, got an integer"},
  {"config", R"({"log_level": "verbose"})", "log_level", "expected one of: debug, info, warn, error"},
  {"config", R"({"procart": []})", "procart", "expected an object, got a list"},
  {"config", R"({"procart": {"url": "ftp://10.0.0.5/api"}})", "procart.url", "scheme must be http or https"},
  {"config", R"({"procart": {"url": "http://"}})", "procart.url", "no host"},
  {"config", R"({"procart": {"url": "http://10.0.0.5:99999/api"}})", "procart.url", "port must be 1..65535"},
  {"config", R"({"procart": {"url": "http://10.0.0.5 /api"}})", "procart.url", "spaces"},
  {"config", R"({"procart": {"url": "http://h/api?token=x"}})", "procart.url", "query"},
  {"config", R"({"procart": {"url": "http://user:pw@h/api"}})", "procart.url", "user name or password"},
  {"config", R"({"procart": {"url": "http://bad_host!/api"}})", "procart.url", "not a valid host name"},
  {"config", R"({"procart": {"url": 11111}})", "procart.url", "expected a string"},
  {"config", R"({"procart": {"token_location": "cookie"}})", "procart.token_location", "header:<Name>"},
  {"config", R"({"procart": {"token_location": "header:"}})", "procart.token_location", "1..64 characters"},
  {"config", R"({"procart": {"token_location": "header:X Token"}})", "procart.token_location", "not allowed"},
  {"config", R"({"procart": {"connect_timeout_ms": 50}})", "procart.connect_timeout_ms", "50 is outside 100..60000"},
  {"config", R"({"procart": {"connect_timeout_ms": 1.5}})", "procart.connect_timeout_ms", "expected a whole number"},
  {"config", R"({"procart": {"connect_timeout_ms": "3000"}})", "procart.connect_timeout_ms", "got a string"},
  {"config", R"({"procart": {"connect_timeout_ms": 18446744073709551615}})", "procart.connect_timeout_ms", "outside"},
  {"config", R"({"procart": {"request_timeout_ms": -1}})", "procart.request_timeout_ms", "outside 500..120000"},
  {"config", R"({"procart": {"menu_refresh_s": 10}})", "procart.menu_refresh_s", "outside 60..86400"},
  {"config", R"({"procart": {"status_poll_s": 0}})", "procart.status_poll_s", "outside 1..300"},
  {"config", R"({"callback": {"listen_address": "localhost"}})", "callback.listen_address", "IP address"},
  {"config", R"({"callback": {"listen_address": "999.1.1.1"}})", "callback.listen_address", "IP address"},
  {"config", R"({"callback": {"listen_port": 70000}})", "callback.listen_port", "outside 0..65535"},
  {"config", R"({"callback": {"public_url": "kiosk2:9200"}})", "callback.public_url", "expected http://"},
  {"config", R"({"callback": {"allow_from": []}})", "callback.allow_from", "empty: nobody could connect"},
  {"config", R"({"callback": {"allow_from": "any"}})", "callback.allow_from", "expected a list"},
  {"config", R"({"callback": {"allow_from": ["procart", 5]}})", "callback.allow_from[1]", "expected a string"},
  {"config", R"({"callback": {"allow_from": ["procart", "10.0.1.5/24"]}})", "callback.allow_from",
   "[1] \"10.0.1.5/24\": host bits are set (the network is 10.0.1.0/24)"},
  {"config", R"({"callback": {"allow_from": ["10.0.0.0/33"]}})", "callback.allow_from", "0..32"},
  {"config", R"({"callback": {"allow_from": ["procart.local"]}})", "callback.allow_from",
   "expected an IP address (10.0.0.5) or a CIDR range (10.0.1.0/24), \"procart\" or \"any\""},
  {"config", R"({"order": {"short_comment_template": "Киоск самообслуживания 2, зал №{number}"}})",
   "order.short_comment_template", "r_keeper allows at most 30"},
  {"config", R"({"order": {"short_comment_template": "Киоск {kiosk}"}})", "order.short_comment_template",
   "the only placeholder is {number}"},
  {"config", R"({"order": {"short_comment_template": "Киоск\n№{number}"}})", "order.short_comment_template",
   "control characters"},
  {"config", R"({"order": {"offer_eat_in": "yes"}})", "order.offer_eat_in", "expected true or false"},
  {"config", R"({"order": {"eat_in_category_id": 1.5}})", "order.eat_in_category_id", "expected an id"},
  {"config", R"({"order": {"currency_id": {"id": 5}}})", "order.currency_id", "expected an id"},
  {"config", R"({"order": {"currency_id": ""}})", "order.currency_id", "not set"},
  {"config", R"({"order": {"offer_eat_in": false, "offer_take_away": false}})", "order.offer_take_away",
   "at least one"},
  {"config", R"({"terminal": {"driver": "ingenico"}})", "terminal.driver", "expected one of: none, sim, vtk, sbpilot"},
  {"config", R"({"terminal": {"driver": "none"}})", "terminal.driver", "not set"},
  {"config", R"({"terminal": {"params": [1]}})", "terminal.params", "expected an object"},
  {"config", R"({"ui": {"languages": []}})", "ui.languages", "at least one language"},
  {"config", R"({"ui": {"languages": ["en", "en"]}})", "ui.languages[1]", "listed twice"},
  {"config", R"({"ui": {"languages": ["en", "de"]}})", "ui.languages[1]", "expected \"ru\" or \"en\""},
  {"config", R"({"ui": {"languages": "en"}})", "ui.languages", "expected a list"},
  {"config", R"({"ui": {"default_language": "de"}})", "ui.default_language", "expected one of: ru, en"},
  {"config", R"({"ui": {"languages": ["ru"]}})", "ui.default_language", "must be one of ui.languages"},
  {"config", R"({"ui": {"place_name": "Кафе"}})", "ui.place_name", "expected an object"},
  {"config", R"({"ui": {"idle_prompt_s": 5}})", "ui.idle_prompt_s", "outside 10..600"},
  {"config", R"({"ui": {"idle_reset_s": 301}})", "ui.idle_reset_s", "outside 5..300"},
  {"config", R"({"ui": {"done_reset_s": true}})", "ui.done_reset_s", "got true/false"},
  {"config", R"({"ui": {"upsell_rules": {}}})", "ui.upsell_rules", "expected a list of rules"},
  {"config", R"({"ui": {"upsell_rules": [{"message_key": "upsell.add_drink"}]}})",
   "ui.upsell_rules[0].suggest_category_id", "required"},
  {"config", R"({"ui": {"upsell_rules": [{"suggest_category_id": "d", "message_key": "Add A Drink!"}]}})",
   "ui.upsell_rules[0].message_key", "an i18n key"},
  {"config", R"({"ui": {"upsell_rules": [{"suggest_category_id": "d", "unless_cart_has_category_ids": "x"}]}})",
   "ui.upsell_rules[0].unless_cart_has_category_ids", "expected a list"},
  {"config", R"({"ui": {"opening_hours": {"mon": "9-22"}}})", "ui.opening_hours.mon", "HH:MM-HH:MM"},
  {"config", R"({"ui": {"opening_hours": {"tue": "25:00-26:00"}}})", "ui.opening_hours.tue", "HH:MM-HH:MM"},
  {"config", R"({"ui": {"opening_hours": {"wed": "10:00-10:00"}}})", "ui.opening_hours.wed", "are equal"},
  {"config", R"({"ui": {"opening_hours": {"sun": 0}}})", "ui.opening_hours.sun", "HH:MM-HH:MM"},
  {"config", R"({"ui": {"out_of_order": 1}})", "ui.out_of_order", "expected true or false"},
  {"config", R"({"paths": {"cache_dir": "var/cache"}})", "paths.cache_dir", "absolute path"},
  {"config", R"({"paths": {"state_dir": "/tmp/kiosk-cache"}})", "paths.state_dir", "must not be"},
  {"config", R"({"paths": {"state_dir": "/tmp/kiosk-cache/journal"}})", "paths.state_dir", "must not be"},
  {"config", R"({"health": {"listen": "localhost:9180"}})", "health.listen", "not an IPv4 address"},
  {"config", R"({"health": {"listen": "127.0.0.1"}})", "health.listen", "expected \"address:port\""},
  {"config", R"({"health": {"listen": "127.0.0.1:70000"}})", "health.listen", "port must be 0..65535"},
  {"config", R"({"health": {"listen": "0.0.0.0:9200"}})", "health.listen", "already callback.listen_port"},
  {"secrets", R"({"procart": {"token": "has a space"}})", "procart.token", "printable ASCII"},
  {"secrets", R"({"procart": {"token": 12345}})", "procart.token", "expected a string"},
  {"secrets", R"({"procart": {"token": ""}})", "procart.token", "not set"},
  {"secrets", R"({"callback": {"secret": "short"}})", "callback.secret", "16..128 characters"},
  {"secrets", R"({"callback": {"secret": "0123456789abcdef/../x"}})", "callback.secret", "URL path segment"},
  {"secrets", R"({"pins": {"staff": "1234"}})", "pins.staff", "not a PIN hash"},
  {"secrets", R"({"pins": {"admin": "pbkdf2-sha256$10$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}})",
   "pins.admin", "iteration count outside"},
  {"secrets", R"({"pins": {"admin": "bcrypt$12$x$y"}})", "pins.admin", "unsupported PIN hash scheme"},
};
// clang-format on

// The value at a dotted key of a config, as the file would spell it (to compare with the default).
json valueAt(const KioskConfig& config, bool secrets, const std::string& key) {
  json all = json::parse(secrets ? secretsToText(config) : configToText(config));
  std::string pointer = "/" + key;
  for (char& c : pointer) {
    if (c == '.') c = '/';
  }
  auto bracket = pointer.find('[');
  if (bracket != std::string::npos) pointer.resize(bracket);  // a list element: compare the whole list
  return all.contains(json::json_pointer(pointer)) ? all.at(json::json_pointer(pointer)) : json();
}

}  // namespace

TEST_CASE("each invalid value is reported at its key and replaced by its default") {
  for (const Case& c : kCases) {
    bool in_secrets = std::string(c.file) == "secrets";
    json config = json::parse(ops_test::kValidConfigJson, nullptr, true, true);
    json secrets = json::parse(ops_test::kValidSecretsJson);
    (in_secrets ? secrets : config).merge_patch(json::parse(c.patch));

    ops_test::TempDir dir;
    ops_test::writeFile(dir.file("kiosk.json"), config.dump());
    ops_test::writeFile(dir.file("secrets.json"), secrets.dump(), 0600);
    ConfigLoad load = loadConfig(dir.file("kiosk.json"));

    std::string all;
    for (const auto& p : load.problems) all += "  " + describe(p) + "\n";
    INFO("patch " << c.patch << "\nproblems:\n" << all);
    CHECK(load.needsConfiguration());
    bool reported = false;
    for (const auto& problem : load.errors()) {
      CHECK(problem.key == c.key);  // one bad value disturbs no other key
      CHECK(problem.file == dir.file(in_secrets ? "secrets.json" : "kiosk.json"));
      reported = reported || problem.why.find(c.why) != std::string::npos;
    }
    CHECK(reported);
    if (in_secrets) {
      for (const auto& problem : load.problems) CHECK(describe(problem).find("has a space") == std::string::npos);
    }
  }
}

TEST_CASE("an invalid value leaves the default in place, not a half-parsed value") {
  // Only for single-key problems: cross-key rules keep the values as they are.
  for (const Case& c : kCases) {
    bool in_secrets = std::string(c.file) == "secrets";
    json patch = json::parse(c.patch);
    if (patch.dump().find("offer_eat_in\":false") != std::string::npos) continue;  // cross-key case
    json config = json::parse(ops_test::kValidConfigJson, nullptr, true, true);
    json secrets = json::parse(ops_test::kValidSecretsJson);
    (in_secrets ? secrets : config).merge_patch(patch);

    KioskConfig loaded;
    std::vector<ConfigProblem> problems;
    parseConfigText(config.dump(), loaded, problems, "kiosk.json");
    std::string key = c.key;
    bool cross_key = problems.empty();  // reported only by the rules across keys (state_dir, ports, languages…)
    if (in_secrets || cross_key) continue;
    INFO("patch " << c.patch);
    CHECK(valueAt(loaded, false, key) == valueAt(KioskConfig{}, false, key));
  }
}

TEST_CASE("any value of any type at any key is handled without a throw or a crash") {
  const json replacements[] = {nullptr,
                               true,
                               -1,
                               1e300,
                               18446744073709551615ull,
                               "",
                               std::string(5000, 'x'),
                               json::array(),
                               json::object(),
                               json::array({1, "a", nullptr})};
  json valid = json::parse(ops_test::kValidConfigJson, nullptr, true, true);
  // Every leaf and every object, found through the flattened form ("/ui/place_name/ru" …).
  std::vector<std::string> pointers;
  const json flat = valid.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    pointers.push_back(pointer);
    for (auto slash = pointer.rfind('/'); slash != 0 && slash != std::string::npos;
         slash = pointer.rfind('/', slash - 1)) {
      pointers.push_back(pointer.substr(0, slash));
    }
  }
  size_t loads = 0;
  for (const auto& pointer : pointers) {
    for (const auto& replacement : replacements) {
      json config = valid;
      config[json::json_pointer(pointer)] = replacement;
      KioskConfig loaded;
      std::vector<ConfigProblem> problems;
      REQUIRE_NOTHROW(parseConfigText(config.dump(), loaded, problems, "kiosk.json"));
      REQUIRE_NOTHROW(validateConfig(loaded));
      REQUIRE_NOTHROW(configToText(loaded));
      ++loads;
    }
  }
  // The secrets file, through the same reader.
  json secrets = json::parse(ops_test::kValidSecretsJson);
  const json flat_secrets = secrets.flatten();
  for (const auto& [pointer, value] : flat_secrets.items()) {
    for (const auto& replacement : replacements) {
      json changed = secrets;
      changed[json::json_pointer(pointer)] = replacement;
      KioskConfig loaded;
      std::vector<ConfigProblem> problems;
      REQUIRE_NOTHROW(parseSecretsText(changed.dump(), loaded, problems, "secrets.json"));
      ++loads;
    }
  }
  CHECK(loads > 300);
}
