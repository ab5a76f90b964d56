#pragma once
// The money invariants every payment test ends with, checked against the terminal's ledger, the order store and
// the journal:
//  - no operation reference was charged more than once;
//  - a confirmed charge has exactly one order for its external_id, carrying that charge (RRN, amount);
//  - an order exists only for a confirmed charge (never for a reversed, declined or unknown one), once;
//  - a charge that is neither confirmed nor reversed is still open in the journal (never forgotten).
#include <string>
#include <vector>

#include "payment/journal/journal.h"
#include "payment/sim/sim_device.h"
#include "tests/payment/fake_order_book.h"

namespace payment::testing {

std::vector<std::string> moneyViolations(const std::vector<sim::LedgerEntry>& ledger,
                                         const std::vector<FakeOrder>& orders, const journal::Journal* journal);

}  // namespace payment::testing
