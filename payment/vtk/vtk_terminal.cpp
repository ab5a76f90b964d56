#include "payment/vtk/vtk_terminal.h"

#include <ctime>
#include <mutex>
#include <string>

#include "kiosk/common/log.h"
#include "payment/card_data.h"
#include "payment/vtk/event_prompts.h"
#include "payment/vtk/link.h"
#include "payment/vtk/message.h"
#include "payment/vtk/receipt.h"

namespace payment::vtk {

namespace {

using Clock = VtkLink::Clock;
using std::chrono::milliseconds;

constexpr int64_t kMaxAmountKopecks = 100'000'000'000;  // 1 000 000 000 ₽: anything above is a bug upstream

PaymentResult declined(std::string code, std::string text) {
  PaymentResult r;
  r.kind = PaymentResult::Kind::Declined;
  r.code = std::move(code);
  r.text = std::move(text);
  return r;
}

PaymentResult cancelled(std::string text) {
  PaymentResult r;
  r.kind = PaymentResult::Kind::Cancelled;
  r.text = std::move(text);
  return r;
}

PaymentResult unknown(std::string text) {
  PaymentResult r;
  r.kind = PaymentResult::Kind::Unknown;
  r.text = std::move(text);
  return r;
}

std::string localIsoTime() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

// Tag 0x11 format: YYYYMMDDTHHMM+ZZZZ.
std::string vtkLocalTime() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%z", &tm);
  return buf;
}

std::string describe(const PurchaseRequest& request) {
  return "op " + request.operation_ref + " (" + request.external_id + ")";
}

// Checks what every call needs: a decimal operation number and a sane positive amount.
bool validRequest(const PurchaseRequest& request, int64_t& op, std::string& error) {
  auto parsed = parseDecimal(request.operation_ref);
  if (!parsed || *parsed <= 0) {
    error = "operation reference \"" + request.operation_ref + "\" is not a positive decimal number";
    return false;
  }
  if (request.amount.kopecks() <= 0 || request.amount.kopecks() > kMaxAmountKopecks) {
    error = "amount " + std::to_string(request.amount.kopecks()) + " kopecks is out of range";
    return false;
  }
  op = *parsed;
  return true;
}

class VtkTerminal final : public Terminal {
 public:
  explicit VtkTerminal(VtkConfig config) : config_(std::move(config)) { resetSession(); }
  ~VtkTerminal() override { link_.close(); }

  std::string driverName() const override { return "vtk"; }

  std::string nextOperationRef() override {
    std::lock_guard lock(op_mutex_);
    std::string error;
    int64_t base = last_issued_;
    if (ensureReady(error)) {
      if (session_.last_operation > base) base = session_.last_operation;
      resumeKeepAlive();
    } else {
      // purchase() refuses a number the terminal has already used, so a guess here cannot charge twice.
      kiosk::log::warn("vtk", "next operation number without the terminal (", error, "): using ", base + 1);
    }
    last_issued_ = base + 1;
    return std::to_string(last_issued_);
  }

  PaymentResult purchase(const PurchaseRequest& request, const ProgressSink& progress, CancelToken& cancel) override {
    std::lock_guard lock(op_mutex_);
    int64_t op = 0;
    std::string error;
    if (!validRequest(request, op, error)) return declined("kiosk.invalid_request", error);
    if (cancel.cancelled()) return cancelled("cancelled before the terminal was asked");
    if (!ensureReady(error)) return declined("kiosk.no_link", "terminal not reachable: " + error);
    KeepAliveAfter resume{*this};
    if (session_.last_operation >= 0 && op <= session_.last_operation) {
      // Re-using a number would make the terminal repeat an old result instead of charging this guest.
      return declined("kiosk.stale_operation", "operation number " + std::to_string(op) +
                                                   " is not newer than the terminal's last (" +
                                                   std::to_string(session_.last_operation) + ")");
    }
    if (op > last_issued_) last_issued_ = op;
    kiosk::log::info("vtk", "purchase ", describe(request), " amount ", request.amount.kopecks());
    if (!sendVendRequest(op, request.amount.kopecks(), error)) {
      link_.close();
      return unknown("sending VRP " + std::to_string(op) + " failed: " + error);
    }
    if (progress) progress({"payment.insert_card", "", true});
    return awaitVendAnswer(op, request.amount.kopecks(), progress, &cancel);
  }

