// The simulated terminal, in-process and over its socket: behaviours, prompts, cancellation, the ledger, and
// never charging twice for one operation reference.
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "payment/sim/line_socket.h"
#include "payment/sim/sim_device.h"
#include "payment/sim/sim_remote.h"
#include "payment/sim/sim_server.h"
#include "payment/sim/sim_terminal.h"
#include "tests/payment/test_support.h"

using namespace payment;
using namespace payment::sim;
using payment::testing::eventually;
using Kind = PaymentResult::Kind;
using kiosk::Money;

namespace {

struct Prompts {
  std::vector<TerminalProgress> seen;
  ProgressSink sink() {
    return [this](const TerminalProgress& p) { seen.push_back(p); };
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& p : seen) out.push_back(p.message_key);
    return out;
  }
};

PurchaseRequest request(const std::string& op_ref, int64_t kopecks = 38900) {
  return {Money::kopecks(kopecks), "K1-" + op_ref, op_ref};
}

const std::vector<std::string> kApprovedPrompts = {"payment.insert_card", "payment.enter_pin", "payment.processing",
                                                   "payment.remove_card"};

// A device behind its server, and a driver connected to it.
struct Remote {
  SimTerminalDevice device;
  SimTerminalServer server{device};
  int port = server.start();
  SimTerminal terminal{"127.0.0.1", port, SimTerminalOptions{300, 1000}};
};

}  // namespace

TEST_CASE("sim in-process: approve walks the prompts and records one charge") {
  SimTerminalDevice device;
  SimTerminal terminal(device);
  Prompts prompts;
  CancelToken cancel;
  auto r = terminal.purchase(request("op-1"), prompts.sink(), cancel);
  REQUIRE(r.kind == Kind::Approved);
  CHECK(r.amount == Money::kopecks(38900));
  CHECK(r.transaction.rrn.size() == 12);
  CHECK(r.transaction.card_mask.rfind("************", 0) == 0);
  CHECK(r.transaction.terminal_id == "SIM00001");
  CHECK_FALSE(r.slip.empty());
  CHECK(prompts.keys() == kApprovedPrompts);
  CHECK(prompts.seen[0].cancellable);
  CHECK(prompts.seen[1].cancellable);
  CHECK_FALSE(prompts.seen[2].cancellable);
  auto e = device.ledgerEntry("op-1");
  REQUIRE(e);
  CHECK(e->state == LedgerEntry::State::Approved);
  CHECK(e->charges == 1);
  CHECK(e->external_id == "K1-op-1");
  CHECK(e->transaction.rrn == r.transaction.rrn);
}

TEST_CASE("sim in-process: decline, cancel, timeout, lost answer, disconnect") {
  SimTerminalDevice device;
  SimTerminal terminal(device, SimTerminalOptions{50, 100});
  CancelToken no_cancel;
  Prompts prompts;

  REQUIRE(device.pushBehaviour("decline:51") == "");
  auto declined = terminal.purchase(request("d"), prompts.sink(), no_cancel);
  CHECK(declined.kind == Kind::Declined);
  CHECK(declined.code == "51");
  CHECK(device.ledgerEntry("d")->charges == 0);

  REQUIRE(device.pushBehaviour("delay:5000") == "");
  CancelToken cancel;
  std::thread guest([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    cancel.cancel();
  });
  auto t0 = std::chrono::steady_clock::now();
  auto cancelled = terminal.purchase(request("c"), nullptr, cancel);
  guest.join();
  CHECK(cancelled.kind == Kind::Cancelled);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  CHECK(device.ledgerEntry("c")->state == LedgerEntry::State::Cancelled);

  REQUIRE(device.pushBehaviour("timeout") == "");
  auto timed_out = terminal.purchase(request("t"), nullptr, no_cancel);
  CHECK(timed_out.kind == Kind::Unknown);
  CHECK(timed_out.text.find("no answer") != std::string::npos);
  CHECK(device.ledgerEntry("t")->state == LedgerEntry::State::NotCharged);
  CHECK(terminal.recover(request("t")).kind == Kind::Declined);

  REQUIRE(device.pushBehaviour("lost_answer") == "");
  auto lost = terminal.purchase(request("l"), nullptr, no_cancel);
  CHECK(lost.kind == Kind::Unknown);
  auto recovered = terminal.recover(request("l"));
  CHECK(recovered.kind == Kind::Approved);
  CHECK(recovered.transaction.rrn == device.ledgerEntry("l")->transaction.rrn);

  REQUIRE(device.pushBehaviour("disconnect") == "");
  auto dropped = terminal.purchase(request("x"), nullptr, no_cancel);
  CHECK(dropped.kind == Kind::Unknown);
  CHECK(terminal.recover(request("x")).kind == Kind::Declined);
  CHECK(device.ledgerEntry("x")->charges == 0);

  // Never seen: the terminal says nothing was charged.
  auto never = terminal.recover(request("never"));
  CHECK(never.kind == Kind::Declined);
  CHECK(never.code == "NOT_FOUND");
}

