// The fault plan is a function of the seed, and everything it produces is accepted by the parts that consume it.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <httplib.h>
#include <set>

#include "kiosk/sim/faults.h"
#include "payment/sim/sim_device.h"
#include "tests/soak/kill_switch.h"
#include "tests/soak/plan.h"
#include "tests/soak/world.h"

namespace {

std::vector<std::string> lifeLabels(uint64_t seed) {
  soak::Rng rng(seed, "lives/1");
  soak::Profile profile;
  std::vector<std::string> labels;
  for (int i = 0; i < 200; ++i) {
    auto plan = soak::planLife(rng, profile);
    labels.push_back(plan.label() + "/" + plan.child_plan + "/" + std::to_string(plan.timer_ms) + "/" +
                     std::to_string(plan.orders));
  }
  return labels;
}

}  // namespace

TEST_CASE("the same seed gives the same plan, another seed another") {
  CHECK(lifeLabels(7) == lifeLabels(7));
  CHECK(lifeLabels(7) != lifeLabels(8));
  soak::Rng a(7, "terminal/1"), b(7, "terminal/1"), c(7, "terminal/2");
  auto script_a = soak::terminalScript(a, 300);
  CHECK(script_a == soak::terminalScript(b, 300));
  CHECK(script_a != soak::terminalScript(c, 300));
  soak::Rng s1(7, "world-schedule/1"), s2(7, "world-schedule/1");
  auto w1 = soak::worldSchedule(s1, soak::Profile{}, 240);
  auto w2 = soak::worldSchedule(s2, soak::Profile{}, 240);
  REQUIRE(w1.size() == w2.size());
  for (size_t i = 0; i < w1.size(); ++i) CHECK(w1[i].at_order == w2[i].at_order);
}

TEST_CASE("every round gets each kind of ProCart trouble at least once, in order of the order count") {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    soak::Rng rng(seed, "world-schedule/1");
    auto events = soak::worldSchedule(rng, soak::shortProfile(), 205);
    std::set<int> kinds;
    for (size_t i = 0; i < events.size(); ++i) {
      kinds.insert(static_cast<int>(events[i].kind));
      CHECK(events[i].at_order >= 5);
      CHECK(events[i].at_order <= 205);
      if (i > 0) CHECK(events[i - 1].at_order <= events[i].at_order);
    }
    CHECK(kinds.size() == 3);
  }
}

TEST_CASE("every planned kill is a valid kill plan and every kind of kill is planned") {
  soak::Rng rng(11, "lives/1");
  soak::Profile profile;
  std::set<std::string> kinds;
  for (int i = 0; i < 2000; ++i) {
    auto plan = soak::planLife(rng, profile);
    kinds.insert(soak::killKindName(plan.kill));
    CHECK(plan.orders >= profile.life_orders_min);
    CHECK(plan.orders <= profile.life_orders_max);
    if (plan.kill == soak::KillKind::Record || plan.kill == soak::KillKind::RecordDelayed) {
      std::string error;
      auto parsed = soak::parseKillPlan(plan.child_plan, error);
      INFO(plan.child_plan << ": " << error);
      REQUIRE(parsed);
      CHECK((parsed->delay_ms == 0) == (plan.kill == soak::KillKind::Record));
    }
  }
  CHECK(kinds == std::set<std::string>{"none", "record", "record+delay", "timer", "start"});
}

TEST_CASE("the terminal script uses every behaviour, each accepted by the simulated device") {
  soak::Rng rng(3, "terminal/1");
  auto script = soak::terminalScript(rng, 3000);
  std::set<std::string> kinds;
  payment::sim::SimTerminalDevice device;
  for (const auto& behaviour : script) {
    kinds.insert(soak::behaviourKind(behaviour));
    CHECK(device.pushBehaviour(behaviour).empty());
  }
  CHECK(kinds == std::set<std::string>{"approve", "decline", "delay", "timeout", "lost_answer", "disconnect"});
}

TEST_CASE("the fault specs parse") {
  CHECK(procart_sim::parseFaultSpec(soak::baseFaultSpec()));
  CHECK(procart_sim::parseFaultSpec(soak::slowFaultSpec()));
}

TEST_CASE("the world counts exactly the ProCart faults it injected, across a restart") {
  char dir[] = "/tmp/soak-world-test-XXXXXX";
  REQUIRE(::mkdtemp(dir));
  soak::World world;
  soak::WorldOptions options;
  options.menu_file = std::string(KIOSK_ASSETS_DIR) + "/demo/menu.json";
  options.procart_dir = dir;
  options.lifecycle = "";
  REQUIRE(world.start(options).empty());
  REQUIRE(world.setFaults("postorder.http500=#2,getorders.drop_before=#1").empty());

  auto call = [&](const std::string& path, bool post) {
    httplib::Client client("127.0.0.1", std::stoi(world.procartUrl().substr(world.procartUrl().rfind(':') + 1)));
    client.set_read_timeout(2, 0);
    if (post) return client.Post(("/api/v3" + path).c_str(), R"({"token":"soak-token"})", "application/json");
    return client.Get(("/api/v3" + path + "?token=soak-token").c_str());
  };
  auto first = call("/postorder", true);
  REQUIRE(first);
  CHECK(first->status == 500);
  CHECK(call("/postorder", true)->status == 500);
  CHECK(call("/postorder", true)->status == 400);  // no fault left: an empty order is refused by the emulator
  CHECK(!call("/getorders", false));                // dropped

  world.stopProcart();
  REQUIRE(world.startProcart().empty());  // a new emulator: the spec again, counted afresh
  CHECK(call("/postorder", true)->status == 500);

  auto counts = world.faultCounts();
  CHECK(counts["postorder.http500"] == 3);
  CHECK(counts["getorders.drop_before"] == 1);
  CHECK(counts.count("validate.http500") == 0);
  world.stop();
  std::filesystem::remove_all(dir);
}
