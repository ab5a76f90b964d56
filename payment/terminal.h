#pragma once
// The terminal adapter: one interface for every card terminal driver (sim, vtk, sbpilot).
//
// Calls block and are made from the payment worker thread (payment/terminal_worker.h runs them off the UI
// thread and reports back as messages). purchase() can be cancelled from another thread through its
// CancelToken while the terminal still allows it.
//
// Two-phase by design (it matches VTK's VRP → FIN): purchase() authorises; confirm() finalises once the order
// exists; reverse() undoes an authorisation/sale when the order cannot be created. Drivers whose protocol has
// one phase make confirm() a no-op and reverse() a cancel/return.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/money.h"
#include "kiosk/core/order.h"

namespace payment {

using kiosk::Money;

struct PaymentResult {
  enum class Kind {
    Approved,  // transaction filled
    Declined,  // code + text from the terminal or the bank
    Cancelled,  // by the guest or the kiosk, before any money moved
    Unknown,   // timeout, disconnect, crash: never treated as approved or declined
  };
  Kind kind = Kind::Unknown;
  Money amount;                          // approved amount
  kiosk::CardTransaction transaction;    // Approved: RRN, auth code, masked PAN, card type, terminal id
  std::string slip;                      // slip/receipt text when the terminal gives one
  std::string code;                      // Declined: terminal/bank response code
  std::string text;                      // Declined/Unknown: human-readable reason (for the log and staff)

  bool approved() const { return kind == Kind::Approved; }
};

const char* resultKindName(PaymentResult::Kind kind);  // "approved", "declined", "cancelled", "unknown"

// What the guest should be told while the terminal works.
struct TerminalProgress {
  std::string message_key;    // "payment.insert_card", "payment.enter_pin", "payment.remove_card", "payment.processing"…
  std::string terminal_text;  // raw text when the protocol provides it
  bool cancellable = true;    // the guest may still press Cancel
};
using ProgressSink = std::function<void(const TerminalProgress&)>;

class CancelToken {
 public:
  void cancel() { cancelled_ = true; }
  bool cancelled() const { return cancelled_; }

 private:
  std::atomic<bool> cancelled_{false};
};

struct PurchaseRequest {
  Money amount;
  std::string external_id;
  // Driver-specific operation reference that the journal recorded *before* the call (VTK: the operation
  // number; sim: an id). Passing the same reference again after a crash must never charge twice.
  std::string operation_ref;
};

struct ReconcileResult {
  enum class Kind { Done, NotSupported, Failed };
  Kind kind = Kind::Failed;
  std::string text;  // slip or reason
};

// What a driver's terminal can do, so screens offer only what will happen (staff see "not supported by this terminal"
// instead of a day close that never ran).
struct TerminalCapabilities {
  bool day_close = true;     // reconcile() runs a day close (сверка итогов) at the terminal
  bool refund = true;        // refund() returns money for a completed sale
  bool guest_cancel = true;  // the guest's Cancel reaches the terminal while it waits for the card
  // The terminal keeps only its last operation (VTK): once a new one starts, an earlier one can no longer be asked
  // about, finalised or undone. A new payment then waits until every earlier one is settled at the terminal.
  bool single_operation = false;
};

struct TerminalStatus {
  bool reachable = false;
  std::string text;  // "ready", "busy", "not connected: …"
};

class Terminal {
 public:
  virtual ~Terminal() = default;
  virtual std::string driverName() const = 0;

  // A fresh operation reference for the next purchase (written to the journal before purchase()).
  virtual std::string nextOperationRef() = 0;
  virtual PaymentResult purchase(const PurchaseRequest& request, const ProgressSink& progress, CancelToken& cancel) = 0;
  // Finalise an approved purchase once the order exists (VTK: FIN with the amount). Approved = confirmed.
  virtual PaymentResult confirm(const PurchaseRequest& request, const PaymentResult& approved) = 0;
  // Undo an approved purchase (VTK: FIN with 0; UPOS: return by RRN; sim: reversal in its ledger).
  virtual PaymentResult reverse(const PurchaseRequest& request, const PaymentResult& approved) = 0;
  // Return money for a completed sale (after confirm).
  virtual PaymentResult refund(const PurchaseRequest& request, const PaymentResult& approved) = 0;
  // Learn what happened to an operation whose answer was lost (VTK: resend the same VRP; sim: ask its ledger).
  // Approved/Declined when the terminal knows; Unknown when it cannot tell.
  virtual PaymentResult recover(const PurchaseRequest& request) = 0;
  virtual ReconcileResult reconcile() = 0;
  virtual TerminalStatus status() = 0;
  virtual TerminalCapabilities capabilities() const { return {}; }
  // The reference of the terminal's last operation as the terminal itself keeps it (VTK: the operation number in its
  // non-volatile memory), for a journal that lost records to compare with; nullopt when the protocol cannot tell.
  virtual std::optional<std::string> lastOperationRef() { return std::nullopt; }
};

}  // namespace payment
