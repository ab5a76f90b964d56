// /validate: every r_keeper rule, totals as the POS computes them, automatic and order discounts.
#include <catch2/catch.hpp>

#include "sim_test_support.h"

using namespace sim_test;

namespace {

json mods(std::initializer_list<std::pair<const char*, int>> list) {
  json out = json::array();
  for (auto& [id, q] : list) out.push_back({{"id", id}, {"quantity", q}});
  return out;
}

json combo(const char* main, json main_mods, const char* drink = "201") {
  return {{"dish_id", "401"},
          {"quantity", 1},
          {"combo",
           {{{"group_id", "main"}, {"dish_id", main}, {"modifiers", main_mods}},
            {{"group_id", "side"}, {"dish_id", "501"}},
            {{"group_id", "drink"}, {"dish_id", drink}}}}};
}

struct Validator {
  TempDir dir;
  RunningSim sim{testOptions(dir.path())};
  std::unique_ptr<httplib::Client> client = sim.client();

  httplib::Result send(const json& lines) { return postJson(*client, "/api/v3/validate", orderBody(lines)); }
  // Expects a 422 naming `rule` at `line` (and `component` when given).
  void expectRule(const json& lines, const char* rule, int line, const char* component = nullptr) {
    auto res = send(lines);
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == 422);
    json body = bodyOf(res);
    CHECK(body["ok"] == false);
    CHECK(body["error"]["code"] == "validation");
    CHECK(body["error"]["rule"] == rule);
    if (line >= 0) CHECK(body["error"]["line"] == line);
    if (line < 0) CHECK_FALSE(body["error"].contains("line"));
    if (component) CHECK(body["error"]["component"] == component);
    CHECK(body["error"]["message"].is_string());
  }
};

}  // namespace

TEST_CASE("validate prices dishes, modifiers and combos as the POS does, with automatic discounts") {
  Validator v;
  // Burger 300 + ketchup 20 + cheese×2 80 + bacon 60.50 = 460.50, ×2 = 921.00
  json burger = {{"dish_id", "101"},
                 {"quantity", 2},
                 {"modifiers", mods({{"m_well", 1}, {"m_ketchup", 1}, {"m_cheese", 2}, {"m_bacon", 1}})}};
  // Combo 500 + cheeseburger +50 + its cheese×1 40 + juice +20 = 610.00; combo −10 % = 61.00
  json meal = combo("102", mods({{"m_rare", 1}, {"m_cheese", 1}}), "202");
  // Cappuccino large 200 ×2 and americano small 120: every 2nd coffee −50 %, cheapest first → 60.00 off the americano
  json cappuccino = {{"dish_id", 301}, {"quantity", "2"}, {"modifiers", mods({{"m_large", 1}})}};
  json americano = {{"dish_id", "302"}, {"quantity", 1}, {"modifiers", mods({{"m_small", 1}})}};
  auto res = v.send(json::array({burger, meal, cappuccino, americano}));
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  json body = bodyOf(res);
  CHECK(body["ok"] == true);
  CHECK(body["lines"][0] == json({{"index", 0}, {"price", "460.50"}, {"sum", "921.00"}, {"discount", "0.00"}}));
  CHECK(body["lines"][1] == json({{"index", 1}, {"price", "610.00"}, {"sum", "610.00"}, {"discount", "61.00"}}));
  CHECK(body["lines"][2] == json({{"index", 2}, {"price", "200.00"}, {"sum", "400.00"}, {"discount", "0.00"}}));
  CHECK(body["lines"][3] == json({{"index", 3}, {"price", "120.00"}, {"sum", "120.00"}, {"discount", "60.00"}}));
  // 921 + 610 + 400 + 120 − 61 − 60 = 1930.00
  CHECK(body["total"] == "1930.00");
  REQUIRE(body["discounts"].size() == 2);
  CHECK(body["discounts"][0] == json({{"id", "coffee2"}, {"name", "Каждый второй кофе −50%"}, {"amount", "60.00"}}));
  CHECK(body["discounts"][1]["id"] == "combo10");
  CHECK(body["discounts"][1]["amount"] == "61.00");
  // /validate creates nothing.
  CHECK(v.sim.sim.orders().empty());
}

