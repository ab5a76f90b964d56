// The settlement rules, one test per rule, with the sim terminal (in-process) and the in-memory order store.
// Every test ends with the money invariants (money_invariants.h).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <ctime>
#include <thread>
#include <memory>

#include "payment/journal/journal.h"
#include "payment/settlement.h"
#include "payment/sim/sim_device.h"
#include "payment/sim/sim_terminal.h"
#include "tests/payment/fake_order_book.h"
#include "tests/payment/journal_records.h"
#include "tests/payment/money_invariants.h"
#include "tests/payment/test_support.h"
#include "tests/payment/wrapped_terminal.h"

using namespace payment;
using namespace payment::testing;
using journal::EntryState;
using journal::RecordType;
using kiosk::Money;
using namespace std::chrono_literals;

namespace {

SettlementConfig fastConfig() {
  SettlementConfig c;
  c.currency_id = "7";
  c.lookup_window = 300ms;
  c.recovery_lookup_window = 150ms;
  c.lookup_backoff_first = 10ms;
  c.lookup_backoff_max = 40ms;
  c.retry_backoff_first = 1ms;
  c.retry_backoff_max = 2ms;
  c.post_settle_time = 30ms;
  return c;
}

journal::JournalOptions journalOptions(const TempDir& dir) {
  journal::JournalOptions o;
  o.dir = dir.path();
  return o;
}

// A settlement over a journal in a temp dir, the simulated terminal and an order book behind `Gateway`, which is
// built from the book and `gateway_args`. The settlement is the last member: stopped before the rest goes.
template <class Gateway>
struct BasicRig {
  TempDir dir;
  journal::Journal journal{journalOptions(dir)};
  sim::SimTerminalDevice device;
  sim::SimTerminal sim{device, sim::SimTerminalOptions{100, 500}};
  WrappedTerminal terminal{sim};
  FakeOrderBook book;
  Gateway gateway;
  EventLog events;
  std::unique_ptr<Settlement> settlement;

  template <class... GatewayArgs>
  explicit BasicRig(const SettlementConfig& config, GatewayArgs&&... gateway_args)
      : gateway(book, std::forward<GatewayArgs>(gateway_args)...) {
    settlement = std::make_unique<Settlement>(journal, terminal, gateway, config,
                                              [this](const SettlementUpdate& u) { events.push(u); });
  }

  void pay(const std::string& id, int64_t kopecks = 38900) {
    REQUIRE(settlement->pay({sampleDraft(id), Money::kopecks(kopecks)}) == "");
  }
  // Waits until the live payment has sent its last event and the worker is idle.
  void settle() {
    REQUIRE(eventually([&] { return !settlement->busy(); }));
    REQUIRE(settlement->worker().waitIdle(10s));
  }
  EntryState state(const std::string& id) { return journal.entry(id)->state; }
  std::vector<RecordType> history(const std::string& id) { return journal.entry(id)->history; }
  void checkMoney() {
    auto violations = moneyViolations(device.ledger(), book.orders(), &journal);
    INFO("violations: " << violations.size() << (violations.empty() ? "" : " — " + violations[0]));
    CHECK(violations.empty());
  }
  sim::LedgerEntry ledgerFor(const std::string& id) {
    for (const auto& e : device.ledger()) {
      if (e.external_id == id) return e;
    }
    FAIL("no ledger entry for " << id);
    return {};
  }
};

struct Rig : BasicRig<InMemoryGateway> {
  explicit Rig(const SettlementConfig& config = fastConfig()) : BasicRig(config) {}
};

using R = RecordType;

}  // namespace

TEST_CASE("settlement: approved → posted with the payment → confirmed → closed") {
  Rig rig;
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.events.joined() == "Progress,Approved,OrderPosted");
  auto progress = rig.events.all<settle::Progress>();
  REQUIRE(progress.size() == 4);
  CHECK(progress[0].message_key == "payment.insert_card");
  CHECK(progress[0].cancellable);
  auto approved = rig.events.all<settle::Approved>().at(0);
  CHECK(approved.amount == Money::kopecks(38900));
  auto posted = rig.events.all<settle::OrderPosted>().at(0);
  CHECK(posted.order.number == "101");

  CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Approved, R::Posting, R::Posted, R::Confirmed, R::Closed});
  auto entry = rig.journal.entry("K1-1");
  CHECK(entry->cart_digest == Settlement::cartDigest(sampleDraft("K1-1")));
  CHECK(entry->driver == "sim");
  auto orders = rig.book.ordersFor("K1-1");
  REQUIRE(orders.size() == 1);
  CHECK(orders[0].draft == sampleDraft("K1-1"));
  REQUIRE(orders[0].payments.size() == 1);
  CHECK(orders[0].payments[0].currency_id == "7");
  CHECK(orders[0].payments[0].amount == Money::kopecks(38900));
  CHECK(orders[0].payments[0].transaction.rrn == approved.transaction.rrn);
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Confirmed);
  rig.checkMoney();
}

