// Contract tests of the VTK driver against the emulator over loopback TCP: in-process, and as a child process
// where a real process boundary matters (dropped connection, terminal restart with its stored result).
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "payment/vtk/local_time.h"
#include "payment/vtk/message.h"
#include "payment/vtk/vtk_terminal.h"
#include "tests/drivers/test_support.h"
#include "tests/drivers/vtk_emulator.h"

using namespace std::chrono_literals;
using payment::CancelToken;
using payment::PaymentResult;
using payment::PurchaseRequest;
using payment::TerminalProgress;
using payment::vtk::VtkConfig;
using Kind = PaymentResult::Kind;
using drivers_test::TempDir;
using vtkemu::Behaviour;

namespace {

VtkConfig fastConfig(uint16_t port) {
  VtkConfig c;
  c.host = "127.0.0.1";
  c.port = port;
  c.connect_timeout_ms = 2000;
  c.operation_timeout_ms = 3000;  // the emulator's tag 0x06 replaces it
  c.handshake_timeout_ms = 2000;
  return c;
}

PurchaseRequest request(const std::string& op, int64_t kopecks) {
  PurchaseRequest r;
  r.amount = payment::Money::kopecks(kopecks);
  r.external_id = "kiosk-1-order-" + op;
  r.operation_ref = op;
  return r;
}

// An emulator on this thread's process, with a fresh state directory.
struct LocalTerminal {
  TempDir dir{"vtk-emulator"};
  std::unique_ptr<vtkemu::VtkEmulator> emulator;

  explicit LocalTerminal(std::vector<vtkemu::Step> script = {}, std::function<void(vtkemu::EmulatorOptions&)> tweak = {}) {
    vtkemu::EmulatorOptions options;
    options.state_dir = dir.path();
    options.script = std::move(script);
    if (tweak) tweak(options);
    emulator = std::make_unique<vtkemu::VtkEmulator>(options);
    std::string error;
    REQUIRE(emulator->start(error));
  }
  // Every test ends with the terminal's verdict: the kiosk broke none of the protocol's rules.
  ~LocalTerminal() {
    emulator->stop();
    const auto broken = vtkemu::readViolations(dir.path());
    for (const auto& v : broken) UNSCOPED_INFO("protocol violation: " << v);
    CHECK(broken.empty());
  }
  uint16_t port() const { return emulator->port(); }
  std::vector<vtkemu::LedgerEntry> ledger() const { return vtkemu::readLedger(dir.path()); }
};

// The emulator as a separate process sharing `state_dir` (its non-volatile memory) across restarts.
struct EmulatorProcess {
  std::unique_ptr<drivers_test::ChildProcess> process;
  uint16_t port = 0;

  EmulatorProcess(const std::string& state_dir, const std::string& script) {
    static int serial = 0;
    const std::string port_file = state_dir + "/port-" + std::to_string(++serial);
    process = std::make_unique<drivers_test::ChildProcess>(
        VTK_EMULATOR_PATH,
        std::vector<std::string>{"--state-dir", state_dir, "--port-file", port_file, "--script", script});
    REQUIRE(drivers_test::waitFor([&] { return !drivers_test::readFile(port_file).empty(); }, 5s));
    port = static_cast<uint16_t>(std::stoi(drivers_test::readFile(port_file)));
  }
};

struct ProgressLog {
  std::mutex mutex;
  std::vector<TerminalProgress> seen;
  payment::ProgressSink sink() {
    return [this](const TerminalProgress& p) {
      std::lock_guard lock(mutex);
      seen.push_back(p);
    };
  }
  bool saw(const std::string& key) {
    std::lock_guard lock(mutex);
    for (const auto& p : seen)
      if (p.message_key == key) return true;
    return false;
  }
};

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A port nothing listens on.
uint16_t closedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("vtk: approved purchase carries the receipt data, confirm finalises it with FIN") {
  LocalTerminal terminal;
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CHECK(driver->driverName() == "vtk");
  const std::string op = driver->nextOperationRef();
  CHECK(op == "1");  // the terminal's last operation was 0

  ProgressLog progress;
  CancelToken cancel;
  const auto req = request(op, 38900);
  const PaymentResult r = driver->purchase(req, progress.sink(), cancel);
  REQUIRE(r.kind == Kind::Approved);
  CHECK(r.amount.kopecks() == 38900);
  CHECK(r.transaction.rrn == "028810010001");
  CHECK(r.transaction.auth_code == "A1B2C3");
  CHECK(r.transaction.card_mask == "************1118");
  CHECK(r.transaction.card_type == "MC");
  CHECK(r.transaction.terminal_id == "00012345");
  CHECK_FALSE(r.transaction.paid_at.empty());
  CHECK(r.slip.find("RESULT:APPROVED") != std::string::npos);
  CHECK(progress.saw("payment.insert_card"));

  // Between the approval and FIN the terminal is not disturbed with IDL, not even by a status check.
  const size_t idl_before = terminal.emulator->received("IDL");
  const auto waiting = driver->status();
  CHECK(waiting.reachable);
  CHECK(waiting.text == "awaiting finalisation of operation 1");
  CHECK(terminal.emulator->received("IDL") == idl_before);

  const PaymentResult confirmed = driver->confirm(req, r);
  CHECK(confirmed.kind == Kind::Approved);
  const auto fin = terminal.emulator->lastReceived("FIN");
  REQUIRE(fin);
  CHECK(fin->number(payment::vtk::tag::kOperationNumber) == 1);
  CHECK(fin->number(payment::vtk::tag::kAmount) == 38900);

  // A repeated FIN (the caller retrying after a lost answer) is answered the same and changes nothing.
  CHECK(driver->confirm(req, r).kind == Kind::Approved);
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "approved") == 1);
  CHECK(vtkemu::countEvents(ledger, "finalised") == 1);
  CHECK(vtkemu::countEvents(ledger, "fin_repeat") == 1);

  // The next operation number moves on.
  CHECK(driver->nextOperationRef() == "2");
}

