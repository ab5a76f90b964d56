#pragma once
// The VTK terminal's behaviour, apart from sockets: what it stores, what it answers to each kiosk message, and
// which of the kiosk's moves break the protocol. The emulator (vtk_emulator.cpp) feeds it messages from one
// connection at a time; it answers through a TerminalLink.
//
// Only what the specification says a terminal does (/work/shared/payment-terminals.md, VTK section):
//   IDL/DIS → IDL/DIS answer with 0x03 last operation, 0x05 keep-alive, 0x06 operation timeout, 0x08 event number
//   VRP     → VRP answer: amount = approved, 0 = declined (or aborted); nothing else is sent in between
//   FIN     → after an approved VRP only: FIN answer with the same amount (0 = the terminal undoes the sale)
//   a repeated VRP or FIN of the last operation → the stored result, never a second charge
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "tests/drivers/vtk_emulator.h"
#include "tests/drivers/vtk_wire.h"

namespace vtkemu {

// The terminal's side of the connection; the emulator implements it over a socket.
class TerminalLink {
 public:
  virtual ~TerminalLink() = default;
  virtual bool connected() const = 0;
  virtual void send(const Message& message) = 0;        // framed with the terminal's discriminator 0x97FB
  virtual void sendRaw(const std::string& bytes) = 0;   // scripted broken frames, as they are
  virtual void drop() = 0;                              // the terminal closes the connection
};

class Terminal {
 public:
  using Clock = std::chrono::steady_clock;
  // Loads the non-volatile memory from <state_dir>; `on_violation` hears every rule the kiosk breaks (they are
  // also appended to <state_dir>/vtk-violations.jsonl).
  Terminal(const EmulatorOptions& options, TerminalLink& link, std::function<void(const std::string&)> on_violation);

  void onConnect();                                  // a new kiosk connection replaces the old one
  void onMessage(const Message& message);            // a well-formed frame from the kiosk
  void onUnreadableFrame(const std::string& reason); // recorded, then the connection is dropped
  void onTimer(Clock::time_point now);  // the late answer of `late:<ms>`, the end of a card wait at the timeout

 private:
  // Non-volatile memory: the last operation and its result, as a terminal keeps them across power loss.
  struct Memory {
    int64_t last_op = 0;
    int64_t requested = 0;
    int64_t vrp_amount = 0;      // the VRP answer's amount: approved amount, 0 for declined/aborted
    std::string phase = "none";  // none, pending, authorised, declined, aborted, finalised, reversed
    std::string receipt;         // the VRP answer's receipt
    int64_t fin_amount = 0;      // the FIN answer's amount (finalised, reversed)
    int64_t event_number = 0;    // the last vending event number the kiosk sent
  };

  // What the terminal knows of the current connection, to judge the kiosk's next move.
  struct Connection {
    int id = 0;
    int idl_answers = 0;
    bool told_clock_unset = false;           // an answer with an unset local time went out on it
    std::optional<std::string> must_idle;    // the answer after which the kiosk must send IDL/DIS at once
    std::optional<int64_t> awaiting_fin;     // an operation approved on it, not yet finalised
    std::optional<int64_t> unanswered_vrp;   // a VRP it sent that the terminal has not answered yet
  };

  void load();
  void save();
  void ledger(const char* event, int64_t op, int64_t amount);
  void violation(const std::string& text);

  void judgeLocalTime(const Message& m);
  void judgeOrder(const Message& m);

  void onIdleOrDisabled(const Message& m);
  void onVendRequest(const Message& m);
  void startOperation(int64_t op, int64_t amount);
  void onAbort();
  void onFinalise(const Message& m);

  std::string receipt(bool approved) const;
  void authorise();
  void abortPending();
  void answerVendRequest(int asked_on);  // the stored result, if the connection that asked is still there

  const EmulatorOptions& options_;
  TerminalLink& link_;
  std::function<void(const std::string&)> on_violation_;
  std::deque<Step> script_;
  Memory memory_;
  Connection connection_;
  bool clock_set_;
  std::optional<Step> pending_step_;       // behaviour of the operation in progress
  int pending_connection_ = 0;             // the connection whose VRP it is
  std::optional<Clock::time_point> late_answer_at_;
  std::optional<Clock::time_point> card_wait_ends_at_;  // wait_abort: the terminal's own operation timeout
};

}  // namespace vtkemu
