#include "payment/sim/sim_device.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#include "payment/journal/record.h"

namespace payment::sim {
namespace {

using Clock = std::chrono::steady_clock;

PaymentResult make(PaymentResult::Kind kind, std::string text, std::string code = {}) {
  PaymentResult r;
  r.kind = kind;
  r.text = std::move(text);
  r.code = std::move(code);
  return r;
}

DeviceAnswer answer(PaymentResult result) { return {DeviceAnswer::Delivery::Answer, std::move(result)}; }

// Test cards; the last four digits and the scheme rotate with the RRN so records differ.
struct TestCard {
  const char* last4;
  const char* type;
};
constexpr TestCard kCards[] = {{"1118", "MC"}, {"0042", "VISA"}, {"7301", "MIR"}};

}  // namespace

std::optional<Behaviour> parseBehaviour(const std::string& text, std::string& error) {
  Behaviour b;
  if (text == "approve") b.kind = Behaviour::Kind::Approve;
  else if (text == "timeout") b.kind = Behaviour::Kind::Timeout;
  else if (text == "lost_answer") b.kind = Behaviour::Kind::LostAnswer;
  else if (text == "disconnect") b.kind = Behaviour::Kind::Disconnect;
  else if (text.rfind("decline:", 0) == 0 && text.size() > 8) {
    b.kind = Behaviour::Kind::Decline;
    b.code = text.substr(8);
  } else if (text.rfind("delay:", 0) == 0) {
    char* end = nullptr;
    long ms = std::strtol(text.c_str() + 6, &end, 10);
    if (text.size() == 6 || *end != '\0' || ms < 0 || ms > 600'000) {
      error = "bad delay in '" + text + "' (delay:MS, 0..600000)";
      return std::nullopt;
    }
    b.kind = Behaviour::Kind::Delay;
    b.delay_ms = static_cast<int>(ms);
  } else {
    error = "unknown behaviour '" + text +
            "' (approve, decline:CODE, delay:MS, timeout, lost_answer, disconnect)";
    return std::nullopt;
  }
  return b;
}

std::optional<SideBehaviour> parseSideBehaviour(const std::string& text, std::string& error) {
  if (text == "ok") return SideBehaviour::Ok;
  if (text == "fail") return SideBehaviour::Fail;
  if (text == "disconnect") return SideBehaviour::Disconnect;
  error = "unknown confirm/reverse behaviour '" + text + "' (ok, fail, disconnect)";
  return std::nullopt;
}

const char* ledgerStateName(LedgerEntry::State state) {
  switch (state) {
    case LedgerEntry::State::InProgress: return "in_progress";
    case LedgerEntry::State::Approved: return "approved";
    case LedgerEntry::State::Declined: return "declined";
    case LedgerEntry::State::Cancelled: return "cancelled";
    case LedgerEntry::State::NotCharged: return "not_charged";
    case LedgerEntry::State::Confirmed: return "confirmed";
    case LedgerEntry::State::Reversed: return "reversed";
    case LedgerEntry::State::Refunded: return "refunded";
  }
  return "?";
}

std::optional<LedgerEntry::State> ledgerStateFromName(const std::string& name) {
  for (int i = 0; i <= static_cast<int>(LedgerEntry::State::Refunded); ++i) {
    auto state = static_cast<LedgerEntry::State>(i);
    if (name == ledgerStateName(state)) return state;
  }
  return std::nullopt;
}

SimTerminalDevice::SimTerminalDevice(SimDeviceOptions options) : options_(std::move(options)) {
  std::string error;
  auto b = parseBehaviour(options_.default_behaviour, error);
  default_behaviour_ = b ? *b : Behaviour{};
  // RRNs look real (12 digits) and differ between device lifetimes.
  next_rrn_ = 400000000000ULL + static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count() /
                                                      1000) % 99000000000ULL;
}

std::string SimTerminalDevice::pushBehaviour(const std::string& text) {
  std::string error;
  auto b = parseBehaviour(text, error);
  if (!b) return error;
  std::lock_guard lock(mutex_);
  script_.push_back(*b);
  return {};
}

std::string SimTerminalDevice::setDefaultBehaviour(const std::string& text) {
  std::string error;
  auto b = parseBehaviour(text, error);
  if (!b) return error;
  std::lock_guard lock(mutex_);
  default_behaviour_ = *b;
  return {};
}