TEST_CASE("vtk: a declined purchase is Declined with the terminal's code; IDL follows, no FIN") {
  LocalTerminal terminal({{Behaviour::Decline}});
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const PaymentResult r = driver->purchase(request(driver->nextOperationRef(), 12000), nullptr, cancel);
  REQUIRE(r.kind == Kind::Declined);
  CHECK(r.text.find("declined by the terminal") == 0);
  CHECK(r.slip.find("RESULT:DECLINED") != std::string::npos);
  CHECK_FALSE(terminal.emulator->lastReceived("FIN"));
  const auto log = terminal.emulator->receivedAll();
  REQUIRE_FALSE(log.empty());
  REQUIRE(drivers_test::waitFor([&] { return terminal.emulator->receivedAll().back().name == "IDL"; }, 3s));
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "declined") == 1);
  CHECK(vtkemu::countEvents(ledger, "approved") == 0);
}

TEST_CASE("vtk: the guest's cancel sends ABR while the VRP is pending → Cancelled, nothing charged") {
  LocalTerminal terminal({{Behaviour::WaitForAbort}});
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  const auto req = request(driver->nextOperationRef(), 50000);
  ProgressLog progress;
  CancelToken cancel;
  auto pending = std::async(std::launch::async, [&] { return driver->purchase(req, progress.sink(), cancel); });
  // The guest sees "present card" and presses Cancel on the kiosk.
  REQUIRE(drivers_test::waitFor([&] { return terminal.emulator->received("VRP") == 1; }, 2s));
  REQUIRE(drivers_test::waitFor([&] { return progress.saw("payment.insert_card"); }, 2s));
  cancel.cancel();
  const PaymentResult r = pending.get();
  CHECK(r.kind == Kind::Cancelled);
  CHECK(r.text == "cancelled by the guest");
  CHECK(terminal.emulator->received("ABR") == 1);
  CHECK(progress.saw("payment.cancelling"));
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "aborted") == 1);
  CHECK(vtkemu::countEvents(ledger, "approved") == 0);
}

TEST_CASE("vtk: a cancel on the terminal's own screen ends the operation without money (zero VRP answer)") {
  LocalTerminal terminal({{Behaviour::CancelAtTerminal}});
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const PaymentResult r = driver->purchase(request(driver->nextOperationRef(), 700), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);  // the protocol has one word for "no money": a zero VRP answer
  CHECK(vtkemu::countEvents(terminal.ledger(), "approved") == 0);
  CHECK_FALSE(terminal.emulator->lastReceived("FIN"));
}

TEST_CASE("vtk: reverse sends FIN 0 and the terminal reverses; the next sale finalises normally") {
  LocalTerminal terminal;
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const auto first = request(driver->nextOperationRef(), 25000);
  const PaymentResult approved = driver->purchase(first, nullptr, cancel);
  REQUIRE(approved.approved());
  const PaymentResult reversed = driver->reverse(first, approved);
  CHECK(reversed.kind == Kind::Approved);
  CHECK(reversed.text == "reversed by the terminal (FIN 0)");
  CHECK(vtkemu::countEvents(terminal.ledger(), "reversed") == 1);

  const auto second = request(driver->nextOperationRef(), 31000);
  const PaymentResult sold = driver->purchase(second, nullptr, cancel);
  REQUIRE(sold.approved());
  REQUIRE(driver->confirm(second, sold).approved());
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "reversed") == 1);
  CHECK(vtkemu::countEvents(ledger, "finalised") == 1);
}