TEST_CASE("settlement: declined and cancelled end the entry without an order") {
  Rig rig;
  REQUIRE(rig.device.pushBehaviour("decline:51") == "");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::Declined>());
  rig.settle();
  CHECK(rig.events.all<settle::Declined>()[0].code == "51");
  CHECK(rig.state("K1-1") == EntryState::Declined);

  REQUIRE(rig.device.pushBehaviour("delay:10000") == "");
  rig.pay("K1-2");
  REQUIRE(rig.events.waitUntil([](const auto& all) { return all.size() > 1 && std::holds_alternative<settle::Progress>(all.back().event); }, 5s));
  rig.settlement->cancel();
  REQUIRE(rig.events.waitFor<settle::Cancelled>());
  rig.settle();
  CHECK(rig.state("K1-2") == EntryState::Cancelled);
  CHECK(rig.book.postCalls() == 0);
  CHECK(rig.journal.openEntries().empty());
  rig.checkMoney();
}

TEST_CASE("settlement: refusals before anything happens") {
  Rig rig;
  CHECK(rig.settlement->pay({sampleDraft(""), Money::kopecks(100)}).find("external_id") != std::string::npos);
  CHECK(rig.settlement->pay({sampleDraft("K1-1"), Money::kopecks(0)}).find("positive") != std::string::npos);
  REQUIRE(rig.device.pushBehaviour("delay:300") == "");
  rig.pay("K1-1");
  CHECK(rig.settlement->pay({sampleDraft("K1-2"), Money::kopecks(100)}).find("busy") != std::string::npos);
  rig.settle();
  CHECK(rig.settlement->pay({sampleDraft("K1-1"), Money::kopecks(100)}).find("already") != std::string::npos);
  CHECK(rig.device.ledger().size() == 1);

  TempDir dir;
  ::mkdir(dir.file("payments.journal").c_str(), 0755);  // a journal that cannot be written
  journal::Journal broken(journalOptions(dir));
  Settlement refusing(broken, rig.terminal, rig.gateway, fastConfig(), nullptr);
  CHECK(refusing.pay({sampleDraft("K1-9"), Money::kopecks(100)}).find("payments refused") == 0);
  CHECK(rig.device.ledger().size() == 1);  // the terminal was never asked
}

TEST_CASE("settlement: an answer lost but approved is recovered at once and the order goes through") {
  Rig rig;
  REQUIRE(rig.device.pushBehaviour("lost_answer") == "");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Unknown, R::Approved, R::Posting, R::Posted, R::Confirmed,
                                              R::Closed});
  CHECK(rig.ledgerFor("K1-1").charges == 1);
  rig.checkMoney();
}

TEST_CASE("settlement: a dropped terminal that charged nothing is reported as not charged") {
  Rig rig;
  REQUIRE(rig.device.pushBehaviour("disconnect") == "");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::Declined>());
  rig.settle();
  CHECK(rig.events.all<settle::Declined>()[0].code == "NOT_CHARGED");
  CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Unknown, R::Declined});
  rig.checkMoney();
}

TEST_CASE("settlement: still unknown → the guest is told 'not paid'; a later approval is reversed") {
  Rig rig;
  REQUIRE(rig.device.pushBehaviour("lost_answer") == "");
  rig.terminal.recover_unknown = 2;  // right away, and at the first background pass
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::Failed>());
  rig.settle();
  CHECK(rig.events.all<settle::Failed>()[0].message_key == "payment.unknown_outcome");
  CHECK(rig.events.all<settle::Approved>().empty());
  auto entry = rig.journal.entry("K1-1");
  CHECK(entry->state == EntryState::Unknown);
  CHECK(entry->abandoned);
  CHECK(entry->needsStaff());
  CHECK(rig.journal.openEntries().size() == 1);
  rig.checkMoney();  // charged, open in the journal

  rig.settlement->retryOpen();  // the terminal still cannot tell
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.state("K1-1") == EntryState::Unknown);
  std::this_thread::sleep_for(5ms);
  rig.settlement->retryOpen();  // now it can: approved, and the guest is gone → reversed
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Unknown, R::Abandoned, R::Approved, R::ReversalRequested,
                                              R::Reversed, R::Closed});
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Reversed);
  CHECK(rig.book.postCalls() == 0);
  rig.checkMoney();
}

