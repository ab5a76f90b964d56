#include "tests/payment/money_invariants.h"

#include <map>

namespace payment::testing {

std::vector<std::string> moneyViolations(const std::vector<sim::LedgerEntry>& ledger,
                                         const std::vector<FakeOrder>& orders, const journal::Journal* journal) {
  using State = sim::LedgerEntry::State;
  std::vector<std::string> out;
  std::map<std::string, std::vector<const FakeOrder*>> orders_by_id;
  for (const auto& o : orders) orders_by_id[o.external_id].push_back(&o);
  std::map<std::string, int> confirmed_by_id;

  for (const auto& e : ledger) {
    const std::string who = e.op_ref + " (" + e.external_id + ")";
    if (e.charges > 1) out.push_back(who + ": charged " + std::to_string(e.charges) + " times");
    const auto& mine = orders_by_id[e.external_id];
    switch (e.state) {
      case State::Confirmed: {
        ++confirmed_by_id[e.external_id];
        if (mine.size() != 1) {
          out.push_back(who + ": confirmed with " + std::to_string(mine.size()) + " orders");
          break;
        }
        const auto& payments = mine[0]->payments;
        if (payments.size() != 1 || payments[0].transaction.rrn != e.transaction.rrn ||
            payments[0].amount != e.amount) {
          out.push_back(who + ": the order does not carry this charge");
        }
        break;
      }
      case State::Approved: {
        auto entry = journal ? journal->entry(e.external_id) : std::nullopt;
        if (!entry || journal::isFinal(entry->state)) {
          out.push_back(who + ": charged, neither confirmed nor reversed, and not open in the journal");
        }
        break;
      }
      default: break;
    }
  }
  for (const auto& [id, list] : orders_by_id) {
    if (list.empty()) continue;
    if (confirmed_by_id[id] == 0) {
      // An order without a confirmed charge is allowed only while its journal entry is still open (posted,
      // confirmation pending).
      auto entry = journal ? journal->entry(id) : std::nullopt;
      if (!entry || journal::isFinal(entry->state)) out.push_back(id + ": order exists without a confirmed charge");
    }
    if (list.size() > 1) out.push_back(id + ": " + std::to_string(list.size()) + " orders");
  }
  return out;
}

}  // namespace payment::testing
