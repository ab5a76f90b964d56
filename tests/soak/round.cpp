#include "tests/soak/round.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "kiosk/common/atomic_file.h"
#include "payment/journal/journal.h"
#include "tests/payment/peer_ledgers.h"
#include "tests/soak/events.h"
#include "tests/soak/kiosk_files.h"
#include "tests/soak/terminal_peer.h"
#include "tests/soak/world.h"

extern char** environ;

namespace soak {
namespace {

using Clock = std::chrono::steady_clock;
using payment::testing::JournalLinks;

constexpr int64_t kStallMs = 200'000;         // no event and no terminal activity for this long: stalled
constexpr int64_t kSettleTimeoutMs = 120'000;  // the final recovery's own limit (the child's)

int64_t msSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// posix_spawn: the driver has threads (emulator, terminal server), so no fork() without exec.
pid_t spawnChild(const std::vector<std::string>& args, const std::string& kill_plan, const std::string& log_path,
                 std::string& error) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "SOAK_KILL=", 10) != 0) env_text.emplace_back(*e);
  }
  if (!kill_plan.empty()) env_text.push_back("SOAK_KILL=" + kill_plan);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_text = args;
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = std::string("posix_spawn ") + argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

std::string lastLines(const std::string& path, size_t count) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    if (lines.size() > count) lines.erase(lines.begin());
  }
  std::string out;
  for (const auto& l : lines) out += "      | " + l + "\n";
  return out;
}

class Round {
 public:
  explicit Round(const RoundSetup& setup)
      : setup_(setup),
        life_rng_(setup.seed, "lives/" + std::to_string(setup.index)),
        world_rng_(setup.seed, "world-faults/" + std::to_string(setup.index)),
        live_timeouts_left_(setup.profile.live_terminal_timeouts) {}

  Figures run();

 private:
  struct Life {
    int index = 0;
    LifePlan plan;
    pid_t pid = -1;
    Clock::time_point spawned;
    int64_t kill_at_ms = -1;  // since spawn; the driver's SIGKILL
    std::string kill_label;
    bool killed_by_driver = false;
    bool self_killed = false;
    bool settle = false;
    int settle_code = -1;
  };

  std::string prepare();
  void runLife(Life& life);
  void handleEvents(Life& life);
  void tickWorld(Life& life);
  void beginWorldEvent(const WorldEvent& event);
  void endWorldEvent();
  void onPurchase(size_t index, Life& life);
  void afterLife(bool abnormal_end);
  void finish();
  std::string roundTag() const { return "round " + std::to_string(setup_.index); }
  std::string journalPath() const { return setup_.state_dir + "/payments.journal"; }

  const RoundSetup& setup_;
  Rng life_rng_;
  Rng world_rng_;
  int live_timeouts_left_;
  World world_;
  std::unique_ptr<TerminalPeer> peer_;
  // The kiosk's journal as it was after each life: which order attempt each operation and RRN belongs to. Records
  // of earlier rounds (their external_ids, read at the round's start) are left out.
  JournalLinks links_;
  std::set<std::string> earlier_ids_;
  std::string config_path_, events_path_, log_path_;
  std::unique_ptr<EventReader> events_;
  std::vector<std::string> script_;
  std::vector<WorldEvent> schedule_;
  size_t next_event_ = 0;
  int64_t next_event_at_ms_ = -1;  // round time when the pending scheduled event begins
  std::optional<WorldEvent> active_event_;
  int64_t active_until_ms_ = 0;
  size_t purchases_seen_ = 0;
  Clock::time_point round_start_ = Clock::now();
  int64_t last_activity_ms_ = 0;
  Counts confirm_faults_pushed_, reverse_faults_pushed_;
  Figures figures_;
};

int64_t roundMs(Clock::time_point start) { return msSince(start); }