TEST_CASE("settlement: postorder refused → reversed automatically") {
  Rig rig;
  rig.book.pushPost("refuse");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
  rig.settle();
  auto failed = rig.events.all<settle::OrderPostFailed>()[0];
  CHECK(failed.reversed);
  CHECK(failed.amount == Money::kopecks(38900));
  CHECK(failed.message_key == "payment.reversed");
  CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Approved, R::Posting, R::PostFailed, R::ReversalRequested,
                                              R::Reversed, R::Closed});
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Reversed);
  CHECK(rig.book.orders().empty());
  rig.checkMoney();
}

TEST_CASE("settlement: post unknown but created → found by lookup, not posted twice") {
  Rig rig;
  rig.book.pushPost("unknown_created");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.book.postCalls() == 1);
  CHECK(rig.book.lookupCalls() == 1);
  CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Approved, R::Posting, R::PostFailed, R::Posted,
                                              R::Confirmed, R::Closed});
  rig.checkMoney();
}

TEST_CASE("settlement: post unknown and not created → posted once more with the same external_id") {
  Rig rig;
  rig.book.pushPost("unknown_not_created");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.book.postCalls() == 2);
  CHECK(rig.book.ordersFor("K1-1").size() == 1);
  CHECK(rig.journal.entry("K1-1")->post_attempts == 2);
  rig.checkMoney();
}

TEST_CASE("settlement: second post unknown and still absent, or refused → reversed") {
  SECTION("absent after the second post") {
    Rig rig;
    rig.book.pushPost("unknown_not_created");
    rig.book.pushPost("unknown_not_created");
    rig.pay("K1-1");
    REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
    rig.settle();
    CHECK(rig.events.all<settle::OrderPostFailed>()[0].reversed);
    CHECK(rig.book.postCalls() == 2);
    CHECK(rig.history("K1-1") == std::vector<R>{R::Intent, R::Approved, R::Posting, R::PostFailed, R::Posting,
                                                R::PostFailed, R::ReversalRequested, R::Reversed, R::Closed});
    rig.checkMoney();
  }
  SECTION("refused on the second post") {
    Rig rig;
    rig.book.pushPost("unknown_not_created");
    rig.book.pushPost("refuse");
    rig.pay("K1-1");
    REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
    rig.settle();
    CHECK(rig.events.all<settle::OrderPostFailed>()[0].reversed);
    CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Reversed);
    rig.checkMoney();
  }
}

TEST_CASE("settlement: ProCart unreachable → never reversed while the order may exist; background finds it") {
  Rig rig;
  rig.book.pushPost("unknown_created");
  rig.book.setLookupDefault("unknown");
  auto t0 = std::chrono::steady_clock::now();
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
  rig.settle();
  CHECK(std::chrono::steady_clock::now() - t0 >= 300ms);  // looked up for the whole window
  auto failed = rig.events.all<settle::OrderPostFailed>()[0];
  CHECK_FALSE(failed.reversed);
  CHECK(failed.message_key == "payment.order_pending");
  CHECK(rig.book.lookupCalls() > 3);
  CHECK(rig.state("K1-1") == EntryState::PostFailed);
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Approved);  // not reversed
  CHECK(rig.journal.entry("K1-1")->needsStaff());
  rig.checkMoney();

  rig.book.setLookupDefault("normal");
  std::this_thread::sleep_for(5ms);
  rig.settlement->retryOpen();
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.state("K1-1") == EntryState::Closed);
  CHECK(rig.book.postCalls() == 1);
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Confirmed);
  rig.checkMoney();
}

TEST_CASE("settlement: a failed reversal stays open, visible to staff, and is retried") {
  Rig rig;
  rig.book.pushPost("refuse");
  REQUIRE(rig.device.pushReverseBehaviour("fail") == "");
  REQUIRE(rig.device.pushReverseBehaviour("disconnect") == "");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
  rig.settle();
  auto failed = rig.events.all<settle::OrderPostFailed>()[0];
  CHECK_FALSE(failed.reversed);
  CHECK(failed.message_key == "payment.reversal_pending");
  auto entry = rig.journal.entry("K1-1");
  CHECK(entry->state == EntryState::ReversalFailed);
  CHECK(entry->needsStaff());
  CHECK(entry->outcomeText().find("reversal failed") == 0);
  rig.checkMoney();

  std::this_thread::sleep_for(5ms);
  rig.settlement->retryOpen();  // fails again (disconnect)
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.journal.entry("K1-1")->reversal_failures == 2);
  std::this_thread::sleep_for(5ms);
  rig.settlement->retryOpen();
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.state("K1-1") == EntryState::Closed);
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Reversed);
  rig.checkMoney();
}

