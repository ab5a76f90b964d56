// Kill-and-restart: the payment core runs in a child process (payment_kill_child) that is SIGKILLed at each
// journal step, at each terminal/gateway call and at terminal prompts; a fresh child then runs the start-up
// recovery. The sim terminal (with its ledger) and the order service live here in the test process, behind
// their sockets, so they outlive the kiosk — and the money invariants are checked against them.
//
// Order service: FakeProcartServer (loopback HTTP over a file-backed FakeOrderBook), scriptable for every rule;
// and, when the ProCart side is built (components sim + procart), also procart-sim's Emulator reached through the
// real ProCart client and kiosk::procart::ProcartOrderGateway (faults injected with the emulator's fault spec).
// Terminal: the sim device; and, when the real drivers are built (component drivers), the VTK driver against the
// VTK emulator and the sb_pilot driver against the fake sb_pilot, checked against their own records.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "payment/journal/journal.h"
#include "payment/sim/sim_remote.h"
#include "payment/sim/sim_server.h"
#include "tests/payment/fake_procart_server.h"
#include "tests/payment/money_invariants.h"
#include "tests/payment/test_support.h"

#ifdef PAYMENT_KILL_REAL_PROCART
#include "kiosk/procart/client.h"
#include "kiosk/sim/emulator.h"
#endif
#ifdef PAYMENT_KILL_REAL_DRIVERS
#include <sys/prctl.h>

#include <fstream>
#include <map>

#include "kiosk/common/atomic_file.h"
#include "tests/drivers/vtk_emulator.h"
#include "tests/payment/peer_ledgers.h"
#endif

#ifndef PAYMENT_KILL_CHILD
#error "PAYMENT_KILL_CHILD (path of payment_kill_child) must be defined by the build"
#endif

using namespace payment;
using namespace payment::testing;
using journal::EntryState;
using LedgerState = sim::LedgerEntry::State;