std::string SimTerminalDevice::pushConfirmBehaviour(const std::string& text) {
  std::string error;
  auto b = parseSideBehaviour(text, error);
  if (!b) return error;
  std::lock_guard lock(mutex_);
  confirm_script_.push_back(*b);
  return {};
}

std::string SimTerminalDevice::pushReverseBehaviour(const std::string& text) {
  std::string error;
  auto b = parseSideBehaviour(text, error);
  if (!b) return error;
  std::lock_guard lock(mutex_);
  reverse_script_.push_back(*b);
  return {};
}

void SimTerminalDevice::setStepMs(int step_ms) {
  std::lock_guard lock(mutex_);
  options_.step_ms = step_ms;
}

Behaviour SimTerminalDevice::nextBehaviour() {
  if (script_.empty()) return default_behaviour_;
  Behaviour b = script_.front();
  script_.pop_front();
  return b;
}

std::optional<SideBehaviour> SimTerminalDevice::popSide(std::deque<SideBehaviour>& queue) {
  if (queue.empty()) return SideBehaviour::Ok;
  SideBehaviour b = queue.front();
  queue.pop_front();
  return b;
}

bool SimTerminalDevice::wait(int ms, const std::function<bool()>& cancel_requested) {
  auto deadline = Clock::now() + std::chrono::milliseconds(ms);
  while (true) {
    if (cancel_requested && cancel_requested()) return false;
    auto now = Clock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_for(std::min<Clock::duration>(deadline - now, std::chrono::milliseconds(5)));
  }
}

kiosk::CardTransaction SimTerminalDevice::makeTransaction() {
  uint64_t rrn = next_rrn_++;
  const TestCard& card = kCards[rrn % 3];
  kiosk::CardTransaction t;
  t.terminal_id = options_.terminal_id;
  t.rrn = std::to_string(rrn);
  t.auth_code = "A" + std::to_string(10000 + rrn % 90000);
  t.card_mask = std::string("************") + card.last4;
  t.card_type = card.type;
  t.paid_at = journal::localTimestamp();
  return t;
}

PaymentResult SimTerminalDevice::approvedResult(const LedgerEntry& e) const {
  PaymentResult r = make(PaymentResult::Kind::Approved, "approved");
  r.amount = e.amount;
  r.transaction = e.transaction;
  r.code = "00";
  r.slip = "SIM TERMINAL " + e.transaction.terminal_id + "\nPURCHASE " + e.amount.toDecimal() + " RUB\nCARD " +
           e.transaction.card_type + " " + e.transaction.card_mask + "\nRRN " + e.transaction.rrn + "\nAUTH " +
           e.transaction.auth_code + "\nAPPROVED\n";
  return r;
}

