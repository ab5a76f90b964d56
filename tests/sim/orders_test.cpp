// /postorder, /getorders, /close, /internal/print_info, /sim/orders, and persistence across a restart.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <regex>
#include <set>

#include "sim_test_support.h"

using namespace sim_test;

namespace {

const std::regex kGuid(R"(\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\})");

json post(httplib::Client& client, const json& body, int expected_status = 200) {
  auto res = postJson(client, "/api/v3/postorder", body);
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == expected_status);
  return bodyOf(res);
}

}  // namespace

TEST_CASE("postorder creates an order with a GUID, a number and status 5, and keeps its payments") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  json body = postorderBody(json::array({burgerLine(2)}), "600.00", "kiosk1-0001");
  body["order"]["comment"] = "Позвоните, когда будет готово";
  body["order"]["short_comment"] = "K1";
  json answer = post(*client, body);
  CHECK(answer["ok"] == true);
  CHECK(std::regex_match(answer["guid"].get<std::string>(), kGuid));
  CHECK(answer["number"] == "1");
  CHECK(answer["status"] == 5);
  CHECK(answer["total"] == "600.00");

  json second = post(*client, postorderBody(json::array({burgerLine(1)}), "300", "kiosk1-0002"));
  CHECK(second["number"] == "2");
  CHECK(second["guid"] != answer["guid"]);

  auto orders = s.sim.orders();
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].guid == answer["guid"]);
  CHECK(orders[0].external_id == "kiosk1-0001");
  CHECK(orders[0].status == 5);
  CHECK(orders[0].total_kopecks == 60000);
  CHECK(orders[0].paid_kopecks == 60000);
  REQUIRE(orders[0].payments.size() == 1);
  CHECK(orders[0].payments[0].amount_kopecks == 60000);
  CHECK(orders[0].payments[0].rrn == "123456789012");
  CHECK(orders[0].payments[0].card_mask == "220000******0001");
  CHECK(orders[0].request_json.find(kToken) == std::string::npos);  // the token is not kept
  CHECK(orders[0].request_json.find("kiosk1-0001") != std::string::npos);
  CHECK(std::regex_match(orders[0].created_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")));
  auto by_external = s.sim.orderByExternalId("kiosk1-0002");
  REQUIRE(by_external);
  CHECK(by_external->guid == second["guid"]);
  CHECK_FALSE(s.sim.orderByExternalId("nope"));

  json admin = bodyOf(client->Get("/sim/orders"));
  REQUIRE(admin["orders"].size() == 2);
  CHECK(admin["orders"][0]["payments"][0]["amount"] == "600.00");
  CHECK(admin["orders"][0]["payments"][0]["transaction"]["auth_code"] == "A1B2C3");
  CHECK(admin["orders"][0]["request"]["order"]["comment"] == "Позвоните, когда будет готово");

  json print = bodyOf(postJson(*client, "/api/v3/internal/print_info", {{"guid", answer["guid"]}}));
  CHECK(print["lines"] == json::array({"Позвоните, когда будет готово"}));
  auto unknown = postJson(*client, "/api/v3/internal/print_info", {{"guid", "{00000000-0000-0000-0000-000000000000}"}});
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
}

TEST_CASE("postorder refuses a payment that differs from the total it computes now, and creates nothing") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  for (const char* wrong : {"299.99", "300.01", "0"}) {
    json answer = post(*client, postorderBody(json::array({burgerLine(1)}), wrong), 422);
    CHECK(answer["error"]["code"] == "payment_mismatch");
  }
  // Two payments that together equal the total are fine.
  json split = postorderBody(json::array({burgerLine(1)}), "100.00");
  split["payments"].push_back({{"currency_id", "2"}, {"amount", 200}});
  post(*client, split);
  // No payment at all: an unpaid order (pay at the counter).
  json unpaid = orderBody(json::array({burgerLine(1)}), "unpaid-1");
  post(*client, unpaid);
  auto orders = s.sim.orders();
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].paid_kopecks == 30000);
  CHECK(orders[1].paid_kopecks == 0);
  // Validation failures also create nothing.
  json bad = post(*client, postorderBody(json::array({{{"dish_id", "103"}, {"quantity", 1}}}), "400.00"), 422);
  CHECK(bad["error"]["rule"] == "prohibited");
  CHECK(s.sim.orders().size() == 2);
}

