#include "tests/soak/plan.h"

#include <algorithm>

namespace soak {
namespace {

// Which record a self-kill follows, with weights: the steps around the money matter most.
struct RecordChoice {
  const char* type;
  double weight;
  int max_nth;
};
const std::vector<RecordChoice>& recordChoices() {
  static const std::vector<RecordChoice> choices = {
      {"intent", 10, 2},   {"approved", 22, 2},    {"posting", 26, 2},          {"posted", 10, 2},
      {"post_failed", 8, 1}, {"confirmed", 5, 2},  {"reversal_requested", 8, 1}, {"unknown", 5, 1},
      {"abandoned", 2, 1}, {"reversed", 2, 1},    {"closed", 2, 2},
  };
  return choices;
}

}  // namespace

const char* killKindName(KillKind kind) {
  switch (kind) {
    case KillKind::None: return "none";
    case KillKind::Record: return "record";
    case KillKind::RecordDelayed: return "record+delay";
    case KillKind::Timer: return "timer";
    case KillKind::Start: return "start";
  }
  return "?";
}

std::string LifePlan::label() const {
  if (kill == KillKind::Record || kill == KillKind::RecordDelayed) {
    return std::string(killKindName(kill)) + ":" + child_plan.substr(0, child_plan.find(':'));
  }
  return killKindName(kill);
}

Profile shortProfile() {
  Profile p;
  p.kill_life = 0.5;
  p.pos_offline_per_order = 1.0 / 70;
  p.restart_per_order = 1.0 / 110;
  p.slow_per_order = 1.0 / 150;
  return p;
}

LifePlan planLife(Rng& rng, const Profile& profile) {
  LifePlan plan;
  plan.orders = rng.uniform(profile.life_orders_min, profile.life_orders_max);
  if (!rng.chance(profile.kill_life)) return plan;
  size_t kind = rng.weighted({35, 30, 25, 10});
  if (kind <= 1) {
    std::vector<double> weights;
    for (const auto& c : recordChoices()) weights.push_back(c.weight);
    const RecordChoice& choice = recordChoices()[rng.weighted(weights)];
    int nth = rng.uniform(1, choice.max_nth);
    int delay = kind == 0 ? 0 : rng.uniform(1, 40);
    plan.kill = kind == 0 ? KillKind::Record : KillKind::RecordDelayed;
    plan.child_plan = std::string(choice.type) + ":" + std::to_string(nth) + ":" + std::to_string(delay);
  } else if (kind == 2) {
    plan.kill = KillKind::Timer;
    plan.timer_ms = rng.uniform(20, 2500);
  } else {
    plan.kill = KillKind::Start;
    plan.timer_ms = rng.uniform(0, 150);
  }
  return plan;
}

std::vector<std::string> terminalScript(Rng& rng, int count) {
  std::vector<std::string> script;
  script.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    switch (rng.weighted({70, 4, 2, 2, 7, 5, 4, 4})) {
      case 0: script.push_back("approve"); break;
      case 1: script.push_back("decline:51"); break;  // insufficient funds
      case 2: script.push_back("decline:05"); break;  // do not honour
      case 3: script.push_back("decline:54"); break;  // expired card
      case 4: script.push_back("delay:" + std::to_string(rng.uniform(100, 700))); break;  // slow guest (may cancel)
      case 5: script.push_back("lost_answer"); break;
      case 6: script.push_back("disconnect"); break;
      default: script.push_back("timeout"); break;
    }
  }
  return script;
}

std::string behaviourKind(const std::string& behaviour) { return behaviour.substr(0, behaviour.find(':')); }

std::string baseFaultSpec() {
  return "validate.http500=0.02,validate.drop_before=0.01,validate.drop_after=0.01,validate.malformed=0.01,"
         "validate.truncated=0.005,validate.latency=0-30,"
         "postorder.http500=0.03,postorder.http422=0.01,postorder.drop_before=0.015,postorder.drop_after=0.05,"
         "postorder.malformed=0.03,postorder.truncated=0.03,postorder.latency=0-120,"
         "getorders.http500=0.05,getorders.drop_before=0.03,getorders.drop_after=0.02,getorders.malformed=0.03,"
         "getorders.truncated=0.02,getorders.latency=0-50,"
         "ping.latency=0-20,getmenu.latency=0-80,callback.lose=0.3,callback.latency=0-100";
}

std::string slowFaultSpec() {
  return "validate.latency=2500-4000,postorder.latency=3200-4500,getorders.latency=0-50,callback.lose=0.3";
}

const char* worldEventName(WorldEvent::Kind kind) {
  switch (kind) {
    case WorldEvent::Kind::PosOffline: return "pos_offline";
    case WorldEvent::Kind::ProcartRestart: return "procart_restart";
    case WorldEvent::Kind::SlowProcart: return "slow_procart";
  }
  return "?";
}

std::vector<WorldEvent> worldSchedule(Rng& rng, const Profile& profile, int round_orders) {
  std::vector<WorldEvent> events;
  // Not in the first orders of a round: the first life builds the menu cache from ProCart.
  for (int order = 5; order <= round_orders; ++order) {
    if (rng.chance(profile.pos_offline_per_order)) {
      events.push_back({WorldEvent::Kind::PosOffline, order, rng.uniform(0, 1500), rng.uniform(300, 3000)});
    }
    if (rng.chance(profile.restart_per_order)) {
      events.push_back({WorldEvent::Kind::ProcartRestart, order, rng.uniform(0, 1500), rng.uniform(200, 2500)});
    }
    if (rng.chance(profile.slow_per_order)) {
      events.push_back({WorldEvent::Kind::SlowProcart, order, rng.uniform(0, 1500), rng.uniform(2000, 5000)});
    }
  }
  // Every kind at least once a round, however short the round.
  for (auto kind : {WorldEvent::Kind::PosOffline, WorldEvent::Kind::ProcartRestart, WorldEvent::Kind::SlowProcart}) {
    bool present = false;
    for (const auto& e : events) present = present || e.kind == kind;
    if (present || round_orders < 10) continue;
    int duration = kind == WorldEvent::Kind::SlowProcart ? rng.uniform(2000, 5000) : rng.uniform(300, 2500);
    events.push_back({kind, rng.uniform(5, round_orders - 1), rng.uniform(0, 1500), duration});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const WorldEvent& a, const WorldEvent& b) { return a.at_order < b.at_order; });
  return events;
}

}  // namespace soak