DeviceAnswer SimTerminalDevice::purchase(const PurchaseRequest& request, const ProgressSink& progress,
                                         const std::function<bool()>& cancel_requested) {
  Behaviour behaviour;
  int step_ms = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = ledger_.find(request.operation_ref);
    if (it != ledger_.end()) {
      // The same operation reference again (after a lost answer or a crash): answer from the ledger.
      LedgerEntry& e = it->second;
      ++e.purchase_requests;
      switch (e.state) {
        case LedgerEntry::State::InProgress:
          return answer(make(PaymentResult::Kind::Unknown, "operation " + e.op_ref + " still in progress"));
        case LedgerEntry::State::Approved:
        case LedgerEntry::State::Confirmed: return answer(approvedResult(e));
        case LedgerEntry::State::Declined:
          return answer(make(PaymentResult::Kind::Declined, "declined earlier", e.decline_code));
        default: return answer(make(PaymentResult::Kind::Cancelled, "operation ended without a charge"));
      }
    }
    if (request.amount.kopecks() <= 0) {
      return answer(make(PaymentResult::Kind::Declined, "amount must be positive", "AMOUNT"));
    }
    LedgerEntry e;
    e.op_ref = request.operation_ref;
    e.external_id = request.external_id;
    e.amount = request.amount;
    e.purchase_requests = 1;
    ledger_[e.op_ref] = e;
    order_.push_back(e.op_ref);
    behaviour = nextBehaviour();
    step_ms = options_.step_ms;
  }
  auto finish = [&](LedgerEntry::State state, const std::string& code = {}) {
    std::lock_guard lock(mutex_);
    LedgerEntry& e = ledger_[request.operation_ref];
    e.state = state;
    e.decline_code = code;
    if (state == LedgerEntry::State::Approved) {
      e.transaction = makeTransaction();
      ++e.charges;
    }
    return e;
  };
  auto say = [&](const char* key, const char* text, bool cancellable) {
    if (progress) progress(TerminalProgress{key, text, cancellable});
  };

  say("payment.insert_card", "PRESENT CARD", true);
  int first_wait = step_ms + (behaviour.kind == Behaviour::Kind::Delay ? behaviour.delay_ms : 0);
  if (!wait(first_wait, cancel_requested)) {
    finish(LedgerEntry::State::Cancelled);
    return answer(make(PaymentResult::Kind::Cancelled, "cancelled at the terminal"));
  }
  say("payment.enter_pin", "ENTER PIN", true);
  if (!wait(step_ms, cancel_requested)) {
    finish(LedgerEntry::State::Cancelled);
    return answer(make(PaymentResult::Kind::Cancelled, "cancelled at the terminal"));
  }
  say("payment.processing", "PROCESSING", false);
  wait(step_ms, nullptr);  // past this point the guest can no longer cancel

  switch (behaviour.kind) {
    case Behaviour::Kind::Timeout:
      finish(LedgerEntry::State::NotCharged);
      return {DeviceAnswer::Delivery::NoAnswer, make(PaymentResult::Kind::Unknown, "no answer from the terminal")};
    case Behaviour::Kind::Disconnect:
      finish(LedgerEntry::State::NotCharged);
      return {DeviceAnswer::Delivery::Disconnect, make(PaymentResult::Kind::Unknown, "terminal disconnected")};
    case Behaviour::Kind::Decline: {
      finish(LedgerEntry::State::Declined, behaviour.code);
      say("payment.remove_card", "DECLINED", false);
      return answer(make(PaymentResult::Kind::Declined, "declined by the bank (" + behaviour.code + ")",
                         behaviour.code));
    }
    case Behaviour::Kind::LostAnswer: {
      finish(LedgerEntry::State::Approved);
      return {DeviceAnswer::Delivery::Disconnect, make(PaymentResult::Kind::Unknown, "answer lost")};
    }
    case Behaviour::Kind::Approve:
    case Behaviour::Kind::Delay: break;
  }
  LedgerEntry e = finish(LedgerEntry::State::Approved);
  say("payment.remove_card", "REMOVE CARD", false);
  return answer(approvedResult(e));
}

DeviceAnswer SimTerminalDevice::confirm(const std::string& op_ref, kiosk::Money amount) {
  std::lock_guard lock(mutex_);
  auto behaviour = popSide(confirm_script_);
  if (behaviour == SideBehaviour::Disconnect) {
    return {DeviceAnswer::Delivery::Disconnect, make(PaymentResult::Kind::Unknown, "terminal disconnected")};
  }
  if (behaviour == SideBehaviour::Fail) return answer(make(PaymentResult::Kind::Declined, "confirm failed", "FIN"));
  auto it = ledger_.find(op_ref);
  if (it == ledger_.end()) return answer(make(PaymentResult::Kind::Declined, "no such operation", "NOT_FOUND"));
  LedgerEntry& e = it->second;
  ++e.confirms;
  if (e.state == LedgerEntry::State::Approved) {
    if (amount != e.amount) return answer(make(PaymentResult::Kind::Declined, "amount differs", "AMOUNT"));
    e.state = LedgerEntry::State::Confirmed;
  }
  if (e.state == LedgerEntry::State::Confirmed) return answer(approvedResult(e));
  return answer(make(PaymentResult::Kind::Declined, std::string("cannot confirm: ") + ledgerStateName(e.state),
                     "STATE"));
}

