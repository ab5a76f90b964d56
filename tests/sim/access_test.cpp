// The token in each accepted place, the POS-offline switch, /ping, and answers to unknown paths.
#include <catch2/catch.hpp>

#include "sim_test_support.h"

using namespace sim_test;

TEST_CASE("token: query for GET, body for POST, Bearer and X-Token headers everywhere — wrong ones get 401") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  json lines = json::array({burgerLine()});
  json no_token = {{"order", {{"lines", lines}}}};

  CHECK(client->Get("/api/v3/getmenu?token=test-token")->status == 200);
  CHECK(client->Get("/api/v3/getmenu", {{"Authorization", "Bearer test-token"}})->status == 200);
  CHECK(client->Get("/api/v3/getmenu", {{"X-Token", "test-token"}})->status == 200);
  CHECK(postJson(*client, "/api/v3/validate", orderBody(lines))->status == 200);
  CHECK(client->Post("/api/v3/validate", {{"Authorization", "Bearer test-token"}}, no_token.dump(), "application/json")
            ->status == 200);
  CHECK(client->Post("/api/v3/validate", {{"X-Token", "test-token"}}, no_token.dump(), "application/json")->status ==
        200);

  auto expect401 = [](const httplib::Result& res) {
    REQUIRE(res);
    CHECK(res->status == 401);
    json body = bodyOf(res);
    CHECK(body["ok"] == false);
    CHECK(body["error"]["code"] == "token_invalid");
  };
  expect401(client->Get("/api/v3/getmenu"));
  expect401(client->Get("/api/v3/getmenu?token=wrong"));
  expect401(client->Get("/api/v3/getmenu", {{"Authorization", "Bearer wrong"}}));
  expect401(client->Get("/api/v3/getmenu", {{"Authorization", "test-token"}}));  // no "Bearer "
  expect401(client->Get("/api/v3/getorders?token=nope"));
  expect401(postJson(*client, "/api/v3/validate", no_token));
  json wrong = orderBody(lines);
  wrong["token"] = "wrong";
  expect401(postJson(*client, "/api/v3/postorder", wrong));
  // The profile's places only: a POST does not take the token from the query.
  expect401(client->Post("/api/v3/validate?token=test-token", no_token.dump(), "application/json"));
  expect401(postJson(*client, "/api/v3/close", {{"guid", "{00000000-0000-0000-0000-000000000000}"}}));
  expect401(postJson(*client, "/api/v3/getorders", {{"guids", json::array()}}));
  CHECK(s.sim.orders().empty());
}

TEST_CASE("ping reports versions, the POS link and whether the token is valid") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  json ok = bodyOf(client->Get("/api/v3/ping?token=test-token"));
  CHECK(ok["ok"] == true);
  CHECK(ok["procart_version"].is_string());
  CHECK(ok["rkeeper_version"].is_string());
  CHECK(ok["rkeeper_connected"] == true);
  CHECK(ok["license_valid"] == true);
  CHECK(ok["token_valid"] == true);
  auto bad = client->Get("/api/v3/ping?token=nope");
  REQUIRE(bad);
  CHECK(bad->status == 200);
  CHECK(bodyOf(bad)["token_valid"] == false);
  CHECK(bodyOf(client->Get("/api/v3/ping", {{"X-Token", "test-token"}}))["token_valid"] == true);
  s.sim.setPosOnline(false);
  CHECK(bodyOf(client->Get("/api/v3/ping?token=test-token"))["rkeeper_connected"] == false);
  CHECK(s.sim.requestCount("ping") == 4);
}

TEST_CASE("POS offline: POS-bound methods answer 503 pos_offline — the cached menu is still served") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  json lines = json::array({burgerLine()});
  std::string guid = bodyOf(postJson(*client, "/api/v3/postorder", postorderBody(lines, "300.00")))["guid"];

  auto off = postJson(*client, "/sim/pos_online", {{"online", false}});
  REQUIRE(off);
  CHECK(off->status == 200);
  auto expect503 = [](const httplib::Result& res) {
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(bodyOf(res) ==
          json({{"ok", false},
                {"error", {{"code", "pos_offline"}, {"message", "the r_keeper cash server is not reachable"}}}}));
  };
  expect503(postJson(*client, "/api/v3/validate", orderBody(lines)));
  expect503(postJson(*client, "/api/v3/postorder", postorderBody(lines, "300.00", "offline")));
  expect503(client->Get("/api/v3/getorders?token=test-token"));
  expect503(postJson(*client, "/api/v3/getorders", {{"token", kToken}, {"guids", {guid}}}));
  expect503(postJson(*client, "/api/v3/close", {{"token", kToken}, {"guid", guid}}));
  CHECK(client->Get("/api/v3/getmenu?token=test-token")->status == 200);
  CHECK(s.sim.orders().size() == 1);
  // The token is checked first: a wrong token is still a 401 while offline.
  CHECK(postJson(*client, "/api/v3/validate", {{"token", "x"}, {"order", {{"lines", lines}}}})->status == 401);

  CHECK(postJson(*client, "/sim/pos_online", {{"online", "yes"}})->status == 400);
  CHECK(postJson(*client, "/sim/pos_online", {{"online", true}})->status == 200);
  CHECK(postJson(*client, "/api/v3/validate", orderBody(lines))->status == 200);
}

TEST_CASE("unknown paths and methods get a JSON 404 — admin endpoints refuse bad bodies") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  auto missing = client->Get("/api/v3/nothing");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(bodyOf(missing)["error"]["code"] == "not_found");
  CHECK(client->Get("/api/v3/validate")->status == 404);
  CHECK(client->Post("/sim/faults", "validate.http500=7", "text/plain")->status == 400);
  CHECK(postJson(*client, "/sim/faults", {{"nospec", 1}})->status == 400);
  CHECK(client->Post("/sim/orders/{00000000-0000-0000-0000-000000000000}/status", "{\"status\":0}", "application/json")
            ->status == 404);
  json counters = bodyOf(client->Get("/sim/counters"));
  CHECK(counters["requests"]["validate"] == 0);  // a GET to a POST-only path is not a call of the method
  CHECK(counters["callbacks_sent"] == 0);
}
