#pragma once
// A VTK terminal (the "POS" side) on loopback, for tests: in-process (VtkEmulator) or as the `vtk_emulator`
// executable run as a child process. It speaks the TCP framing byte for byte, keeps its last operation in a
// state file like the terminal's non-volatile memory (so a restarted emulator repeats a stored result), and
// writes a ledger (one JSON line per approval, finalisation, reversal…) that tests read.
//
// Behaviour for each new operation number comes from a script, e.g. "approve,decline,late:800"; when the
// script runs out it approves.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "payment/vtk/message.h"

namespace vtkemu {

enum class Behaviour {
  Approve,           // events, then VRP answer with the amount and a receipt
  Decline,           // VRP answer 0 with a DECLINED receipt
  NeverAnswer,       // no answer to the VRP, nor to ABR
  AnswerLate,        // approves and answers after delay_ms, ignoring ABR meanwhile
  DropAfterApprove,  // approves (stored, ledger) and closes the connection without answering
  WaitForAbort,      // shows "present card" and waits; ABR → ABR answer, operation aborted
  CancelAtTerminal,  // the guest cancels on the terminal: ABR sent to the kiosk
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
  std::string state_dir;            // state file and ledger live here (must exist)
  uint16_t port = 0;                // 0: any free port
  std::vector<Step> script;
  int operation_timeout_s = 0;      // >0: sent as tag 0x06 in IDL answers
  bool answer_keepalive = true;     // false: answer only the first IDL of a connection, then stay silent
  bool send_events = true;          // event messages (0x07/0x08) before answering a VRP
  bool unset_clock = false;         // send local time "19700101T0000+0000" (clock not set) in IDL answers
  int64_t start_operation = 0;      // last operation number when there is no state file yet
  bool full_pan_in_receipt = false; // print an unmasked card number in the receipt (a badly set up terminal)
};

struct LedgerEntry {
  std::string event;  // approved, declined, aborted, finalised, reversed, repeat, fin_repeat, rejected_old
  int64_t op = 0;
  int64_t amount = 0;
};

// Reads <state_dir>/vtk-ledger.jsonl (empty when absent).
std::vector<LedgerEntry> readLedger(const std::string& state_dir);
size_t countEvents(const std::vector<LedgerEntry>& ledger, std::string_view event);

class VtkEmulator {
 public:
  explicit VtkEmulator(EmulatorOptions options);
  ~VtkEmulator();
  VtkEmulator(const VtkEmulator&) = delete;
  VtkEmulator& operator=(const VtkEmulator&) = delete;

  bool start(std::string& error);
  void stop();
  uint16_t port() const { return port_; }

  // How many frames with this message name the emulator received from the kiosk.
  size_t received(std::string_view name) const;
  // The last message received with this name.
  std::optional<payment::vtk::VtkMessage> lastReceived(std::string_view name) const;
  // Connections accepted so far, and how many of them the kiosk closed.
  size_t connections() const { return connections_; }
  size_t closedByKiosk() const { return closed_by_kiosk_; }

 private:
  struct Impl;
  void run();

  EmulatorOptions options_;
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  Impl* impl_ = nullptr;
  mutable std::mutex stats_mutex_;
  std::vector<payment::vtk::VtkMessage> received_;
  std::atomic<size_t> connections_{0};
  std::atomic<size_t> closed_by_kiosk_{0};
};

}  // namespace vtkemu
