// The emulator's pure parts: spec and script parsers, discounts, print lines, GUIDs, wire conversions, CLI.
#include <catch2/catch.hpp>

#include <regex>

#include "kiosk/sim/cli.h"
#include "kiosk/sim/discounts.h"
#include "kiosk/sim/faults.h"
#include "kiosk/sim/lifecycle.h"
#include "kiosk/sim/menu_loader.h"
#include "kiosk/sim/order_request.h"
#include "kiosk/sim/order_store.h"
#include "kiosk/sim/print_info.h"
#include "kiosk/sim/wire.h"

using namespace procart_sim;

TEST_CASE("fault spec: the brief's example parses into per-method faults and a seed") {
  auto spec = parseFaultSpec("validate.http500=0.2,postorder.drop_after=#1,callback.lose=0.5,seed=7");
  REQUIRE(spec);
  CHECK(spec->seed == 7u);
  CHECK(spec->methods.at("validate").outcomes.at(FaultKind::Http500).probability == Approx(0.2));
  CHECK(spec->methods.at("postorder").outcomes.at(FaultKind::DropAfter).counted);
  CHECK(spec->methods.at("postorder").outcomes.at(FaultKind::DropAfter).next_calls == 1);
  CHECK(spec->methods.at("callback").lose->probability == Approx(0.5));
  auto latency = parseFaultSpec("*.latency=10-20, getmenu.latency=5");
  REQUIRE(latency);
  CHECK(latency->methods.at("*").latency->min_ms == 10);
  CHECK(latency->methods.at("*").latency->max_ms == 20);
  CHECK(latency->methods.at("getmenu").latency->max_ms == 5);
  CHECK(parseFaultSpec("")->methods.empty());
}

TEST_CASE("fault spec: every malformed item is refused with its text in the error") {
  for (const char* bad : {"validate.http500", "validate.http500=1.5", "validate.http500=-0.1", "nosuch.http500=0.1",
                          "validate.explode=0.1", "validate.latency=20-10", "validate.latency=abc", "validate.lose=0.5",
                          "callback.http500=0.5", "seed=x", "validate.http500=#x", "http500=1"}) {
    auto spec = parseFaultSpec(bad);
    INFO(bad);
    REQUIRE_FALSE(spec);
    CHECK_FALSE(spec.error().empty());
  }
}

TEST_CASE("fault injector: #N hits exactly the next N calls — the same seed gives the same draws") {
  FaultInjector injector;
  REQUIRE(injector.set("validate.http500=#2", 1).empty());
  CHECK(injector.decide("validate").kind == FaultKind::Http500);
  CHECK(injector.decide("ping").kind == FaultKind::None);
  CHECK(injector.decide("validate").kind == FaultKind::Http500);
  CHECK(injector.decide("validate").kind == FaultKind::None);

  auto draws = [](uint64_t seed) {
    FaultInjector f;
    REQUIRE(f.set("postorder.http500=0.5,postorder.latency=0-1000", seed).empty());
    std::vector<std::pair<int, int>> out;
    for (int i = 0; i < 50; ++i) {
      auto d = f.decide("postorder");
      out.emplace_back(static_cast<int>(d.kind), d.latency_ms);
    }
    return out;
  };
  CHECK(draws(7) == draws(7));
  CHECK(draws(7) != draws(8));
  auto sample = draws(7);
  int hits = 0;
  for (auto& [kind, ms] : sample) hits += kind == static_cast<int>(FaultKind::Http500);
  CHECK(hits > 10);
  CHECK(hits < 40);

  // A bad spec leaves the old one in force.
  CHECK_FALSE(injector.set("validate.http500=2", 1).empty());
  CHECK(injector.spec() == "validate.http500=#2");
}

TEST_CASE("fault injector: '*' applies to each method, a method's own entry wins") {
  FaultInjector injector;
  REQUIRE(injector.set("*.http500=#1,ping.http500=0", 1).empty());
  CHECK(injector.decide("validate").kind == FaultKind::Http500);
  CHECK(injector.decide("getmenu").kind == FaultKind::Http500);
  CHECK(injector.decide("ping").kind == FaultKind::None);
  CHECK(injector.decide("callback").kind == FaultKind::None);
}

TEST_CASE("lifecycle script: parses names and numbers, refuses garbage") {
  auto steps = parseLifecycle("new>open@1000, open>bill@5000,bill>close@10000");
  REQUIRE(steps);
  REQUIRE(steps->size() == 3);
  CHECK((*steps)[0].from == 5);
  CHECK((*steps)[0].to == 0);
  CHECK((*steps)[2].to == 1);
  CHECK((*steps)[2].at_ms == 10000);
  auto numeric = parseLifecycle("5>0@0,0>3@20");
  REQUIRE(numeric);
  CHECK((*numeric)[1].to == 3);
  CHECK(parseLifecycle("")->empty());
  for (const char* bad : {"new>open", "new@open>10", "new>nowhere@10", "new>open@-5", "new>open@x"}) {
    INFO(bad);
    CHECK_FALSE(parseLifecycle(bad));
  }
}

