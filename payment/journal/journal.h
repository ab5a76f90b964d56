#pragma once
// The crash-safe payment journal: an append-only file, one record per step of each payment, each written and
// fsync'ed before the step it announces (payment-terminals.md rules 2 and 6). Record format: record.h.
//
// On open the whole file is replayed:
//  - a torn last record (power loss during a write) is logged, reported in notices() and truncated away: its
//    step was never acted on, because acting waits for the fsync;
//  - a damaged record with valid records after it is reported in problems() (never skipped silently) and the
//    file is left as it is (no compaction) for staff to look at;
//  - when the file is larger than compact_above_bytes, it is rewritten with the open entries and the last
//    keep_settled settled ones (atomically: temp file, fsync, rename).
// If the journal cannot be written (read-only directory, disk full), canAcceptPayments() is false with a reason:
// the kiosk must then refuse card payments. A disk with less than 64 KiB free counts as full: canAcceptPayments()
// looks at the free space each time it is asked (so staff see a full disk before a guest pays) and append() refuses
// a new intent then, leaving the rest of the space to the payments in flight. Thread-safe.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "payment/journal/entry.h"
#include "payment/journal/record.h"

namespace payment::journal {

struct JournalOptions {
  std::string dir;                             // created when missing
  std::string file_name = "payments.journal";
  uint64_t compact_above_bytes = 1 << 20;      // compaction on open beyond this size…
  size_t keep_settled = 200;                   // …keeping this many settled entries (the newest)
  // Called after a record is durably written, before append() returns (outside the journal's lock).
  // A test seam: the kill tests stop the process here, exactly between a record and its action.
  std::function<void(const JournalRecord&)> after_append;
  // Called between a record's write and its fsync, holding only the lock that orders appends. A test seam: shows
  // that readers (openEntries(), canAcceptPayments(), …) never wait for the disk.
  std::function<void(const JournalRecord&)> before_sync;
};

struct JournalStats {
  uint64_t records = 0;          // valid records in the file
  uint64_t bytes = 0;            // file size
  uint64_t truncated_bytes = 0;  // torn tail removed at open
  int corrupt_records = 0;       // damaged records in the middle (see problems())
  bool compacted = false;        // the file was rewritten at open
};

class Journal {
 public:
  explicit Journal(JournalOptions options);  // opens and replays; never throws
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Writes and fsyncs one record. "" on success; otherwise the reason, and nothing was written (a record that
  // breaks the entry rules, or a failed write, which is cut back off the file).
  std::string append(JournalRecord record);

  // False when records cannot be written (then refuseReason() says why).
  bool canAcceptPayments() const;
  std::string refuseReason() const;
  // After a write failure: tries again (reopen + a probe record). "" when the journal is writable again.
  std::string recheck();

  std::optional<JournalEntry> entry(const std::string& external_id) const;
  // Entries not in a final state: in flight, paid and not yet posted+confirmed or reversed, unknown outcomes,
  // failed reversals. Oldest first.
  std::vector<JournalEntry> openEntries() const;
  // The staff payment log: the last `count` payments, newest first, each with its state and outcomeText().
  std::vector<JournalEntry> lastPayments(size_t count) const;

  std::vector<std::string> problems() const;  // damaged records found at open (staff must look)
  std::vector<std::string> notices() const;   // torn tail truncated, compaction done
  JournalStats stats() const;
  std::string path() const;

 private:
  void openLocked();
  bool replay(const std::string& data, std::map<std::string, std::vector<std::pair<size_t, size_t>>>* frames);
  void compactLocked(const std::string& data,
                     const std::map<std::string, std::vector<std::pair<size_t, size_t>>>& frames);
  bool openForAppendLocked();

  JournalOptions options_;
  std::string path_;
  std::mutex append_mutex_;  // one append (write + fsync) at a time; taken before mutex_, never after it
  mutable std::mutex mutex_;  // the state below; held briefly, never across a write or an fsync
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t next_seq_ = 0;
  std::string write_error_;  // non-empty: the journal refuses payments
  std::map<std::string, JournalEntry> entries_;
  std::vector<std::string> problems_;
  std::vector<std::string> notices_;
  JournalStats stats_;
};

}  // namespace payment::journal