TEST_CASE("vtk: no new VRP while an approved operation still owes its FIN") {
  LocalTerminal terminal;
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const auto first = request(driver->nextOperationRef(), 100);
  const PaymentResult approved = driver->purchase(first, nullptr, cancel);
  REQUIRE(approved.approved());
  // The order is not created yet (or its FIN failed): another guest's payment must wait.
  const PaymentResult refused = driver->purchase(request("2", 200), nullptr, cancel);
  CHECK(refused.kind == Kind::Declined);
  CHECK(refused.code == "kiosk.fin_pending");
  CHECK(terminal.emulator->received("VRP") == 1);
  REQUIRE(driver->confirm(first, approved).approved());
  CHECK(driver->purchase(request(driver->nextOperationRef(), 200), nullptr, cancel).approved());
}

TEST_CASE("vtk: refund is not in the protocol and reconcile is not supported") {
  LocalTerminal terminal;
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  PaymentResult sold;
  sold.kind = Kind::Approved;
  sold.amount = payment::Money::kopecks(100);
  const PaymentResult r = driver->refund(request("5", 100), sold);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.code == "vtk.refund_not_supported");
  const auto rec = driver->reconcile();
  CHECK(rec.kind == payment::ReconcileResult::Kind::NotSupported);
  CHECK(rec.text.find("not supported by this terminal") == 0);
  CHECK(terminal.emulator->received("VRP") == 0);
}

TEST_CASE("vtk: a terminal that never answers: Unknown after its own operation timeout (tag 0x06), the link closed") {
  LocalTerminal terminal({{Behaviour::NeverAnswer}}, [](vtkemu::EmulatorOptions& o) { o.operation_timeout_s = 1; });
  VtkConfig config = fastConfig(terminal.port());
  config.operation_timeout_ms = 60000;  // the terminal's 1 s replaces it
  auto driver = payment::vtk::makeVtkTerminal(config);
  CancelToken cancel;
  const auto start = std::chrono::steady_clock::now();
  const PaymentResult r = driver->purchase(request(driver->nextOperationRef(), 9900), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "VRP 1: no answer within the operation timeout (1 s)");
  CHECK(secondsSince(start) >= 1.0);
  CHECK(terminal.emulator->received("ABR") == 0);
  REQUIRE(drivers_test::waitFor([&] { return terminal.emulator->closedByKiosk() == 1; }, 3s));
  CHECK(vtkemu::countEvents(terminal.ledger(), "approved") == 0);
}

TEST_CASE("vtk: a late answer is Unknown — recover() then learns Approved from the stored result, one charge") {
  LocalTerminal terminal({{Behaviour::AnswerLate, 1800}},
                         [](vtkemu::EmulatorOptions& o) { o.operation_timeout_s = 1; });
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const auto req = request(driver->nextOperationRef(), 45600);
  const PaymentResult r = driver->purchase(req, nullptr, cancel);
  REQUIRE(r.kind == Kind::Unknown);
  // The bank approves after the kiosk gave up.
  REQUIRE(drivers_test::waitFor([&] { return vtkemu::countEvents(terminal.ledger(), "approved") == 1; }, 3s));

  const PaymentResult recovered = driver->recover(req);
  REQUIRE(recovered.kind == Kind::Approved);
  CHECK(recovered.amount.kopecks() == 45600);
  CHECK(recovered.transaction.rrn == "028810010001");
  CHECK(driver->confirm(req, recovered).approved());
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "approved") == 1);
  CHECK(vtkemu::countEvents(ledger, "repeat") == 1);
  CHECK(vtkemu::countEvents(ledger, "finalised") == 1);
}

TEST_CASE("vtk: connection dropped after approving → Unknown → recover() → Approved without a second charge") {
  TempDir state("vtk-state");
  EmulatorProcess terminal(state.path(), "drop");
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port));
  CancelToken cancel;
  const auto req = request(driver->nextOperationRef(), 123456);
  const PaymentResult r = driver->purchase(req, nullptr, cancel);
  REQUIRE(r.kind == Kind::Unknown);
  CHECK(r.text == "VRP 1: answer lost: connection closed by the terminal");

  const PaymentResult recovered = driver->recover(req);
  REQUIRE(recovered.kind == Kind::Approved);
  CHECK(recovered.amount.kopecks() == 123456);
  CHECK(recovered.transaction.card_mask == "************1118");
  REQUIRE(driver->confirm(req, recovered).approved());
  const auto ledger = vtkemu::readLedger(state.path());
  CHECK(vtkemu::countEvents(ledger, "approved") == 1);
  CHECK(vtkemu::countEvents(ledger, "repeat") == 1);
  CHECK(vtkemu::countEvents(ledger, "finalised") == 1);
}