TEST_CASE("validate applies the order's own sum discounts after the automatic ones") {
  Validator v;
  json body = orderBody(json::array({burgerLine(1)}));
  body["order"]["discounts"] = json::array({{{"id", "loyalty"}, {"amount", "50.00"}}});
  json answer = bodyOf(postJson(*v.client, "/api/v3/validate", body));
  CHECK(answer["total"] == "250.00");
  CHECK(answer["discounts"][0] == json({{"id", "loyalty"}, {"name", "loyalty"}, {"amount", "50.00"}}));
  body["order"]["discounts"][0]["amount"] = 301;
  auto res = postJson(*v.client, "/api/v3/validate", body);
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(bodyOf(res)["error"]["code"] == "bad_request");
}

TEST_CASE("validate rules: dish, modifier, group limits, counts, quantity, empty order") {
  Validator v;
  v.expectRule(json::array(), "empty_order", -1);
  v.expectRule(json::array({burgerLine(), {{"dish_id", "999"}, {"quantity", 1}}}), "unknown_dish", 1);
  v.expectRule(
      json::array({{{"dish_id", "101"}, {"quantity", 1}, {"modifiers", mods({{"m_medium", 1}, {"m_large", 1}})}}}),
      "unknown_modifier", 0);
  v.expectRule(json::array({{{"dish_id", "201"}, {"quantity", 1}, {"modifiers", mods({{"m_medium", 1}})}}}),
               "unknown_modifier", 0);
  v.expectRule(json::array({{{"dish_id", "101"}, {"quantity", 1}}}), "below_min", 0);
  v.expectRule(
      json::array({{{"dish_id", "101"}, {"quantity", 1}, {"modifiers", mods({{"m_medium", 1}, {"m_rare", 1}})}}}),
      "above_max", 0);
  v.expectRule(json::array({{{"dish_id", "101"},
                             {"quantity", 1},
                             {"modifiers", mods({{"m_medium", 1}, {"m_ketchup", 1}, {"m_bbq", 1}, {"m_mayo", 1}})}}}),
               "above_max", 0);
  v.expectRule(
      json::array({{{"dish_id", "101"}, {"quantity", 1}, {"modifiers", mods({{"m_medium", 1}, {"m_cheese", 4}})}}}),
      "modifier_count", 0);
  // The same modifier listed twice counts once with both quantities.
  v.expectRule(json::array({{{"dish_id", "101"},
                             {"quantity", 1},
                             {"modifiers", mods({{"m_medium", 1}, {"m_cheese", 2}, {"m_cheese", 2}})}}}),
               "modifier_count", 0);
  v.expectRule(json::array({{{"dish_id", "101"}, {"quantity", 0}, {"modifiers", mods({{"m_medium", 1}})}}}),
               "bad_quantity", 0);
  v.expectRule(json::array({{{"dish_id", "101"}, {"quantity", 1.5}, {"modifiers", mods({{"m_medium", 1}})}}}),
               "bad_quantity", 0);
  v.expectRule(json::array({{{"dish_id", "101"}, {"quantity", 1000}, {"modifiers", mods({{"m_medium", 1}})}}}),
               "bad_quantity", 0);
  v.expectRule(json::array({{{"dish_id", "101"}, {"quantity", 1}, {"modifiers", mods({{"m_medium", 0}})}}}),
               "bad_quantity", 0);
}

