#pragma once
// The money invariants, checked against the records of the outside world — the emulator's orders and the
// terminal's ledger — not against what the kiosk believes, plus the kiosk's journal after the final recovery.
// The ledger is the simulated terminal's own, or a real driver's peer's records in its shape
// (tests/payment/peer_ledgers.h: the VTK emulator's and the fake sb_pilot's, linked to order attempts through the
// journal's intents and approvals):
//  1. no operation was charged more than once, and no order attempt (external_id) was charged twice;
//  2. every approved (charged) payment is attached to exactly one ProCart order with the same amount (the order
//     carries its RRN, and its total equals the charge) — or it was reversed / refunded;
//  3. no order exists twice for one external_id;
//  4. no order exists without a payment, and every order's payment is a real, confirmed charge of that amount
//     (never a declined, reversed or unknown one);
//  5. every reversal refers to a real approval (the terminal never saw a reversal of something it did not charge);
//  6. the journal has no open entries after the final recovery, and no damaged records;
//  7. the terminal's records are sound in themselves: no protocol violation recorded by the peer (VTK), nothing its
//     ledger holds that no state expresses (a FIN for another amount, a sale given back twice, two sales with one
//     RRN, a damaged line).
#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/sim/emulator.h"
#include "payment/journal/entry.h"
#include "payment/sim/sim_device.h"

namespace soak {

struct WorldRecords {
  std::vector<payment::sim::LedgerEntry> ledger;
  std::vector<procart_sim::OrderRecord> orders;
  std::vector<payment::journal::JournalEntry> open_journal_entries;  // after the final recovery
  std::vector<std::string> journal_problems;                         // damaged records found on open
  std::vector<std::string> terminal_problems;                        // 7: from the peer (PeerRecords::problems)
};

struct MoneyFigures {
  int64_t purchases = 0;       // operations the terminal saw
  int64_t approved = 0;        // charged
  int64_t confirmed = 0;       // charged and confirmed (the order carries it)
  int64_t reversed = 0;        // charged and reversed
  int64_t refunded = 0;
  int64_t declined = 0;
  int64_t cancelled = 0;
  int64_t not_charged = 0;     // timeouts and disconnects without a charge
  int64_t reversal_requests = 0;  // reverse() calls that reached the terminal
  int64_t orders = 0;          // orders in ProCart
  int64_t approved_kopecks = 0;
  int64_t confirmed_kopecks = 0;
  int64_t reversed_kopecks = 0;
  int64_t orders_paid_kopecks = 0;  // Σ payments carried by orders
};

struct CheckResult {
  std::vector<std::string> violations;  // empty = all invariants hold
  MoneyFigures figures;
};

CheckResult checkInvariants(const WorldRecords& records);

}  // namespace soak