TEST_CASE("vtk: after a kiosk crash and a terminal restart, a new driver recovers the stored approval") {
  TempDir state("vtk-state");
  const auto req = request("1", 777);
  {
    EmulatorProcess terminal(state.path(), "drop");
    auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port));
    CancelToken cancel;
    REQUIRE(driver->nextOperationRef() == req.operation_ref);
    REQUIRE(driver->purchase(req, nullptr, cancel).kind == Kind::Unknown);
    terminal.process->kill(SIGKILL);  // power loss at the terminal
  }
  // The journal kept the request; a fresh kiosk process and the rebooted terminal meet again.
  EmulatorProcess rebooted(state.path(), "approve");
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(rebooted.port));
  const PaymentResult recovered = driver->recover(req);
  REQUIRE(recovered.kind == Kind::Approved);
  CHECK(recovered.amount.kopecks() == 777);
  CHECK(driver->reverse(req, recovered).approved());
  const auto ledger = vtkemu::readLedger(state.path());
  CHECK(vtkemu::countEvents(ledger, "approved") == 1);
  CHECK(vtkemu::countEvents(ledger, "reversed") == 1);
}

TEST_CASE("vtk: recover() tells an operation that never reached the terminal from one it no longer remembers") {
  LocalTerminal terminal;
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  const std::string never_sent = driver->nextOperationRef();  // journalled, then the kiosk crashed before VRP
  const PaymentResult r = driver->recover(request(never_sent, 5000));
  CHECK(r.kind == Kind::Cancelled);
  CHECK(r.text == "operation 1 never reached the terminal (its last is 0)");
  CHECK(terminal.emulator->received("VRP") == 0);

  CancelToken cancel;
  for (int64_t kopecks : {100, 200}) {
    const auto req = request(driver->nextOperationRef(), kopecks);
    const PaymentResult sold = driver->purchase(req, nullptr, cancel);
    REQUIRE(sold.approved());
    REQUIRE(driver->confirm(req, sold).approved());
  }
  const PaymentResult old = driver->recover(request("2", 100));
  CHECK(old.kind == Kind::Unknown);
  CHECK(old.text.find("moved on to operation 3") != std::string::npos);
}

TEST_CASE("vtk: malformed, wrongly addressed and truncated answer frames → Unknown with a clear error") {
  struct Case {
    Behaviour behaviour;
    std::string text;
  };
  const Case cases[] = {
      {Behaviour::Malformed, "VRP 1: answer lost: malformed frame: TLV at byte 5: value of 64 bytes but only 3 remain"},
      {Behaviour::BadDiscriminator, "VRP 1: answer lost: frame discriminator 0x96FB, expected 0x97FB"},
      {Behaviour::Truncated, "VRP 1: answer lost: connection closed in the middle of a frame (truncated: "},
  };
  for (const auto& c : cases) {
    LocalTerminal terminal({{c.behaviour}});
    auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
    CancelToken cancel;
    const auto req = request(driver->nextOperationRef(), 4200);
    const PaymentResult r = driver->purchase(req, nullptr, cancel);
    CHECK(r.kind == Kind::Unknown);
    CHECK(r.text.substr(0, c.text.size()) == c.text);
    // The terminal did approve: the stored result settles it, still one charge.
    const PaymentResult recovered = driver->recover(req);
    CHECK(recovered.kind == Kind::Approved);
    CHECK(vtkemu::countEvents(terminal.ledger(), "approved") == 1);
  }
}

TEST_CASE("vtk: keep-alive: a silent terminal is declared dead and the next call reconnects") {
  LocalTerminal terminal({}, [](vtkemu::EmulatorOptions& o) {
    o.answer_keepalive = false;
    o.keepalive_s = 1;  // the terminal asks for a keep-alive every second (tag 0x05)
  });
  VtkConfig config = fastConfig(terminal.port());
  config.dead_grace_ms = 200;  // dead after 3 × 1 s + 0.2 s of silence
  auto driver = payment::vtk::makeVtkTerminal(config);
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(driver->status().reachable);
  CHECK(terminal.emulator->connections() == 1);
  // Keep-alive IDLs go out every second, none is answered; after 3.2 s of silence the driver drops the link.
  REQUIRE(drivers_test::waitFor([&] { return terminal.emulator->closedByKiosk() == 1; }, 6s));
  CHECK(secondsSince(start) >= 3.2);
  CHECK(terminal.emulator->received("IDL") >= 4);  // the handshake and three keep-alives
  // The next call opens a new connection.
  const auto status = driver->status();
  CHECK(status.reachable);
  CHECK(terminal.emulator->connections() == 2);
}