TEST_CASE("sim: the same operation reference never charges twice") {
  SimTerminalDevice device;
  SimTerminal terminal(device);
  CancelToken cancel;
  auto first = terminal.purchase(request("op-1"), nullptr, cancel);
  REQUIRE(first.kind == Kind::Approved);
  auto again = terminal.purchase(request("op-1"), nullptr, cancel);
  CHECK(again.kind == Kind::Approved);
  CHECK(again.transaction.rrn == first.transaction.rrn);
  auto recovered = terminal.recover(request("op-1"));
  CHECK(recovered.transaction.rrn == first.transaction.rrn);
  auto e = device.ledgerEntry("op-1");
  CHECK(e->charges == 1);
  CHECK(e->purchase_requests == 2);
  CHECK(e->recover_requests == 1);
  // A declined operation stays declined when repeated; the script is not consumed again.
  REQUIRE(device.pushBehaviour("decline:05") == "");
  CHECK(terminal.purchase(request("op-2"), nullptr, cancel).kind == Kind::Declined);
  CHECK(terminal.purchase(request("op-2"), nullptr, cancel).code == "05");
  CHECK(terminal.purchase(request("op-3"), nullptr, cancel).kind == Kind::Approved);
  CHECK(terminal.nextOperationRef() != terminal.nextOperationRef());
}

TEST_CASE("sim: confirm, reverse and refund follow the ledger") {
  SimTerminalDevice device;
  SimTerminal terminal(device);
  CancelToken cancel;
  auto a = terminal.purchase(request("a"), nullptr, cancel);
  auto b = terminal.purchase(request("b"), nullptr, cancel);

  CHECK(terminal.confirm(request("a"), a).kind == Kind::Approved);
  CHECK(terminal.confirm(request("a"), a).kind == Kind::Approved);  // idempotent
  CHECK(device.ledgerEntry("a")->state == LedgerEntry::State::Confirmed);
  CHECK(terminal.reverse(request("a"), a).kind == Kind::Declined);  // confirmed: refund instead
  CHECK(terminal.refund(request("a"), a).kind == Kind::Approved);
  CHECK(device.ledgerEntry("a")->state == LedgerEntry::State::Refunded);

  CHECK(terminal.reverse(request("b"), b).kind == Kind::Approved);
  CHECK(terminal.reverse(request("b"), b).kind == Kind::Approved);  // idempotent
  CHECK(device.ledgerEntry("b")->state == LedgerEntry::State::Reversed);
  CHECK(terminal.confirm(request("b"), b).kind == Kind::Declined);
  CHECK(terminal.recover(request("b")).kind == Kind::Cancelled);
  CHECK(terminal.refund(request("b"), b).kind == Kind::Declined);

  auto c = terminal.purchase(request("c"), nullptr, cancel);
  PaymentResult wrong_amount = c;
  wrong_amount.amount = Money::kopecks(1);
  CHECK(terminal.confirm(request("c"), wrong_amount).code == "AMOUNT");
  REQUIRE(device.pushConfirmBehaviour("fail") == "");
  REQUIRE(device.pushReverseBehaviour("fail") == "");
  REQUIRE(device.pushReverseBehaviour("disconnect") == "");
  CHECK(terminal.confirm(request("c"), c).kind == Kind::Declined);
  CHECK(terminal.reverse(request("c"), c).kind == Kind::Declined);
  CHECK(terminal.reverse(request("c"), c).kind == Kind::Unknown);
  CHECK(device.ledgerEntry("c")->state == LedgerEntry::State::Approved);
  CHECK(terminal.reverse(request("c"), c).kind == Kind::Approved);
  CHECK(device.ledgerEntry("c")->state == LedgerEntry::State::Reversed);

  auto totals = terminal.reconcile();
  CHECK(totals.kind == ReconcileResult::Kind::Done);
  CHECK(device.reconciliations() == 1);
  CHECK(terminal.status().reachable);
}

