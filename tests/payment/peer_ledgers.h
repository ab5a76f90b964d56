#pragma once
// The real drivers' peers keep their own records of what moved money: the VTK emulator's vtk-ledger.jsonl (events
// per operation number) and the fake sb_pilot's fake-sb-pilot-ledger.jsonl (one line per purchase, cancel, return).
// The money invariants (money_invariants.h, tests/soak/invariants.h) read charges in the simulated terminal's shape
// — one sim::LedgerEntry per operation with its charges and state — so this file turns each peer's records into it.
//
// What links a peer's charge to an order attempt is the kiosk's journal: its intent names the external_id and the
// operation reference (VTK: the operation number), its approval the RRN. Whatever in a peer's records no state can
// express — a FIN for another amount than approved, a sale returned twice, two sales with one RRN, a line that does
// not parse — is a problem, and the checks count every problem as a violation.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "payment/journal/record.h"
#include "payment/sim/sim_device.h"

namespace payment::testing {

// One payment attempt as the kiosk's journal tells it.
struct JournalLink {
  std::string external_id;
  std::string op_ref;
  int64_t amount_kopecks = 0;  // of the intent
  std::string rrn;             // of the approval, when the kiosk learned one
  uint64_t order = 0;          // when this attempt first appeared among the links (journal order)
};

class JournalLinks {
 public:
  // Adds every intact record of the journal file at `path`, read only (nothing is truncated or compacted); a record
  // of an external_id in `ignore` is skipped. A missing file adds nothing. "" or why the file could not be read.
  std::string readFile(const std::string& path, const std::set<std::string>& ignore = {});
  void add(const journal::JournalRecord& record);

  // The latest attempt with this operation reference. A VTK number is used again only when the attempt that had
  // it never reached the terminal (refused by the kiosk, or killed before the VRP went out): once a VRP arrives,
  // the terminal's last number is past it. So the latest attempt is the only one that can have reached it.
  const JournalLink* byOpRef(const std::string& op_ref) const;
  const JournalLink* byRrn(const std::string& rrn) const;
  std::set<std::string> externalIds() const;
  size_t size() const { return by_id_.size(); }

 private:
  std::map<std::string, JournalLink> by_id_;
  uint64_t next_order_ = 0;
};

// What a peer's records come to: one entry per operation, and what no entry can express.
struct PeerCharges {
  std::vector<sim::LedgerEntry> entries;
  std::vector<std::string> problems;
};

// ---- VTK emulator ------------------------------------------------------------------------------------------------
// {"event": approved|declined|aborted|finalised|reversed|repeat|fin_repeat|rejected_old, "op": N, "amount": kopecks,
//  "rrn": optional}. A charge is "approved" and stays charged unless "reversed" (FIN 0); "finalised" (FIN with the
// amount) completes the sale.
struct VtkLedgerLine {
  std::string event;
  int64_t op = 0;
  int64_t amount = 0;
  std::string rrn;  // when the emulator writes it
};
std::vector<VtkLedgerLine> readVtkLedger(const std::string& path, std::vector<std::string>& problems);
// The RRN a terminal printed on a receipt (tag 0x13, `KEY:VALUE` lines: "RRN:028810010001"), or "".
std::string receiptRrn(const std::string& receipt);
// Gives each approval without an RRN the one the terminal printed for its operation (read from the answers it sent).
void attachRrns(std::vector<VtkLedgerLine>& ledger, const std::map<int64_t, std::string>& rrn_by_op);
// An approved operation's RRN comes from the line when it carries one, otherwise from the kiosk's journal (the
// approval it recorded for that operation), otherwise it stays unknown and no order can carry it.
PeerCharges vtkCharges(const std::vector<VtkLedgerLine>& ledger, const JournalLinks& links);

// ---- fake sb_pilot -----------------------------------------------------------------------------------------------
// {"op": purchase|cancel|return|day_close, "amount": kopecks, "rrn": …, "request_id": …}: one line per money
// movement. A purchase stays charged unless a cancel or a return of its RRN follows; one phase, so a purchase that
// stays is a completed sale (Confirmed).
struct SbPilotLedgerLine {
  std::string op;
  int64_t amount = 0;
  std::string rrn;
  std::string request_id;
};
std::vector<SbPilotLedgerLine> readSbPilotLedger(const std::string& path, std::vector<std::string>& problems);
// The same movements from the module's memory (fake-sb-pilot-state.json, its "events"), written in one atomic step
// with the rest of that memory. The soak reads this one: an sb_pilot killed with its kiosk may be cut off between
// saving its memory and appending to the ledger file, and the memory is what the module (and op 52) go by.
std::vector<SbPilotLedgerLine> readSbPilotState(const std::string& path, std::vector<std::string>& problems);
PeerCharges sbPilotCharges(const std::vector<SbPilotLedgerLine>& ledger, const JournalLinks& links);

}  // namespace payment::testing
