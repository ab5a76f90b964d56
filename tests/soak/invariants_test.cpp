// The invariant checker must find every kind of money violation it claims to check: a soak that reports "0
// violations" is only worth something if a violation would have been reported.
#include <catch2/catch.hpp>
#include <tuple>

#include "tests/payment/peer_ledgers.h"
#include "tests/soak/invariants.h"

using payment::sim::LedgerEntry;
using State = LedgerEntry::State;

namespace {

LedgerEntry charge(const std::string& id, int64_t kopecks, State state, const std::string& rrn) {
  LedgerEntry e;
  e.op_ref = "op-" + id;
  e.external_id = id;
  e.amount = kiosk::Money::kopecks(kopecks);
  e.state = state;
  e.charges = 1;
  e.transaction.rrn = rrn;
  return e;
}

LedgerEntry noCharge(const std::string& id, State state) {
  LedgerEntry e;
  e.op_ref = "op-" + id;
  e.external_id = id;
  e.amount = kiosk::Money::kopecks(10000);
  e.state = state;
  return e;
}

procart_sim::OrderRecord order(const std::string& id, const std::string& number, int64_t total, const std::string& rrn,
                               int64_t paid) {
  procart_sim::OrderRecord o;
  o.external_id = id;
  o.number = number;
  o.total_kopecks = total;
  o.paid_kopecks = paid;
  if (!rrn.empty()) o.payments.push_back({"1", paid, "SOAK0001", rrn, "A1", "****1118", ""});
  return o;
}

bool mentions(const soak::CheckResult& r, const std::string& part) {
  for (const auto& v : r.violations) {
    if (v.find(part) != std::string::npos) return true;
  }
  return false;
}

// A world where everything went right: paid and posted, reversed after a refusal, declined, not charged.
soak::WorldRecords cleanWorld() {
  soak::WorldRecords w;
  w.ledger = {charge("K-1", 38900, State::Confirmed, "R1"), charge("K-2", 15900, State::Reversed, "R2"),
              noCharge("K-3", State::Declined), noCharge("K-4", State::NotCharged), noCharge("K-5", State::Cancelled)};
  w.orders = {order("K-1", "1", 38900, "R1", 38900)};
  return w;
}

}  // namespace

TEST_CASE("a clean world has no violations and its figures add up") {
  auto r = soak::checkInvariants(cleanWorld());
  CHECK(r.violations.empty());
  CHECK(r.figures.purchases == 5);
  CHECK(r.figures.approved == 2);
  CHECK(r.figures.confirmed == 1);
  CHECK(r.figures.reversed == 1);
  CHECK(r.figures.declined == 1);
  CHECK(r.figures.not_charged == 1);
  CHECK(r.figures.cancelled == 1);
  CHECK(r.figures.orders == 1);
  CHECK(r.figures.approved_kopecks == 38900 + 15900);
  CHECK(r.figures.orders_paid_kopecks == 38900);
}

TEST_CASE("a charge taken twice is a violation") {
  auto w = cleanWorld();
  w.ledger[0].charges = 2;
  CHECK(mentions(soak::checkInvariants(w), "charged 2 times"));
  w = cleanWorld();
  w.ledger.push_back(charge("K-1", 38900, State::Reversed, "R9"));  // a second operation for the same order attempt
  CHECK(mentions(soak::checkInvariants(w), "charged by two operations"));
}

TEST_CASE("an approved payment neither attached nor reversed is a violation") {
  auto w = cleanWorld();
  w.ledger.push_back(charge("K-6", 12000, State::Approved, "R6"));
  CHECK(mentions(soak::checkInvariants(w), "neither attached to a confirmed order nor reversed"));
}

TEST_CASE("a confirmed payment without its order, or with two, is a violation") {
  auto w = cleanWorld();
  w.orders.clear();
  CHECK(mentions(soak::checkInvariants(w), "confirmed, but 0 orders"));
  w = cleanWorld();
  w.orders.push_back(order("K-1", "2", 38900, "R1", 38900));
  auto r = soak::checkInvariants(w);
  CHECK(mentions(r, "confirmed, but 2 orders"));
  CHECK(mentions(r, "K-1: 2 orders in ProCart"));
}

TEST_CASE("an order that does not carry the charge, or for another amount, is a violation") {
  auto w = cleanWorld();
  w.orders[0].payments[0].rrn = "R-other";
  auto r = soak::checkInvariants(w);
  CHECK(mentions(r, "does not carry this charge"));
  CHECK(mentions(r, "was never charged by the terminal"));
  w = cleanWorld();
  w.orders[0].total_kopecks = 40000;
  CHECK(mentions(soak::checkInvariants(w), "totals 40000 kopecks"));
  w = cleanWorld();
  w.orders[0].payments[0].amount_kopecks = 30000;
  r = soak::checkInvariants(w);
  CHECK(mentions(r, "payment amount differs"));
}