TEST_CASE("validate rules: combo groups, items, component modifiers") {
  Validator v;
  json good = combo("101", mods({{"m_medium", 1}}));
  CHECK(v.send(json::array({good}))->status == 200);

  json unknown_group = good;
  unknown_group["combo"].push_back({{"group_id", "dessert"}, {"dish_id", "501"}});
  v.expectRule(json::array({unknown_group}), "unknown_combo_group", 0, "dessert");

  json not_a_combo = burgerLine();
  not_a_combo["combo"] = json::array({{{"group_id", "main"}, {"dish_id", "101"}}});
  v.expectRule(json::array({not_a_combo}), "unknown_combo_group", 0, "main");

  json wrong_item = good;
  wrong_item["combo"][2]["dish_id"] = "501";
  v.expectRule(json::array({wrong_item}), "unknown_combo_item", 0, "drink");

  json missing_drink = good;
  missing_drink["combo"].erase(2);
  v.expectRule(json::array({burgerLine(), missing_drink}), "combo_below_min", 1, "drink");

  json two_drinks = good;
  two_drinks["combo"].push_back({{"group_id", "drink"}, {"dish_id", "202"}});
  v.expectRule(json::array({two_drinks}), "combo_above_max", 0, "drink");

  // The component's own scheme applies: a burger in a combo still needs its doneness.
  v.expectRule(json::array({combo("101", json::array())}), "below_min", 0, "main");
  v.expectRule(json::array({combo("101", mods({{"m_medium", 1}, {"m_large", 1}}))}), "unknown_modifier", 0, "main");
  v.expectRule(json::array({combo("101", mods({{"m_medium", 1}, {"m_cheese", 5}}))}), "modifier_count", 0, "main");
  json drink_mod = good;
  drink_mod["combo"][2]["modifiers"] = mods({{"m_ketchup", 1}});
  v.expectRule(json::array({drink_mod}), "unknown_modifier", 0, "drink");
}

TEST_CASE("validate rules: stop-list and limited stock summed over lines and combo components") {
  Validator v;
  v.expectRule(json::array({{{"dish_id", "103"}, {"quantity", 1}}}), "prohibited", 0);
  v.expectRule(json::array({combo("103", json::array())}), "prohibited", 0, "main");

  // Cheeseburger: 3 left. Two lines of 1 and 1 plus a combo with one: 3 is fine; a fourth is not.
  json cheese = {{"dish_id", "102"}, {"quantity", 1}, {"modifiers", mods({{"m_medium", 1}})}};
  json cheese_combo = combo("102", mods({{"m_medium", 1}}));
  CHECK(v.send(json::array({cheese, cheese, cheese_combo}))->status == 200);
  v.expectRule(json::array({cheese, cheese_combo, cheese, cheese}), "limited", 3);
  v.expectRule(json::array({cheese, cheese, cheese, cheese_combo}), "limited", 3, "main");
  json two_combos = cheese_combo;
  two_combos["quantity"] = 4;
  v.expectRule(json::array({two_combos}), "limited", 0, "main");
  // Juice: 2 left, as a dish and as a combo drink.
  json juice = {{"dish_id", "202"}, {"quantity", 2}};
  v.expectRule(json::array({juice, combo("101", mods({{"m_medium", 1}}), "202")}), "limited", 1, "drink");
}

TEST_CASE("validate refuses malformed requests with 400 bad_request and changes nothing") {
  Validator v;
  for (const std::string& body :
       {std::string("not json"), std::string("[1,2]"), json({{"token", kToken}}).dump(),
        json({{"token", kToken}, {"order", {{"lines", "burger"}}}}).dump(),
        json({{"token", kToken}, {"order", {{"lines", {{{"quantity", 1}}}}}}}).dump(),
        std::string("{\"token\":\"test-token\",\"order\":{\"lines\":[{\"dish_id\":\"\xff\xfe\",\"quantity\":1}]}}")}) {
    auto res = v.client->Post("/api/v3/validate", body, "application/json");
    INFO(body);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(bodyOf(res)["error"]["code"] == "bad_request");
  }
  CHECK(v.sim.sim.orders().empty());
  CHECK(v.sim.sim.requestCount("validate") == 6);
}