TEST_CASE("discounts: percent on combos and every 2nd coffee on the cheapest units, rounded to the kopeck") {
  DiscountRule combo{"combo10", "Combo -10%", "", DiscountType::Percent, 10, 2, true, {}, {}};
  DiscountRule coffee{"coffee2", "2nd coffee", "", DiscountType::EveryNth, 50, 2, false, {"coffee"}, {}};
  std::vector<DiscountLineInput> lines = {
      {"401", "combos", true, 65005, 1},   // 650.05 → 65.01 (half up)
      {"301", "coffee", false, 15000, 2},  // 2 units
      {"302", "coffee", false, 12000, 1},  // cheapest unit
      {"201", "drinks", false, 10000, 3},
  };
  auto result = applyDiscounts({combo, coffee}, lines);
  CHECK(result.line_discounts[0] == 6501);
  // 3 coffee units → 1 discounted: the cheapest (120.00) at 50 % = 60.00
  CHECK(result.line_discounts[1] == 0);
  CHECK(result.line_discounts[2] == 6000);
  CHECK(result.line_discounts[3] == 0);
  CHECK(result.rule_amounts == std::vector<int64_t>{6501, 6000});
  DiscountRule everything{"all", "all", "", DiscountType::Percent, 100, 2, false, {}, {}};
  auto capped = applyDiscounts({everything, combo}, lines);
  CHECK(capped.line_discounts[0] == 65005);  // never more than the line's sum
  CHECK(capped.rule_amounts[1] == 0);
}

TEST_CASE("print_info lines: split at line breaks, wrapped at 40 characters, UTF-8 aware") {
  auto lines = splitPrintLines("Без лука, пожалуйста. Соус отдельно, салфеток побольше и трубочку!\nСпасибо");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Без лука, пожалуйста. Соус отдельно,");
  CHECK(lines[1] == "салфеток побольше и трубочку!");
  CHECK(lines[2] == "Спасибо");
  auto long_word = splitPrintLines(std::string(90, 'x'), 40);
  REQUIRE(long_word.size() == 3);
  CHECK(long_word[2].size() == 10);
  CHECK(splitPrintLines("").empty());
  CHECK(splitPrintLines("a\n\nb") == std::vector<std::string>{"a", "", "b"});
}

TEST_CASE("GUIDs are r_keeper style and normalised with or without braces") {
  std::mt19937_64 rng(3);
  std::string guid = newGuid(rng);
  CHECK(std::regex_match(guid, std::regex(R"(\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\})")));
  std::string bare = guid.substr(1, 36);
  for (auto& c : bare) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(normalizeGuid(bare) == guid);
  CHECK(normalizeGuid(guid) == guid);
  CHECK(normalizeGuid("{nope}").empty());
  CHECK(normalizeGuid("12345678-1234-1234-1234-12345678901Z").empty());
}

TEST_CASE("wire: money and ids are read tolerantly and written exactly") {
  CHECK(moneyText(38900) == "389.00");
  CHECK(moneyText(-5) == "-0.05");
  CHECK(parseMoney(json(389)) == 38900);
  CHECK(parseMoney(json(389.5)) == 38950);
  CHECK(parseMoney(json("389.50")) == 38950);
  CHECK_FALSE(parseMoney(json("389.505")));
  CHECK_FALSE(parseMoney(json(true)));
  CHECK_FALSE(parseMoney(json("abc")));
  CHECK(parseId(json(101)) == "101");
  CHECK(parseId(json("x1")) == "x1");
  CHECK_FALSE(parseId(json("")));
  CHECK_FALSE(parseId(json(1.5)));
  CHECK(parseCount(json("12")) == 12);
  CHECK(parseCount(json(2.0)) == 2);
  CHECK_FALSE(parseCount(json(1.5)));
}

