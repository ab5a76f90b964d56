// The order lifecycle script, the admin status endpoint, and status callbacks (with retries and losses).
#include <catch2/catch.hpp>

#include "sim_test_support.h"

using namespace sim_test;
using namespace std::chrono_literals;

namespace {

std::string createOrder(RunningSim& s, const std::string& callback_url, bool paid = true,
                        const std::string& external_id = "ext-1") {
  auto client = s.client();
  json body = paid ? postorderBody(json::array({burgerLine(1)}), "300.00", external_id, callback_url)
                   : orderBody(json::array({burgerLine(1)}), external_id);
  if (!paid && !callback_url.empty()) body["callback_url"] = callback_url;
  json answer = bodyOf(postJson(*client, "/api/v3/postorder", body));
  return answer["guid"];
}

int statusOf(RunningSim& s, const std::string& guid) {
  for (const auto& o : s.sim.orders()) {
    if (o.guid == guid) return o.status;
  }
  return -1;
}

std::vector<int> statuses(const std::vector<json>& callbacks) {
  std::vector<int> out;
  for (const auto& c : callbacks) out.push_back(c["status"]);
  return out;
}

}  // namespace

TEST_CASE("lifecycle: new → open → bill → close on a short script, with a callback for each change") {
  CallbackReceiver receiver;
  TempDir dir;
  auto options = testOptions(dir.path());
  options.lifecycle = "new>open@30,open>bill@60,bill>close@90";
  RunningSim s(options);
  std::string guid = createOrder(s, receiver.url());
  CHECK(statusOf(s, guid) == 5);
  REQUIRE(receiver.waitFor(3, 3s));
  auto got = receiver.received();
  CHECK(statuses(got) == std::vector<int>{0, 2, 1});
  CHECK(got[0]["guid"] == guid);
  CHECK(got[0]["external_id"] == "ext-1");
  CHECK(got[0]["number"] == "1");
  CHECK(got[2]["updated_at"].is_string());
  CHECK(statusOf(s, guid) == 1);
  // The receiver sees the POST before the sender has read the answer: wait for the counter.
  CHECK(waitUntil([&] { return s.sim.callbacksSent() == 3; }, 3s));
  CHECK(s.sim.callbacksLost() == 0);
  // A closed order leaves the GET /getorders list.
  auto client = s.client();
  CHECK(bodyOf(client->Get("/api/v3/getorders?token=test-token"))["orders"].empty());
}

TEST_CASE("lifecycle: a script that ends in deleted") {
  CallbackReceiver receiver;
  TempDir dir;
  auto options = testOptions(dir.path());
  options.lifecycle = "new>open@20,open>deleted@50";
  RunningSim s(options);
  std::string guid = createOrder(s, receiver.url());
  REQUIRE(receiver.waitFor(2, 3s));
  CHECK(statuses(receiver.received()) == std::vector<int>{0, 3});
  CHECK(statusOf(s, guid) == 3);
}

TEST_CASE("close_paid_order=false: a paid order waits in bill until /close") {
  CallbackReceiver receiver;
  TempDir dir;
  auto options = testOptions(dir.path());
  options.lifecycle = "new>open@20,open>bill@40,bill>close@60";
  options.close_paid_order = false;
  RunningSim s(options);
  std::string guid = createOrder(s, receiver.url());
  REQUIRE(receiver.waitFor(2, 3s));
  // The close step would have fired by now; it must not.
  std::this_thread::sleep_for(150ms);
  CHECK(statusOf(s, guid) == 2);
  CHECK(receiver.received().size() == 2);
  auto client = s.client();
  CHECK(postJson(*client, "/api/v3/close", {{"token", kToken}, {"guid", guid}})->status == 200);
  REQUIRE(receiver.waitFor(3, 3s));
  CHECK(statuses(receiver.received()) == std::vector<int>{0, 2, 1});
}

TEST_CASE("lifecycle does not close an unpaid order, and skips steps whose order moved on") {
  CallbackReceiver receiver;
  TempDir dir;
  auto options = testOptions(dir.path());
  options.lifecycle = "new>open@20,open>close@40,new>deleted@60";
  RunningSim s(options);
  std::string unpaid = createOrder(s, receiver.url(), false, "unpaid");
  std::string paid = createOrder(s, "", true, "paid");
  REQUIRE(waitUntil([&] { return statusOf(s, paid) == 1; }, 3s));
  std::this_thread::sleep_for(100ms);
  CHECK(statusOf(s, unpaid) == 0);  // open>close skipped (unpaid); new>deleted skipped (no longer new)
  CHECK(statuses(receiver.received()) == std::vector<int>{0});
}