TEST_CASE("settlement: a failed confirmation still gives the guest the order, and is retried") {
  Rig rig;
  REQUIRE(rig.device.pushConfirmBehaviour("fail") == "");
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.state("K1-1") == EntryState::Posted);
  rig.checkMoney();  // order exists, charge open in the journal
  std::this_thread::sleep_for(5ms);
  rig.settlement->retryOpen();
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.state("K1-1") == EntryState::Closed);
  CHECK(rig.ledgerFor("K1-1").state == sim::LedgerEntry::State::Confirmed);
  rig.checkMoney();
}

TEST_CASE("settlement: an approval for another amount is reversed, not posted") {
  Rig rig;
  rig.terminal.approve_amount = Money::kopecks(100);
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
  rig.settle();
  CHECK(rig.events.all<settle::OrderPostFailed>()[0].reversed);
  CHECK(rig.book.postCalls() == 0);
  CHECK(rig.journal.entry("K1-1")->last_error.find("instead of 389.00") != std::string::npos);
}

// ---- recovery at start: journals left by a crash at each state ----------------------------------------

namespace {

// Puts a charge for `id` on the device as a crashed kiosk would have left it.
std::string chargeOnDevice(Rig& rig, const std::string& id, const std::string& op_ref) {
  auto r = rig.device.purchase({Money::kopecks(38900), id, op_ref}, nullptr, [] { return false; });
  REQUIRE(r.result.approved());
  return r.result.transaction.rrn;
}

journal::JournalRecord approvedFromDevice(Rig& rig, const std::string& id, const std::string& op_ref) {
  auto rec = journal::makeRecord(R::Approved, id);
  auto answer = rig.device.recover(op_ref);
  rec.amount = answer.amount;
  rec.transaction = answer.transaction;
  return rec;
}

}  // namespace

