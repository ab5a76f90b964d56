#pragma once
// What a soak run did and found, summed over its rounds, and how it is printed (text for people, JSON for
// docs/RELIABILITY.md and scripts).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/soak/invariants.h"

namespace soak {

using Counts = std::map<std::string, int64_t>;

struct Figures {
  std::string terminal = "sim";    // the terminal peer: sim, vtk, sbpilot
  int64_t rounds = 0;
  int64_t orders_attempted = 0;    // guest sessions started (a kill may cut one short)
  int64_t payments_attempted = 0;  // cmd::Pay issued by the kiosk (as the child saw it)
  int64_t lives = 0;               // kiosk processes started (the final recoveries included)
  int64_t clean_exits = 0;
  Counts kills;                    // SIGKILLs by kind: "record:posting", "record+delay:approved", "timer", …
  Counts procart_faults;           // "postorder.drop_after", …, plus windows "pos_offline", "procart_restart", …
  Counts terminal_faults;          // purchase behaviours by kind (and how the peer played them), confirm/reverse
                                   // failures
  int64_t leftovers_killed = 0;    // processes a killed kiosk left running (sb_pilot), killed with it
  Counts kiosk_outcomes;           // how orders ended for the guest: posted, post_failed, not_paid, gave_up
  Counts staff_pos_checks;         // payments only a look in the POS could settle: "in_pos", "not_in_pos"
  int64_t callbacks_sent = 0;
  int64_t callbacks_lost = 0;
  MoneyFigures money;              // from the terminal's ledger and the emulator's orders
  std::vector<std::string> violations;  // money invariants (must be empty)
  std::vector<std::string> anomalies;   // crashes, stuck orders, lives that could not start (must be empty)
  double seconds = 0;

  void add(const Figures& round);
  int64_t totalKills() const;
};

std::string summaryText(const Figures& f, uint64_t seed);
nlohmann::json summaryJson(const Figures& f, uint64_t seed);

}  // namespace soak