TEST_CASE("admin status endpoint moves an order and fires a callback — same status fires none") {
  CallbackReceiver receiver;
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  std::string guid = createOrder(s, receiver.url());
  auto client = s.client();
  std::string path = "/sim/orders/" + guid + "/status";
  json moved = bodyOf(client->Post(path.c_str(), "{\"status\": 2}", "application/json"));
  CHECK(moved["status"] == 2);
  REQUIRE(receiver.waitFor(1, 3s));
  CHECK(receiver.received()[0]["status"] == 2);
  // URL-encoded braces and status names work too.
  std::string encoded = "/sim/orders/%7B" + guid.substr(1, 36) + "%7D/status";
  CHECK(client->Post(encoded.c_str(), "{\"status\": \"deleted\"}", "application/json")->status == 200);
  REQUIRE(receiver.waitFor(2, 3s));
  CHECK(receiver.received()[1]["status"] == 3);
  CHECK(client->Post(path.c_str(), "{\"status\": 3}", "application/json")->status == 200);
  CHECK(client->Post(path.c_str(), "{\"status\": 9}", "application/json")->status == 400);
  CHECK(client->Post(path.c_str(), "nope", "application/json")->status == 400);
  CHECK_FALSE(s.sim.setOrderStatus(guid, 7));
  CHECK_FALSE(s.sim.setOrderStatus("{00000000-0000-0000-0000-000000000000}", 1));
  std::this_thread::sleep_for(50ms);
  CHECK(receiver.received().size() == 2);
}

TEST_CASE("callbacks are retried with backoff, then given up and counted as lost") {
  TempDir dir;
  auto options = testOptions(dir.path());
  options.callback_attempts = 3;
  options.callback_backoff_ms = 30;
  SECTION("a receiver that fails twice gets the callback on the third attempt") {
    CallbackReceiver receiver(2);
    RunningSim s(options);
    std::string guid = createOrder(s, receiver.url());
    auto started = std::chrono::steady_clock::now();
    REQUIRE(s.sim.setOrderStatus(guid, 0));
    REQUIRE(receiver.waitFor(1, 3s));
    // Waits of 30 and 60 ms between the three attempts.
    CHECK(std::chrono::steady_clock::now() - started >= 90ms);
    CHECK(receiver.attempts() == 3);
    CHECK(waitUntil([&] { return s.sim.callbacksSent() == 1; }, 3s));
    CHECK(s.sim.callbacksLost() == 0);
  }
  SECTION("a receiver that always fails: three attempts, then lost") {
    CallbackReceiver receiver(100);
    RunningSim s(options);
    std::string guid = createOrder(s, receiver.url());
    REQUIRE(s.sim.setOrderStatus(guid, 0));
    REQUIRE(waitUntil([&] { return s.sim.callbacksLost() == 1; }, 3s));
    CHECK(receiver.attempts() == 3);
    CHECK(s.sim.callbacksSent() == 0);
  }
}

TEST_CASE("callback.lose drops callbacks on purpose, deterministically with the seed") {
  CallbackReceiver receiver;
  TempDir dir;
  auto options = testOptions(dir.path());
  options.faults = "callback.lose=#2";
  RunningSim s(options);
  std::string guid = createOrder(s, receiver.url());
  REQUIRE(s.sim.setOrderStatus(guid, 0));
  REQUIRE(s.sim.setOrderStatus(guid, 2));
  REQUIRE(s.sim.setOrderStatus(guid, 1));
  REQUIRE(receiver.waitFor(1, 3s));
  CHECK(statuses(receiver.received()) == std::vector<int>{1});
  CHECK(s.sim.callbacksLost() == 2);
  CHECK(waitUntil([&] { return s.sim.callbacksSent() == 1; }, 3s));

  // Losses are counted when the status changes, so the pattern can be read right away.
  auto lost_pattern = [&](uint64_t seed) {
    TempDir d;
    auto o = testOptions(d.path());
    o.faults = "callback.lose=0.5,seed=" + std::to_string(seed);
    RunningSim sim(o);
    std::string g = createOrder(sim, receiver.url());
    std::vector<int64_t> lost;
    for (int i = 0; i < 12; ++i) {
      REQUIRE(sim.sim.setOrderStatus(g, i % 2 == 0 ? 0 : 2));
      lost.push_back(sim.sim.callbacksLost());
    }
    return lost;
  };
  CHECK(lost_pattern(11) == lost_pattern(11));
}

TEST_CASE("lifecycle goes on after a restart for orders kept in the state dir") {
  CallbackReceiver receiver;
  TempDir dir;
  auto options = testOptions(dir.path());
  options.state_dir = dir.path() + "/state";
  options.lifecycle = "new>open@400";
  std::string guid;
  {
    RunningSim s(options);
    guid = createOrder(s, receiver.url());
  }  // stopped before the step was due (400 ms is far more than creating one order takes)
  CHECK(receiver.received().empty());
  RunningSim again(options);
  REQUIRE(receiver.waitFor(1, 3s));
  CHECK(receiver.received()[0]["guid"] == guid);
  CHECK(statusOf(again, guid) == 0);
}