TEST_CASE("recovery: every open state is driven to a final one") {
  Rig rig;
  auto& j = rig.journal;
  // A: intent, the terminal charged, the kiosk died before hearing it → posted once (guest gone: our choice).
  REQUIRE(j.append(intentRecord("A", 38900, "sim", "op-A")) == "");
  chargeOnDevice(rig, "A", "op-A");
  // B: intent, the terminal never saw it → declined (nothing charged).
  REQUIRE(j.append(intentRecord("B", 38900, "sim", "op-B")) == "");
  // C: unknown and abandoned, the terminal did charge → reversed.
  REQUIRE(j.append(intentRecord("C", 38900, "sim", "op-C")) == "");
  chargeOnDevice(rig, "C", "op-C");
  REQUIRE(j.append(simple(R::Unknown, "C")) == "");
  REQUIRE(j.append(simple(R::Abandoned, "C")) == "");
  // D: approved, the order already exists (restored journal) → found, confirmed, not posted again.
  REQUIRE(j.append(intentRecord("D", 38900, "sim", "op-D")) == "");
  chargeOnDevice(rig, "D", "op-D");
  REQUIRE(j.append(approvedFromDevice(rig, "D", "op-D")) == "");
  rig.book.post(sampleDraft("D"), {{"7", Money::kopecks(38900), approvedFromDevice(rig, "D", "op-D").transaction}});
  // E: posting (attempt 1) interrupted, order absent → posted again.
  REQUIRE(j.append(intentRecord("E", 38900, "sim", "op-E")) == "");
  chargeOnDevice(rig, "E", "op-E");
  REQUIRE(j.append(approvedFromDevice(rig, "E", "op-E")) == "");
  REQUIRE(j.append(postingRecord("E", 1)) == "");
  // F: posting (attempt 2) interrupted, order absent → reversed.
  REQUIRE(j.append(intentRecord("F", 38900, "sim", "op-F")) == "");
  chargeOnDevice(rig, "F", "op-F");
  REQUIRE(j.append(approvedFromDevice(rig, "F", "op-F")) == "");
  REQUIRE(j.append(postingRecord("F", 1)) == "");
  REQUIRE(j.append(postFailedRecord("F", false)) == "");
  REQUIRE(j.append(postingRecord("F", 2)) == "");
  // G: refused, reversal not done yet → reversed.
  REQUIRE(j.append(intentRecord("G", 38900, "sim", "op-G")) == "");
  chargeOnDevice(rig, "G", "op-G");
  REQUIRE(j.append(approvedFromDevice(rig, "G", "op-G")) == "");
  REQUIRE(j.append(postingRecord("G", 1)) == "");
  REQUIRE(j.append(postFailedRecord("G", true)) == "");
  // H: posted, not confirmed → confirmed.
  REQUIRE(j.append(intentRecord("H", 38900, "sim", "op-H")) == "");
  chargeOnDevice(rig, "H", "op-H");
  REQUIRE(j.append(approvedFromDevice(rig, "H", "op-H")) == "");
  REQUIRE(j.append(postingRecord("H", 1)) == "");
  auto outcome = rig.book.post(sampleDraft("H"), {{"7", Money::kopecks(38900), approvedFromDevice(rig, "H", "op-H").transaction}});
  auto posted = postedRecord("H");
  posted.guid = outcome.order.guid;
  REQUIRE(j.append(posted) == "");
  // I: a failed reversal → retried.
  REQUIRE(j.append(intentRecord("I", 38900, "sim", "op-I")) == "");
  chargeOnDevice(rig, "I", "op-I");
  REQUIRE(j.append(approvedFromDevice(rig, "I", "op-I")) == "");
  REQUIRE(j.append(simple(R::ReversalRequested, "I")) == "");
  REQUIRE(j.append(simple(R::ReversalFailed, "I")) == "");
  // J: confirmed, not closed → closed.
  REQUIRE(j.append(intentRecord("J", 38900, "sim", "op-J")) == "");
  chargeOnDevice(rig, "J", "op-J");
  REQUIRE(j.append(approvedFromDevice(rig, "J", "op-J")) == "");
  REQUIRE(j.append(postingRecord("J", 1)) == "");
  outcome = rig.book.post(sampleDraft("J"), {{"7", Money::kopecks(38900), approvedFromDevice(rig, "J", "op-J").transaction}});
  REQUIRE(j.append(postedRecord("J")) == "");
  rig.device.confirm("op-J", Money::kopecks(38900));
  REQUIRE(j.append(simple(R::Confirmed, "J")) == "");
  // K: from another driver → left open for staff.
  REQUIRE(j.append(intentRecord("K", 38900, "vtk", "17")) == "");

  RecoveryReport report = rig.settlement->recoverAll();
  CHECK(report.examined == 11);
  CHECK(report.settled == 10);
  CHECK(report.still_open == 1);
  CHECK(report.lines.size() == 11);

  using S = sim::LedgerEntry::State;
  CHECK(rig.state("A") == EntryState::Closed);
  CHECK(rig.ledgerFor("A").state == S::Confirmed);
  CHECK(rig.state("B") == EntryState::Declined);
  CHECK(rig.state("C") == EntryState::Closed);
  CHECK(rig.ledgerFor("C").state == S::Reversed);
  CHECK(rig.state("D") == EntryState::Closed);
  CHECK(rig.book.ordersFor("D").size() == 1);
  CHECK(rig.state("E") == EntryState::Closed);
  CHECK(rig.journal.entry("E")->post_attempts == 2);
  CHECK(rig.ledgerFor("E").state == S::Confirmed);
  CHECK(rig.state("F") == EntryState::Closed);
  CHECK(rig.ledgerFor("F").state == S::Reversed);
  CHECK(rig.state("G") == EntryState::Closed);
  CHECK(rig.ledgerFor("G").state == S::Reversed);
  CHECK(rig.ledgerFor("H").state == S::Confirmed);
  CHECK(rig.state("H") == EntryState::Closed);
  CHECK(rig.ledgerFor("I").state == S::Reversed);
  CHECK(rig.state("J") == EntryState::Closed);
  CHECK(rig.state("K") == EntryState::Intent);
  CHECK(report.lines.back().find("'vtk'") != std::string::npos);
  CHECK(rig.events.names().empty());  // recovery tells no guest anything
  rig.checkMoney();
}