TEST_CASE("vtk: keep-alive: an answering terminal keeps one connection") {
  LocalTerminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.keepalive_s = 1; });
  VtkConfig config = fastConfig(terminal.port());
  config.dead_grace_ms = 200;
  auto driver = payment::vtk::makeVtkTerminal(config);
  REQUIRE(driver->status().reachable);
  REQUIRE(drivers_test::waitFor([&] { return terminal.emulator->received("IDL") >= 4; }, 5s));
  CancelToken cancel;
  CHECK(driver->purchase(request(driver->nextOperationRef(), 100), nullptr, cancel).approved());
  CHECK(terminal.emulator->connections() == 1);
}

TEST_CASE("vtk: a terminal whose clock stays unset gets the kiosk's local time (tag 0x11) in every message") {
  LocalTerminal terminal({}, [](vtkemu::EmulatorOptions& o) {
    o.unset_clock = true;
    o.clock_learns_from_kiosk = false;
  });
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const auto req = request(driver->nextOperationRef(), 100);
  const PaymentResult approved = driver->purchase(req, nullptr, cancel);
  REQUIRE(approved.approved());
  REQUIRE(driver->confirm(req, approved).approved());
  for (const char* name : {"VRP", "FIN"}) {
    const auto m = terminal.emulator->lastReceived(name);
    REQUIRE(m);
    const std::string* time = m->find(payment::vtk::tag::kLocalTime);
    REQUIRE(time);
    CHECK(payment::vtk::isValidLocalTime(*time));
  }
}

TEST_CASE("vtk: a terminal that learns the time from the kiosk stops getting it") {
  LocalTerminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.unset_clock = true; });
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  REQUIRE(driver->status().reachable);  // the handshake: the terminal's clock is unset
  REQUIRE(driver->status().reachable);  // an IDL with the kiosk's time: the terminal sets its clock, answers without
  CancelToken cancel;
  REQUIRE(driver->purchase(request(driver->nextOperationRef(), 100), nullptr, cancel).approved());
  const auto vrp = terminal.emulator->lastReceived("VRP");
  REQUIRE(vrp);
  CHECK_FALSE(vrp->find(payment::vtk::tag::kLocalTime));
}

TEST_CASE("vtk: a full card number in the receipt is masked before the slip is kept") {
  LocalTerminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.full_pan_in_receipt = true; });
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  const PaymentResult r = driver->purchase(request(driver->nextOperationRef(), 100), nullptr, cancel);
  REQUIRE(r.approved());
  CHECK(r.slip.find("5469380012341118") == std::string::npos);
  CHECK(r.slip.find("CARD NO ************1118") != std::string::npos);
}

TEST_CASE("vtk: requests that cannot be right are refused before anything is sent") {
  LocalTerminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.start_operation = 5; });
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(terminal.port()));
  CancelToken cancel;
  auto r = driver->purchase(request("3", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.code == "kiosk.stale_operation");
  CHECK(r.text == "operation number 3 is not newer than the terminal's last (5)");
  r = driver->purchase(request("x7", 100), nullptr, cancel);
  CHECK(r.code == "kiosk.invalid_request");
  CHECK(r.text == "operation reference \"x7\" is not a positive decimal number");
  r = driver->purchase(request("9", 0), nullptr, cancel);
  CHECK(r.code == "kiosk.invalid_request");
  CancelToken already;
  already.cancel();
  CHECK(driver->purchase(request("9", 100), nullptr, already).kind == Kind::Cancelled);
  CHECK(terminal.emulator->received("VRP") == 0);
  CHECK(driver->nextOperationRef() == "6");
}

TEST_CASE("vtk: an unreachable terminal is reported quickly, with no money at stake") {
  auto driver = payment::vtk::makeVtkTerminal(fastConfig(closedPort()));
  CancelToken cancel;
  const auto start = std::chrono::steady_clock::now();
  const PaymentResult r = driver->purchase(request("1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.code == "kiosk.no_link");
  CHECK(r.text.find("terminal not reachable: connect to 127.0.0.1:") == 0);
  const auto status = driver->status();
  CHECK_FALSE(status.reachable);
  CHECK(status.text.find("not connected: ") == 0);
  CHECK(driver->recover(request("1", 100)).kind == Kind::Unknown);
  CHECK(secondsSince(start) < 2.0);
}
