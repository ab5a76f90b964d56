#pragma once
// The card terminal of one soak round, on the far side of the kiosk's driver (soak_driver --terminal):
//   sim      the simulated terminal (SimTerminalDevice behind SimTerminalServer), driver "sim";
//   vtk      the VTK emulator (tests/drivers/vtk_emulator.h) on loopback, driver "vtk";
//   sbpilot  the fake sb_pilot (tests/drivers/fake_sb_pilot.cpp), run by the kiosk's driver "sbpilot" in the
//            round's working directory.
// Each outlives every kiosk life of the round, plays the round's terminal script with its own faults
// (peer_scripts.h), and gives its own records — not the kiosk's — to the invariant check.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "payment/sim/sim_device.h"
#include "tests/payment/peer_ledgers.h"
#include "tests/soak/figures.h"

namespace soak {

enum class TerminalKind { Sim, Vtk, SbPilot };
const char* terminalKindName(TerminalKind kind);
std::optional<TerminalKind> terminalKindFromName(std::string_view name);

struct PeerOptions {
  TerminalKind kind = TerminalKind::Sim;
  std::string dir;              // the round's directory for the peer (VTK state dir, sb_pilot working dir)
  std::string sbpilot_program;  // the fake_sb_pilot executable
  uint64_t seed = 1;            // the round's stream for the choice among a peer's faults of one kind
  int64_t first_operation = 0;  // VTK: the terminal's last operation number when the round starts
};

// The peer's records in the shape the invariants read, and what they hold that is wrong in itself (protocol
// violations the peer saw, inconsistent records): every problem is a violation.
struct PeerRecords {
  std::vector<payment::sim::LedgerEntry> ledger;
  std::vector<std::string> problems;
};

class TerminalPeer {
 public:
  virtual ~TerminalPeer() = default;

  // Starts the peer, with `script` (soak behaviours, plan.h) for new purchases in order. "" or what failed.
  virtual std::string start(const std::vector<std::string>& script) = 0;
  virtual void stop() = 0;
  // kiosk.json's "terminal" section for this peer.
  virtual nlohmann::json kioskTerminal() const = 0;

  // New purchases that reached the terminal so far; the i-th met script[i].
  virtual size_t purchasesSeen() = 0;
  // How the peer played purchase i, for the figures ("sim.lost_answer", "vtk.truncated", "sbpilot.hang").
  virtual std::string peerFault(size_t index) const = 0;

  // A fault ("fail", "disconnect") for the next confirmation / reversal. False when the peer has no such fault.
  virtual bool pushConfirmFault(const std::string&) { return false; }
  virtual bool pushReverseFault(const std::string&) { return false; }
  // The faults stop (the final recovery runs without them); the pushed side faults never met are taken back and
  // subtracted from `confirm` / `reverse`.
  virtual void endFaults(Counts& /*confirm*/, Counts& /*reverse*/) {}

  // A kiosk life died by SIGKILL: what it left running at the terminal dies with it (sb_pilot's processes, as
  // systemd kills a service's control group). Returns how many processes were killed.
  virtual int lifeKilled() { return 0; }

  // The peer's own records as charges; `links` (from the kiosk's journal) names each charge's order attempt.
  virtual PeerRecords records(const payment::testing::JournalLinks& links) = 0;
};

std::unique_ptr<TerminalPeer> makeSimPeer(const PeerOptions& options);
std::unique_ptr<TerminalPeer> makeVtkPeer(const PeerOptions& options);
std::unique_ptr<TerminalPeer> makeSbPilotPeer(const PeerOptions& options);
std::unique_ptr<TerminalPeer> makeTerminalPeer(const PeerOptions& options);

}  // namespace soak