TEST_CASE("recovery: ProCart unreachable at start leaves entries open, the background finishes them") {
  Rig rig;
  REQUIRE(rig.journal.append(intentRecord("A", 38900, "sim", "op-A")) == "");
  chargeOnDevice(rig, "A", "op-A");
  REQUIRE(rig.journal.append(approvedFromDevice(rig, "A", "op-A")) == "");
  REQUIRE(rig.journal.append(postingRecord("A", 1)) == "");
  rig.book.setLookupDefault("unknown");
  auto t0 = std::chrono::steady_clock::now();
  RecoveryReport report = rig.settlement->recoverAll();
  auto took = std::chrono::steady_clock::now() - t0;
  CHECK(report.still_open == 1);
  CHECK(took >= 150ms);  // the recovery window, not the live one
  CHECK(took < 2s);
  CHECK(rig.state("A") == EntryState::Posting);
  CHECK(rig.ledgerFor("A").state == sim::LedgerEntry::State::Approved);
  rig.checkMoney();

  rig.book.setLookupDefault("normal");
  std::this_thread::sleep_for(5ms);
  rig.settlement->retryOpen();
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.state("A") == EntryState::Closed);
  CHECK(rig.ledgerFor("A").state == sim::LedgerEntry::State::Confirmed);
  rig.checkMoney();
}

TEST_CASE("settlement: a live payment runs while the background retries another entry") {
  Rig rig;
  REQUIRE(rig.journal.append(intentRecord("old", 38900, "sim", "op-old")) == "");
  chargeOnDevice(rig, "old", "op-old");
  rig.settlement->retryOpen();
  rig.pay("new");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.state("old") == EntryState::Closed);
  CHECK(rig.state("new") == EntryState::Closed);
  rig.checkMoney();
}

// ---- A /postorder that gets no answer may still be running at ProCart (found by the fault-injection soak) ----

namespace {

// ProCart that takes its time: the kiosk's first /postorder gets no answer (its timeout, or a dropped connection)
// while ProCart creates the order `late` afterwards (never, when `late` is negative). Later posts are answered;
// with `first_unanswered` false, every post is.
class LateProcart : public OrderGateway {
 public:
  LateProcart(FakeOrderBook& book, std::chrono::milliseconds late, bool first_unanswered = true)
      : book_(book), late_(late), first_unanswered_(first_unanswered) {}
  ~LateProcart() override {
    for (auto& t : threads_) t.join();
  }
  PostOutcome postOrder(const kiosk::OrderDraft& draft, const std::vector<kiosk::OrderPayment>& payments) override {
    if (++posts_ > 1 || !first_unanswered_) return book_.post(draft, payments);
    if (late_ >= 0ms) {
      threads_.emplace_back([this, draft, payments] {
        std::this_thread::sleep_for(late_);
        book_.post(draft, payments);
      });
    }
    PostOutcome out;
    out.kind = PostOutcome::Kind::Unknown;
    out.reason = "no answer within the timeout";
    out.maybe_in_flight = true;
    return out;
  }
  LookupOutcome findByExternalId(const std::string& external_id) override {
    if (!listed_) {  // the POS closed every order: GET /getorders lists none
      book_.lookup(external_id);
      LookupOutcome out;
      out.kind = LookupOutcome::Kind::Absent;
      return out;
    }
    return book_.lookup(external_id);
  }
  LookupOutcome findByGuid(const std::string& guid) override {  // POST /getorders: closed orders too
    LookupOutcome out;
    out.kind = LookupOutcome::Kind::Absent;
    for (const auto& order : book_.orders()) {
      if (order.guid != guid) continue;
      out.kind = LookupOutcome::Kind::Found;
      out.order.guid = order.guid;
      out.order.number = order.number;
      out.order.external_id = order.external_id;
    }
    return out;
  }
  void setListed(bool listed) { listed_ = listed; }
  int posts() const { return posts_; }

 private:
  FakeOrderBook& book_;
  std::chrono::milliseconds late_;
  bool first_unanswered_;
  std::atomic<int> posts_{0};
  std::atomic<bool> listed_{true};
  std::vector<std::thread> threads_;
};

SettlementConfig lateConfig(std::chrono::milliseconds settle_time, std::chrono::milliseconds orders_listed_for) {
  SettlementConfig config = fastConfig();
  config.post_settle_time = settle_time;
  config.orders_listed_for = orders_listed_for;
  config.lookup_window = 2s;
  return config;
}

// A rig whose ProCart creates the order `late` after the kiosk gave up on its post (LateProcart).
struct LateRig : BasicRig<LateProcart> {
  LateProcart& procart = gateway;

  LateRig(std::chrono::milliseconds late, std::chrono::milliseconds settle_time, bool first_unanswered = true,
          std::chrono::milliseconds orders_listed_for = 8s)
      : BasicRig(lateConfig(settle_time, orders_listed_for), late, first_unanswered) {}
};

}  // namespace

