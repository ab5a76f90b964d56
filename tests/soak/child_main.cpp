// soak_child: one life of the kiosk under the soak. It starts the real kiosk::Runtime (whose start runs the payment
// journal's recovery), then orders as a guest until its quota is done, and exits — unless it is killed first: by
// the driver (timers, a silent terminal) or by itself (SOAK_KILL, see kill_switch.h).
//
//   soak_child --config FILE --assets DIR --state DIR --cache DIR --events FILE --seed N --life N --orders N
//   soak_child ... --settle [--settle-timeout-ms MS]   final recovery: start, resolve every open payment, exit
//
// Exit codes: 0 done; 2 bad arguments; 3 the runtime did not start; 4 settle left open payments; 5 an order got
// stuck past its deadline.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <httplib.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "kiosk/runtime/runtime.h"
#include "tests/soak/events.h"
#include "tests/soak/guest.h"
#include "tests/soak/kill_switch.h"
#include "tests/soak/rng.h"
#include "tests/soak/soak_clock.h"

namespace {

constexpr int64_t kOrderDeadlineMs = 150'000;  // real time for one order, faults and retries included

struct Args {
  std::map<std::string, std::string> values;
  bool settle = false;
  std::string get(const std::string& key, const std::string& fallback = "") const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second;
  }
};

Args parseArgs(int argc, char** argv, std::string& error) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string key = argv[i];
    if (key == "--settle") {
      args.settle = true;
      continue;
    }
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
      error = "unexpected argument " + key;
      return args;
    }
    args.values[key.substr(2)] = argv[++i];
  }
  for (const char* required : {"config", "assets", "state", "cache", "events"}) {
    if (args.get(required).empty()) error = std::string("--") + required + " is required";
  }
  return args;
}

// The soak's stand-in for a cashier: is there an order with this external_id in the POS? It reads the emulator's own
// list of every order (closed ones too — what r_keeper's order list shows staff), not ProCart's GET /getorders.
// nullopt when the emulator cannot be asked.
std::optional<bool> orderInPos(const std::string& procart_url, const std::string& external_id) {
  std::string base = procart_url;
  if (auto api = base.find("/api/"); api != std::string::npos) base.erase(api);
  httplib::Client client(base);
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  auto res = client.Get("/sim/orders");
  if (!res || res->status != 200) return std::nullopt;
  auto body = nlohmann::json::parse(res->body, nullptr, false);
  if (!body.is_object() || !body.contains("orders")) return std::nullopt;
  for (const auto& order : body["orders"]) {
    if (order.value("external_id", "") == external_id) return true;
  }
  return false;
}

// Final recovery: the start already drove the open entries; ask again (staff's "resolve payments") until none is
// left or the time is up. A payment only a look in the POS can settle gets the staff's answer (orderInPos).
int settle(kiosk::Runtime& runtime, soak::SoakClock& clock, const soak::EventWriter& events, int64_t timeout_ms) {
  runtime.setStaffMode(true);
  int64_t next_resolve = 0;
  std::set<std::string> checked;
  while (clock.realMs() < timeout_ms) {
    runtime.pump(clock.now());
    kiosk::StaffView view = runtime.staffView();
    if (view.open_payments.empty() && !view.resolve_running) {
      events.write({{"ev", "settled"}});
      return 0;
    }
    for (const auto& item : view.open_payments) {
      if (!item.awaiting_pos_check || checked.count(item.external_id)) continue;
      auto in_pos = orderInPos(view.config.procart.url, item.external_id);
      if (!in_pos) continue;  // asked again on the next pass
      checked.insert(item.external_id);
      events.write({{"ev", "staff_pos_check"}, {"external_id", item.external_id}, {"in_pos", *in_pos}});
      runtime.staffAction(kiosk::staff::ReportPosCheck{item.external_id, *in_pos});
    }
    if (clock.realMs() >= next_resolve && !view.resolve_running) {
      runtime.staffAction(kiosk::staff::ResolvePayments{});
      next_resolve = clock.realMs() + 1000;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  nlohmann::json open = nlohmann::json::array();
  for (const auto& item : runtime.staffView().open_payments) {
    open.push_back({{"external_id", item.external_id}, {"state", item.state}, {"outcome", item.outcome}});
  }
  events.write({{"ev", "settle_open"}, {"open", open}});
  return 4;
}

}  // namespace

soak::EventWriter* g_events = nullptr;

int main(int argc, char** argv) {
  std::string error;
  Args args = parseArgs(argc, argv, error);
  if (!error.empty()) {
    std::fprintf(stderr, "soak_child: %s\n", error.c_str());
    return 2;
  }
  // Never destroyed (and reachable from a global, so no leak report): a delayed self-kill (record+delay) may fire
  // while this process is already exiting, and its last words must still reach the driver (a kill it cannot explain
  // fails the soak as "from outside").
  g_events = new soak::EventWriter(args.get("events"));
  soak::EventWriter& events = *g_events;
  int life = std::atoi(args.get("life", "0").c_str());
  uint64_t seed = std::strtoull(args.get("seed", "1").c_str(), nullptr, 10);

  if (const char* plan_text = std::getenv("SOAK_KILL"); plan_text && *plan_text) {
    auto plan = soak::parseKillPlan(plan_text, error);
    if (!plan) {
      std::fprintf(stderr, "soak_child: %s\n", error.c_str());
      return 2;
    }
    soak::armKillSwitch(*plan, args.get("state") + "/payments.journal", [&events, life](const std::string& why) {
      events.write({{"ev", "self_kill"}, {"life", life}, {"at", why}});
    });
  }

  soak::SoakClock clock;
  events.write({{"ev", "start"}, {"life", life}, {"settle", args.settle}});
  kiosk::RuntimeOptions options;
  options.config_path = args.get("config");
  options.assets_dir = args.get("assets");
  options.state_dir = args.get("state");
  options.cache_dir = args.get("cache");
  auto runtime = kiosk::Runtime::start(options, error);
  if (!runtime) {
    events.write({{"ev", "start_failed"}, {"life", life}, {"error", error}});
    std::fprintf(stderr, "soak_child: the runtime did not start: %s\n", error.c_str());
    return 3;
  }
  events.write({{"ev", "ready"}, {"life", life}, {"start_ms", clock.realMs()}});

  int code = 0;
  if (args.settle) {
    code = settle(*runtime, clock, events, std::atoll(args.get("settle-timeout-ms", "90000").c_str()));
  } else {
    soak::Rng rng(seed, "guest/" + std::to_string(life));
    soak::Guest guest(*runtime, clock, rng, events);
    int orders = std::atoi(args.get("orders", "1").c_str());
    for (int n = 1; n <= orders; ++n) {
      soak::OrderOutcome outcome = guest.runOrder(n, clock.realMs() + kOrderDeadlineMs);
      if (outcome.result == "stuck") {
        code = 5;
        break;
      }
    }
  }
  events.write({{"ev", "exit"}, {"life", life}, {"code", code}, {"skipped_ms", clock.skippedMs()}});
  runtime.reset();  // a clean stop: a payment step in progress finishes first
  return code;
}