  PaymentResult confirm(const PurchaseRequest& request, const PaymentResult& approved) override {
    std::lock_guard lock(op_mutex_);
    int64_t op = 0;
    std::string error;
    if (!validRequest(request, op, error)) return declined("kiosk.invalid_request", error);
    if (!approved.approved() || approved.amount.kopecks() <= 0)
      return declined("kiosk.invalid_request", "confirm needs an approved result with a positive amount");
    const int64_t amount = approved.amount.kopecks();
    kiosk::log::info("vtk", "confirm ", describe(request), " FIN ", amount);
    const FinOutcome fin = finalise(op, amount);
    if (!fin.answered) return unknown("finalisation (FIN " + std::to_string(amount) + ") unconfirmed: " + fin.error);
    if (fin.amount == amount) {
      PaymentResult done = approved;
      done.text = "finalised";
      return done;
    }
    return declined("vtk.fin_refused", "the terminal answered FIN with " + std::to_string(fin.amount) + " instead of " +
                                           std::to_string(amount));
  }

  PaymentResult reverse(const PurchaseRequest& request, const PaymentResult& approved) override {
    std::lock_guard lock(op_mutex_);
    int64_t op = 0;
    std::string error;
    if (!validRequest(request, op, error)) return declined("kiosk.invalid_request", error);
    kiosk::log::info("vtk", "reverse ", describe(request), " FIN 0");
    const FinOutcome fin = finalise(op, 0);
    if (!fin.answered) return unknown("reversal (FIN 0) unconfirmed: " + fin.error);
    if (fin.amount == 0) {
      PaymentResult done;
      done.kind = PaymentResult::Kind::Approved;
      done.amount = approved.amount;
      done.transaction = approved.transaction;
      done.text = "reversed by the terminal (FIN 0)";
      return done;
    }
    if (fin.amount == approved.amount.kopecks())
      return declined("vtk.already_finalised",
                      "the sale was already finalised; FIN 0 cannot undo it — refund it at the terminal or the bank");
    return declined("vtk.fin_refused", "the terminal answered FIN 0 with " + std::to_string(fin.amount));
  }

  PaymentResult refund(const PurchaseRequest&, const PaymentResult&) override {
    return declined("vtk.refund_not_supported",
                    "VTK has no refund message: return the money from the terminal's menu or the acquirer's back office");
  }

  PaymentResult recover(const PurchaseRequest& request) override {
    std::lock_guard lock(op_mutex_);
    int64_t op = 0;
    std::string error;
    if (!validRequest(request, op, error)) return declined("kiosk.invalid_request", error);
    if (!ensureReady(error)) return unknown("terminal not reachable: " + error);
    KeepAliveAfter resume{*this};
    const int64_t last = session_.last_operation;
    if (last < 0) return unknown("the terminal did not report its last operation number");
    if (op > last) {
      return cancelled("operation " + std::to_string(op) + " never reached the terminal (its last is " +
                       std::to_string(last) + ")");
    }
    if (op < last) {
      return unknown("the terminal has moved on to operation " + std::to_string(last) + " and keeps only its last; " +
                     "the result of " + std::to_string(op) + " must be checked in the acquirer's report");
    }
    // The terminal's last operation is ours: the same VRP again makes it repeat the stored result.
    kiosk::log::info("vtk", "recover ", describe(request), ": repeating VRP to read the stored result");
    if (!sendVendRequest(op, request.amount.kopecks(), error)) {
      link_.close();
      return unknown("sending the repeated VRP failed: " + error);
    }
    return awaitVendAnswer(op, request.amount.kopecks(), nullptr, nullptr);
  }

  ReconcileResult reconcile() override {
    return {ReconcileResult::Kind::NotSupported,
            "not supported by this terminal: VTK has no reconciliation message, the terminal settles with its host"};
  }