DeviceAnswer SimTerminalDevice::reverse(const std::string& op_ref) {
  std::lock_guard lock(mutex_);
  auto behaviour = popSide(reverse_script_);
  if (behaviour == SideBehaviour::Disconnect) {
    return {DeviceAnswer::Delivery::Disconnect, make(PaymentResult::Kind::Unknown, "terminal disconnected")};
  }
  if (behaviour == SideBehaviour::Fail) {
    return answer(make(PaymentResult::Kind::Declined, "reversal refused by the host", "REV"));
  }
  auto it = ledger_.find(op_ref);
  if (it == ledger_.end()) {
    return answer(make(PaymentResult::Kind::Approved, "nothing to reverse: no such operation"));
  }
  LedgerEntry& e = it->second;
  ++e.reversals;
  switch (e.state) {
    case LedgerEntry::State::Approved:
      e.state = LedgerEntry::State::Reversed;
      return answer(make(PaymentResult::Kind::Approved, "reversed"));
    case LedgerEntry::State::Reversed: return answer(make(PaymentResult::Kind::Approved, "reversed earlier"));
    case LedgerEntry::State::InProgress:
      return answer(make(PaymentResult::Kind::Unknown, "operation still in progress"));
    case LedgerEntry::State::Confirmed:
    case LedgerEntry::State::Refunded:
      return answer(make(PaymentResult::Kind::Declined, "already confirmed: use a refund", "CONFIRMED"));
    default: return answer(make(PaymentResult::Kind::Approved, "nothing to reverse: not charged"));
  }
}

DeviceAnswer SimTerminalDevice::refund(const std::string& op_ref) {
  std::lock_guard lock(mutex_);
  auto it = ledger_.find(op_ref);
  if (it == ledger_.end()) return answer(make(PaymentResult::Kind::Declined, "no such operation", "NOT_FOUND"));
  LedgerEntry& e = it->second;
  ++e.refunds;
  if (e.state == LedgerEntry::State::Confirmed) {
    e.state = LedgerEntry::State::Refunded;
    return answer(make(PaymentResult::Kind::Approved, "refunded"));
  }
  if (e.state == LedgerEntry::State::Refunded) return answer(make(PaymentResult::Kind::Approved, "refunded earlier"));
  return answer(make(PaymentResult::Kind::Declined, std::string("cannot refund: ") + ledgerStateName(e.state),
                     "STATE"));
}

PaymentResult SimTerminalDevice::recover(const std::string& op_ref) {
  std::lock_guard lock(mutex_);
  auto it = ledger_.find(op_ref);
  if (it == ledger_.end()) {
    return make(PaymentResult::Kind::Declined, "the terminal never saw this operation: nothing charged",
                "NOT_FOUND");
  }
  LedgerEntry& e = it->second;
  ++e.recover_requests;
  switch (e.state) {
    case LedgerEntry::State::InProgress: return make(PaymentResult::Kind::Unknown, "operation still in progress");
    case LedgerEntry::State::Approved:
    case LedgerEntry::State::Confirmed: return approvedResult(e);
    case LedgerEntry::State::Declined: return make(PaymentResult::Kind::Declined, "declined", e.decline_code);
    case LedgerEntry::State::NotCharged:
      return make(PaymentResult::Kind::Declined, "no answer was given and nothing was charged", "NOT_CHARGED");
    case LedgerEntry::State::Cancelled: return make(PaymentResult::Kind::Cancelled, "cancelled");
    case LedgerEntry::State::Reversed:
    case LedgerEntry::State::Refunded: return make(PaymentResult::Kind::Cancelled, "charged and undone");
  }
  return make(PaymentResult::Kind::Unknown, "?");
}

ReconcileResult SimTerminalDevice::reconcile() {
  std::lock_guard lock(mutex_);
  ++reconciliations_;
  int64_t count = 0;
  kiosk::Money total;
  for (const auto& [ref, e] : ledger_) {
    if (e.state == LedgerEntry::State::Confirmed) {
      ++count;
      total += e.amount;
    }
  }
  return {ReconcileResult::Kind::Done, "SIM TERMINAL " + options_.terminal_id + "\nTOTALS\nSALES " +
                                           std::to_string(count) + " " + total.toDecimal() + " RUB\nRECONCILED\n"};
}

std::vector<LedgerEntry> SimTerminalDevice::ledger() const {
  std::lock_guard lock(mutex_);
  std::vector<LedgerEntry> out;
  for (const auto& ref : order_) out.push_back(ledger_.at(ref));
  return out;
}

std::optional<LedgerEntry> SimTerminalDevice::ledgerEntry(const std::string& op_ref) const {
  std::lock_guard lock(mutex_);
  auto it = ledger_.find(op_ref);
  if (it == ledger_.end()) return std::nullopt;
  return it->second;
}

int SimTerminalDevice::reconciliations() const {
  std::lock_guard lock(mutex_);
  return reconciliations_;
}

}  // namespace payment::sim