TEST_CASE("sim: bad behaviours are refused and change nothing") {
  SimTerminalDevice device;
  CHECK_FALSE(device.pushBehaviour("explode").empty());
  CHECK_FALSE(device.pushBehaviour("delay:abc").empty());
  CHECK_FALSE(device.pushBehaviour("delay:").empty());
  CHECK_FALSE(device.pushBehaviour("delay:-5").empty());
  CHECK_FALSE(device.pushBehaviour("decline:").empty());
  CHECK_FALSE(device.setDefaultBehaviour("maybe").empty());
  CHECK_FALSE(device.pushReverseBehaviour("sometimes").empty());
  SimTerminal terminal(device);
  CancelToken cancel;
  CHECK(terminal.purchase(request("ok"), nullptr, cancel).kind == Kind::Approved);  // default still approve
  CHECK(terminal.purchase(request("zero", 0), nullptr, cancel).kind == Kind::Declined);
}

TEST_CASE("sim over the socket: approve with prompts, ledger read remotely") {
  Remote remote;
  REQUIRE(remote.port > 0);
  Prompts prompts;
  CancelToken cancel;
  auto r = remote.terminal.purchase(request("op-1"), prompts.sink(), cancel);
  REQUIRE(r.kind == Kind::Approved);
  CHECK(prompts.keys() == kApprovedPrompts);
  std::string error;
  auto ledger = remoteLedger("127.0.0.1", remote.port, error);
  REQUIRE(ledger);
  REQUIRE(ledger->size() == 1);
  CHECK((*ledger)[0].op_ref == "op-1");
  CHECK((*ledger)[0].charges == 1);
  CHECK((*ledger)[0].transaction.rrn == r.transaction.rrn);
  CHECK((*ledger)[0].state == LedgerEntry::State::Approved);
  CHECK(remote.terminal.status().reachable);
  CHECK(remote.terminal.reconcile().kind == ReconcileResult::Kind::Done);
}

TEST_CASE("sim over the socket: scripted behaviours, lost answers and no double charge") {
  Remote remote;
  CancelToken cancel;
  REQUIRE(scriptRemoteDevice("127.0.0.1", remote.port,
                             {{"purchase", {"decline:05", "lost_answer", "timeout", "disconnect"}},
                              {"reverse", {"fail"}}}) == "");
  CHECK_FALSE(scriptRemoteDevice("127.0.0.1", remote.port, {{"purchase", {"bogus"}}}).empty());

  auto declined = remote.terminal.purchase(request("d"), nullptr, cancel);
  CHECK(declined.kind == Kind::Declined);
  CHECK(declined.code == "05");

  auto lost = remote.terminal.purchase(request("l"), nullptr, cancel);
  CHECK(lost.kind == Kind::Unknown);
  CHECK(lost.text.find("disconnected") != std::string::npos);
  auto recovered = remote.terminal.recover(request("l"));
  REQUIRE(recovered.kind == Kind::Approved);
  auto repeated = remote.terminal.purchase(request("l"), nullptr, cancel);
  CHECK(repeated.transaction.rrn == recovered.transaction.rrn);
  CHECK(remote.device.ledgerEntry("l")->charges == 1);

  auto t0 = std::chrono::steady_clock::now();
  auto silent = remote.terminal.purchase(request("t"), nullptr, cancel);
  auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(silent.kind == Kind::Unknown);
  CHECK(silent.text.find("no answer") != std::string::npos);
  CHECK(waited >= std::chrono::milliseconds(300));
  CHECK(waited < std::chrono::seconds(3));

  auto dropped = remote.terminal.purchase(request("x"), nullptr, cancel);
  CHECK(dropped.kind == Kind::Unknown);
  CHECK(remote.terminal.recover(request("x")).kind == Kind::Declined);

  auto ok = remote.terminal.purchase(request("ok"), nullptr, cancel);
  CHECK(remote.terminal.reverse(request("ok"), ok).kind == Kind::Declined);  // scripted failure
  CHECK(remote.terminal.reverse(request("ok"), ok).kind == Kind::Approved);
  CHECK(remote.device.ledgerEntry("ok")->state == LedgerEntry::State::Reversed);
}