  TerminalStatus status() override {
    std::unique_lock lock(op_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return {true, "busy"};
    // No IDL while the terminal waits for FIN (see resumeKeepAlive); the link's state is all we can tell.
    if (pending_fin_op_ > 0)
      return {link_.alive(), "awaiting finalisation of operation " + std::to_string(pending_fin_op_)};
    std::string error;
    if (!ensureReady(error)) return {false, "not connected: " + error};
    resumeKeepAlive();
    return {true, "ready"};
  }

 private:
  struct Session {
    int64_t last_operation = -1;  // from the terminal's IDL (tag 0x03); -1 when it said nothing
    int operation_timeout_ms = 0;
    int keepalive_s = 0;
  };

  // Turns the keep-alive back on when an operation ends, whatever way it ends.
  struct KeepAliveAfter {
    VtkTerminal& terminal;
    ~KeepAliveAfter() { terminal.resumeKeepAlive(); }
  };

  struct FinOutcome {
    bool answered = false;
    int64_t amount = 0;
    std::string error;
  };

  void resetSession() {
    // After a reconnect the terminal's earlier changes no longer hold: start from the configured values.
    session_ = Session{};
    session_.operation_timeout_ms = config_.operation_timeout_ms;
    session_.keepalive_s = config_.keepalive_s;
    send_local_time_ = false;
  }

  VtkMessage outgoing(std::string_view name) const {
    VtkMessage m(name);
    if (send_local_time_) m.set(tag::kLocalTime, vtkLocalTime());
    return m;
  }

  // A terminal whose clock is not set sends a local time not starting with "2"; then the kiosk must send its
  // own time (tag 0x11) with every message.
  void noteTerminalClock(const VtkMessage& m) {
    if (const std::string* t = m.find(tag::kLocalTime); t && !t->empty()) send_local_time_ = (*t)[0] != '2';
  }

  void resumeKeepAlive() {
    // Between an approved VRP and its FIN the terminal waits for FIN; an IDL then might read as "the kiosk
    // gave up", so no keep-alive until the operation is finalised or reversed.
    if (!link_.alive() || pending_fin_op_ > 0) return;
    const auto period = milliseconds(int64_t{session_.keepalive_s} * 1000);
    link_.startKeepAlive(outgoing(msg::kIdle), period, 3 * period + milliseconds(config_.dead_grace_ms));
  }

  bool handshake(std::string& error) {
    VtkMessage idle = outgoing(msg::kIdle);
    idle.setNumber(tag::kKeepAlive, session_.keepalive_s);
    if (!link_.send(idle, error)) return false;
    const auto deadline = Clock::now() + milliseconds(config_.handshake_timeout_ms);
    while (true) {
      VtkMessage answer;
      const auto status = link_.receive(answer, deadline, error);
      if (status != VtkLink::Wait::Message) {
        error = "IDL handshake: " + error;
        return false;
      }
      noteTerminalClock(answer);
      if (answer.name != msg::kIdle) {
        kiosk::log::debug("vtk", "ignored during handshake: ", answer.summary());
        continue;
      }
      if (auto last = answer.number(tag::kOperationNumber)) session_.last_operation = *last;
      if (auto timeout = answer.number(tag::kOperationTimeout); timeout && *timeout >= 1 && *timeout <= 3600)
        session_.operation_timeout_ms = static_cast<int>(*timeout * 1000);
      if (auto keepalive = answer.number(tag::kKeepAlive); keepalive && *keepalive >= 1 && *keepalive <= 3600)
        session_.keepalive_s = static_cast<int>(*keepalive);
      return true;
    }
  }

  // Connected, handshaken, keep-alive paused. A connection that went stale is replaced once.
  bool ensureReady(std::string& error) {
    link_.stopKeepAlive();
    const bool reused = link_.alive();
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt == 1 && !reused) break;
      if (attempt == 1 || !reused) {
        resetSession();
        if (!link_.open(config_.host, config_.port, config_.connect_timeout_ms, error)) return false;
        kiosk::log::info("vtk", "connected to ", config_.host, ":", config_.port);
      }
      link_.discardQueued();
      if (handshake(error)) return true;
      kiosk::log::warn("vtk", error);
      link_.close();
    }
    return false;
  }