namespace {

struct ChildRun {
  bool killed = false;  // died of SIGKILL
  int exit_code = -1;   // when it exited
  std::string output;   // stdout
};

// Runs the child with `args` and waits (at most 30 s) for it to end.
ChildRun runChild(const std::vector<std::string>& args) {
  int pipe_fds[2];
  REQUIRE(::pipe2(pipe_fds, O_CLOEXEC) == 0);
  std::vector<std::string> all = {PAYMENT_KILL_CHILD};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ChildRun run;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) run.output.append(buffer, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL("child did not finish: " << run.output);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The world that outlives the kiosk: terminal device + ledger, order service + its records.
struct World {
  TempDir dir;
  sim::SimTerminalDevice device;
  sim::SimTerminalServer terminal_server{device};
  FakeOrderBook book{dir.file("orders.json")};
  FakeProcartServer procart{book};
  int terminal_port = terminal_server.start();
  int procart_port = procart.start();
  std::string journal_dir = dir.file("journal");

  std::vector<std::string> common() const {
    return {"--journal", journal_dir, "--terminal-port", std::to_string(terminal_port), "--procart-port",
            std::to_string(procart_port)};
  }
  ChildRun pay(const std::vector<std::string>& kill, const std::string& id = "K1-kill") {
    auto args = common();
    args.insert(args.end(), {"--mode", "pay", "--id", id});
    args.insert(args.end(), kill.begin(), kill.end());
    return runChild(args);
  }
  ChildRun recover(const std::vector<std::string>& extra = {}) {
    auto args = common();
    args.insert(args.end(), {"--mode", "recover"});
    args.insert(args.end(), extra.begin(), extra.end());
    return runChild(args);
  }
  // No operation still running on the device (a killed kiosk's purchase may finish on its own).
  void waitDeviceQuiet() {
    REQUIRE(eventually([&] {
      for (const auto& e : device.ledger()) {
        if (e.state == LedgerState::InProgress) return false;
      }
      return true;
    }));
  }
};

struct Expect {
  EntryState entry = EntryState::Closed;
  std::optional<LedgerState> ledger;  // nullopt: the terminal was never asked
  size_t orders = 0;
};

// Kill at `kill`, recover in a fresh process, then check the outcome and the money invariants.
void killAndRecover(World& world, const std::vector<std::string>& kill, const Expect& expect) {
  const std::string id = "K1-kill";
  ChildRun paid = world.pay(kill, id);
  INFO("child output:\n" << paid.output);
  REQUIRE(paid.killed);
  world.waitDeviceQuiet();
  ChildRun recovered = world.recover();
  INFO("recovery output:\n" << recovered.output);
  REQUIRE(recovered.exit_code == 0);
  auto report = nlohmann::json::parse(recovered.output.substr(recovered.output.rfind("{\"report\"")));

  journal::JournalOptions options;
  options.dir = world.journal_dir;
  journal::Journal journal(options);
  CHECK(journal.problems().empty());
  auto entry = journal.entry(id);
  REQUIRE(entry);
  INFO("journal state " << journal::entryStateName(entry->state) << "; report " << report.dump());
  CHECK(entry->state == expect.entry);
  CHECK(journal.openEntries().empty());
  auto ledger = world.device.ledger();
  if (expect.ledger) {
    REQUIRE(ledger.size() == 1);
    CHECK(ledger[0].state == *expect.ledger);
    CHECK(ledger[0].charges <= 1);
  } else {
    CHECK(ledger.empty());
  }
  CHECK(world.book.ordersFor(id).size() == expect.orders);
  auto violations = moneyViolations(ledger, world.book.orders(), &journal);
  INFO("violation: " << (violations.empty() ? "" : violations[0]));
  CHECK(violations.empty());
}

std::vector<std::string> afterRecord(const std::string& type) { return {"--kill-after-record", type}; }
std::vector<std::string> afterCall(const std::string& name) { return {"--kill-after-call", name}; }
std::vector<std::string> onPrompt(const std::string& key) { return {"--kill-on-progress", key}; }

}  // namespace

TEST_CASE("kill: the child runs a whole payment when nobody kills it") {
  World world;
  REQUIRE(world.terminal_port > 0);
  REQUIRE(world.procart_port > 0);
  ChildRun run = world.pay({});
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("\"OrderPosted\"") != std::string::npos);
  CHECK(world.book.ordersFor("K1-kill").size() == 1);
  // The ledger as the child's terminal sees it over the socket matches the device's own.
  std::string error;
  auto remote = sim::remoteLedger("127.0.0.1", world.terminal_port, error);
  REQUIRE(remote);
  REQUIRE(remote->size() == 1);
  CHECK((*remote)[0].state == LedgerState::Confirmed);
  ChildRun recovered = world.recover();
  CHECK(recovered.output.find("\"examined\":0") != std::string::npos);
}

