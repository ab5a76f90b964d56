// Contract: callback receiver + status tracker + emulator. A callback is only a hint: the status published is the
// one /getorders confirms, once per change; lost callbacks are covered by polling.
#include <catch2/catch.hpp>

#include "contract_support.h"
#include "kiosk/procart/callback_server.h"
#include "kiosk/procart/order_tracker.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;
using kiosk::OrderStatus;
using procart_test::SimFixture;

namespace {

const char* kSecret = "kiosk-K1-callback-secret";

struct Published {
  std::mutex mutex;
  std::vector<StatusChange> changes;
  OrderTracker::Publish sink() {
    return [this](const StatusChange& c) {
      std::lock_guard lock(mutex);
      changes.push_back(c);
    };
  }
  std::vector<OrderStatus> statuses() {
    std::lock_guard lock(mutex);
    std::vector<OrderStatus> out;
    for (const auto& c : changes) out.push_back(c.status);
    return out;
  }
  size_t size() {
    std::lock_guard lock(mutex);
    return changes.size();
  }
};

// The kiosk side, wired as the runtime wires it: callbacks → tracker hints; tracker → published statuses.
struct KioskSide {
  Published published;
  OrderTracker tracker;
  CallbackServer callbacks;
  KioskSide(ProcartClient& client, std::chrono::milliseconds poll)
      : tracker(client, OrderTrackerOptions{poll}, published.sink()),
        callbacks(options(), [this](const codec::CallbackNotice& n) { return tracker.onCallbackHint(n); }) {
    std::string error;
    REQUIRE(callbacks.start(error) > 0);
    tracker.start();
  }
  static CallbackServerOptions options() {
    CallbackServerOptions o;
    o.listen_address = "127.0.0.1";
    o.secret = kSecret;
    o.procart_url = "http://127.0.0.1:11111/api/v3";  // the emulator calls back from loopback
    return o;
  }
  int postCallback(const std::string& body) {
    httplib::Client http("127.0.0.1", callbacks.port());
    auto res = http.Post(callbacks.callbackPath().c_str(), body, "application/json");
    return res ? res->status : -1;
  }
};

kiosk::PostedOrder post(SimFixture& f, KioskSide& kiosk, const std::string& external_id) {
  auto posted = f.client->postOrder(procart_test::sampleDraft(external_id),
                                    {procart_test::samplePayment(procart_test::kSampleTotal)},
                                    kiosk.callbacks.callbackUrl());
  REQUIRE(posted.ok());
  kiosk.tracker.track(posted->guid, external_id, posted->status);
  return *posted;
}

}  // namespace

TEST_CASE("tracker: a valid callback is confirmed via /getorders and published once — final status ends tracking") {
  SimFixture f;
  KioskSide kiosk(*f.client, 60s);  // no polling within the test: every publish below comes from a callback
  kiosk::PostedOrder order = post(f, kiosk, "K1-C1");
  REQUIRE(kiosk.tracker.isTracked(order.guid));

  REQUIRE(f.sim->setOrderStatus(order.guid, 0));  // staff opened it: the emulator calls back
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 1; }, 3s));
  {
    std::lock_guard lock(kiosk.published.mutex);
    const StatusChange& c = kiosk.published.changes[0];
    CHECK(c.guid == order.guid);
    CHECK(c.external_id == "K1-C1");
    CHECK(c.number == order.number);
    CHECK(c.status == OrderStatus::Open);
    CHECK(c.paid == procart_test::kSampleTotal);
  }
  CHECK(kiosk.tracker.checks() >= 1);
  CHECK(kiosk.callbacks.counters().accepted >= 1);

  REQUIRE(f.sim->setOrderStatus(order.guid, 2));
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 2; }, 3s));
  REQUIRE(f.sim->setOrderStatus(order.guid, 1));
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 3; }, 3s));
  CHECK(kiosk.published.statuses() == std::vector<OrderStatus>{OrderStatus::Open, OrderStatus::Bill, OrderStatus::Close});
  CHECK(procart_test::waitFor([&] { return !kiosk.tracker.isTracked(order.guid); }));
  // A late callback for the finished order is now "unknown".
  codec::CallbackNotice late{order.guid, "K1-C1", order.number, OrderStatus::Close, ""};
  CHECK(kiosk.postCallback(codec::encodeCallback(late)) == 404);
  std::this_thread::sleep_for(50ms);
  CHECK(kiosk.published.size() == 3);
}

