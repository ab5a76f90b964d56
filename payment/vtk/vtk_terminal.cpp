#include "payment/vtk/vtk_terminal.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <mutex>
#include <string>

#include "kiosk/common/log.h"
#include "payment/card_data.h"
#include "payment/vtk/link.h"
#include "payment/vtk/local_time.h"
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
  explicit VtkTerminal(VtkConfig config) : config_(std::move(config)) {
    for (const auto& note : config_.notes) kiosk::log::warn("vtk", note);
    resetSession();
    link_.setObserver([this](const VtkMessage& m) { noteTerminalMessage(m); });
  }
  ~VtkTerminal() override { link_.close(); }

  std::string driverName() const override { return "vtk"; }

  std::string nextOperationRef() override {
    std::lock_guard lock(op_mutex_);
    std::string error;
    int64_t base = last_issued_;
    if (pending_fin_op_ > 0) {
      // No IDL while the terminal waits for a FIN; purchase() refuses until then anyway.
      base = std::max(base, pending_fin_op_);
    } else if (ensureReady(error)) {
      if (last_operation_ > base) base = last_operation_;
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
    if (pending_fin_op_ > 0) {
      // The terminal waits for the FIN of an approved operation (§3.4); a new VRP first would leave that sale open.
      return declined("kiosk.fin_pending", "operation " + std::to_string(pending_fin_op_) +
                                               " is approved and not finalised yet: no new payment until it is");
    }
    if (!ensureReady(error)) return declined("kiosk.no_link", "terminal not reachable: " + error);
    KeepAliveAfter resume{*this};
    if (last_operation_ >= 0 && op <= last_operation_) {
      // Re-using a number would make the terminal repeat an old result instead of charging this guest.
      return declined("kiosk.stale_operation", "operation number " + std::to_string(op) +
                                                   " is not newer than the terminal's last (" +
                                                   std::to_string(last_operation_) + ")");
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
    const int64_t last = last_operation_;
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

  std::optional<std::string> lastOperationRef() override {
    std::lock_guard lock(op_mutex_);
    if (pending_fin_op_ > 0) return std::to_string(pending_fin_op_);
    std::string error;
    if (!ensureReady(error)) return std::nullopt;
    KeepAliveAfter resume{*this};
    if (last_operation_ <= 0) return std::nullopt;
    return std::to_string(last_operation_);
  }

  TerminalCapabilities capabilities() const override {
    TerminalCapabilities c;
    c.day_close = false;  // the terminal settles with its host itself
    c.refund = false;     // no refund message: from the terminal's menu or the acquirer's back office
    c.guest_cancel = true;  // ABR while the VRP is pending
    c.single_operation = true;  // §3.3: the terminal keeps its last operation only
    return c;
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
    last_operation_ = -1;
    operation_timeout_ms_ = config_.operation_timeout_ms;
    keepalive_s_ = config_.keepalive_s;
    send_local_time_ = false;
  }

  // Every message the kiosk sends is made here, when it is sent: the local time it may carry is the current one.
  VtkMessage outgoing(std::string_view name) const {
    VtkMessage m(name);
    if (send_local_time_) m.set(tag::kLocalTime, currentLocalTime());
    return m;
  }

  // Runs on the link's reader thread for every message from the terminal (keep-alive answers included): the
  // terminal may change the operation timeout (0x06) or keep-alive (0x05) in any message, and says whether its clock
  // is set (0x11).
  void noteTerminalMessage(const VtkMessage& m) {
    if (auto rule = clockRuleFrom(m.name, m.find(tag::kLocalTime)); rule && *rule != send_local_time_) {
      send_local_time_ = *rule;
      kiosk::log::info("vtk", *rule ? "the terminal's clock is not set: sending local time with every message"
                                    : "the terminal's clock is set: no more local time");
    }
    if (auto timeout = m.number(tag::kOperationTimeout); timeout && *timeout >= 1 && *timeout <= 3600)
      operation_timeout_ms_ = static_cast<int>(*timeout * 1000);
    if (auto keepalive = m.number(tag::kKeepAlive); keepalive && *keepalive >= 1 && *keepalive <= 3600)
      keepalive_s_ = static_cast<int>(*keepalive);  // zero is forbidden by the protocol: ignored
  }

  // The deadline of an answer the operation timeout bounds (VRP → VRP answer, FIN → FIN answer).
  Clock::time_point answerDeadline() const {
    return Clock::now() + milliseconds(int64_t{operation_timeout_ms_} + config_.answer_grace_ms);
  }

  void resumeKeepAlive() {
    // Between an approved VRP and its FIN the terminal waits for FIN; an IDL then might read as "the kiosk
    // gave up", so no keep-alive until the operation is finalised or reversed.
    if (!link_.alive() || pending_fin_op_ > 0) return;
    const auto period = milliseconds(int64_t{keepalive_s_} * 1000);
    link_.startKeepAlive([this] { return outgoing(msg::kIdle); }, period,
                         3 * period + milliseconds(config_.dead_grace_ms));
  }

  // An operation ended without a sale to finalise (declined, aborted, cancelled at the terminal): the kiosk says IDL
  // at once (§3.2). No FIN follows a zero VRP answer — nobody would answer it.
  void idleNow(int64_t op) {
    std::string error;
    if (!link_.send(outgoing(msg::kIdle), error))
      kiosk::log::warn("vtk", "IDL after operation ", op, " could not be sent: ", error);
  }

  bool handshake(std::string& error) {
    VtkMessage idle = outgoing(msg::kIdle);
    idle.setNumber(tag::kKeepAlive, keepalive_s_);
    if (!link_.send(idle, error)) return false;
    const auto deadline = Clock::now() + milliseconds(config_.handshake_timeout_ms);
    while (true) {
      VtkMessage answer;
      const auto status = link_.receive(answer, deadline, error);
      if (status != VtkLink::Wait::Message) {
        error = "IDL handshake: " + error;
        return false;
      }
      if (answer.name != msg::kIdle) {
        kiosk::log::debug("vtk", "ignored during handshake: ", answer.summary());
        continue;
      }
      // 0x05, 0x06 and 0x11 were taken by noteTerminalMessage(); tolerant of a missing 0x08 (seen on real terminals).
      if (auto last = answer.number(tag::kOperationNumber)) last_operation_ = *last;
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

  // Waits for the terminal's VRP answer, at most the operation timeout (§3.5): past it the link is closed (the
  // configured values come back at the reconnect) and the outcome is unknown — recover() asks the terminal, which
  // repeats its stored result for the same number. `cancel` may be null (recovery: nothing to cancel).
  PaymentResult awaitVendAnswer(int64_t op, int64_t amount, const ProgressSink& progress, CancelToken* cancel) {
    const std::string what = "VRP " + std::to_string(op);
    const auto deadline = answerDeadline();
    bool abort_sent = false;
    while (true) {
      VtkMessage answer;
      std::string error;
      const auto status = link_.receive(answer, deadline, error,
                                        [&] { return !abort_sent && cancel && cancel->cancelled(); });
      if (status == VtkLink::Wait::Interrupted) {
        kiosk::log::info("vtk", what, ": guest cancelled, sending ABR");
        VtkMessage abr = outgoing(msg::kAbort);
        abr.setNumber(tag::kOperationNumber, op);
        if (!link_.send(abr, error)) {
          link_.close();
          return unknown(what + ": ABR could not be sent: " + error);
        }
        abort_sent = true;
        if (progress) progress({"payment.cancelling", "", false});
        continue;
      }
      if (status == VtkLink::Wait::Timeout) {
        link_.close();
        return unknown(what + ": no answer within the operation timeout (" +
                       std::to_string(operation_timeout_ms_ / 1000) + " s)" +
                       (abort_sent ? std::string(", ABR sent after the guest cancelled") : std::string()));
      }
      if (status == VtkLink::Wait::Closed) {
        link_.close();
        return unknown(what + ": answer lost: " + error);
      }
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
          pending_fin_op_ = op;  // FIN must follow (§3.4)
          return approvedFrom(answer, *approved_amount, amount);
        }
        idleNow(op);
        if (abort_sent) return cancelled("cancelled by the guest");
        return declinedFrom(answer);
      }
      if (answer.name == msg::kAbort) {
        idleNow(op);
        return cancelled(abort_sent ? "cancelled by the guest" : "cancelled at the terminal");
      }
      // A terminal sends nothing else between a VRP and its answer; a stray keep-alive answer is harmless.
      kiosk::log::debug("vtk", "ignored while waiting for ", what, ": ", answer.summary());
    }
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
    // FIN → FIN answer is bounded by the operation timeout too (§3.6), not by a shorter timer of ours.
    const auto deadline = answerDeadline();
    while (true) {
      VtkMessage answer;
      const auto status = link_.receive(answer, deadline, out.error);
      if (status != VtkLink::Wait::Message) {
        if (status == VtkLink::Wait::Timeout)
          out.error = "no FIN answer within the operation timeout (" + std::to_string(operation_timeout_ms_ / 1000) +
                      " s)";
        link_.close();
        return out;
      }
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
      idleNow(op);  // after the FIN answer the kiosk says IDL at once (§3.4), not at the next keep-alive
      return out;
    }
  }

  VtkConfig config_;
  std::mutex op_mutex_;  // one operation at a time; status() does not wait for it
  VtkLink link_;
  int64_t last_operation_ = -1;  // from the terminal's IDL answer (tag 0x03); -1 when it said nothing
  // Set from the terminal's messages on the link's reader thread, read on the payment worker: atomics.
  std::atomic<int> operation_timeout_ms_{0};
  std::atomic<int> keepalive_s_{0};
  std::atomic<bool> send_local_time_{false};
  int64_t last_issued_ = 0;
  int64_t pending_fin_op_ = 0;  // approved, FIN not yet answered (0: none)
};

}  // namespace

std::unique_ptr<payment::Terminal> makeVtkTerminal(const VtkConfig& config) {
  return std::make_unique<VtkTerminal>(config);
}

}  // namespace payment::vtk
