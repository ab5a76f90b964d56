#pragma once
// The current state of one payment (one external_id), folded from its journal records, and the rules for
// which record may follow which. The journal refuses a record that breaks a rule (and writes nothing).
#include <cstdint>
#include <string>
#include <vector>

#include "payment/journal/record.h"

namespace payment::journal {

enum class EntryState {
  Intent,             // the terminal was (or was about to be) asked; no answer recorded
  Approved,           // money authorised, order not posted yet
  Declined,           // final: nothing charged
  Cancelled,          // final: nothing charged
  Unknown,            // the terminal's answer was lost; to be resolved with recover()
  Posting,            // /postorder sent (or about to be), answer not recorded
  Posted,             // order exists, payment not confirmed yet
  PostFailed,         // /postorder refused or unknown
  Confirmed,          // order exists and the payment is final
  ReversalRequested,  // reverse() sent (or about to be)
  Reversed,           // payment undone
  ReversalFailed,     // reverse() failed: retried, shown to staff
  Closed,             // final
};

const char* entryStateName(EntryState state);  // "intent", "approved", …
// Declined, Cancelled and Closed end an entry's life; everything else is open (needs recovery or is in flight).
bool isFinal(EntryState state);

struct JournalEntry {
  std::string external_id;
  EntryState state = EntryState::Intent;
  uint64_t first_seq = 0;  // order of the intent in the journal (staff log sorts by it)
  uint64_t last_seq = 0;
  std::string started_at;
  std::string updated_at;

  // From the intent
  kiosk::Money amount;
  std::string cart_digest;
  std::string op_ref;
  std::string driver;
  std::string currency_id;
  kiosk::OrderDraft draft;

  // From later records
  kiosk::Money approved_amount;
  kiosk::CardTransaction transaction;
  std::string slip;
  std::string decline_code;
  bool abandoned = false;         // the guest was told "not paid": a late approval is reversed, not posted
  bool post_refused = false;      // the last PostFailed was a definite refusal
  int post_attempts = 0;          // Posting records so far (at most 2)
  std::string posting_at;         // time of the last Posting record: the order cannot be older
  std::string order_guid;
  std::string order_number;
  bool was_reversed = false;      // closed after a reversal (staff log)
  bool was_confirmed = false;     // closed after a confirmation (staff log)
  bool decided_by_staff = false;  // staff said whether the order is in the POS
  int reversal_failures = 0;
  std::string last_error;         // latest failure text, for staff
  // Rebuilt from a record's core because earlier records were damaged. Without its intent the entry has no draft:
  // the order cannot be posted any more (a payment not yet in the POS is returned instead).
  bool rebuilt = false;
  bool hasDraft() const { return !draft.external_id.empty(); }

  std::vector<RecordType> history;  // every record type, in order

  // True when staff should look at it: a reversal that failed, or money whose fate is still unknown.
  bool needsStaff() const;
  // What staff read in the payment log: "closed: order 123", "reversal failed: …", …
  std::string outcomeText() const;
};

// Checks that `record` may follow `entry` (nullptr: no entry for its external_id yet). "" when it may,
// otherwise why not. Pure: used before writing and again when replaying.
std::string checkTransition(const JournalEntry* entry, const JournalRecord& record);

// Folds a record (already checked) into the entry; `seq` is its position in the journal.
void applyRecord(JournalEntry& entry, const JournalRecord& record, uint64_t seq);

// The core of the record (the amount, operation and charge every record after the intent carries) written into
// the entry, so that a record whose predecessors were damaged can still be applied: then the record is applied as if
// they had been there (the entry takes the state the record leads to). False when the record carries no core.
bool resyncFromCore(JournalEntry& entry, const JournalRecord& record, uint64_t seq);

// The core the journal writes into `record` from what `entry` already holds (and, for an approval, the record).
RecordCore coreFor(const JournalEntry& entry, const JournalRecord& record);

}  // namespace payment::journal