TEST_CASE("created orders take stock: the limited balance falls and the menu shows what is left") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  json cheese = {{"dish_id", "102"}, {"quantity", 2}, {"modifiers", json::array({{{"id", "m_medium"}}})}};
  post(*client, postorderBody(json::array({cheese}), "700.00", "a"));
  json menu = bodyOf(client->Get((std::string("/api/v3/getmenu?token=") + kToken).c_str()));
  CHECK(menu["dishes"][1]["stock"]["quantity"] == 1);
  json again = post(*client, postorderBody(json::array({cheese}), "700.00", "b"), 422);
  CHECK(again["error"]["rule"] == "limited");
  // A deleted order gives its pieces back.
  REQUIRE(s.sim.setOrderStatus(s.sim.orders()[0].guid, 3));
  post(*client, postorderBody(json::array({cheese}), "700.00", "c"));
}

TEST_CASE("getorders: GET lists open orders, POST returns the asked ones in any status") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  std::string a = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "a"))["guid"];
  std::string b = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "b"))["guid"];
  std::string c = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "c"))["guid"];
  REQUIRE(s.sim.setOrderStatus(b, 1));
  REQUIRE(s.sim.setOrderStatus(c, 3));
  REQUIRE(s.sim.setOrderStatus(a, 2));

  json open = bodyOf(client->Get((std::string("/api/v3/getorders?token=") + kToken).c_str()));
  CHECK(open["ok"] == true);
  REQUIRE(open["orders"].size() == 1);
  const json& order = open["orders"][0];
  CHECK(order["guid"] == a);
  CHECK(order["external_id"] == "a");
  CHECK(order["number"] == "1");
  CHECK(order["status"] == 2);
  CHECK(order["total"] == "300.00");
  CHECK(order["paid"] == "300.00");
  CHECK(order["updated_at"].is_string());

  std::string lower_b = b.substr(1, 36);
  for (auto& ch : lower_b) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  json some = bodyOf(postJson(*client, "/api/v3/getorders",
                              {{"token", kToken}, {"guids", {c, lower_b, "{11111111-2222-3333-4444-555555555555}"}}}));
  REQUIRE(some["orders"].size() == 2);
  CHECK(some["orders"][0]["status"] == 3);
  CHECK(some["orders"][1]["guid"] == b);
  CHECK(some["orders"][1]["status"] == 1);
  json one = bodyOf(postJson(*client, "/api/v3/getorders", {{"token", kToken}, {"guid", a}}));
  CHECK(one["orders"].size() == 1);
  auto bad = postJson(*client, "/api/v3/getorders", {{"token", kToken}, {"guids", "all"}});
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(s.sim.requestCount("getorders") == 4);
}

TEST_CASE("close closes a paid order once, refuses unpaid, deleted and unknown orders") {
  TempDir dir;
  auto options = testOptions(dir.path());
  options.close_paid_order = false;
  RunningSim s(options);
  auto client = s.client();
  std::string paid = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "p"))["guid"];
  std::string unpaid = post(*client, orderBody(json::array({burgerLine(1)}), "u"))["guid"];
  std::string deleted = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "d"))["guid"];
  REQUIRE(s.sim.setOrderStatus(deleted, 3));

  auto close = [&](const std::string& guid) {
    return postJson(*client, "/api/v3/close", {{"token", kToken}, {"guid", guid}});
  };
  auto ok = close(paid);
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(bodyOf(ok) == json({{"ok", true}}));
  CHECK(s.sim.orders()[0].status == 1);
  CHECK(close(paid)->status == 200);  // closing again is harmless
  auto not_paid = close(unpaid);
  CHECK(not_paid->status == 409);
  CHECK(bodyOf(not_paid)["error"]["code"] == "not_paid");
  CHECK(bodyOf(close(deleted))["error"]["code"] == "order_deleted");
  auto unknown = close("{00000000-0000-0000-0000-000000000000}");
  CHECK(unknown->status == 404);
  CHECK(bodyOf(unknown)["error"]["code"] == "not_found");
  CHECK(postJson(*client, "/api/v3/close", {{"token", kToken}})->status == 400);
}

