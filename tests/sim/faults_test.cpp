// Every fault kind over real HTTP, set at start, through /sim/faults and through Emulator::setFaults.
#include <catch2/catch.hpp>

#include "sim_test_support.h"

using namespace sim_test;
using namespace std::chrono_literals;

namespace {

struct FaultySim {
  explicit FaultySim(const std::string& faults) {
    auto options = testOptions(dir.path());
    options.faults = faults;
    sim = std::make_unique<RunningSim>(options);
    client = sim->client();
  }
  httplib::Result validate() { return postJson(*client, "/api/v3/validate", orderBody(json::array({burgerLine()}))); }
  httplib::Result postorder(const std::string& external_id) {
    return postJson(*client, "/api/v3/postorder", postorderBody(json::array({burgerLine()}), "300.00", external_id));
  }
  TempDir dir;
  std::unique_ptr<RunningSim> sim;
  std::unique_ptr<httplib::Client> client;
};

}  // namespace

TEST_CASE("http500 and http422 (FastAPI style) answer without acting") {
  FaultySim f("postorder.http500=#1,validate.http422=#1");
  auto res500 = f.postorder("a");
  REQUIRE(res500);
  CHECK(res500->status == 500);
  CHECK(bodyOf(res500)["error"]["code"] == "internal");
  CHECK(f.sim->sim.orders().empty());
  auto res422 = f.validate();
  REQUIRE(res422);
  CHECK(res422->status == 422);
  json detail = bodyOf(res422)["detail"];
  REQUIRE(detail.is_array());
  CHECK(detail[0]["loc"].is_array());
  CHECK(detail[0]["msg"].is_string());
  CHECK(detail[0]["type"].is_string());
  // #1 means exactly one call each.
  CHECK(f.validate()->status == 200);
  CHECK(f.postorder("b")->status == 200);
  CHECK(f.sim->sim.requestCount("postorder") == 2);
}

TEST_CASE("drop_before closes the connection with no answer and creates nothing") {
  FaultySim f("postorder.drop_before=#1");
  auto res = f.postorder("dropped");
  REQUIRE_FALSE(res);
  CHECK(res.error() == httplib::Error::Read);
  CHECK(f.sim->sim.orders().empty());
  CHECK(f.sim->sim.requestCount("postorder") == 1);
  CHECK(f.postorder("next")->status == 200);
}

TEST_CASE("drop_after creates the order, then closes the connection with no answer") {
  FaultySim f("postorder.drop_after=#1");
  auto res = f.postorder("kiosk-42");
  REQUIRE_FALSE(res);
  CHECK(res.error() == httplib::Error::Read);
  // The order exists: a client must look it up by external_id before posting again.
  auto order = f.sim->sim.orderByExternalId("kiosk-42");
  REQUIRE(order);
  CHECK(order->paid_kopecks == 30000);
  json open = bodyOf(f.client->Get("/api/v3/getorders?token=test-token"));
  REQUIRE(open["orders"].size() == 1);
  CHECK(open["orders"][0]["external_id"] == "kiosk-42");
}

TEST_CASE("malformed answers 200 with a body that is not JSON, after acting") {
  FaultySim f("postorder.malformed=#1,getmenu.malformed=#1");
  auto res = f.postorder("m-1");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body, nullptr, false).is_discarded());
  CHECK(f.sim->sim.orderByExternalId("m-1"));
  auto menu = f.client->Get("/api/v3/getmenu?token=test-token");
  REQUIRE(menu);
  CHECK(menu->status == 200);
  CHECK(json::parse(menu->body, nullptr, false).is_discarded());
}

TEST_CASE("truncated sends half of the real answer under a Content-Length that promises all of it") {
  FaultySim f("getmenu.truncated=#1,postorder.truncated=#1");
  // A raw socket shows exactly what was sent.
  httplib::Client raw("127.0.0.1", f.sim->port);
  std::string received;
  auto res = raw.Get(
      "/api/v3/getmenu?token=test-token",
      [&](const httplib::Response& r) {
        CHECK(r.status == 200);
        CHECK(r.get_header_value("Content-Type").find("application/json") == 0);
        return true;
      },
      [&](const char* data, size_t n) {
        received.append(data, n);
        return true;
      });
  REQUIRE_FALSE(res);
  CHECK(res.error() == httplib::Error::Read);
  // The whole answer, for comparison.
  json full = bodyOf(f.client->Get("/api/v3/getmenu?token=test-token"));
  std::string whole = full.dump(-1, ' ', false, json::error_handler_t::replace);
  CHECK(received.size() == whole.size() / 2);
  CHECK(whole.compare(0, received.size(), received) == 0);

  auto posted = f.postorder("t-1");
  REQUIRE_FALSE(posted);
  CHECK(f.sim->sim.orderByExternalId("t-1"));
}

