#pragma once
// The simulated card terminal's "hardware": a behaviour script and a ledger of every operation.
//
// The device is what stays alive when the kiosk dies: tests keep it in their own process (behind
// SimTerminalServer) and read its ledger to check the money invariants — one charge at most per operation
// reference, and every charge either confirmed with an order or reversed.
//
// Purchase behaviours (a queue; when empty, the default behaviour applies):
//   approve          prompts (insert card → enter PIN → processing → remove card), then approved
//   decline:CODE     declined with that response code (e.g. decline:51)
//   delay:MS         the guest takes MS milliseconds at "insert card" (cancellable), then approved
//   timeout          the terminal never answers; nothing charged
//   lost_answer      approved and charged, but the answer is lost (connection drops)
//   disconnect       the connection drops during processing; nothing charged
// Confirm and reverse behaviours (their own queues; default ok): ok, fail, disconnect.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "payment/terminal.h"

namespace payment::sim {

struct Behaviour {
  enum class Kind { Approve, Decline, Delay, Timeout, LostAnswer, Disconnect };
  Kind kind = Kind::Approve;
  std::string code;  // Decline
  int delay_ms = 0;  // Delay
};
// nullopt with `error` for an unknown behaviour.
std::optional<Behaviour> parseBehaviour(const std::string& text, std::string& error);

enum class SideBehaviour { Ok, Fail, Disconnect };
std::optional<SideBehaviour> parseSideBehaviour(const std::string& text, std::string& error);

struct LedgerEntry {
  enum class State { InProgress, Approved, Declined, Cancelled, NotCharged, Confirmed, Reversed, Refunded };
  std::string op_ref;
  std::string external_id;
  kiosk::Money amount;
  State state = State::InProgress;
  kiosk::CardTransaction transaction;  // when charged
  std::string decline_code;
  int charges = 0;            // times money was taken for this op_ref: never more than 1
  int purchase_requests = 0;  // purchase() calls with this op_ref (repeats answer from the ledger)
  int recover_requests = 0;
  int confirms = 0;
  int reversals = 0;
  int refunds = 0;
};
const char* ledgerStateName(LedgerEntry::State state);
std::optional<LedgerEntry::State> ledgerStateFromName(const std::string& name);

// How the answer reaches the kiosk.
struct DeviceAnswer {
  enum class Delivery { Answer, NoAnswer, Disconnect };
  Delivery delivery = Delivery::Answer;
  PaymentResult result;
};

struct SimDeviceOptions {
  std::string terminal_id = "SIM00001";
  int step_ms = 0;  // pause at each prompt (the demo uses ~800 ms, tests 0)
  std::string default_behaviour = "approve";
};

class SimTerminalDevice {
 public:
  explicit SimTerminalDevice(SimDeviceOptions options = {});

  // Script. "" on success, otherwise why the behaviour was refused (nothing changed).
  std::string pushBehaviour(const std::string& behaviour);
  std::string setDefaultBehaviour(const std::string& behaviour);
  std::string pushConfirmBehaviour(const std::string& behaviour);
  std::string pushReverseBehaviour(const std::string& behaviour);
  void setStepMs(int step_ms);

  // The device side of each operation. `cancel_requested` is polled while the guest may still cancel (it is
  // also how a dropped connection aborts an operation that has not reached "processing").
  DeviceAnswer purchase(const PurchaseRequest& request, const ProgressSink& progress,
                        const std::function<bool()>& cancel_requested);
  DeviceAnswer confirm(const std::string& op_ref, kiosk::Money amount);
  DeviceAnswer reverse(const std::string& op_ref);
  DeviceAnswer refund(const std::string& op_ref);
  // From the ledger only; never charges. Approved (charged and not undone), Declined (nothing charged),
  // Cancelled (cancelled or undone), Unknown (still in progress).
  PaymentResult recover(const std::string& op_ref);
  ReconcileResult reconcile();

  std::vector<LedgerEntry> ledger() const;
  std::optional<LedgerEntry> ledgerEntry(const std::string& op_ref) const;
  int reconciliations() const;

 private:
  Behaviour nextBehaviour();
  std::optional<SideBehaviour> popSide(std::deque<SideBehaviour>& queue);
  bool wait(int ms, const std::function<bool()>& cancel_requested);
  PaymentResult approvedResult(const LedgerEntry& entry) const;
  kiosk::CardTransaction makeTransaction();

  SimDeviceOptions options_;
  mutable std::mutex mutex_;
  std::deque<Behaviour> script_;
  Behaviour default_behaviour_;
  std::deque<SideBehaviour> confirm_script_;
  std::deque<SideBehaviour> reverse_script_;
  std::map<std::string, LedgerEntry> ledger_;
  std::vector<std::string> order_;  // op_refs in the order they arrived
  uint64_t next_rrn_;
  int reconciliations_ = 0;
};

}  // namespace payment::sim