TEST_CASE("tracker: a callback is only a hint — a false status is not published, repeats publish nothing new") {
  SimFixture f;
  KioskSide kiosk(*f.client, 60s);
  kiosk::PostedOrder order = post(f, kiosk, "K1-C2");
  // Someone who knows the secret claims the order is closed; ProCart says it is still new.
  codec::CallbackNotice forged{order.guid, "K1-C2", order.number, OrderStatus::Close, ""};
  int64_t checks_before = kiosk.tracker.checks();
  CHECK(kiosk.postCallback(codec::encodeCallback(forged)) == 200);
  REQUIRE(procart_test::waitFor([&] { return kiosk.tracker.checks() > checks_before; }));
  CHECK(kiosk.published.size() == 0);
  CHECK(kiosk.tracker.isTracked(order.guid));

  REQUIRE(f.sim->setOrderStatus(order.guid, 2));
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 1; }, 3s));
  // The same news three more times: confirmed each time, published never again.
  codec::CallbackNotice repeat{order.guid, "K1-C2", order.number, OrderStatus::Bill, ""};
  int64_t checks_now = kiosk.tracker.checks();  // read before the repeats: their checks may be quick
  for (int i = 0; i < 3; ++i) CHECK(kiosk.postCallback(codec::encodeCallback(repeat)) == 200);
  REQUIRE(procart_test::waitFor([&] { return kiosk.tracker.checks() > checks_now; }));
  std::this_thread::sleep_for(50ms);
  CHECK(kiosk.published.statuses() == std::vector<OrderStatus>{OrderStatus::Bill});
}

TEST_CASE("tracker: with callbacks lost, polling still publishes every status change") {
  procart_sim::Options o = procart_test::simOptions();
  o.faults = "callback.lose=1";
  SimFixture f(o);
  KioskSide kiosk(*f.client, 100ms);
  kiosk::PostedOrder order = post(f, kiosk, "K1-C3");
  REQUIRE(f.sim->setOrderStatus(order.guid, 2));
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 1; }, 3s));
  REQUIRE(f.sim->setOrderStatus(order.guid, 3));  // deleted: final
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 2; }, 3s));
  CHECK(kiosk.published.statuses() == std::vector<OrderStatus>{OrderStatus::Bill, OrderStatus::Deleted});
  CHECK(f.sim->callbacksLost() >= 2);
  CHECK(kiosk.callbacks.counters().accepted == 0);
  CHECK(procart_test::waitFor([&] { return kiosk.tracker.trackedCount() == 0; }));
  // Nothing tracked: polling stops.
  int64_t checks = kiosk.tracker.checks();
  std::this_thread::sleep_for(300ms);
  CHECK(kiosk.tracker.checks() == checks);
}

TEST_CASE("tracker: untrack stops publishing — ProCart down during a poll is retried, not published") {
  SimFixture f;
  KioskSide kiosk(*f.client, 80ms);
  kiosk::PostedOrder a = post(f, kiosk, "K1-C4");
  kiosk::PostedOrder b = post(f, kiosk, "K1-C5");
  kiosk.tracker.untrack(a.guid);
  f.sim->setPosOnline(false);  // polls fail for a while
  REQUIRE(procart_test::waitFor([&] { return kiosk.tracker.checks() >= 2; }));
  CHECK(kiosk.published.size() == 0);
  f.sim->setPosOnline(true);
  REQUIRE(f.sim->setOrderStatus(a.guid, 0));
  REQUIRE(f.sim->setOrderStatus(b.guid, 0));
  REQUIRE(procart_test::waitFor([&] { return kiosk.published.size() == 1; }, 3s));
  std::this_thread::sleep_for(200ms);
  REQUIRE(kiosk.published.size() == 1);
  std::lock_guard lock(kiosk.published.mutex);
  CHECK(kiosk.published.changes[0].guid == b.guid);
}
