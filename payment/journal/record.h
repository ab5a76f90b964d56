#pragma once
// One journal record: a step of one payment (by external_id), written and fsync'ed before the step is acted on.
//
// On disk every record is one line:  "J1 " <payload length: 8 hex> " " <CRC-32 of payload: 8 hex> " " <payload> "\n"
// The payload is compact JSON (never holds a raw newline), so a damaged record can be skipped to the next line.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/money.h"
#include "kiosk/core/order.h"

namespace payment::journal {

enum class RecordType {
  Intent,             // before the terminal is asked: amount, cart digest, op_ref, driver, the draft to post
  Approved,           // terminal approved: transaction (masked PAN only), slip
  Declined,           // terminal/bank declined (or recover() says nothing was charged)
  Cancelled,          // guest or kiosk cancelled before money moved
  Unknown,            // the terminal's answer was lost (timeout, disconnect)
  Abandoned,          // the guest was told "not paid" while the outcome is still unknown
  Posting,            // before /postorder (attempt 1, or 2 after a lookup said "absent")
  Posted,             // the order exists: guid, number
  PostFailed,         // /postorder refused (definitely not created) or unknown
  Confirmed,          // terminal confirmed (finalised) the payment
  ConfirmFailed,      // the confirmation did not go through; retried
  ReversalRequested,  // before reverse()
  Reversed,           // the payment was undone
  ReversalFailed,     // reverse() failed: open, retried, shown to staff
  Closed,             // nothing left to do
  Check,              // a writability probe; belongs to no payment
};

const char* recordTypeName(RecordType type);  // "intent", "approved", … (as in the file)
std::optional<RecordType> recordTypeFromName(std::string_view name);

// What recovery needs to act on a payment without its other records. The journal writes it into every record after
// the intent (from the entry it already holds), so one damaged record costs at most itself: a later record still
// names the amount, the terminal operation and — once approved — the charge to undo.
struct RecordCore {
  kiosk::Money amount;  // the intent's amount
  std::string op_ref;
  std::string driver;
  std::string currency_id;
  bool paid = false;  // approved: what the terminal charged
  kiosk::Money paid_amount;
  kiosk::CardTransaction paid_transaction;
};

struct JournalRecord {
  RecordType type = RecordType::Check;
  std::string external_id;
  std::string at;  // local wall-clock time, ISO 8601; filled by the journal when empty

  // Intent (amount also on Approved: what the terminal approved)
  kiosk::Money amount;
  std::string cart_digest;
  std::string op_ref;
  std::string driver;
  std::string currency_id;
  kiosk::OrderDraft draft;
  // Approved
  kiosk::CardTransaction transaction;
  std::string slip;
  // Declined: code; every failure record: text (reason for staff)
  std::string code;
  std::string text;
  // Posting
  int attempt = 0;
  // Posted
  std::string guid;
  std::string number;
  bool found_by_lookup = false;
  // Posted: staff found the order in the POS (after a lookup could no longer tell); the guid may then be empty.
  // ReversalRequested: staff did not find it there.
  bool by_staff = false;
  // PostFailed: true = definitely not created; false = outcome unknown
  bool refused = false;
  // Every record after the intent (filled by the journal on append; absent in records of older versions).
  std::optional<RecordCore> core;
};

// A record of `type` for `external_id`, other fields empty.
JournalRecord makeRecord(RecordType type, std::string external_id, std::string text = {});

// The payload (JSON) of a record, and back. decodePayload: nullopt with `error` for anything malformed.
std::string encodePayload(const JournalRecord& record);
std::optional<JournalRecord> decodePayload(std::string_view payload, std::string& error);

// The whole line, header + payload + "\n".
std::string encodeFrame(const JournalRecord& record);

constexpr size_t kFrameHeaderSize = 21;  // "J1 " + 8 + " " + 8 + " "

enum class FrameStatus { Ok, Incomplete, Corrupt };
struct ParsedFrame {
  FrameStatus status = FrameStatus::Corrupt;
  size_t size = 0;          // bytes of the whole frame when Ok
  std::string payload;      // when Ok (CRC verified)
  std::string error;        // when Corrupt / Incomplete
};
// Parses the frame that starts at `offset` in `data`. Incomplete: the data ends before the frame does.
ParsedFrame parseFrame(std::string_view data, size_t offset);

// Local time now as "2024-05-01T12:34:56".
std::string localTimestamp();

}  // namespace payment::journal