std::string Round::prepare() {
  const std::string terminal_dir = setup_.round_dir + "/terminal";
  for (const auto& dir : {setup_.round_dir + "/procart", terminal_dir, setup_.state_dir, setup_.cache_dir}) {
    std::string error = kiosk::files::makeDirectories(dir);
    if (!error.empty()) return error;
  }
  WorldOptions options;
  options.menu_file = setup_.assets_dir + "/demo/menu.json";
  options.procart_dir = setup_.round_dir + "/procart";
  options.lifecycle = setup_.profile.lifecycle;
  options.seed = deriveSeed(setup_.seed, "world/" + std::to_string(setup_.index));
  std::string error = world_.start(options);
  if (!error.empty()) return error;
  error = world_.setFaults(baseFaultSpec());
  if (!error.empty()) return "fault spec: " + error;

  config_path_ = setup_.round_dir + "/kiosk.json";
  events_path_ = setup_.round_dir + "/events.jsonl";
  log_path_ = setup_.round_dir + "/kiosk.log";
  events_ = std::make_unique<EventReader>(events_path_);

  JournalLinks earlier;
  error = earlier.readFile(journalPath());
  if (!error.empty()) return error;
  earlier_ids_ = earlier.externalIds();
  Rng terminal_rng(setup_.seed, "terminal/" + std::to_string(setup_.index));
  script_ = terminalScript(terminal_rng, setup_.orders * 3 + 50);
  PeerOptions peer;
  peer.kind = setup_.terminal;
  peer.dir = terminal_dir;
  peer.sbpilot_program = setup_.sbpilot_program;
  peer.seed = deriveSeed(setup_.seed, "terminal-peer/" + std::to_string(setup_.index));
  // Each round's terminal goes on from a number of its own, so no operation number means two attempts.
  peer.first_operation = int64_t{100'000} * (setup_.index - 1);
  peer_ = makeTerminalPeer(peer);
  error = peer_->start(script_);
  if (!error.empty()) return error;

  KioskFiles files{config_path_, world_.procartUrl(), world_.token(), peer_->kioskTerminal(), setup_.state_dir,
                   setup_.cache_dir};
  error = writeKioskFiles(files);
  if (!error.empty()) return error;
  Rng schedule_rng(setup_.seed, "world-schedule/" + std::to_string(setup_.index));
  schedule_ = worldSchedule(schedule_rng, setup_.profile, setup_.orders);
  return {};
}

Figures Round::run() {
  round_start_ = Clock::now();
  figures_.rounds = 1;
  figures_.terminal = terminalKindName(setup_.terminal);
  std::string error = prepare();
  if (!error.empty()) {
    figures_.anomalies.push_back(roundTag() + ": could not start: " + error);
    return figures_;
  }
  int failed_starts = 0;
  while (figures_.orders_attempted < setup_.orders) {
    Life life;
    life.index = static_cast<int>(figures_.lives) + 1;
    life.plan = planLife(life_rng_, setup_.profile);
    life.plan.orders = std::max<int>(1, std::min<int64_t>(life.plan.orders, setup_.orders - figures_.orders_attempted));
    int64_t attempted_before = figures_.orders_attempted;
    runLife(life);
    // A kiosk that cannot get going (ProCart down at its start, killed at once) tries again; many in a row is a fault.
    failed_starts = figures_.orders_attempted == attempted_before ? failed_starts + 1 : 0;
    if (failed_starts >= 25) {
      figures_.anomalies.push_back(roundTag() + ": 25 lives in a row started no order");
      break;
    }
  }
  finish();
  figures_.seconds = static_cast<double>(msSince(round_start_)) / 1000.0;
  return figures_;
}

void Round::runLife(Life& life) {
  std::vector<std::string> args = {setup_.child_exe,
                                   "--config", config_path_,
                                   "--assets", setup_.assets_dir,
                                   "--state", setup_.state_dir,
                                   "--cache", setup_.cache_dir,
                                   "--events", events_path_,
                                   "--seed", std::to_string(deriveSeed(setup_.seed, "child/" + std::to_string(setup_.index))),
                                   "--life", std::to_string(life.index),
                                   "--orders", std::to_string(life.plan.orders)};
  if (life.settle) {
    args.push_back("--settle");
    args.push_back("--settle-timeout-ms");
    args.push_back(std::to_string(kSettleTimeoutMs));
  }
  bool child_kills = life.plan.kill == KillKind::Record || life.plan.kill == KillKind::RecordDelayed;
  std::string error;
  life.spawned = Clock::now();
  life.pid = spawnChild(args, child_kills ? life.plan.child_plan : "", log_path_, error);
  ++figures_.lives;
  if (life.pid < 0) {
    figures_.anomalies.push_back(roundTag() + ": " + error);
    return;
  }
  if (life.plan.kill == KillKind::Start) {
    life.kill_at_ms = life.plan.timer_ms;
    life.kill_label = "start";
  }
  if (setup_.verbose) {
    std::printf("  %s life %d: %d orders, kill plan %s%s\n", roundTag().c_str(), life.index, life.plan.orders,
                life.plan.label().c_str(), life.settle ? " (final recovery)" : "");
    std::fflush(stdout);
  }
  last_activity_ms_ = roundMs(round_start_);
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(life.pid, &status, WNOHANG);
    if (done == life.pid) break;
    handleEvents(life);
    tickWorld(life);
    int64_t age = msSince(life.spawned);
    if (life.kill_at_ms >= 0 && age >= life.kill_at_ms && !life.killed_by_driver) {
      life.killed_by_driver = true;
      ::kill(life.pid, SIGKILL);
    }
    if (roundMs(round_start_) - last_activity_ms_ > kStallMs && !life.killed_by_driver) {
      figures_.anomalies.push_back(roundTag() + " life " + std::to_string(life.index) + ": stalled (no progress for " +
                                   std::to_string(kStallMs / 1000) + " s), killed\n" + lastLines(log_path_, 15));
      life.killed_by_driver = true;
      life.kill_label = "";
      ::kill(life.pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  handleEvents(life);
  afterLife(WIFSIGNALED(status));

  std::string who = roundTag() + " life " + std::to_string(life.index);
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    if (life.killed_by_driver) {
      if (!life.kill_label.empty()) ++figures_.kills[life.kill_label];
    } else if (life.self_killed) {
      ++figures_.kills[life.plan.label()];
    } else {
      figures_.anomalies.push_back(who + ": SIGKILL from outside the soak");
    }
  } else if (WIFSIGNALED(status)) {
    figures_.anomalies.push_back(who + ": crashed with signal " + std::to_string(WTERMSIG(status)) + " (" +
                                 strsignal(WTERMSIG(status)) + ")\n" + lastLines(log_path_, 20));
  } else if (WIFEXITED(status)) {
    int code = WEXITSTATUS(status);
    if (life.settle) life.settle_code = code;
    if (code == 0) {
      ++figures_.clean_exits;
    } else {
      const char* why = code == 3 ? "the runtime did not start" : code == 4 ? "the final recovery left open payments"
                        : code == 5 ? "an order got stuck" : "exit code";
      figures_.anomalies.push_back(who + ": " + why + " (" + std::to_string(code) + ")\n" + lastLines(log_path_, 20));
    }
  }
}

void Round::handleEvents(Life& life) {
  for (const auto& e : events_->readNew()) {
    last_activity_ms_ = roundMs(round_start_);
    std::string ev = e.value("ev", "");
    if (ev == "order_start") {
      ++figures_.orders_attempted;
    } else if (ev == "pay") {
      ++figures_.payments_attempted;
    } else if (ev == "order_end") {
      ++figures_.kiosk_outcomes[e.value("result", "?")];
    } else if (ev == "ready" && life.plan.kill == KillKind::Timer && life.kill_at_ms < 0) {
      life.kill_at_ms = msSince(life.spawned) + life.plan.timer_ms;
      life.kill_label = "timer";
    } else if (ev == "self_kill") {
      life.self_killed = true;
    } else if (ev == "stuck") {
      figures_.anomalies.push_back(roundTag() + " life " + std::to_string(life.index) + ": order stuck in " +
                                   e.value("phase", "?") + " (" + e.value("external_id", "") + ", message " +
                                   e.value("message", "") + ")");
    } else if (ev == "staff_pos_check") {
      ++figures_.staff_pos_checks[e.value("in_pos", false) ? "in_pos" : "not_in_pos"];
    } else if (ev == "settle_open") {
      figures_.anomalies.push_back(roundTag() + ": final recovery left " + e["open"].dump());
    }
  }
}

void Round::tickWorld(Life& life) {
  int64_t now = roundMs(round_start_);
  if (active_event_ && now >= active_until_ms_) endWorldEvent();
  if (!active_event_ && !life.settle && next_event_ < schedule_.size() &&
      schedule_[next_event_].at_order <= figures_.orders_attempted) {
    if (next_event_at_ms_ < 0) next_event_at_ms_ = now + schedule_[next_event_].delay_ms;
    if (now >= next_event_at_ms_) {
      beginWorldEvent(schedule_[next_event_]);
      ++next_event_;
      next_event_at_ms_ = -1;
    }
  }
  size_t purchases = peer_->purchasesSeen();
  if (purchases != purchases_seen_) last_activity_ms_ = now;
  while (purchases_seen_ < purchases) onPurchase(purchases_seen_++, life);
}

// What a dead life left behind: processes at the terminal (killed with it) and journal records (read before the
// next life's start may compact them away).
void Round::afterLife(bool abnormal_end) {
  if (abnormal_end) figures_.leftovers_killed += peer_->lifeKilled();
  std::string error = links_.readFile(journalPath(), earlier_ids_);
  if (!error.empty()) figures_.anomalies.push_back(roundTag() + ": " + error);
}

void Round::beginWorldEvent(const WorldEvent& event) {
  ++figures_.procart_faults[std::string("window.") + worldEventName(event.kind)];
  switch (event.kind) {
    case WorldEvent::Kind::PosOffline: world_.setPosOnline(false); break;
    case WorldEvent::Kind::ProcartRestart: world_.stopProcart(); break;
    case WorldEvent::Kind::SlowProcart: world_.setFaults(slowFaultSpec()); break;
  }
  active_event_ = event;
  active_until_ms_ = roundMs(round_start_) + event.duration_ms;
}

void Round::endWorldEvent() {
  if (!active_event_) return;
  switch (active_event_->kind) {
    case WorldEvent::Kind::PosOffline: world_.setPosOnline(true); break;
    case WorldEvent::Kind::ProcartRestart: {
      std::string error = world_.startProcart();
      if (!error.empty()) figures_.anomalies.push_back(roundTag() + ": " + error);
      break;
    }
    case WorldEvent::Kind::SlowProcart: world_.setFaults(baseFaultSpec()); break;
  }
  active_event_.reset();
}

// A new operation reached the terminal: it met the next scripted behaviour. A silent terminal ("timeout") holds the
// kiosk for its whole wait (70 s with the sim, a few seconds with the VTK emulator and the fake sb_pilot): unless the
// profile waits some out, the kiosk loses power meanwhile (SIGKILL).
void Round::onPurchase(size_t index, Life& life) {
  std::string behaviour = index < script_.size() ? script_[index] : "approve";
  if (behaviour == "timeout" && !life.settle) {
    if (live_timeouts_left_ > 0) {
      --live_timeouts_left_;
      ++figures_.terminal_faults["timeout.waited_out"];
    } else if (!life.killed_by_driver) {
      int64_t at = msSince(life.spawned) + world_rng_.uniform(100, 800);
      if (life.kill_at_ms < 0 || at < life.kill_at_ms) {
        life.kill_at_ms = at;
        life.kill_label = "terminal_silent";
      }
    }
  }
  // Drawn for every peer, so the plan stays the same; only the simulated terminal has these faults.
  if (world_rng_.chance(setup_.profile.confirm_fault)) {
    std::string kind = world_rng_.chance(0.6) ? "fail" : "disconnect";
    if (peer_->pushConfirmFault(kind)) ++confirm_faults_pushed_[kind];
  }
  if (world_rng_.chance(setup_.profile.reverse_fault)) {
    std::string kind = world_rng_.chance(0.6) ? "fail" : "disconnect";
    if (peer_->pushReverseFault(kind)) ++reverse_faults_pushed_[kind];
  }
}

void Round::finish() {
  // The faults stop; ProCart and the terminal behave. The kiosk's final recovery must settle everything.
  endWorldEvent();
  world_.setFaults("");
  world_.setPosOnline(true);
  if (!world_.procartUp()) {
    std::string error = world_.startProcart();
    if (!error.empty()) figures_.anomalies.push_back(roundTag() + ": " + error);
  }
  // Confirm/reverse faults not met yet are taken back, so the figures count only the faults the kiosk met.
  peer_->endFaults(confirm_faults_pushed_, reverse_faults_pushed_);
  for (const auto& [kind, n] : confirm_faults_pushed_) figures_.terminal_faults["confirm." + kind] += n;
  for (const auto& [kind, n] : reverse_faults_pushed_) figures_.terminal_faults["reverse." + kind] += n;

  Life settle;
  settle.index = static_cast<int>(figures_.lives) + 1;
  settle.settle = true;
  runLife(settle);
  if (settle.settle_code != 0 && setup_.verbose) std::printf("  %s: final recovery exit %d\n", roundTag().c_str(), settle.settle_code);

  WorldRecords records;
  PeerRecords terminal = peer_->records(links_);
  records.ledger = std::move(terminal.ledger);
  records.terminal_problems = std::move(terminal.problems);
  records.orders = world_.orders();
  {
    payment::journal::JournalOptions options;
    options.dir = setup_.state_dir;
    payment::journal::Journal journal(options);
    records.open_journal_entries = journal.openEntries();
    records.journal_problems = journal.problems();
  }
  CheckResult check = checkInvariants(records);
  for (auto& v : check.violations) figures_.violations.push_back(roundTag() + ": " + v);
  figures_.money = check.figures;
  // The behaviours the purchases met, and how a real driver's peer played them.
  size_t purchases = peer_->purchasesSeen();
  for (size_t i = 0; i < purchases && i < script_.size(); ++i) {
    ++figures_.terminal_faults["purchase." + behaviourKind(script_[i])];
    if (setup_.terminal != TerminalKind::Sim) ++figures_.terminal_faults[peer_->peerFault(i)];
  }
  FaultCounts faults = world_.faultCounts();
  for (const auto& [key, value] : faults) figures_.procart_faults[key] += value;
  figures_.callbacks_sent = world_.callbacksSent();
  figures_.callbacks_lost = world_.callbacksLost();
  peer_->stop();
  world_.stop();
}

}  // namespace

Figures runRound(const RoundSetup& setup) {
  Round round(setup);
  return round.run();
}

}  // namespace soak