TEST_CASE("settlement: a post with no answer that ProCart completes later is found, not posted a second time") {
  LateRig rig(150ms, 600ms);  // the order appears 150 ms after the kiosk gave up on its post
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  rig.settle();
  CHECK(rig.procart.posts() == 1);
  CHECK(rig.book.ordersFor("K1-1").size() == 1);
  CHECK(rig.journal.entry("K1-1")->history == std::vector<R>{R::Intent, R::Approved, R::Posting, R::PostFailed,
                                                             R::Posted, R::Confirmed, R::Closed});
  rig.checkMoney();
}

TEST_CASE("settlement: a post with no answer that never lands is posted once more after the settle time") {
  LateRig rig(-1ms, 200ms);
  auto t0 = std::chrono::steady_clock::now();
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPosted>());
  CHECK(std::chrono::steady_clock::now() - t0 >= 200ms);  // "absent" was not trusted before the settle time
  rig.settle();
  CHECK(rig.procart.posts() == 2);
  CHECK(rig.book.ordersFor("K1-1").size() == 1);
  CHECK(rig.journal.entry("K1-1")->post_attempts == 2);
  rig.checkMoney();
}

TEST_CASE("recovery: after a crash during /postorder the post may still land; it is waited for, not repeated") {
  LateRig rig(-1ms, 600ms);
  auto& j = rig.journal;
  REQUIRE(j.append(intentRecord("A", 38900, "sim", "op-A")) == "");
  auto charged = rig.device.purchase({Money::kopecks(38900), "A", "op-A"}, nullptr, [] { return false; });
  REQUIRE(charged.result.approved());
  auto approved = journal::makeRecord(R::Approved, "A");
  approved.amount = charged.result.amount;
  approved.transaction = charged.result.transaction;
  REQUIRE(j.append(approved) == "");
  REQUIRE(j.append(postingRecord("A", 1)) == "");
  // The dead kiosk's /postorder is still being worked on by ProCart: it creates the order 200 ms from now.
  std::thread late_post([&] {
    std::this_thread::sleep_for(200ms);
    rig.book.post(sampleDraft("A"), {{"7", Money::kopecks(38900), approved.transaction}});
  });
  RecoveryReport report = rig.settlement->recoverAll();
  late_post.join();
  CHECK(report.settled == 1);
  CHECK(rig.procart.posts() == 0);  // found, never posted again
  CHECK(rig.book.ordersFor("A").size() == 1);
  CHECK(j.entry("A")->state == EntryState::Closed);
  rig.checkMoney();
}

namespace {

// A kiosk that died during /postorder `seconds_ago` (by the journal's clock): intent, approval, posting — no answer.
void journalCrashedPost(LateRig& rig, const std::string& id, int seconds_ago) {
  auto& j = rig.journal;
  REQUIRE(j.append(intentRecord(id, 38900, "sim", "op-" + id)) == "");
  auto charged = rig.device.purchase({Money::kopecks(38900), id, "op-" + id}, nullptr, [] { return false; });
  REQUIRE(charged.result.approved());
  auto approved = journal::makeRecord(R::Approved, id);
  approved.amount = charged.result.amount;
  approved.transaction = charged.result.transaction;
  REQUIRE(j.append(approved) == "");
  auto posting = postingRecord(id, 1);
  std::time_t then = std::time(nullptr) - seconds_ago;
  std::tm tm{};
  localtime_r(&then, &tm);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%S", &tm);
  posting.at = at;
  REQUIRE(j.append(posting) == "");
}

}  // namespace

