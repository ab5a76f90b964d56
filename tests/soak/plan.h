#pragma once
// The driver's seeded fault plan: which faults, how often, where each life of the kiosk is killed. Everything is
// drawn from soak::Rng streams of the one --seed, so a run's plan can be repeated; thread timing still decides
// exactly which request a given fault meets.
#include <string>
#include <vector>

#include "tests/soak/rng.h"

namespace soak {

// The knobs of a run. The defaults are the long run's; shortProfile() lowers the rates of the faults that cost
// seconds of waiting (slow ProCart windows, restarts) so that the ctest version stays within two minutes.
struct Profile {
  int orders = 220;                 // orders to attempt in all (guest sessions started)
  int round_orders = 240;           // per round: a fresh emulator and terminal (the kiosk's state dir is kept)
  double kill_life = 0.65;          // share of kiosk lives that end in a SIGKILL
  int life_orders_min = 1;          // orders a life means to take before it exits on its own
  int life_orders_max = 14;
  int live_terminal_timeouts = 0;   // per round: terminal "timeout"s waited out (70 s each); the rest end in a kill
  std::string lifecycle = "new>open@200,open>bill@700,bill>close@10000";
  double pos_offline_per_order = 1.0 / 40;  // windows where the POS is offline (503 on validate/postorder/getorders)
  double restart_per_order = 1.0 / 90;      // ProCart stops and comes back (connection refused meanwhile)
  double slow_per_order = 1.0 / 70;         // windows where ProCart answers after the kiosk's request timeout
  double confirm_fault = 0.04;      // per purchase: the next terminal confirmation fails / disconnects
  double reverse_fault = 0.03;      // per purchase: the next terminal reversal fails / disconnects
};
Profile shortProfile();

enum class KillKind {
  None,           // the life ends on its own after its orders
  Record,         // the child kills itself right after the N-th journal record of a type
  RecordDelayed,  // … 1–40 ms after it: inside the action the record announced (/postorder, terminal call, …)
  Timer,          // the driver kills it at a random moment after it became ready
  Start,          // the driver kills it while it starts (menu, journal replay, recovery)
};
const char* killKindName(KillKind kind);

struct LifePlan {
  int orders = 1;
  KillKind kill = KillKind::None;
  std::string child_plan;  // SOAK_KILL for Record / RecordDelayed ("posting:1:12")
  int timer_ms = 0;        // Timer: after "ready"; Start: after the spawn
  std::string label() const;  // "record:posting", "timer", …
};
LifePlan planLife(Rng& rng, const Profile& profile);

// The terminal's purchase behaviours, in the order new purchases reach it (one per new operation reference).
std::vector<std::string> terminalScript(Rng& rng, int count);
// "approve", "decline", "delay", "timeout", "lost_answer", "disconnect".
std::string behaviourKind(const std::string& behaviour);

// ProCart faults of the main phase, and of a "slow ProCart" window (answers after the kiosk's 3 s timeout).
// Without seed=: the world appends one per fault segment.
std::string baseFaultSpec();
std::string slowFaultSpec();

// Things that happen to ProCart while the kiosk works, keyed to the round's order count.
struct WorldEvent {
  enum class Kind { PosOffline, ProcartRestart, SlowProcart };
  Kind kind = Kind::PosOffline;
  int at_order = 0;     // once this many orders of the round have started…
  int delay_ms = 0;     // …and this much later
  int duration_ms = 0;  // how long it lasts
};
const char* worldEventName(WorldEvent::Kind kind);
std::vector<WorldEvent> worldSchedule(Rng& rng, const Profile& profile, int round_orders);

}  // namespace soak
