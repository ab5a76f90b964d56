// The files shipped next to the code stay in step with it: the packaged default config is exactly the defaults,
// and docs/CONFIGURATION.md describes every key.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/ops/config.h"
#include "tests/ops/test_files.h"

using namespace kiosk::ops;

namespace {

// Dotted paths of every leaf of a JSON object ("procart.url", "ui.opening_hours.mon", …).
void collectKeys(const nlohmann::json& json, const std::string& prefix, std::vector<std::string>& out) {
  for (auto it = json.begin(); it != json.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object() && key != "terminal.params") {
      collectKeys(*it, key, out);
    } else {
      out.push_back(key);
    }
  }
}

}  // namespace

TEST_CASE("the packaged kiosk.json is the defaults, and needs only the three site-specific values") {
  ops_test::TempDir dir;
  std::string shipped = std::string(KIOSK_SOURCE_DIR) + "/packaging/kiosk.json";
  ops_test::writeFile(dir.file("secrets.json"), "{}", 0600);
  ConfigLoad load = loadConfig(shipped, LoadOptions{dir.file("secrets.json"), {}});
  CHECK(load.config == KioskConfig{});
  std::vector<std::string> errors, warnings;
  for (const auto& p : load.problems) (p.severity == Severity::Error ? errors : warnings).push_back(p.key);
  CHECK(errors == std::vector<std::string>{"procart.token", "order.currency_id", "terminal.driver"});
  CHECK(warnings ==
        std::vector<std::string>{"order.eat_in_category_id", "order.take_away_category_id", "callback.secret"});
  CHECK(ops_test::readFile(shipped) == configToText(KioskConfig{}));
}

TEST_CASE("docs/CONFIGURATION.md names every key of both files") {
  std::string doc = ops_test::readFile(std::string(KIOSK_SOURCE_DIR) + "/docs/CONFIGURATION.md");
  REQUIRE_FALSE(doc.empty());
  std::vector<std::string> keys;
  collectKeys(nlohmann::json::parse(configToText(KioskConfig{})), "", keys);
  collectKeys(nlohmann::json::parse(secretsToText(KioskConfig{})), "", keys);
  for (const auto& key : keys) {
    if (key.rfind("ui.opening_hours.", 0) == 0) continue;  // the weekdays are documented together
    INFO(key);
    CHECK(doc.find("`" + key + "`") != std::string::npos);
  }
}
