#include "tests/drivers/vtk_terminal_model.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/common/atomic_file.h"

namespace vtkemu {

namespace {

// What a terminal whose real-time clock was never set reports: its first byte is not '2'.
constexpr const char* kUnsetLocalTime = "00000000T000000+0000";

bool isIdleOrDisabled(const std::string& name) { return name == "IDL" || name == "DIS"; }

}  // namespace

Terminal::Terminal(const EmulatorOptions& options, TerminalLink& link,
                   std::function<void(const std::string&)> on_violation)
    : options_(options),
      link_(link),
      on_violation_(std::move(on_violation)),
      script_(options.script.begin(), options.script.end()),
      clock_set_(!options.unset_clock) {
  load();
}

// ---------------------------------------------------------------------------------------------------------------
// Non-volatile memory, ledger, violations
// ---------------------------------------------------------------------------------------------------------------

void Terminal::load() {
  memory_.last_op = options_.start_operation;
  auto text = kiosk::files::readAll(options_.state_dir + "/vtk-terminal-state.json");
  if (!text) return;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  memory_.last_op = j.value("last_op", memory_.last_op);
  memory_.requested = j.value("requested", int64_t{0});
  memory_.vrp_amount = j.value("vrp_amount", int64_t{0});
  memory_.phase = j.value("phase", std::string("none"));
  memory_.receipt = j.value("receipt", std::string());
  memory_.fin_amount = j.value("fin_amount", int64_t{0});
  memory_.event_number = j.value("event_number", int64_t{0});
  // A terminal restarted mid-operation has lost the guest: that operation ended without money.
  if (memory_.phase == "pending") {
    memory_.phase = "aborted";
    memory_.vrp_amount = 0;
    memory_.receipt.clear();
  }
}

void Terminal::save() {
  const nlohmann::json j = {{"last_op", memory_.last_op},       {"requested", memory_.requested},
                            {"vrp_amount", memory_.vrp_amount}, {"phase", memory_.phase},
                            {"receipt", memory_.receipt},       {"fin_amount", memory_.fin_amount},
                            {"event_number", memory_.event_number}};
  kiosk::files::writeAtomically(options_.state_dir + "/vtk-terminal-state.json", j.dump());
}

void Terminal::ledger(const char* event, int64_t op, int64_t amount) {
  std::ofstream out(options_.state_dir + "/vtk-ledger.jsonl", std::ios::app);
  out << nlohmann::json{{"event", event}, {"op", op}, {"amount", amount}}.dump() << "\n";
}

void Terminal::violation(const std::string& text) {
  {
    std::ofstream out(options_.state_dir + "/vtk-violations.jsonl", std::ios::app);
    out << nlohmann::json{{"violation", text}}.dump() << "\n";
  }
  on_violation_(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Connection and judging
// ---------------------------------------------------------------------------------------------------------------

void Terminal::onConnect() {
  const int next = connection_.id + 1;
  connection_ = Connection{};
  connection_.id = next;
}

void Terminal::onUnreadableFrame(const std::string& reason) {
  violation("unreadable frame from the kiosk (" + reason + "); the terminal drops the connection");
  link_.drop();
}

void Terminal::onMessage(const Message& m) {
  judgeLocalTime(m);
  judgeOrder(m);
  if (isIdleOrDisabled(m.name)) onIdleOrDisabled(m);
  else if (m.name == "VRP") onVendRequest(m);
  else if (m.name == "ABR") onAbort();
  else if (m.name == "FIN") onFinalise(m);
  // Anything else (CDP, MFR, tunnelling…) is not part of this terminal's job: no answer.
}

void Terminal::judgeLocalTime(const Message& m) {
  const std::string* time = m.find(tags::kLocalTime);
  if (!time) {
    if (!clock_set_ && connection_.told_clock_unset)
      violation(m.name + " without local time (0x11) while the terminal's clock is unset");
    return;
  }
  if (auto problem = localTimeProblem(*time); !problem.empty()) {
    violation(m.name + ": " + problem);
    return;
  }
  if (!clock_set_ && options_.clock_learns_from_kiosk) clock_set_ = true;
}

void Terminal::judgeOrder(const Message& m) {
  if (!connection_.must_idle) return;
  // ABR may cross the terminal's answer on the wire (the guest cancelled as the answer went out): it is no
  // breach, and the message after it must still be IDL/DIS.
  if (m.name == "ABR") return;
  if (!isIdleOrDisabled(m.name))
    violation(m.name + " after " + *connection_.must_idle + ": the kiosk must send IDL or DIS at once");
  connection_.must_idle.reset();
}

// ---------------------------------------------------------------------------------------------------------------
// IDL, DIS
// ---------------------------------------------------------------------------------------------------------------

void Terminal::onIdleOrDisabled(const Message& m) {
  // A vending event (0x07 name, 0x08 number, e.g. a cash sale CSAPP) is acknowledged by this message's answer.
  if (m.find(tags::kEventName) || m.find(tags::kEventNumber)) {
    if (auto number = m.number(tags::kEventNumber)) {
      memory_.event_number = *number;
      save();
    } else {
      violation(m.name + " carries a vending event without a readable event number (0x08)");
    }
  }
  if (m.name == "IDL" && !options_.answer_keepalive && connection_.idl_answers > 0) return;
  if (m.name == "IDL") ++connection_.idl_answers;

  Message answer(m.name);
  answer.setNumber(tags::kOperation, memory_.last_op)
      .setNumber(tags::kKeepAlive, options_.keepalive_s)
      .setNumber(tags::kOperationTimeout, options_.operation_timeout_s)
      .setNumber(tags::kEventNumber, memory_.event_number);
  if (!clock_set_) {
    answer.set(tags::kLocalTime, kUnsetLocalTime);
    connection_.told_clock_unset = true;
  }
  link_.send(answer);
}

// ---------------------------------------------------------------------------------------------------------------
// VRP, ABR
// ---------------------------------------------------------------------------------------------------------------

void Terminal::onVendRequest(const Message& m) {
  const auto op = m.number(tags::kOperation);
  const auto amount = m.number(tags::kAmount);
  if (!op || !amount) {
    violation("VRP without a readable operation number (0x03) and amount (0x04); the terminal ignores it");
    return;
  }
  if (connection_.unanswered_vrp)
    violation("VRP operation " + std::to_string(*op) + " while VRP operation " +
              std::to_string(*connection_.unanswered_vrp) + " is still unanswered");
  if (connection_.awaiting_fin && *connection_.awaiting_fin != *op)
    violation("VRP operation " + std::to_string(*op) + " while operation " +
              std::to_string(*connection_.awaiting_fin) + " of this connection awaits its FIN");

  if (*op == memory_.last_op && memory_.phase != "none") {
    // The same number again: repeat the stored result, never charge again.
    ledger("repeat", *op, memory_.vrp_amount);
    if (memory_.phase == "pending") {
      pending_connection_ = connection_.id;  // still working on it: the answer goes to whoever asks now
      connection_.unanswered_vrp = *op;
    } else {
      answerVendRequest(connection_.id);
    }
    return;
  }
  if (*op <= memory_.last_op) {
    // A number the terminal has moved past: it answers with nothing approved.
    ledger("rejected_old", *op, *amount);
    Message refusal("VRP");
    refusal.setNumber(tags::kOperation, *op).setNumber(tags::kAmount, 0);
    link_.send(refusal);
    connection_.must_idle = "a zero VRP answer";
    return;
  }
  startOperation(*op, *amount);
}

void Terminal::startOperation(int64_t op, int64_t amount) {
  memory_.last_op = op;
  memory_.requested = amount;
  memory_.vrp_amount = 0;
  memory_.fin_amount = 0;
  memory_.phase = "pending";
  memory_.receipt.clear();
  save();
  const Step step = script_.empty() ? Step{} : script_.front();
  if (!script_.empty()) script_.pop_front();
  pending_step_ = step;
  pending_connection_ = connection_.id;
  connection_.unanswered_vrp = op;
  late_answer_at_.reset();

  switch (step.behaviour) {
    case Behaviour::Approve:
      authorise();
      answerVendRequest(connection_.id);
      break;
    case Behaviour::Decline:
      memory_.phase = "declined";
      memory_.receipt = receipt(false);
      save();
      ledger("declined", op, 0);
      pending_step_.reset();
      answerVendRequest(connection_.id);
      break;
    case Behaviour::NeverAnswer:
      break;
    case Behaviour::AnswerLate:
      late_answer_at_ = Clock::now() + std::chrono::milliseconds(step.delay_ms);
      break;
    case Behaviour::DropAfterApprove:
      authorise();
      connection_.unanswered_vrp.reset();
      link_.drop();
      break;
    case Behaviour::WaitForAbort:
      // The guest never shows a card: the kiosk's ABR ends it, or the terminal's own operation timeout (the one it
      // announces in 0x06), after which the operation ends without money like any other.
      card_wait_ends_at_ = Clock::now() + std::chrono::seconds(options_.operation_timeout_s);
      break;
    case Behaviour::CancelAtTerminal:
      abortPending();
      answerVendRequest(connection_.id);
      break;
    case Behaviour::Malformed: {
      authorise();
      connection_.unanswered_vrp.reset();
      // Claims a 0x40-byte value where 3 bytes follow.
      const std::string tlvs = std::string("\x01\x03VRP\x04\x40", 7) + "123";
      std::string frame{static_cast<char>(0), static_cast<char>(tlvs.size() + 2), '\x97', '\xFB'};
      link_.sendRaw(frame + tlvs);
      break;
    }
    case Behaviour::BadDiscriminator: {
      authorise();
      connection_.unanswered_vrp.reset();
      Message answer("VRP");
      answer.setNumber(tags::kOperation, op).setNumber(tags::kAmount, memory_.vrp_amount);
      link_.sendRaw(encodeTcpFrame(kKioskToTerminal, answer));
      break;
    }
    case Behaviour::Truncated: {
      authorise();
      connection_.unanswered_vrp.reset();
      Message answer("VRP");
      answer.setNumber(tags::kOperation, op).setNumber(tags::kAmount, memory_.vrp_amount);
      answer.set(tags::kReceipt, memory_.receipt);
      const std::string frame = encodeTcpFrame(kTerminalToKiosk, answer);
      link_.sendRaw(frame.substr(0, frame.size() / 2));
      link_.drop();
      break;
    }
  }
}

void Terminal::onAbort() {
  if (memory_.phase != "pending" || !pending_step_ || pending_connection_ != connection_.id) return;
  // NeverAnswer and AnswerLate: the terminal is busy with the bank and does not react.
  if (pending_step_->behaviour != Behaviour::WaitForAbort) return;
  // ASSUMPTION: the specification note is silent on how a terminal answers ABR. We take the least inventive
  // reading: the pending VRP ends, answered like any VRP that brought no money (amount 0).
  abortPending();
  answerVendRequest(connection_.id);
}

// ---------------------------------------------------------------------------------------------------------------
// FIN
// ---------------------------------------------------------------------------------------------------------------

void Terminal::onFinalise(const Message& m) {
  const auto op = m.number(tags::kOperation);
  const auto amount = m.number(tags::kAmount);
  if (!op || !amount) {
    violation("FIN without a readable operation number (0x03) and amount (0x04); nobody answers it");
    return;
  }
  const std::string which = "FIN for operation " + std::to_string(*op);
  if (*op != memory_.last_op || memory_.phase == "none") {
    violation(which + ", which the terminal has no approval for (its last operation is " +
              std::to_string(memory_.last_op) + "); nobody answers it");
    return;
  }
  if (memory_.phase == "pending") {
    violation(which + " before its VRP was answered; nobody answers it");
    return;
  }
  if (memory_.phase == "declined" || memory_.phase == "aborted") {
    violation(which + " after its VRP was " + memory_.phase +
              ": no FIN follows a VRP without money; nobody answers it");
    return;
  }
  if (memory_.phase == "finalised" || memory_.phase == "reversed") {
    // Repeated: the earlier answer again, nothing changes.
    ledger("fin_repeat", *op, memory_.fin_amount);
    if (*amount != memory_.fin_amount)
      violation(which + " with amount " + std::to_string(*amount) + " repeats a FIN answered with " +
                std::to_string(memory_.fin_amount));
  } else {  // authorised
    if (*amount != memory_.vrp_amount && *amount != 0) {
      violation(which + " with amount " + std::to_string(*amount) + ", neither the approved " +
                std::to_string(memory_.vrp_amount) + " nor 0; nobody answers it");
      return;
    }
    memory_.phase = *amount == 0 ? "reversed" : "finalised";
    memory_.fin_amount = *amount;
    save();
    ledger(memory_.phase.c_str(), *op, memory_.vrp_amount);
  }
  Message answer("FIN");
  answer.setNumber(tags::kOperation, *op).setNumber(tags::kAmount, memory_.fin_amount);
  link_.send(answer);
  connection_.awaiting_fin.reset();
  connection_.must_idle = "the FIN answer";
}

// ---------------------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------------------

void Terminal::onTimer(Clock::time_point now) {
  if (card_wait_ends_at_ && now >= *card_wait_ends_at_) {
    card_wait_ends_at_.reset();
    if (memory_.phase == "pending" && pending_step_ && pending_step_->behaviour == Behaviour::WaitForAbort) {
      abortPending();
      answerVendRequest(pending_connection_);
    }
  }
  if (!late_answer_at_ || now < *late_answer_at_) return;
  late_answer_at_.reset();
  authorise();
  // If the kiosk that asked is gone, the result stays stored for a repeated VRP.
  answerVendRequest(pending_connection_);
}

std::string Terminal::receipt(bool approved) const {
  std::ostringstream r;
  if (options_.full_pan_in_receipt) r << "CARD NO 5469380012341118\n";
  r << "VENDOTEK TEST TERMINAL\nTERMINAL ID:00012345\nOPERATION:" << memory_.last_op
    << "\nAMOUNT:" << memory_.requested << "\n";
  if (approved) {
    r << "RESULT:APPROVED\nCARD:MC\nPAN:************1118\nAUTH ID:A1B2C3\nRRN:0288100"
      << (10000 + memory_.last_op % 90000) << "\nRESPONSE CODE:000\n";
  } else {
    r << "RESULT:DECLINED\nCARD:VISA\nPAN:************4242\nRESPONSE CODE:116\n";
  }
  return r.str();
}

// The bank said yes: remembered before anyone is told, as the terminal's non-volatile memory would.
void Terminal::authorise() {
  memory_.phase = "authorised";
  memory_.vrp_amount = memory_.requested;
  memory_.receipt = receipt(true);
  save();
  ledger("approved", memory_.last_op, memory_.vrp_amount);
  pending_step_.reset();
}

void Terminal::abortPending() {
  memory_.phase = "aborted";
  memory_.vrp_amount = 0;
  memory_.receipt.clear();
  save();
  ledger("aborted", memory_.last_op, 0);
  pending_step_.reset();
  late_answer_at_.reset();
  card_wait_ends_at_.reset();
}

void Terminal::answerVendRequest(int asked_on) {
  if (asked_on != connection_.id || !link_.connected()) return;
  Message answer("VRP");
  answer.setNumber(tags::kOperation, memory_.last_op).setNumber(tags::kAmount, memory_.vrp_amount);
  if (!memory_.receipt.empty()) answer.set(tags::kReceipt, memory_.receipt);
  link_.send(answer);
  connection_.unanswered_vrp.reset();
  if (memory_.vrp_amount == 0) connection_.must_idle = "a zero VRP answer";
  else if (memory_.phase == "authorised") connection_.awaiting_fin = memory_.last_op;
}

}  // namespace vtkemu
