// One damaged journal record must cost at most itself: every record after the intent carries what recovery needs
// (amount, operation, and once approved the charge), so a payment whose intent was damaged is still settled — the
// card is returned when its order cannot be rebuilt — and staff see the damage. Reproduces the finding: a byte
// flipped inside the intent of an approved payment left the card charged, with no order and no reversal.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "payment/journal/journal.h"
#include "payment/settlement.h"
#include "payment/sim/sim_device.h"
#include "payment/sim/sim_terminal.h"
#include "tests/payment/fake_order_book.h"
#include "tests/payment/journal_records.h"
#include "tests/payment/money_invariants.h"
#include "tests/payment/test_support.h"

using namespace payment;
using namespace payment::testing;
using journal::EntryState;
using journal::RecordType;
using kiosk::Money;
using namespace std::chrono_literals;

namespace {

journal::JournalOptions optionsFor(const TempDir& dir) {
  journal::JournalOptions o;
  o.dir = dir.path();
  return o;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

// Flips one byte inside the payload of the n-th record (1-based) of the journal file.
void damageRecord(const std::string& path, int n) {
  std::string data = readFile(path);
  size_t start = 0;
  for (int i = 1; i < n; ++i) start = data.find('\n', start) + 1;
  const size_t target = start + journal::kFrameHeaderSize + 10;  // inside the JSON payload
  REQUIRE(target < data.find('\n', start));
  data[target] ^= 0x20;
  writeFile(path, data);
}

SettlementConfig quickConfig() {
  SettlementConfig c;
  c.lookup_window = 300ms;
  c.recovery_lookup_window = 150ms;
  c.lookup_backoff_first = 10ms;
  c.lookup_backoff_max = 40ms;
  c.retry_backoff_first = 1ms;
  c.retry_backoff_max = 2ms;
  c.post_settle_time = 30ms;
  return c;
}

}  // namespace

TEST_CASE("journal: every record after the intent carries the core recovery needs") {
  TempDir dir;
  journal::Journal j(optionsFor(dir));
  REQUIRE(j.append(intentRecord("K1-1", 38900, "sim", "op-7")) == "");
  REQUIRE(j.append(approvedRecord("K1-1")) == "");
  REQUIRE(j.append(postingRecord("K1-1", 1)) == "");
  std::string data = readFile(j.path());
  std::vector<std::string> payloads;
  for (size_t pos = 0; pos < data.size();) {
    auto frame = journal::parseFrame(data, pos);
    REQUIRE(frame.status == journal::FrameStatus::Ok);
    payloads.push_back(frame.payload);
    pos += frame.size;
  }
  REQUIRE(payloads.size() == 3);
  std::string error;
  auto approved = journal::decodePayload(payloads[1], error);
  REQUIRE(approved);
  REQUIRE(approved->core);
  CHECK(approved->core->amount == Money::kopecks(38900));
  CHECK(approved->core->op_ref == "op-7");
  CHECK(approved->core->driver == "sim");
  CHECK(approved->core->paid);
  auto posting = journal::decodePayload(payloads[2], error);
  REQUIRE(posting);
  REQUIRE(posting->core);
  CHECK(posting->core->paid_amount == Money::kopecks(38900));
  CHECK(posting->core->paid_transaction.rrn == "428810000045");
}

TEST_CASE("journal: a damaged intent costs only itself — the approved record rebuilds the payment") {
  TempDir dir;
  {
    journal::Journal j(optionsFor(dir));
    REQUIRE(j.append(intentRecord("K1-1", 38900, "sim", "op-7")) == "");
    REQUIRE(j.append(approvedRecord("K1-1")) == "");
    REQUIRE(j.append(intentRecord("K1-2")) == "");  // another payment, untouched
  }
  damageRecord(dir.file("payments.journal"), 1);
  journal::Journal j(optionsFor(dir));
  CHECK(j.stats().corrupt_records == 1);
  auto entry = j.entry("K1-1");
  REQUIRE(entry);
  CHECK(entry->rebuilt);
  CHECK_FALSE(entry->hasDraft());
  CHECK(entry->state == EntryState::Approved);
  CHECK(entry->amount == Money::kopecks(38900));
  CHECK(entry->op_ref == "op-7");
  CHECK(entry->driver == "sim");
  CHECK(entry->approved_amount == Money::kopecks(38900));
  CHECK(entry->transaction.rrn == "428810000045");
  REQUIRE(j.problems().size() == 2);  // the damage, and the payment picked up after it
  CHECK(j.problems()[0].find("damaged journal data") == 0);
  CHECK(j.problems()[1].find("applied without the records before it") != std::string::npos);
  REQUIRE(j.entry("K1-2"));
  CHECK_FALSE(j.entry("K1-2")->rebuilt);
}

TEST_CASE("settlement: a paid card whose intent record was damaged is returned, not orphaned") {
  TempDir dir;
  sim::SimTerminalDevice device;
  sim::SimTerminal terminal{device, sim::SimTerminalOptions{100, 500}};
  const std::string id = "K1-41";
  {
    // The kiosk journals the intent, the terminal charges, the approval is journalled — then the kiosk dies.
    journal::Journal j(optionsFor(dir));
    const std::string op = terminal.nextOperationRef();
    REQUIRE(j.append(intentRecord(id, 38900, terminal.driverName(), op)) == "");
    CancelToken cancel;
    PaymentResult approved = terminal.purchase({Money::kopecks(38900), id, op}, nullptr, cancel);
    REQUIRE(approved.approved());
    auto record = journal::makeRecord(RecordType::Approved, id);
    record.amount = approved.amount;
    record.transaction = approved.transaction;
    REQUIRE(j.append(record) == "");
  }
  damageRecord(dir.file("payments.journal"), 1);  // one byte of the intent

  journal::Journal j(optionsFor(dir));
  FakeOrderBook book;
  InMemoryGateway gateway(book);
  EventLog events;
  Settlement settlement(j, terminal, gateway, quickConfig(), [&](const SettlementUpdate& u) { events.push(u); });
  settlement.recoverAll();

  auto entry = j.entry(id);
  REQUIRE(entry);
  CHECK(entry->state == EntryState::Closed);
  CHECK(entry->was_reversed);
  CHECK(book.orders().empty());  // no order without its draft
  bool reversed = false;
  for (const auto& e : device.ledger()) {
    if (e.op_ref == entry->op_ref) reversed = e.state == sim::LedgerEntry::State::Reversed;
  }
  CHECK(reversed);
  CHECK(moneyViolations(device.ledger(), book.orders(), &j).empty());
  CHECK(j.problems().size() == 2);  // staff still see what happened
}
