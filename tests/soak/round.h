#pragma once
// One round of the soak: a fresh outside world (emulator + terminal), kiosk lives one after another until the
// round's orders are attempted — each life killed at its planned point or ending on its own, and restarted with
// the same state dir — then the faults stop, a last life runs the final recovery, and the invariants are checked
// against the world's records and the journal.
#include <cstdint>
#include <string>

#include "tests/soak/figures.h"
#include "tests/soak/plan.h"

namespace soak {

struct RoundSetup {
  int index = 1;
  uint64_t seed = 1;
  int orders = 100;  // orders to attempt in this round
  Profile profile;
  std::string child_exe;
  std::string assets_dir;
  std::string round_dir;    // this round's files: emulator state, kiosk.json, events, the kiosk's log
  std::string state_dir;    // the kiosk's state dir (journal), kept from round to round
  std::string cache_dir;
  bool verbose = false;
};

Figures runRound(const RoundSetup& setup);

}  // namespace soak
