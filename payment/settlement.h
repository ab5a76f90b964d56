#pragma once
// The money-safety state machine (payment-terminals.md): pay for one order, then post it with the payment, then
// confirm — or undo the payment — with every step journalled (and fsync'ed) before it is acted on. Runs on its
// own TerminalWorker thread: pay() returns at once and the outcome arrives as SettlementUpdate events.
//
//  intent → purchase ─approved→ posting → postOrder ─posted→ confirm → confirmed → closed
//                 │               │            ├─refused→ reversal_requested → reverse → reversed → closed
//                 │               │            └─unknown→ lookup ─found→ posted; ─absent→ post once more;
//                 │               │                             └─unknown for lookup_window→ left open (background)
//                 ├─declined / cancelled (final)
//                 └─unknown → recover() ─approved→ (as approved) ; ─still unknown→ abandoned: guest told "unpaid";
//                                                                   a later approval is reversed
// recoverAll() drives every open entry to a final state by the same rules before the attract screen;
// retryOpen() does it again in the background (the runtime calls it on a timer). The rules, and the choices made
// where the brief left them open, are in docs/PAYMENT.md.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/order.h"
#include "payment/journal/journal.h"
#include "payment/order_gateway.h"
#include "payment/settlement_events.h"
#include "payment/terminal.h"
#include "payment/terminal_worker.h"

