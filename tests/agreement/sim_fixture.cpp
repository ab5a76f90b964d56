#include "sim_fixture.h"

#include <httplib.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace agreement {
namespace {

const char* const kToken = "agreement-token";

nlohmann::json modifiersJson(const std::vector<kiosk::OrderModifier>& modifiers) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : modifiers) out.push_back({{"id", m.id}, {"quantity", m.quantity}});
  return out;
}

nlohmann::json lineJson(const kiosk::OrderLine& line) {
  nlohmann::json combo = nlohmann::json::array();
  for (const auto& part : line.combo) {
    combo.push_back({{"group_id", part.group_id}, {"dish_id", part.dish_id}, {"modifiers", modifiersJson(part.modifiers)}});
  }
  return {{"dish_id", line.dish_id}, {"quantity", line.quantity}, {"comment", line.comment},
          {"modifiers", modifiersJson(line.modifiers)}, {"combo", combo}};
}

}  // namespace

SimUnderTest::SimUnderTest(const std::string& menu_json) {
  char pattern[] = "/tmp/kiosk-agreement-XXXXXX";
  REQUIRE(mkdtemp(pattern) != nullptr);
  dir_ = pattern;
  std::string menu_file = dir_ + "/menu.json";
  std::ofstream(menu_file) << menu_json;
  procart_sim::Options options;
  options.menu_file = menu_file;
  options.token = kToken;
  options.lifecycle = "";
  emulator_ = std::make_unique<procart_sim::Emulator>(options);
  port_ = emulator_->start("127.0.0.1", 0);
  INFO(emulator_->error());
  REQUIRE(port_ > 0);
}

SimUnderTest::~SimUnderTest() {
  emulator_->stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

Verdict SimUnderTest::validate(const kiosk::OrderLine& line) {
  nlohmann::json body = {{"token", kToken},
                         {"order", {{"external_id", "agreement-" + std::to_string(++requests_)},
                                    {"category_id", ""},
                                    {"lines", nlohmann::json::array({lineJson(line)})}}}};
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  auto res = client.Post("/api/v3/validate", body.dump(), "application/json");
  Verdict verdict;
  REQUIRE(res);
  verdict.http_status = res->status;
  verdict.raw = res->body;
  nlohmann::json answer = nlohmann::json::parse(res->body, nullptr, false);
  REQUIRE_FALSE(answer.is_discarded());
  if (res->status == 200) {
    verdict.accepted = answer.value("ok", true);
    if (answer.contains("lines") && !answer["lines"].empty()) {
      const auto& price = answer["lines"][0]["price"];
      auto parsed = price.is_string() ? kiosk::Money::parseDecimal(price.get<std::string>())
                                      : kiosk::Money::fromDouble(price.get<double>());
      if (parsed) verdict.price = *parsed;
    }
  } else if (answer.contains("error") && answer["error"].is_object()) {
    verdict.rule = answer["error"].value("rule", answer["error"].value("code", ""));
    verdict.line = answer["error"].value("line", -1);
  }
  return verdict;
}

}  // namespace agreement
