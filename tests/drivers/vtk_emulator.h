#pragma once
// A VTK terminal (the "POS" side) on loopback, for tests: in-process (VtkEmulator) or as the `vtk_emulator`
// executable run as a child process. It does only what the VTK specification says a terminal does
// (/work/shared/payment-terminals.md), speaks the TCP framing through its own codec (vtk_wire.h, not the
// driver's), keeps its last operation in a state file like the terminal's non-volatile memory (so a restarted
// emulator repeats a stored result), and writes a ledger (one JSON line per approval, finalisation, reversal…).
//
// It is also a strict judge of the kiosk: every protocol rule the kiosk breaks is recorded as a violation
// (violations(), and <state_dir>/vtk-violations.jsonl for an emulator in another process).
//
// Behaviour for each new operation number comes from a script, e.g. "approve,decline,late:800"; when the
// script runs out it approves.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/drivers/vtk_wire.h"

namespace vtkemu {

enum class Behaviour {
  Approve,           // VRP answer with the amount and an APPROVED receipt
  Decline,           // VRP answer 0 with a DECLINED receipt
  NeverAnswer,       // no answer to the VRP; ABR ignored (busy with the bank)
  AnswerLate,        // approves and answers after delay_ms; ABR ignored meanwhile
  DropAfterApprove,  // approves (stored, ledger) and closes the connection without answering
  WaitForAbort,      // waits for the card until the kiosk's ABR or its own operation timeout, then answers 0
  CancelAtTerminal,  // the guest cancels on the terminal's screen: VRP answered with 0 (aborted)
  Malformed,         // approves, then answers with a frame whose TLV length runs past its end
  BadDiscriminator,  // approves, then answers with discriminator 0x96FB (the kiosk's own)
  Truncated,         // approves, then sends half of the answer frame and closes
};

struct Step {
  Behaviour behaviour = Behaviour::Approve;
  int delay_ms = 0;  // AnswerLate
};

// "approve,decline,never,late:800,drop,wait_abort,cancel_at_terminal,malformed,bad_discriminator,truncated"
std::optional<std::vector<Step>> parseScript(std::string_view text, std::string& error);

struct EmulatorOptions {
  std::string state_dir;             // state file, ledger and violations live here (must exist)
  uint16_t port = 0;                 // 0: any free port
  std::vector<Step> script;
  int keepalive_s = 10;              // tag 0x05 of IDL/DIS answers (> 0)
  int operation_timeout_s = 60;      // tag 0x06 of IDL/DIS answers (> 0); the emulator itself never times out
  bool answer_keepalive = true;      // false: answer only the first IDL of a connection, then stay silent
  bool unset_clock = false;          // IDL/DIS answers carry 0x11 "00000000T000000+0000" until the clock is set
  bool clock_learns_from_kiosk = true;  // a valid 0x11 from the kiosk sets the unset clock
  int64_t start_operation = 0;       // last operation number when there is no state file yet
  bool full_pan_in_receipt = false;  // print an unmasked card number in the receipt (a badly set up terminal)
};

struct LedgerEntry {
  std::string event;  // approved, declined, aborted, finalised, reversed, repeat, fin_repeat, rejected_old
  int64_t op = 0;
  int64_t amount = 0;
};

// Reads <state_dir>/vtk-ledger.jsonl (empty when absent).
std::vector<LedgerEntry> readLedger(const std::string& state_dir);
size_t countEvents(const std::vector<LedgerEntry>& ledger, std::string_view event);

// Reads <state_dir>/vtk-violations.jsonl: every protocol rule a kiosk broke, in order (empty when absent).
std::vector<std::string> readViolations(const std::string& state_dir);

// A message and when it crossed the wire (steady clock), for tests that compare against generous bounds.
struct TimedMessage {
  Message message;
  std::chrono::steady_clock::time_point at;
};

class Terminal;

class VtkEmulator {
 public:
  explicit VtkEmulator(EmulatorOptions options);
  ~VtkEmulator();
  VtkEmulator(const VtkEmulator&) = delete;
  VtkEmulator& operator=(const VtkEmulator&) = delete;

  // Refuses options it cannot honour (no state dir, a non-positive keep-alive or timeout) with the reason.
  bool start(std::string& error);
  void stop();
  uint16_t port() const { return port_; }

  // How many frames with this message name the emulator received from the kiosk.
  size_t received(std::string_view name) const;
  // The last message received with this name.
  std::optional<Message> lastReceived(std::string_view name) const;
  // Every message received from the kiosk, in order; and the same with arrival times.
  std::vector<Message> receivedAll() const;
  std::vector<TimedMessage> receivedLog() const;
  // Every message the terminal sent (well-formed ones; the scripted broken frames are not in it), with times.
  std::vector<TimedMessage> sentLog() const;
  // The protocol rules the kiosk broke while this emulator ran, in order.
  std::vector<std::string> violations() const;
  // Connections accepted so far, and how many of them the kiosk closed.
  size_t connections() const { return connections_; }
  size_t closedByKiosk() const { return closed_by_kiosk_; }

 private:
  class Link;
  void run();

  EmulatorOptions options_;
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<Link> link_;
  std::unique_ptr<Terminal> terminal_;
  mutable std::mutex log_mutex_;
  std::vector<TimedMessage> received_;
  std::vector<TimedMessage> sent_;
  std::vector<std::string> violations_;
  std::atomic<size_t> connections_{0};
  std::atomic<size_t> closed_by_kiosk_{0};
};

}  // namespace vtkemu