TEST_CASE("latency delays the answer — MIN-MAX stays in range") {
  FaultySim f("ping.latency=120,validate.latency=30-60");
  auto started = std::chrono::steady_clock::now();
  CHECK(f.client->Get("/api/v3/ping?token=test-token")->status == 200);
  CHECK(std::chrono::steady_clock::now() - started >= 120ms);
  for (int i = 0; i < 3; ++i) {
    started = std::chrono::steady_clock::now();
    CHECK(f.validate()->status == 200);
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(took >= 30ms);
    CHECK(took < 1000ms);
  }
}

TEST_CASE("probabilities are deterministic with the seed over HTTP") {
  auto pattern = [](const std::string& spec) {
    FaultySim f(spec);
    std::string out;
    for (int i = 0; i < 24; ++i) out += f.validate()->status == 500 ? 'x' : '.';
    return out;
  };
  std::string a = pattern("validate.http500=0.5,seed=7");
  CHECK(a == pattern("validate.http500=0.5,seed=7"));
  CHECK(a != pattern("validate.http500=0.5,seed=8"));
  CHECK(a.find('x') != std::string::npos);
  CHECK(a.find('.') != std::string::npos);
  CHECK(pattern("validate.http500=1") == std::string(24, 'x'));
  CHECK(pattern("validate.http500=0") == std::string(24, '.'));
}

TEST_CASE("faults can be changed at run time: /sim/faults (text or JSON) and Emulator::setFaults") {
  FaultySim f("");
  CHECK(f.validate()->status == 200);
  auto set = f.client->Post("/sim/faults", "validate.http500=#1", "text/plain");
  REQUIRE(set);
  CHECK(set->status == 200);
  CHECK(bodyOf(f.client->Get("/sim/faults"))["spec"] == "validate.http500=#1");
  CHECK(f.validate()->status == 500);
  CHECK(f.validate()->status == 200);
  CHECK(postJson(*f.client, "/sim/faults", {{"spec", "*.http422=#1"}})->status == 200);
  CHECK(f.validate()->status == 422);
  CHECK(f.client->Get("/api/v3/ping?token=test-token")->status == 422);
  f.sim->sim.setFaults("validate.drop_before=#1");
  CHECK_FALSE(f.validate());
  f.sim->sim.setFaults("");
  CHECK(f.validate()->status == 200);
  // A bad spec changes nothing, and applyFaults says why.
  CHECK(f.sim->sim.applyFaults("validate.http500=#1").empty());
  CHECK_THAT(f.sim->sim.applyFaults("validate.http500=bad"), Catch::Contains("validate.http500=bad"));
  CHECK(f.validate()->status == 500);
}

TEST_CASE("a bad fault spec or lifecycle script stops the start with a clear error") {
  TempDir dir;
  auto options = testOptions(dir.path());
  options.faults = "validate.http500=2";
  procart_sim::Emulator bad_faults(options);
  CHECK(bad_faults.start() == -1);
  CHECK_THAT(bad_faults.error(), Catch::Contains("validate.http500=2"));
  options.faults = "";
  options.lifecycle = "new>later@5";
  procart_sim::Emulator bad_script(options);
  CHECK(bad_script.start() == -1);
  CHECK_THAT(bad_script.error(), Catch::Contains("new>later@5"));
  options.lifecycle = "";
  options.menu_file = dir.path() + "/missing.json";
  procart_sim::Emulator no_menu(options);
  CHECK(no_menu.start() == -1);
  CHECK_THAT(no_menu.error(), Catch::Contains("missing.json"));
}

TEST_CASE("an emulator can be stopped right after it started and started again") {
  TempDir dir;
  procart_sim::Emulator sim(testOptions(dir.path()));
  for (int i = 0; i < 5; ++i) {
    int port = sim.start("127.0.0.1", 0);
    REQUIRE(port > 0);
    CHECK(sim.port() == port);
    CHECK(sim.baseUrl() == "http://127.0.0.1:" + std::to_string(port) + "/api/v3");
    sim.stop();
    CHECK(sim.port() == -1);
  }
  int port = sim.start("127.0.0.1", 0);
  httplib::Client client("127.0.0.1", port);
  CHECK(client.Get("/api/v3/ping?token=test-token")->status == 200);
}
