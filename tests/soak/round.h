#pragma once
// One round of the soak: a fresh outside world (ProCart emulator + terminal peer), kiosk lives one after another
// until the round's orders are attempted — each life killed at its planned point or ending on its own, and
// restarted with the same state dir — then the faults stop, a last life runs the final recovery, and the
// invariants are checked against the world's records and the journal.
#include <cstdint>
#include <string>

#include "tests/soak/figures.h"
#include "tests/soak/plan.h"
#include "tests/soak/terminal_peer.h"

namespace soak {

struct RoundSetup {
  int index = 1;
  uint64_t seed = 1;
  int orders = 100;  // orders to attempt in this round
  Profile profile;
  TerminalKind terminal = TerminalKind::Sim;
  std::string sbpilot_program;  // the fake_sb_pilot executable (terminal sbpilot)
  std::string child_exe;
  std::string assets_dir;
  std::string round_dir;    // this round's files: emulator state, terminal peer, kiosk.json, events, the kiosk's log
  std::string state_dir;    // the kiosk's state dir (journal), kept from round to round
  std::string cache_dir;
  bool verbose = false;
};

Figures runRound(const RoundSetup& setup);

}  // namespace soak