  // For FIN: an open connection is used as it is (no IDL in the middle of an operation); a lost one is
  // re-established with the handshake.
  bool connectIfNeeded(std::string& error) {
    if (link_.alive()) {
      link_.stopKeepAlive();
      link_.discardQueued();
      return true;
    }
    return ensureReady(error);
  }

  bool sendVendRequest(int64_t op, int64_t amount, std::string& error) {
    VtkMessage vrp = outgoing(msg::kVendRequest);
    vrp.setNumber(tag::kOperationNumber, op).setNumber(tag::kAmount, amount);
    if (!config_.product_id.empty()) vrp.set(tag::kProductId, config_.product_id);
    if (!config_.product_name.empty()) vrp.set(tag::kProductName, config_.product_name);
    return link_.send(vrp, error);
  }

  PaymentResult approvedFrom(const VtkMessage& answer, int64_t approved_amount, int64_t requested) {
    PaymentResult r;
    r.kind = PaymentResult::Kind::Approved;
    r.amount = Money::kopecks(approved_amount);
    if (const std::string* receipt = answer.find(tag::kReceipt)) {
      r.slip = maskPanRuns(*receipt);  // a full card number must never reach the journal
      const ReceiptFields f = parseReceipt(*receipt);
      r.transaction.rrn = f.rrn;
      r.transaction.auth_code = f.auth_code;
      r.transaction.card_mask = f.card_mask;
      r.transaction.card_type = f.card_type;
      r.transaction.terminal_id = f.terminal_id;
      r.code = f.response_code;
    }
    r.transaction.paid_at = localIsoTime();
    if (approved_amount != requested) {
      r.text = "approved for " + std::to_string(approved_amount) + " kopecks, " + std::to_string(requested) +
               " requested";
      kiosk::log::warn("vtk", r.text);
    }
    return r;
  }

  PaymentResult declinedFrom(const VtkMessage& answer) {
    ReceiptFields f;
    const std::string* receipt = answer.find(tag::kReceipt);
    if (receipt) f = parseReceipt(*receipt);
    PaymentResult r = declined(f.response_code.empty() ? "declined" : f.response_code,
                               f.result.empty() ? "declined by the terminal" : "declined by the terminal: " + f.result);
    if (receipt) r.slip = maskPanRuns(*receipt);
    return r;
  }