TEST_CASE("orders and their payments survive a restart with the same state dir") {
  TempDir dir;
  auto options = testOptions(dir.path());
  options.state_dir = dir.path() + "/state";
  std::string guid;
  {
    RunningSim s(options);
    auto client = s.client();
    guid = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "persist-1"))["guid"];
    post(*client,
         postorderBody(
             json::array({{{"dish_id", "102"}, {"quantity", 3}, {"modifiers", json::array({{{"id", "m_well"}}})}}}),
             "1050.00", "persist-2"));
    REQUIRE(s.sim.setOrderStatus(guid, 2));
  }
  REQUIRE(std::filesystem::exists(options.state_dir + "/orders.json"));
  RunningSim again(options);
  auto orders = again.sim.orders();
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].guid == guid);
  CHECK(orders[0].status == 2);
  CHECK(orders[0].payments.size() == 1);
  CHECK(orders[0].payments[0].auth_code == "A1B2C3");
  CHECK(orders[1].total_kopecks == 105000);
  auto client = again.client();
  // Numbers go on; the cheeseburgers taken before the restart are still gone.
  json next = post(*client, postorderBody(json::array({burgerLine(1)}), "300.00", "persist-3"));
  CHECK(next["number"] == "3");
  json menu = bodyOf(client->Get((std::string("/api/v3/getmenu?token=") + kToken).c_str()));
  CHECK(menu["dishes"][1]["stock"]["quantity"] == 0);
  json listed = bodyOf(client->Get((std::string("/api/v3/getorders?token=") + kToken).c_str()));
  CHECK(listed["orders"].size() == 3);
}

TEST_CASE("a corrupt state file stops the start with a clear error and is left untouched") {
  TempDir dir;
  auto options = testOptions(dir.path());
  options.state_dir = dir.path() + "/state";
  std::filesystem::create_directories(options.state_dir);
  writeFile(options.state_dir + "/orders.json", "{\"format\": 1, \"orders\": [ {\"guid\": 5");
  procart_sim::Emulator sim(options);
  CHECK(sim.start("127.0.0.1", 0) == -1);
  CHECK_THAT(sim.error(), Catch::Contains("orders.json"));
  CHECK(readFile(options.state_dir + "/orders.json") == "{\"format\": 1, \"orders\": [ {\"guid\": 5");
}

TEST_CASE("concurrent postorders get unique GUIDs and numbers and never oversell limited stock") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  constexpr int kThreads = 6, kEach = 5;
  std::atomic<int> created{0}, refused_limited{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto client = s.client();
      for (int i = 0; i < kEach; ++i) {
        // Every fifth order also asks for the last cheeseburgers (3 in stock).
        json lines = json::array({burgerLine(1)});
        std::string total = "300.00";
        if (i == 0) {
          lines.push_back({{"dish_id", "102"}, {"quantity", 1}, {"modifiers", json::array({{{"id", "m_rare"}}})}});
          total = "650.00";
        }
        auto res = postJson(*client, "/api/v3/postorder",
                            postorderBody(lines, total, "t" + std::to_string(t) + "-" + std::to_string(i)));
        if (res && res->status == 200) ++created;
        if (res && res->status == 422) ++refused_limited;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(created == kThreads * kEach - 3);
  CHECK(refused_limited == 3);
  auto orders = s.sim.orders();
  REQUIRE(orders.size() == static_cast<size_t>(created.load()));
  std::set<std::string> guids, numbers;
  for (const auto& o : orders) {
    guids.insert(o.guid);
    numbers.insert(o.number);
  }
  CHECK(guids.size() == orders.size());
  CHECK(numbers.size() == orders.size());
  CHECK(numbers.count(std::to_string(orders.size())) == 1);
}
