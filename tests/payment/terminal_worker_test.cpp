// The terminal worker: calls run off the caller's thread, in order, cancellable, with progress delivered.
#include <catch2/catch.hpp>
#include <thread>

#include "kiosk/common/message_queue.h"
#include "payment/sim/sim_device.h"
#include "payment/sim/sim_terminal.h"
#include "payment/terminal_worker.h"
#include "tests/payment/test_support.h"

using namespace payment;
using namespace payment::sim;
using kiosk::Money;

TEST_CASE("terminal worker: a purchase runs on the worker and reports through callbacks") {
  SimTerminalDevice device;
  SimTerminal terminal(device);
  TerminalWorker worker;
  kiosk::MessageQueue<std::string> ui;  // what the UI thread would drain each frame
  std::thread::id caller = std::this_thread::get_id();
  std::thread::id callback_thread;
  worker.purchase(
      terminal, PurchaseRequest{Money::kopecks(1500), "K1-1", "op-1"},
      [&](const TerminalProgress& p) { ui.push("progress:" + p.message_key); },
      [&](const PaymentResult& r) {
        callback_thread = std::this_thread::get_id();
        ui.push(std::string("result:") + resultKindName(r.kind));
      });
  std::vector<std::string> seen;
  while (seen.empty() || seen.back().rfind("result:", 0) != 0) {
    auto item = ui.pop(std::chrono::seconds(5));
    REQUIRE(item);
    seen.push_back(*item);
  }
  CHECK(seen.front() == "progress:payment.insert_card");
  CHECK(seen.back() == "result:approved");
  CHECK(callback_thread != caller);
  CHECK(worker.waitIdle(std::chrono::seconds(5)));
}

TEST_CASE("terminal worker: the returned token cancels; calls run in order") {
  SimTerminalDevice device;
  REQUIRE(device.pushBehaviour("delay:10000") == "");
  SimTerminal terminal(device);
  TerminalWorker worker;
  kiosk::MessageQueue<std::string> results;
  auto token = worker.purchase(terminal, PurchaseRequest{Money::kopecks(1500), "K1-1", "op-1"}, nullptr,
                               [&](const PaymentResult& r) { results.push(resultKindName(r.kind)); });
  worker.status(terminal, [&](const TerminalStatus& s) { results.push(s.reachable ? "status:ready" : "status:down"); });
  worker.reconcile(terminal, [&](const ReconcileResult& r) {
    results.push(r.kind == ReconcileResult::Kind::Done ? "reconciled" : "not reconciled");
  });
  CHECK_FALSE(worker.idle());
  token->cancel();
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    auto item = results.pop(std::chrono::seconds(5));
    REQUIRE(item);
    order.push_back(*item);
  }
  CHECK(order == std::vector<std::string>{"cancelled", "status:ready", "reconciled"});
  CHECK(device.ledgerEntry("op-1")->charges == 0);
}

TEST_CASE("terminal worker: shutting down interrupts a job's sleep and drops queued jobs") {
  std::atomic<bool> second_ran{false};
  std::atomic<bool> slept_fully{true};
  auto t0 = std::chrono::steady_clock::now();
  {
    TerminalWorker worker;
    worker.post([&] { slept_fully = worker.sleepFor(std::chrono::seconds(30)); });
    worker.post([&] { second_ran = true; });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK_FALSE(slept_fully);
  CHECK_FALSE(second_ran);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
}