TEST_CASE("recovery: a crashed post older than the POS keeps orders listed is neither posted again nor reversed") {
  // GET /getorders lists open orders only: 10 s after the post, the order may exist and be closed already.
  LateRig rig(-1ms, 300ms, false);
  journalCrashedPost(rig, "A", 10);
  RecoveryReport report = rig.settlement->recoverAll();
  CHECK(report.still_open == 1);
  CHECK(rig.procart.posts() == 0);
  CHECK(rig.settlement->awaitingStaff() == std::vector<std::string>{"A"});
  auto entry = rig.journal.entry("A");
  CHECK(entry->state == EntryState::PostFailed);
  CHECK_FALSE(entry->post_refused);
  CHECK(entry->needsStaff());
  CHECK(rig.device.ledger().at(0).state == sim::LedgerEntry::State::Approved);  // held: neither confirmed nor reversed
  CHECK(rig.settlement->staffFinding("B", StaffFinding::OrderInPos) == "B is not waiting for staff");

  SECTION("staff find the order in the POS: the payment is confirmed, nothing is posted") {
    REQUIRE(rig.settlement->staffFinding("A", StaffFinding::OrderInPos) == "");
    REQUIRE(eventually([&] { return rig.journal.entry("A")->state == EntryState::Closed; }));
    rig.book.post(sampleDraft("A"), {{"7", Money::kopecks(38900), entry->transaction}});  // what staff saw
    CHECK(rig.procart.posts() == 0);
    CHECK(rig.journal.entry("A")->was_confirmed);
    CHECK(rig.journal.entry("A")->decided_by_staff);
    CHECK(rig.journal.entry("A")->outcomeText() == "paid, order found in the POS by staff");
    CHECK(rig.settlement->awaitingStaff().empty());
    rig.checkMoney();
  }
  SECTION("staff do not find it: the payment is reversed") {
    REQUIRE(rig.settlement->staffFinding("A", StaffFinding::OrderNotInPos) == "");
    REQUIRE(eventually([&] { return rig.journal.entry("A")->state == EntryState::Closed; }));
    CHECK(rig.procart.posts() == 0);
    CHECK(rig.journal.entry("A")->was_reversed);
    CHECK(rig.journal.entry("A")->decided_by_staff);
    CHECK(rig.book.ordersFor("A").empty());
    rig.checkMoney();
  }
}

TEST_CASE("recovery: a crashed post still inside the listing time is settled from the restart, not from the post") {
  // Posted 2 s ago; the dead kiosk's request ended before this start at the latest, so "absent" is certain
  // post_settle_time after the start — not after the post's full HTTP timeout (10 s, past the listing time).
  LateRig rig(-1ms, 300ms, false);
  journalCrashedPost(rig, "A", 2);
  auto t0 = std::chrono::steady_clock::now();
  RecoveryReport report = rig.settlement->recoverAll();
  CHECK(std::chrono::steady_clock::now() - t0 < 3s);
  CHECK(report.settled == 1);
  CHECK(rig.procart.posts() == 1);  // the lookup certainly found nothing: posted once more
  CHECK(rig.book.ordersFor("A").size() == 1);
  CHECK(rig.settlement->awaitingStaff().empty());
  rig.checkMoney();
}

TEST_CASE("settlement: a live post with no answer whose lookups come too late waits for staff") {
  // The settle time is longer than the POS lists orders: no lookup can prove the order absent.
  LateRig rig(-1ms, 400ms, true, 200ms);
  rig.pay("K1-1");
  REQUIRE(rig.events.waitFor<settle::OrderPostFailed>());
  CHECK(rig.events.all<settle::OrderPostFailed>().at(0).message_key == "payment.order_pending");
  REQUIRE(eventually([&] { return !rig.settlement->busy(); }));
  CHECK(rig.procart.posts() == 1);
  CHECK(rig.settlement->awaitingStaff() == std::vector<std::string>{"K1-1"});
  CHECK(rig.journal.entry("K1-1")->state == EntryState::PostFailed);
}

TEST_CASE("recovery: ProCart's callback naming the order settles a payment that waits for staff, by guid") {
  LateRig rig(-1ms, 300ms, false);
  journalCrashedPost(rig, "A", 10);
  // The dead kiosk's post did create the order; the POS has closed it since.
  auto tx = rig.journal.entry("A")->transaction;
  auto created = rig.book.post(sampleDraft("A"), {{"7", Money::kopecks(38900), tx}});
  REQUIRE(created.kind == PostOutcome::Kind::Posted);
  rig.procart.setListed(false);
  rig.settlement->recoverAll();
  REQUIRE(rig.settlement->awaitingStaff() == std::vector<std::string>{"A"});

  CHECK_FALSE(rig.settlement->orderSeen("B", created.order.guid));  // not a journal entry
  auto other = rig.book.post(sampleDraft("Z"), {});                  // another kiosk's order
  CHECK(rig.settlement->orderSeen("A", other.order.guid));           // accepted, then not confirmed by guid
  REQUIRE(rig.settlement->worker().waitIdle(10s));
  CHECK(rig.journal.entry("A")->state == EntryState::PostFailed);

  CHECK(rig.settlement->orderSeen("A", created.order.guid));
  REQUIRE(eventually([&] { return rig.journal.entry("A")->state == EntryState::Closed; }));
  auto entry = rig.journal.entry("A");
  CHECK(entry->was_confirmed);
  CHECK(entry->order_guid == created.order.guid);
  CHECK(rig.procart.posts() == 0);
  CHECK(rig.settlement->awaitingStaff().empty());
  CHECK_FALSE(rig.settlement->orderSeen("A", created.order.guid));  // closed: nothing more to do
}