TEST_CASE("order request: structural faults are bad requests that name the field") {
  auto parse = [](const char* text) { return parseOrderRequest(json::parse(text)); };
  CHECK_FALSE(parse(R"({"token":"t"})"));
  CHECK(parse(R"({"order":{"lines":"x"}})").error().find("lines") != std::string::npos);
  CHECK(parse(R"({"order":{"lines":[{"quantity":1}]}})").error().find("dish_id") != std::string::npos);
  CHECK(parse(R"({"order":{"lines":[{"dish_id":"1","quantity":{}}]}})").error().find("quantity") != std::string::npos);
  CHECK(parse(R"({"order":{"lines":[{"dish_id":"1","quantity":1,"modifiers":[{"quantity":1}]}]}})")
            .error()
            .find("modifiers[0]") != std::string::npos);
  CHECK_FALSE(parse(R"({"order":{"lines":[],"short_comment":"1234567890123456789012345678901"}})"));
  CHECK(parse(R"({"order":{"lines":[],"short_comment":"Без лука и без соуса, спасибо!"}})"));  // 30 characters
  CHECK_FALSE(parse(R"({"order":{"lines":[]},"payments":[{"amount":"x"}]})"));
  // Quantities that are numbers but not usable are kept for the validator (bad_quantity).
  auto odd = parse(R"({"order":{"lines":[{"dish_id":1,"quantity":0},{"dish_id":"2","quantity":"3"}]}})");
  REQUIRE(odd);
  CHECK_FALSE(odd->lines[0].quantity);
  CHECK(odd->lines[0].dish_id == "1");
  CHECK(odd->lines[1].quantity == 3);
}

TEST_CASE("menu loader: broken menus are refused with the faulty field named") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"not json", "not valid JSON"},
      {R"({"categories":[],"dishes":[{"id":"1","name":"x","category_id":"c","price":"1"}]})", "unknown category"},
      {R"({"categories":[{"id":"c"}],"dishes":[{"id":"1","name":"x","category_id":"c","price":"abc"}]})",
       "dishes[0].price"},
      {R"({"categories":[{"id":"c"}],"dishes":[{"id":"1","name":"x","category_id":"c","price":1},{"id":"1","name":"y","category_id":"c","price":1}]})",
       "duplicate id"},
      {R"({"categories":[{"id":"c"}],"dishes":[{"id":"1","name":"x","category_id":"c","price":1,"modifier_scheme_id":"nope"}]})",
       "unknown scheme"},
      {R"({"categories":[{"id":"c"}],"dishes":[],"modifier_schemes":[{"id":"s","groups":[{"id":"g","min":3,"max":1,"modifiers":[{"id":"m"}]}]}]})",
       "min is above max"},
      {R"({"categories":[{"id":"c"}],"dishes":[{"id":"1","name":"x","category_id":"c","price":1,"stock":{"type":"limited"}}]})",
       "quantity"},
      {R"({"categories":[{"id":"c"}],"dishes":[],"discounts":[{"id":"d","type":"percent","percent":150}]})", "percent"},
      {R"({"categories":[{"id":"c"}],"dishes":[{"id":"1","name":"x","category_id":"c","price":1}],"combo_schemes":[{"id":"k","groups":[{"id":"g","default_dish_id":"2","items":[{"dish_id":"1"}]}]}]})",
       "default_dish_id"},
  };
  for (const auto& c : cases) {
    auto menu = parseSimMenu(c.text);
    INFO(c.text);
    REQUIRE_FALSE(menu);
    CHECK_THAT(menu.error(), Catch::Contains(c.expected));
  }
}

TEST_CASE("command line: every option, both spellings, and clear errors") {
  auto cli = parseCommandLine({"--port",
                               "18080",
                               "--host=0.0.0.0",
                               "--menu",
                               "m.json",
                               "--token",
                               "t",
                               "--faults",
                               "seed=3",
                               "--state-dir",
                               "/tmp/x",
                               "--seed",
                               "9",
                               "--lifecycle",
                               "new>open@1",
                               "--close-paid-order",
                               "false",
                               "--getmenu-latency",
                               "--callback-attempts",
                               "2",
                               "--callback-backoff-ms=50"},
                              "default.json");
  REQUIRE(cli);
  CHECK(cli->port == 18080);
  CHECK(cli->host == "0.0.0.0");
  CHECK(cli->options.menu_file == "m.json");
  CHECK(cli->options.token == "t");
  CHECK(cli->options.faults == "seed=3");
  CHECK(cli->options.state_dir == "/tmp/x");
  CHECK(cli->options.seed == 9u);
  CHECK(cli->options.lifecycle == "new>open@1");
  CHECK_FALSE(cli->options.close_paid_order);
  CHECK(cli->options.getmenu_latency);
  CHECK(cli->options.callback_attempts == 2);
  CHECK(cli->options.callback_backoff_ms == 50);
  CHECK(parseCommandLine({}, "default.json")->options.menu_file == "default.json");
  CHECK_FALSE(parseCommandLine({"--port", "70000"}, ""));
  CHECK_FALSE(parseCommandLine({"--port"}, ""));
  CHECK_FALSE(parseCommandLine({"--close-paid-order", "maybe"}, ""));
  CHECK_FALSE(parseCommandLine({"--frobnicate"}, ""));
}