namespace payment {

struct SettlementConfig {
  std::string currency_id = "1";  // r_keeper currency (payment type) of card payments, from the config
  // Post outcome unknown and ProCart unreachable: keep looking the order up for this long (backoff between
  // lookups) before leaving the entry open for the background. Recovery uses the shorter window so the
  // kiosk's start is not held up.
  std::chrono::milliseconds lookup_window{30'000};
  std::chrono::milliseconds recovery_lookup_window{5'000};
  std::chrono::milliseconds lookup_backoff_first{250};
  std::chrono::milliseconds lookup_backoff_max{4'000};
  // Background retries of an open entry (failed reversal, unreachable ProCart, unknown outcome): per entry,
  // doubling from first to max.
  std::chrono::milliseconds retry_backoff_first{5'000};
  std::chrono::milliseconds retry_backoff_max{300'000};
  // A /postorder that got no answer (timeout, dropped connection) or was cut short by a crash of the kiosk may still
  // be running at ProCart. Until this long after the kiosk stopped waiting for it, a lookup that does not find the
  // order proves nothing: the order is looked up again rather than posted a second time. (Assumption: ProCart
  // finishes or drops such a request within this time.)
  std::chrono::milliseconds post_settle_time{5'000};
  // The kiosk's HTTP timeout for /postorder: a post cut short by a crash was running at most this long.
  std::chrono::milliseconds post_timeout{10'000};
  // GET /getorders lists open orders only: a created order is listed at least this long after its post was sent,
  // then the POS may close it. An "absent" answer later than this proves nothing; the entry then waits for staff,
  // who look in the POS (staffFinding). 0: never trust "absent" after an unanswered post. The default suits the
  // emulator (it closes orders after 10 s); a real ProCart must be checked (docs/PAYMENT.md).
  std::chrono::milliseconds orders_listed_for{8'000};
};

// What staff found in the POS for an order the kiosk can no longer look up (awaitingStaff()).
enum class StaffFinding { OrderInPos, OrderNotInPos };

struct PayRequest {
  kiosk::OrderDraft draft;  // draft.external_id identifies the payment
  kiosk::Money amount;      // the total /validate returned for this draft
};

struct RecoveryReport {
  int examined = 0;    // open entries found
  int settled = 0;     // driven to a final state
  int still_open = 0;  // left for retryOpen() (and shown to staff)
  std::vector<std::string> lines;  // one per entry: "K1-… : closed (paid, order 12)"
};

using SettlementSink = std::function<void(const SettlementUpdate&)>;

class Settlement {
 public:
  // Journal, terminal and gateway must outlive the settlement. `sink` is called on the worker thread.
  Settlement(journal::Journal& journal, Terminal& terminal, OrderGateway& gateway, SettlementConfig config,
             SettlementSink sink);
  ~Settlement();  // stops the worker (a running terminal call is finished first)
  Settlement(const Settlement&) = delete;
  Settlement& operator=(const Settlement&) = delete;

  // Starts paying `request.amount` for `request.draft`. "" when started (events follow), otherwise why not —
  // busy, the journal refuses payments, a bad request — and no event follows.
  std::string pay(PayRequest request);
  // The guest pressed Cancel: passed to the terminal, which honours it while it still allows it.
  void cancel();
  // A payment is in progress (from pay() until its last event).
  bool busy() const;

  // Drives every open journal entry to a final state (blocking; call before the attract screen).
  RecoveryReport recoverAll();
  // Queues one background pass over the open entries whose retry time has come (non-blocking; the runtime
  // calls it on a timer, e.g. every 30 s).
  void retryOpen();

  // Open entries only staff can settle: a post got no answer and GET /getorders no longer lists the order, which
  // the POS may have closed meanwhile (SettlementConfig::orders_listed_for).
  std::vector<std::string> awaitingStaff() const;
  // Staff looked in the POS: the order is there (the payment is confirmed) or not (the payment is reversed).
  // Queued on the worker; "" when queued, otherwise why not (the entry is not waiting for staff).
  std::string staffFinding(const std::string& external_id, StaffFinding finding);

  // ProCart's callback named an order (guid) for `external_id`. When that is an open entry whose post got no answer,
  // the order is looked up by guid (closed orders too) and, if it is there with this external_id, recorded as
  // posted — no second post, no staff step. True when `external_id` is such an entry (the callback is then ours
  // to accept); the lookup runs on the worker. Safe from any thread.
  bool orderSeen(const std::string& external_id, const std::string& guid);

  // What recovery learnt that staff must check by hand (the terminal knows an operation a damaged journal lost).
  std::vector<std::string> findings() const;

  // The thread every terminal call runs on (the staff screen's reconcile/status go through it too).
  TerminalWorker& worker() { return *worker_; }

  // A short digest of the draft (FNV-1a 64 of its journal JSON), journalled with the intent.
  static std::string cartDigest(const kiosk::OrderDraft& draft);

 private:
  enum class Mode { Live, Recovery };
  struct Progressed {
    bool final = false;           // the entry reached a final state
    bool journal_failed = false;  // a record could not be written: nothing more was done
    std::string blocked;          // why it stopped short of final
  };

  void runPayment(PayRequest request, std::string op_ref);
  void finishLive(const std::string& external_id, const Progressed& progressed);
  void emit(const std::string& external_id, SettlementEvent event);
  void driveOpenEntries(Mode mode, RecoveryReport* report, bool only_due);
  // For a terminal that keeps only its last operation: drives every other open entry of this driver; "" when none
  // is left open, otherwise why the new payment must wait (nothing is sent to the terminal then).
  std::string settleEarlierOperations(const std::string& new_id);
  // After a journal lost records: the terminal's last operation, if no entry explains it, is a finding for staff.
  void compareWithTerminal();

  // The rules (settlement_rules.cpp).
  Progressed advance(const std::string& external_id, Mode mode);
  std::string record(journal::JournalRecord record);
  // When a lookup's "absent" proves that this entry's last post created no order: from `certain_after` (no post can
  // still be running at ProCart) until `trusted_until` (the POS may have closed the order since).
  struct AbsentWindow {
    std::chrono::steady_clock::time_point certain_after;
    std::chrono::steady_clock::time_point trusted_until;
  };
  // Lookups until one is conclusive or `window` ends. With an AbsentWindow, an "absent" before its start is not
  // conclusive (the lookups go on until then, even beyond the window) and one after its end ends the lookups with
  // Unknown and `too_late` set.
  LookupOutcome lookupWithin(const std::string& external_id, std::chrono::milliseconds window,
                             const AbsentWindow* absent_window = nullptr, bool* too_late = nullptr);
  AbsentWindow absentWindow(const journal::JournalEntry& entry);
  void applyStaffFinding(const std::string& external_id, StaffFinding finding);
  void applyOrderSeen(const std::string& external_id, const std::string& guid);
  // Records what was learnt outside the rules (staff's answer, a callback's order) and drives the entry on.
  void recordAndAdvance(journal::JournalRecord record);
  bool isAwaitingStaff(const std::string& external_id) const;  // these two lock mutex_
  void setAwaitingStaff(const std::string& external_id, bool awaiting);
  void postAndRecord(const journal::JournalEntry& entry, std::string& journal_error);
  static PurchaseRequest purchaseRequestOf(const journal::JournalEntry& entry);
  static PaymentResult approvedResultOf(const journal::JournalEntry& entry);

  journal::Journal& journal_;
  Terminal& terminal_;
  OrderGateway& gateway_;
  SettlementConfig config_;
  SettlementSink sink_;

  mutable std::mutex mutex_;
  std::string active_id_;                       // the live payment's external_id
  std::shared_ptr<CancelToken> cancel_token_;   // of the live purchase
  bool retry_queued_ = false;
  struct RetryState {
    std::chrono::steady_clock::time_point next;
    std::chrono::milliseconds backoff{0};
  };
  std::map<std::string, RetryState> retry_;
  // Per external_id: from when a lookup's "absent" can be trusted after its last /postorder. Set when this process
  // posts; for a post it did not see end (a crash), set the first time it looks, from the journal's time of it.
  std::map<std::string, std::chrono::steady_clock::time_point> absent_certain_after_;
  // Per external_id: when this process sent its last /postorder.
  std::map<std::string, std::chrono::steady_clock::time_point> post_sent_;
  std::vector<std::string> awaiting_staff_;
  std::vector<std::string> findings_;
  // A process that died during a post did so before this one started: its request ended then at the latest.
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  std::unique_ptr<TerminalWorker> worker_;  // last: destroyed (joined) first
};

}  // namespace payment