TEST_CASE("sim over the socket: the guest cancels while allowed") {
  Remote remote;
  REQUIRE(remote.device.pushBehaviour("delay:5000") == "");
  CancelToken cancel;
  Prompts prompts;
  std::thread guest([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel.cancel();
  });
  auto r = remote.terminal.purchase(request("c"), prompts.sink(), cancel);
  guest.join();
  CHECK(r.kind == Kind::Cancelled);
  CHECK(prompts.keys() == std::vector<std::string>{"payment.insert_card"});
  CHECK(remote.device.ledgerEntry("c")->charges == 0);
}

TEST_CASE("sim over the socket: a kiosk that vanishes mid-purchase") {
  SimTerminalDevice device(SimDeviceOptions{"SIM00001", 100, "approve"});
  SimTerminalServer server(device);
  int port = server.start();
  REQUIRE(port > 0);
  auto vanish_after = [&](const std::string& op_ref, const std::string& prompt) {
    std::string error;
    Socket s = connectTcp("127.0.0.1", port, 1000, error);
    REQUIRE(s.valid());
    REQUIRE(writeLine(s.fd(), nlohmann::json{{"op", "purchase"}, {"op_ref", op_ref}, {"external_id", "K1"},
                                             {"amount", 1000}}.dump()));
    LineReader reader(s.fd());
    std::string line;
    while (reader.readLine(line, 2000) == LineReader::Status::Line) {
      if (line.find(prompt) != std::string::npos) break;
    }
    s.close();  // like a SIGKILLed kiosk: the connection just goes away
  };
  // While the guest may still cancel, the device aborts: nothing charged.
  vanish_after("early", "payment.insert_card");
  CHECK(eventually([&] { return device.ledgerEntry("early")->state == LedgerEntry::State::Cancelled; }));
  // Once processing, the device finishes: charged, and recover() will say so.
  vanish_after("late", "payment.processing");
  CHECK(eventually([&] { return device.ledgerEntry("late")->state == LedgerEntry::State::Approved; }));
  CHECK(device.ledgerEntry("late")->charges == 1);
  CHECK(device.recover("late").kind == Kind::Approved);
}

TEST_CASE("sim over the socket: no device, malformed requests") {
  int port = 0;
  std::string error;
  {
    Socket probe = listenTcp("127.0.0.1", port, error);  // a port that is then closed again
  }
  SimTerminal nobody("127.0.0.1", port, SimTerminalOptions{300, 300});
  CancelToken cancel;
  auto r = nobody.purchase(request("op"), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.code == "NOT_CONNECTED");
  CHECK(nobody.recover(request("op")).kind == Kind::Unknown);
  CHECK_FALSE(nobody.status().reachable);
  CHECK(nobody.reconcile().kind == ReconcileResult::Kind::Failed);

  Remote remote;
  for (const std::string& bad : {std::string("not json"), std::string(R"({"op":42})"), std::string(R"({"op":"fly"})"),
                                 std::string(R"({"op":"purchase","amount":"lots"})")}) {
    Socket s = connectTcp("127.0.0.1", remote.port, 1000, error);
    REQUIRE(s.valid());
    REQUIRE(writeLine(s.fd(), bad));
    LineReader reader(s.fd());
    std::string line;
    REQUIRE(reader.readLine(line, 2000) == LineReader::Status::Line);
    INFO(bad << " → " << line);
    CHECK(line.find("\"error\"") != std::string::npos);
  }
  CHECK(remote.device.ledger().empty());
  // The server still serves after all that.
  CHECK(remote.terminal.purchase(request("fine"), nullptr, cancel).kind == Kind::Approved);
}
