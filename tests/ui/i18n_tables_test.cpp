// assets/i18n/ru.json and en.json: the same keys in both, every key the core emits, every key the screens use,
// and every key the services (ProCart client, payment) pass through; plural forms complete for each language.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/core/i18n.h"
#include "kiosk/core/message_keys.h"

namespace {

nlohmann::json readTable(const std::string& lang) {
  std::ifstream file(std::string(KIOSK_ASSETS_DIR) + "/i18n/" + lang + ".json");
  REQUIRE(file);
  return nlohmann::json::parse(file);
}

std::set<std::string> keysOf(const nlohmann::json& table) {
  std::set<std::string> keys;
  for (const auto& [key, value] : table.items()) keys.insert(key);
  return keys;
}

// Keys the screens ask for with a literal: t("…"), plural("…"), and the keys of labels.cpp and similar tables.
std::set<std::string> keysUsedByScreens() {
  std::set<std::string> keys;
  std::regex call(R"((?:\bt|plural)\("([a-z0-9_]+\.[a-z0-9_.]+)\")");
  std::regex literal(R"re("((?:status|cart\.issue|checkout|a11y|payment|order|dish|combo|menu|cart|idle|cancel|message|attract|upsell)\.[a-z_]+(?:\.[a-z_]+)?)")re");
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KIOSK_SOURCE_DIR) + "/kiosk/ui")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), call), end; it != end; ++it) keys.insert((*it)[1]);
    if (entry.path().filename() == "labels.cpp") {
      for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end; ++it) keys.insert((*it)[1]);
    }
  }
  return keys;
}

}  // namespace

TEST_CASE("ru and en hold the same keys and both load") {
  nlohmann::json ru = readTable("ru");
  nlohmann::json en = readTable("en");
  CHECK(keysOf(ru) == keysOf(en));
  kiosk::Strings strings;
  CHECK(strings.load(kiosk::Lang::Ru, ru.dump()).empty());
  CHECK(strings.load(kiosk::Lang::En, en.dump()).empty());
}

TEST_CASE("every message key the core emits has a text in both languages") {
  for (const char* lang : {"ru", "en"}) {
    std::set<std::string> keys = keysOf(readTable(lang));
    for (std::string_view key : kiosk::msg::kAllMessageKeys) {
      INFO(lang << ": " << key);
      CHECK(keys.count(std::string(key)) == 1);
    }
  }
}

TEST_CASE("every key the screens use has a text in both languages") {
  std::set<std::string> used = keysUsedByScreens();
  REQUIRE(used.size() > 60);
  for (const char* lang : {"ru", "en"}) {
    std::set<std::string> keys = keysOf(readTable(lang));
    for (const std::string& key : used) {
      INFO(lang << ": " << key);
      CHECK(keys.count(key) == 1);
    }
  }
}

TEST_CASE("the keys services pass through to the guest have texts") {
  // From kiosk/procart/codec.h (keys::), payment/settlement.cpp and the terminal drivers' progress prompts.
  const char* service_keys[] = {
      "error.procart_unreachable", "error.procart_timeout", "error.procart_auth",   "error.order_rejected",
      "error.payment_mismatch",    "error.pos_offline",     "error.procart_server", "error.procart_malformed",
      "payment.insert_card",       "payment.enter_pin",     "payment.processing",   "payment.remove_card",
      "payment.cancelling",        "payment.unavailable",   "payment.unknown_outcome", "payment.staff_needed",
      "payment.reversed",          "payment.reversal_pending", "payment.order_pending",
  };
  for (const char* lang : {"ru", "en"}) {
    std::set<std::string> keys = keysOf(readTable(lang));
    for (const char* key : service_keys) {
      INFO(lang << ": " << key);
      CHECK(keys.count(key) == 1);
    }
  }
}

TEST_CASE("plural entries carry the forms each language needs; {amount} messages keep the placeholder") {
  nlohmann::json ru = readTable("ru");
  nlohmann::json en = readTable("en");
  for (const auto& [key, value] : ru.items()) {
    if (!value.is_object()) continue;
    INFO(key);
    CHECK(value.contains("one"));
    CHECK(value.contains("few"));
    CHECK(value.contains("many"));
    REQUIRE(en[key].is_object());
    CHECK(en[key].contains("one"));
    CHECK(en[key].contains("other"));
  }
  for (const char* key : {"order.post_failed_refunded", "order.post_failed_staff", "payment.reversed"}) {
    INFO(key);
    CHECK(ru[key].get<std::string>().find("{amount}") != std::string::npos);
    CHECK(en[key].get<std::string>().find("{amount}") != std::string::npos);
  }
}