TEST_CASE("kill: approved flow, killed at each step, recovered to a paid order") {
  struct Case {
    std::vector<std::string> kill;
    Expect expect;
    int step_ms = 0;  // the terminal's pause at each prompt: lets a kill land while the prompt is showing
  };
  const std::vector<Case> cases = {
      {afterRecord("intent"), {EntryState::Declined, std::nullopt, 0}},  // the terminal was never asked
      // The guest could still cancel: the terminal aborts when the kiosk's connection goes.
      {onPrompt("payment.insert_card"), {EntryState::Cancelled, LedgerState::Cancelled, 0}, 200},
      // Past that point the terminal finishes on its own and charges; recovery learns it and posts the order.
      {onPrompt("payment.processing"), {EntryState::Closed, LedgerState::Confirmed, 1}, 100},
      {afterCall("purchase"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterRecord("approved"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterRecord("posting"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterCall("postOrder"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterRecord("posted"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterCall("confirm"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterRecord("confirmed"), {EntryState::Closed, LedgerState::Confirmed, 1}},
      {afterRecord("closed"), {EntryState::Closed, LedgerState::Confirmed, 1}},
  };
  for (const auto& c : cases) {
    INFO("kill " << c.kill[0] << " " << c.kill[1]);
    World world;
    world.device.setStepMs(c.step_ms);
    killAndRecover(world, c.kill, c.expect);
  }
}

TEST_CASE("kill: refused order, killed at each step of the reversal, recovered to reversed") {
  const std::vector<std::vector<std::string>> kills = {afterCall("postOrder"), afterRecord("post_failed"),
                                                       afterRecord("reversal_requested"), afterCall("reverse"),
                                                       afterRecord("reversed")};
  for (const auto& kill : kills) {
    INFO("kill " << kill[0] << " " << kill[1]);
    World world;
    world.book.pushPost("refuse");
    // A refusal is not repeated after a crash if the kill came before it was journalled: the recovery looks
    // the order up (absent) and posts once, which the store refuses again.
    world.book.pushPost("refuse");
    killAndRecover(world, kill, {EntryState::Closed, LedgerState::Reversed, 0});
  }
}

TEST_CASE("kill: post outcome unknown, killed around the lookup, never posted twice") {
  SECTION("created, killed after the unknown outcome was journalled") {
    World world;
    world.book.pushPost("unknown_created");
    killAndRecover(world, afterRecord("post_failed"), {EntryState::Closed, LedgerState::Confirmed, 1});
    CHECK(world.book.postCalls() == 1);
  }
  SECTION("created, killed right after the lookup found it") {
    World world;
    world.book.pushPost("unknown_created");
    killAndRecover(world, afterCall("findByExternalId"), {EntryState::Closed, LedgerState::Confirmed, 1});
    CHECK(world.book.postCalls() == 1);
  }
  SECTION("not created twice, killed after the second posting record: reversed") {
    World world;
    world.book.pushPost("unknown_not_created");
    world.book.pushPost("unknown_not_created");
    killAndRecover(world, afterRecord("posting:2"), {EntryState::Closed, LedgerState::Reversed, 0});
  }
  SECTION("not created, killed before the second post: posted once more") {
    World world;
    world.book.pushPost("unknown_not_created");
    killAndRecover(world, afterCall("findByExternalId"), {EntryState::Closed, LedgerState::Confirmed, 1});
    CHECK(world.book.postCalls() == 2);
  }
}

TEST_CASE("kill: lost terminal answers, killed while the outcome is unknown") {
  SECTION("killed after 'unknown' was journalled: the approval is found and the order posted") {
    World world;
    REQUIRE(world.device.pushBehaviour("lost_answer") == "");
    killAndRecover(world, afterRecord("unknown"), {EntryState::Closed, LedgerState::Confirmed, 1});
  }
  SECTION("killed after the guest was told 'not paid': the approval is reversed") {
    World world;
    REQUIRE(world.device.pushBehaviour("lost_answer") == "");
    killAndRecover(world, {"--kill-after-record", "abandoned", "--recover-unknown", "1"},
                   {EntryState::Closed, LedgerState::Reversed, 0});
  }
}

TEST_CASE("kill: a recovery killed in its turn is finished by the next one") {
  World world;
  ChildRun paid = world.pay(afterRecord("approved"));
  REQUIRE(paid.killed);
  ChildRun first = world.recover(afterCall("postOrder"));  // the order is created, the kiosk dies again
  REQUIRE(first.killed);
  ChildRun second = world.recover(afterRecord("posted"));  // found by lookup, dies before confirming
  REQUIRE(second.killed);
  ChildRun third = world.recover();
  INFO(third.output);
  REQUIRE(third.exit_code == 0);
  journal::JournalOptions options;
  options.dir = world.journal_dir;
  journal::Journal journal(options);
  CHECK(journal.entry("K1-kill")->state == EntryState::Closed);
  CHECK(world.book.postCalls() == 1);
  CHECK(world.book.ordersFor("K1-kill").size() == 1);
  CHECK(moneyViolations(world.device.ledger(), world.book.orders(), &journal).empty());
}

// ---- against the real ProCart side: procart-sim's Emulator, the ProCart client, ProcartOrderGateway --------------
#ifdef PAYMENT_KILL_REAL_PROCART
namespace {

constexpr const char* kDish = "c07";  // a demo-menu dish without modifiers or combo

struct RealWorld {
  TempDir dir;
  sim::SimTerminalDevice device;
  sim::SimTerminalServer terminal_server{device};
  int terminal_port = terminal_server.start();
  std::unique_ptr<procart_sim::Emulator> emulator;
  int64_t total_kopecks = 0;  // what /validate says the order costs
  std::string journal_dir = dir.file("journal");

  explicit RealWorld(const std::string& faults = "") {
    procart_sim::Options options;
    options.menu_file = std::string(KIOSK_ASSETS_DIR) + "/demo/menu.json";
    options.token = "kill-token";
    options.state_dir = dir.file("procart");
    options.lifecycle = "";  // orders stay open, so GET /getorders keeps listing them
    emulator = std::make_unique<procart_sim::Emulator>(options);
    REQUIRE(emulator->start() > 0);
    kiosk::procart::ClientOptions client_options;
    client_options.base_url = emulator->baseUrl();
    client_options.token = "kill-token";
    kiosk::procart::ProcartClient client(client_options);
    kiosk::OrderDraft draft;
    draft.external_id = "K1-validate";
    draft.lines.push_back(kiosk::OrderLine{kDish, 1, "", {}, {}});
    auto validated = client.validate(draft);
    REQUIRE(validated.ok());
    total_kopecks = validated->total.kopecks();
    REQUIRE(total_kopecks > 0);
    emulator->setFaults(faults);  // after the validate, so it does not consume them
  }

  ChildRun run(const std::string& mode, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"--journal", journal_dir, "--terminal-port", std::to_string(terminal_port),
                                     "--gateway", "procart", "--procart-url", emulator->baseUrl(),
                                     "--token", "kill-token", "--mode", mode, "--id", "K1-kill",
                                     "--dish", kDish, "--amount", std::to_string(total_kopecks)};
    args.insert(args.end(), extra.begin(), extra.end());
    return runChild(args);
  }

  // The emulator's orders in the shape the invariants read.
  std::vector<FakeOrder> orders() const {
    std::vector<FakeOrder> out;
    for (const auto& o : emulator->orders()) {
      FakeOrder f;
      f.guid = o.guid;
      f.number = o.number;
      f.external_id = o.external_id;
      for (const auto& p : o.payments) {
        kiosk::OrderPayment payment;
        payment.currency_id = p.currency_id;
        payment.amount = kiosk::Money::kopecks(p.amount_kopecks);
        payment.transaction.rrn = p.rrn;
        payment.transaction.card_mask = p.card_mask;
        f.payments.push_back(payment);
      }
      out.push_back(f);
    }
    return out;
  }
};

void killAndRecoverReal(RealWorld& world, const std::vector<std::string>& kill, const Expect& expect) {
  ChildRun paid = world.run("pay", kill);
  INFO("child output:\n" << paid.output);
  REQUIRE(paid.killed);
  REQUIRE(eventually([&] {
    for (const auto& e : world.device.ledger()) {
      if (e.state == LedgerState::InProgress) return false;
    }
    return true;
  }));
  ChildRun recovered = world.run("recover", {});
  INFO("recovery output:\n" << recovered.output);
  REQUIRE(recovered.exit_code == 0);
  journal::JournalOptions options;
  options.dir = world.journal_dir;
  journal::Journal journal(options);
  auto entry = journal.entry("K1-kill");
  REQUIRE(entry);
  INFO("journal state " << journal::entryStateName(entry->state));
  CHECK(entry->state == expect.entry);
  CHECK(journal.openEntries().empty());
  auto ledger = world.device.ledger();
  if (expect.ledger) {
    REQUIRE(ledger.size() == 1);
    CHECK(ledger[0].state == *expect.ledger);
  } else {
    CHECK(ledger.empty());
  }
  auto orders = world.orders();
  size_t mine = 0;
  for (const auto& o : orders) mine += o.external_id == "K1-kill";
  CHECK(mine == expect.orders);
  auto violations = moneyViolations(ledger, orders, &journal);
  INFO("violation: " << (violations.empty() ? "" : violations[0]));
  CHECK(violations.empty());
}

}  // namespace

TEST_CASE("kill with procart-sim: a whole payment, then killed at each step of the approved flow") {
  {
    RealWorld world;
    ChildRun run = world.run("pay", {});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.output.find("\"OrderPosted\"") != std::string::npos);
    auto order = world.emulator->orderByExternalId("K1-kill");
    REQUIRE(order);
    REQUIRE(order->payments.size() == 1);
    CHECK(order->payments[0].amount_kopecks == world.total_kopecks);
    CHECK(order->payments[0].rrn == world.device.ledger().at(0).transaction.rrn);
  }
  const std::vector<std::vector<std::string>> kills = {
      afterRecord("intent"), afterCall("purchase"), afterRecord("approved"), afterRecord("posting"),
      afterCall("postOrder"), afterRecord("posted"), afterCall("confirm"), afterRecord("confirmed")};
  for (const auto& kill : kills) {
    INFO("kill " << kill[0] << " " << kill[1]);
    RealWorld world;
    bool never_asked = kill[1] == "intent";
    killAndRecoverReal(world, kill,
                       never_asked ? Expect{EntryState::Declined, std::nullopt, 0}
                                   : Expect{EntryState::Closed, LedgerState::Confirmed, 1});
  }
}

TEST_CASE("kill with procart-sim: refused and dropped /postorder, killed mid-way") {
  SECTION("422 twice: reversed") {
    RealWorld world("postorder.http422=#2");
    killAndRecoverReal(world, afterRecord("post_failed"), {EntryState::Closed, LedgerState::Reversed, 0});
  }
  SECTION("created but the answer dropped: found by lookup, posted once") {
    RealWorld world("postorder.drop_after=#1");
    killAndRecoverReal(world, afterRecord("post_failed"), {EntryState::Closed, LedgerState::Confirmed, 1});
    CHECK(world.emulator->requestCount("postorder") == 1);
  }
  SECTION("dropped before acting: absent, posted once more") {
    RealWorld world("postorder.drop_before=#1");
    killAndRecoverReal(world, afterRecord("post_failed"), {EntryState::Closed, LedgerState::Confirmed, 1});
    CHECK(world.emulator->requestCount("postorder") == 2);
  }
}
#endif

// ---- through the real drivers: the VTK driver against the VTK emulator, the sb_pilot driver against the fake -----
// The same kills between approval and /postorder, with the terminal's own records (the emulator's ledger and its
// record of protocol violations; the fake sb_pilot's ledger) checked through peer_ledgers.h.
#ifdef PAYMENT_KILL_REAL_DRIVERS
namespace {

// What must hold after the kill and the recovery, whatever the driver.
enum class Outcome {
  NotCharged,  // the terminal took nothing; no order
  Posted,      // one charge, confirmed, on exactly one order
  Undone,      // one charge, undone at the terminal; no order
};

// The world that outlives the kiosk for a real driver: its peer (the emulator in this process, or the fake's
// working directory) and the order service.
struct DriverWorld {
  TempDir dir;
  FakeOrderBook book{dir.file("orders.json")};
  FakeProcartServer procart{book};
  int procart_port = procart.start();
  std::string journal_dir = dir.file("journal");
  std::string terminal_dir = dir.file("terminal");

  DriverWorld() { REQUIRE(kiosk::files::makeDirectories(terminal_dir).empty()); }
  virtual ~DriverWorld() = default;
  virtual std::vector<std::string> terminalArgs() const = 0;
  virtual PeerCharges charges(const JournalLinks& links) const = 0;
  // After a kill: what the dead kiosk left running at the terminal dies too (systemd kills the control group).
  virtual void killLeftovers() {}

  ChildRun run(const std::string& mode, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"--journal", journal_dir, "--procart-port", std::to_string(procart_port),
                                     "--mode", mode, "--id", "K1-kill"};
    auto terminal = terminalArgs();
    args.insert(args.end(), terminal.begin(), terminal.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return runChild(args);
  }
};

struct VtkWorld : DriverWorld {
  std::unique_ptr<vtkemu::VtkEmulator> emulator;

  explicit VtkWorld(const std::string& script = "") {
    std::string error;
    vtkemu::EmulatorOptions options;
    options.state_dir = terminal_dir;
    options.operation_timeout_s = 2;  // what the terminal announces: silence costs seconds
    if (!script.empty()) {
      auto steps = vtkemu::parseScript(script, error);
      REQUIRE(steps);
      options.script = *steps;
    }
    emulator = std::make_unique<vtkemu::VtkEmulator>(options);
    REQUIRE(emulator->start(error));
  }
  std::vector<std::string> terminalArgs() const override {
    return {"--terminal", "vtk", "--vtk-port", std::to_string(emulator->port())};
  }
  PeerCharges charges(const JournalLinks& links) const override {
    std::vector<std::string> problems;
    auto lines = readVtkLedger(terminal_dir + "/vtk-ledger.jsonl", problems);
    std::map<int64_t, std::string> printed;  // the RRN on the receipt of each approving VRP answer the terminal sent
    for (const auto& sent : emulator->sentLog()) {
      auto op = sent.message.number(vtkemu::tags::kOperation);
      auto amount = sent.message.number(vtkemu::tags::kAmount);
      const std::string* receipt = sent.message.find(vtkemu::tags::kReceipt);
      if (sent.message.name == "VRP" && op && amount && *amount > 0 && receipt) printed[*op] = receiptRrn(*receipt);
    }
    attachRrns(lines, printed);
    PeerCharges out = vtkCharges(lines, links);
    out.problems.insert(out.problems.end(), problems.begin(), problems.end());
    for (const auto& v : vtkemu::readViolations(terminal_dir)) out.problems.push_back("VTK protocol violation: " + v);
    return out;
  }
};

struct SbPilotWorld : DriverWorld {
  explicit SbPilotWorld(const std::vector<std::string>& purchase_script = {}) {
    nlohmann::json control = {{"purchase_script", purchase_script}};
    REQUIRE(kiosk::files::writeAtomically(terminal_dir + "/fake-sb-pilot.json", control.dump()).empty());
    // Orphans of the killed kiosk become this process's children, so they can be killed and reaped here.
    REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0);
  }
  std::vector<std::string> terminalArgs() const override {
    return {"--terminal", "sbpilot", "--sbpilot-program", FAKE_SB_PILOT_PATH, "--sbpilot-dir", terminal_dir};
  }
  PeerCharges charges(const JournalLinks& links) const override {
    std::vector<std::string> problems;
    PeerCharges out = sbPilotCharges(readSbPilotState(terminal_dir + "/fake-sb-pilot-state.json", problems), links);
    out.problems.insert(out.problems.end(), problems.begin(), problems.end());
    return out;
  }
  void killLeftovers() override {
    std::ifstream in(terminal_dir + "/fake-sb-pilot.pid");
    pid_t pid = 0;
    if (in >> pid && pid > 1) {
      ::kill(-pid, SIGKILL);  // the driver runs sb_pilot as the leader of its own process group
      ::kill(pid, SIGKILL);
    }
    // Reap whatever was left (reparented to this subreaper); the kiosk child itself was reaped by runChild.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      pid_t done = ::waitpid(-1, nullptr, WNOHANG);
      if (done < 0) break;  // no children left
      if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  std::string log() const {
    std::ifstream in(terminal_dir + "/fake-sb-pilot.log");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
};

// Pays in a child killed at `kill`, recovers in a fresh one, then checks the outcome against the terminal's own
// records, the order service and the journal.
void killAndRecoverDriver(DriverWorld& world, const std::vector<std::string>& kill, Outcome expected) {
  ChildRun paid = world.run("pay", kill);
  INFO("child output:\n" << paid.output);
  REQUIRE(paid.killed);
  world.killLeftovers();
  ChildRun recovered = world.run("recover", {});
  INFO("recovery output:\n" << recovered.output);
  REQUIRE(recovered.exit_code == 0);

  journal::JournalOptions options;
  options.dir = world.journal_dir;
  journal::Journal journal(options);
  CHECK(journal.problems().empty());
  CHECK(journal.openEntries().empty());
  auto entry = journal.entry("K1-kill");
  REQUIRE(entry);
  INFO("journal state " << journal::entryStateName(entry->state) << ": " << entry->outcomeText());
  CHECK(journal::isFinal(entry->state));
  CHECK((entry->state == EntryState::Closed) == (expected != Outcome::NotCharged));

  JournalLinks links;
  REQUIRE(links.readFile(options.dir + "/payments.journal") == "");
  PeerCharges charges = world.charges(links);
  int charged = 0;
  for (const auto& e : charges.entries) charged += e.charges;
  CHECK(charged == (expected == Outcome::NotCharged ? 0 : 1));
  for (const auto& e : charges.entries) {
    if (e.charges == 0) continue;
    CHECK(e.external_id == "K1-kill");
    CHECK(e.state == (expected == Outcome::Posted ? LedgerState::Confirmed : LedgerState::Reversed));
  }
  auto orders = world.book.ordersFor("K1-kill");
  REQUIRE(orders.size() == (expected == Outcome::Posted ? 1u : 0u));
  for (const auto& problem : charges.problems) FAIL_CHECK("terminal: " << problem);
  for (const auto& v : moneyViolations(charges.entries, world.book.orders(), &journal)) FAIL_CHECK(v);
}

std::vector<std::string> afterRecordDelayed(const std::string& type, int ms) {
  return {"--kill-after-record", type, "--kill-delay-ms", std::to_string(ms)};
}

}  // namespace

TEST_CASE("kill through VTK: a whole payment, then killed at each step between approval and the confirmation") {
  {
    VtkWorld world;
    ChildRun run = world.run("pay", {});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.output.find("\"OrderPosted\"") != std::string::npos);
    auto orders = world.book.ordersFor("K1-kill");
    REQUIRE(orders.size() == 1);
    // The order carries the RRN the terminal printed on its receipt.
    JournalLinks links;
    REQUIRE(links.readFile(world.journal_dir + "/payments.journal") == "");
    auto charges = world.charges(links);
    REQUIRE(charges.entries.size() == 1);
    CHECK(charges.entries[0].state == LedgerState::Confirmed);
    CHECK(orders[0].payments.at(0).transaction.rrn == charges.entries[0].transaction.rrn);
    CHECK(charges.problems.empty());
  }
  const std::vector<std::vector<std::string>> kills = {
      afterCall("purchase"), afterRecord("approved"), afterRecord("posting"), afterCall("postOrder"),
      afterRecord("posted"), afterCall("confirm"),  afterRecord("confirmed")};
  for (const auto& kill : kills) {
    INFO("kill " << kill[0] << " " << kill[1]);
    VtkWorld world;
    killAndRecoverDriver(world, kill, Outcome::Posted);
  }
  SECTION("killed after the intent, before the terminal was asked") {
    VtkWorld world;
    killAndRecoverDriver(world, afterRecord("intent"), Outcome::NotCharged);
  }
}

TEST_CASE("kill through VTK: a refused order, killed on the way to the reversal, is undone with FIN 0") {
  for (const auto& kill : {afterRecord("post_failed"), afterRecord("reversal_requested"), afterCall("reverse")}) {
    INFO("kill " << kill[0] << " " << kill[1]);
    VtkWorld world;
    world.book.pushPost("refuse");
    world.book.pushPost("refuse");
    killAndRecoverDriver(world, kill, Outcome::Undone);
  }
}

TEST_CASE("kill through VTK: answers lost or still coming when the kiosk dies are learned from the terminal") {
  SECTION("charged, the connection dropped before the answer; killed after 'unknown' was journalled") {
    VtkWorld world("drop");
    killAndRecoverDriver(world, afterRecord("unknown"), Outcome::Posted);
  }
  SECTION("charged, the answer cut in half; killed after 'unknown' was journalled") {
    VtkWorld world("truncated");
    killAndRecoverDriver(world, afterRecord("unknown"), Outcome::Posted);
  }
  SECTION("killed while the terminal was still working on the VRP; it approved with the kiosk dead") {
    VtkWorld world("late:800");
    killAndRecoverDriver(world, afterRecordDelayed("intent", 300), Outcome::Posted);
  }
  SECTION("killed while the terminal waited for the card; the recovery ends the operation, nothing charged") {
    VtkWorld world("wait_abort");
    killAndRecoverDriver(world, afterRecordDelayed("intent", 300), Outcome::NotCharged);
  }
}

TEST_CASE("kill through sb_pilot: a whole payment, then killed at each step between approval and the post") {
  {
    SbPilotWorld world;
    ChildRun run = world.run("pay", {});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto orders = world.book.ordersFor("K1-kill");
    REQUIRE(orders.size() == 1);
    JournalLinks links;
    REQUIRE(links.readFile(world.journal_dir + "/payments.journal") == "");
    auto charges = world.charges(links);
    REQUIRE(charges.entries.size() == 1);
    CHECK(orders[0].payments.at(0).transaction.rrn == charges.entries[0].transaction.rrn);
  }
  for (const auto& kill : {afterRecord("approved"), afterRecord("posting"), afterCall("postOrder"),
                           afterRecord("posted"), afterRecord("confirmed")}) {
    INFO("kill " << kill[0] << " " << kill[1]);
    SbPilotWorld world;
    killAndRecoverDriver(world, kill, Outcome::Posted);
  }
}

TEST_CASE("kill through sb_pilot: a refused order, killed on the way to the reversal, is cancelled by RRN") {
  for (const auto& kill : {afterRecord("post_failed"), afterRecord("reversal_requested"), afterCall("reverse")}) {
    INFO("kill " << kill[0] << " " << kill[1]);
    SbPilotWorld world;
    world.book.pushPost("refuse");
    world.book.pushPost("refuse");
    killAndRecoverDriver(world, kill, Outcome::Undone);
  }
}

TEST_CASE("kill through sb_pilot: killed mid-operation, the outcome is recovered with op 52") {
  SECTION("approved, the kiosk killed before the approval was journalled (the result file of that run tells)") {
    SbPilotWorld world;
    killAndRecoverDriver(world, afterCall("purchase"), Outcome::Posted);
  }
  SECTION("sb_pilot crashed after the bank approved; the kiosk killed after 'unknown' was journalled") {
    SbPilotWorld world({"crash_after_approval"});
    killAndRecoverDriver(world, afterRecord("unknown"), Outcome::Posted);
    CHECK(world.log().find("\n52 ") != std::string::npos);
  }
  SECTION("the answer lost on the way; the kiosk killed after 'unknown' was journalled") {
    SbPilotWorld world({"lost_answer"});
    killAndRecoverDriver(world, afterRecord("unknown"), Outcome::Posted);
    CHECK(world.log().find("\n52 ") != std::string::npos);
  }
  SECTION("the kiosk killed while sb_pilot hung at the pin-pad, sb_pilot killed with it: nothing charged") {
    SbPilotWorld world({"hang"});
    killAndRecoverDriver(world, afterRecordDelayed("intent", 500), Outcome::NotCharged);
    CHECK(world.log().find("\n52 ") != std::string::npos);
  }
}
#endif