TEST_CASE("an order without a payment, or paid by a reversed charge, is a violation") {
  auto w = cleanWorld();
  w.orders.push_back(order("K-7", "3", 9900, "", 0));
  CHECK(mentions(soak::checkInvariants(w), "order 3 (K-7): no payment"));
  w = cleanWorld();
  w.orders.push_back(order("K-2", "4", 15900, "R2", 15900));
  auto r = soak::checkInvariants(w);
  CHECK(mentions(r, "reversed, yet an order exists"));
  CHECK(mentions(r, "its payment is reversed at the terminal"));
  w = cleanWorld();
  w.orders.push_back(order("K-8", "5", 38900, "R1", 38900));  // K-1's charge on another order
  CHECK(mentions(soak::checkInvariants(w), "carries the charge of K-1"));
}

TEST_CASE("a reversal of something never charged is a violation") {
  auto w = cleanWorld();
  w.ledger[2].reversals = 1;  // the declined one
  CHECK(mentions(soak::checkInvariants(w), "reversal requested but the terminal never charged it"));
}

TEST_CASE("open journal entries after the final recovery, and damaged records, are violations") {
  auto w = cleanWorld();
  payment::journal::JournalEntry open;
  open.external_id = "K-9";
  open.state = payment::journal::EntryState::ReversalFailed;
  w.open_journal_entries.push_back(open);
  w.journal_problems.push_back("record at offset 120: bad checksum");
  auto r = soak::checkInvariants(w);
  CHECK(mentions(r, "journal: K-9 still open (reversal_failed)"));
  CHECK(mentions(r, "journal damaged: record at offset 120"));
}

TEST_CASE("a charge still in progress at the terminal is a violation") {
  auto w = cleanWorld();
  w.ledger.push_back(noCharge("K-10", State::InProgress));
  CHECK(mentions(soak::checkInvariants(w), "still in progress"));
}

TEST_CASE("what the terminal's records hold wrong (a protocol violation, a sale given back twice) is a violation") {
  auto w = cleanWorld();
  w.terminal_problems.push_back("VTK protocol violation: FIN for operation 7 after its VRP was declined");
  w.terminal_problems.push_back("sb_pilot RRN R1 (K-1): money given back 2 times (return)");
  auto r = soak::checkInvariants(w);
  CHECK(r.violations.size() == 2);
  CHECK(mentions(r, "terminal: VTK protocol violation: FIN for operation 7"));
  CHECK(mentions(r, "terminal: sb_pilot RRN R1 (K-1): money given back 2 times"));
}

TEST_CASE("a real peer's ledger, through its adapter, is checked like the simulated terminal's") {
  // A VTK sale finalised with its order, one undone (FIN 0), one approved and left alone; the journal links them.
  payment::testing::JournalLinks links;
  for (auto [id, op, rrn] : {std::tuple{"K-1", "1", "R1"}, {"K-2", "2", "R2"}, {"K-3", "3", "R3"}}) {
    auto intent = payment::journal::makeRecord(payment::journal::RecordType::Intent, id);
    intent.op_ref = op;
    intent.amount = kiosk::Money::kopecks(38900);
    links.add(intent);
    auto approved = payment::journal::makeRecord(payment::journal::RecordType::Approved, id);
    approved.transaction.rrn = rrn;
    links.add(approved);
  }
  auto charges = payment::testing::vtkCharges({{"approved", 1, 38900, ""}, {"finalised", 1, 38900, ""},
                                               {"approved", 2, 38900, ""}, {"reversed", 2, 38900, ""},
                                               {"approved", 3, 38900, ""}},
                                              links);
  soak::WorldRecords w;
  w.ledger = charges.entries;
  w.orders = {order("K-1", "1", 38900, "R1", 38900), order("K-2", "2", 38900, "R2", 38900)};
  auto r = soak::checkInvariants(w);
  CHECK(r.figures.approved == 3);
  CHECK(r.figures.confirmed == 1);
  CHECK(r.figures.reversed == 1);
  CHECK(mentions(r, "payment 2 (K-2, 389.00): reversed, yet an order exists for it"));
  CHECK(mentions(r, "payment 3 (K-3, 389.00): charged, neither attached to a confirmed order nor reversed"));
  CHECK(mentions(r, "order 2 (K-2): its payment is reversed at the terminal"));
  CHECK(r.violations.size() == 3);
}
