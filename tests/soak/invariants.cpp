#include "tests/soak/invariants.h"

#include <map>

namespace soak {
namespace {

using State = payment::sim::LedgerEntry::State;

bool charged(const payment::sim::LedgerEntry& e) { return e.charges > 0; }

void countState(const payment::sim::LedgerEntry& e, MoneyFigures& f) {
  ++f.purchases;
  f.reversal_requests += e.reversals;
  switch (e.state) {
    case State::Declined: ++f.declined; break;
    case State::Cancelled: ++f.cancelled; break;
    case State::NotCharged: ++f.not_charged; break;
    case State::Confirmed:
      ++f.confirmed;
      f.confirmed_kopecks += e.amount.kopecks();
      break;
    case State::Reversed:
      ++f.reversed;
      f.reversed_kopecks += e.amount.kopecks();
      break;
    case State::Refunded: ++f.refunded; break;
    case State::InProgress:
    case State::Approved: break;
  }
  if (charged(e)) {
    ++f.approved;
    f.approved_kopecks += e.amount.kopecks();
  }
}

}  // namespace

CheckResult checkInvariants(const WorldRecords& records) {
  CheckResult out;
  auto violation = [&](std::string text) { out.violations.push_back(std::move(text)); };

  std::map<std::string, std::vector<const procart_sim::OrderRecord*>> orders_by_id;
  for (const auto& order : records.orders) orders_by_id[order.external_id].push_back(&order);
  std::map<std::string, const payment::sim::LedgerEntry*> charge_by_rrn;
  std::map<std::string, int> charges_by_id;

  for (const auto& e : records.ledger) {
    countState(e, out.figures);
    const std::string who = "payment " + e.op_ref + " (" + e.external_id + ", " + e.amount.toDecimal() + ")";
    // 1. one charge per operation, one charged operation per order attempt
    if (e.charges > 1) violation(who + ": charged " + std::to_string(e.charges) + " times");
    if (charged(e) && ++charges_by_id[e.external_id] == 2) violation(e.external_id + ": charged by two operations");
    if (charged(e)) charge_by_rrn[e.transaction.rrn] = &e;
    // 5. a reversal of something never charged means the kiosk believed in an approval that did not exist
    if (e.reversals > 0 && !charged(e)) violation(who + ": reversal requested but the terminal never charged it");
    if (e.state == State::Reversed && (!charged(e) || e.transaction.rrn.empty()))
      violation(who + ": reversed without a real approval");

    const auto& mine = orders_by_id[e.external_id];
    switch (e.state) {
      case State::Confirmed: {  // 2. attached to exactly one order carrying it
        if (mine.size() != 1) {
          violation(who + ": confirmed, but " + std::to_string(mine.size()) + " orders have its external_id");
          break;
        }
        const procart_sim::OrderRecord& order = *mine.front();
        bool carries = false;
        for (const auto& p : order.payments) {
          if (p.rrn == e.transaction.rrn && p.amount_kopecks == e.amount.kopecks()) carries = true;
        }
        if (!carries) violation(who + ": order " + order.number + " does not carry this charge (RRN, amount)");
        if (order.total_kopecks != e.amount.kopecks()) {
          violation(who + ": order " + order.number + " totals " + std::to_string(order.total_kopecks) +
                    " kopecks, the charge is " + std::to_string(e.amount.kopecks()));
        }
        break;
      }
      case State::Reversed:
        if (!mine.empty()) violation(who + ": reversed, yet an order exists for it (order " + mine.front()->number + ")");
        break;
      case State::Approved:
        violation(who + ": charged, neither attached to a confirmed order nor reversed");
        break;
      case State::InProgress: violation(who + ": still in progress at the terminal"); break;
      default: break;
    }
  }

  for (const auto& [external_id, list] : orders_by_id) {
    if (list.empty()) continue;
    // 3. one order per external_id
    if (list.size() > 1) violation(external_id + ": " + std::to_string(list.size()) + " orders in ProCart");
    for (const procart_sim::OrderRecord* order : list) {
      ++out.figures.orders;
      const std::string who = "order " + order->number + " (" + external_id + ")";
      // 4. paid, by a real confirmed charge of this order attempt
      if (order->payments.empty()) violation(who + ": no payment");
      for (const auto& p : order->payments) {
        out.figures.orders_paid_kopecks += p.amount_kopecks;
        auto it = charge_by_rrn.find(p.rrn);
        if (it == charge_by_rrn.end()) {
          violation(who + ": payment RRN " + p.rrn + " was never charged by the terminal");
          continue;
        }
        const payment::sim::LedgerEntry& e = *it->second;
        if (e.external_id != external_id) violation(who + ": carries the charge of " + e.external_id);
        if (e.amount.kopecks() != p.amount_kopecks) violation(who + ": payment amount differs from the charge");
        if (e.state != State::Confirmed && e.state != State::Refunded) {
          violation(who + ": its payment is " + payment::sim::ledgerStateName(e.state) + " at the terminal");
        }
      }
    }
  }

  // 6. the journal after the final recovery
  for (const auto& entry : records.open_journal_entries) {
    violation("journal: " + entry.external_id + " still open (" + payment::journal::entryStateName(entry.state) +
              "): " + entry.outcomeText());
  }
  for (const auto& problem : records.journal_problems) violation("journal damaged: " + problem);
  // 7. the terminal's own records
  for (const auto& problem : records.terminal_problems) violation("terminal: " + problem);
  return out;
}

}  // namespace soak