  // Waits for the terminal's VRP answer. `cancel` may be null (recovery: nothing to cancel).
  PaymentResult awaitVendAnswer(int64_t op, int64_t amount, const ProgressSink& progress, CancelToken* cancel) {
    const std::string what = "VRP " + std::to_string(op);
    auto deadline = Clock::now() + milliseconds(session_.operation_timeout_ms + config_.answer_grace_ms);
    bool abort_sent = false;
    bool timed_out = false;
    auto sendAbort = [&](std::string& error) {
      VtkMessage abr = outgoing(msg::kAbort);
      abr.setNumber(tag::kOperationNumber, op);
      if (!link_.send(abr, error)) return false;
      abort_sent = true;
      deadline = Clock::now() + milliseconds(config_.abort_timeout_ms);
      if (progress) progress({"payment.cancelling", "", false});
      return true;
    };
    while (true) {
      VtkMessage answer;
      std::string error;
      const auto status = link_.receive(answer, deadline, error,
                                        [&] { return !abort_sent && cancel && cancel->cancelled(); });
      if (status == VtkLink::Wait::Interrupted || (status == VtkLink::Wait::Timeout && !abort_sent)) {
        timed_out = status == VtkLink::Wait::Timeout;
        kiosk::log::info("vtk", what, timed_out ? ": no answer in time, sending ABR" : ": guest cancelled, sending ABR");
        if (!sendAbort(error)) {
          link_.close();
          return unknown(what + ": ABR could not be sent: " + error);
        }
        continue;
      }
      if (status == VtkLink::Wait::Timeout) {
        link_.close();
        return unknown(what + ": no answer from the terminal" +
                       (timed_out ? std::string(" within the operation timeout, nor to ABR")
                                  : std::string(" to ABR after the guest cancelled")));
      }
      if (status == VtkLink::Wait::Closed) {
        link_.close();
        return unknown(what + ": answer lost: " + error);
      }
      noteTerminalClock(answer);
      if (answer.name == msg::kVendRequest) {
        if (auto answered_op = answer.number(tag::kOperationNumber); answered_op && *answered_op != op) {
          kiosk::log::warn("vtk", "ignored a VRP answer for operation ", *answered_op, " while waiting for ", op);
          continue;
        }
        const auto approved_amount = answer.number(tag::kAmount);
        if (!approved_amount) {
          link_.close();
          return unknown(what + ": the answer has no readable amount (tag 0x04)");
        }
        if (*approved_amount > 0) {
          pending_fin_op_ = op;
          return approvedFrom(answer, *approved_amount, amount);
        }
        closeDeclinedOperation(op);
        if (abort_sent)
          return cancelled(timed_out ? "no answer in time; the terminal aborted the operation" : "cancelled by the guest");
        return declinedFrom(answer);
      }
      if (answer.name == msg::kAbort) {
        return cancelled(abort_sent ? (timed_out ? "no answer in time; the terminal aborted the operation"
                                                 : "cancelled by the guest")
                                    : "cancelled at the terminal");
      }
      const std::string* event = answer.find(tag::kEventName);
      const std::string* event_number = answer.find(tag::kEventNumber);
      if ((event || event_number) && progress && !abort_sent)
        progress(progressForEvent(event ? *event : "", event_number ? *event_number : ""));
      else
        kiosk::log::debug("vtk", "ignored while waiting for ", what, ": ", answer.summary());
    }
  }

  // After a zero VRP answer the terminal expects the operation to be closed with FIN 0. Best effort: the
  // outcome is already known (nothing was charged).
  void closeDeclinedOperation(int64_t op) {
    const FinOutcome fin = finalise(op, 0);
    if (!fin.answered) kiosk::log::warn("vtk", "FIN 0 after a decline of ", op, " unanswered: ", fin.error);
  }

  // Sends FIN for `op` with `amount` and waits for the terminal's FIN answer.
  FinOutcome finalise(int64_t op, int64_t amount) {
    FinOutcome out;
    if (!connectIfNeeded(out.error)) return out;
    KeepAliveAfter resume{*this};
    VtkMessage fin = outgoing(msg::kFinalise);
    fin.setNumber(tag::kOperationNumber, op).setNumber(tag::kAmount, amount);
    if (!link_.send(fin, out.error)) {
      link_.close();
      return out;
    }
    const auto deadline = Clock::now() + milliseconds(config_.fin_timeout_ms);
    while (true) {
      VtkMessage answer;
      const auto status = link_.receive(answer, deadline, out.error);
      if (status != VtkLink::Wait::Message) {
        link_.close();
        return out;
      }
      noteTerminalClock(answer);
      if (answer.name != msg::kFinalise) {
        kiosk::log::debug("vtk", "ignored while waiting for FIN: ", answer.summary());
        continue;
      }
      if (auto answered_op = answer.number(tag::kOperationNumber); answered_op && *answered_op != op) continue;
      const auto answered = answer.number(tag::kAmount);
      if (!answered) {
        out.error = "FIN answer has no readable amount";
        link_.close();
        return out;
      }
      out.answered = true;
      out.amount = *answered;
      if (pending_fin_op_ == op) pending_fin_op_ = 0;
      return out;
    }
  }

  VtkConfig config_;
  std::mutex op_mutex_;  // one operation at a time; status() does not wait for it
  VtkLink link_;
  Session session_;
  int64_t last_issued_ = 0;
  int64_t pending_fin_op_ = 0;  // approved, FIN not yet answered (0: none)
  bool send_local_time_ = false;
};

}  // namespace

std::unique_ptr<payment::Terminal> makeVtkTerminal(const VtkConfig& config) {
  return std::make_unique<VtkTerminal>(config);
}

}  // namespace payment::vtk
