#pragma once
// How the soak's terminal behaviours (plan.h terminalScript: approve, decline, delay, timeout, lost_answer,
// disconnect) are played by each real driver's peer, as faithfully as the peer has such a fault. Where a peer has
// several faults of one kind (a lost VTK answer can be a dropped connection or a garbled frame), they take turns,
// so that a short run meets each of them; the other choices come from a seeded stream of the round, so the plan
// stays repeatable.
//
// The emulator's "never" (a terminal that stays busy for good) is not played: no kiosk can learn such an
// operation's outcome from the terminal (only the acquirer's report tells), so its payment stays open for staff,
// which the soak's final recovery would report as an open payment.
//
//   soak behaviour   VTK emulator step                           fake sb_pilot purchase mode
//   approve          approve                                     approve
//   decline:CODE     decline                                     decline:CODE
//   delay:MS         late:MS (a slow guest; ABR ignored) 70 %,   approve 65 % (sb_pilot waits for the guest on its
//                    cancel_at_terminal 30 %                     own), decline:2000 (cancelled on the pin-pad) 35 %
//   timeout          late:T+1000..4000 (silent past the kiosk's  hang (the driver's timeout_ms kills it)
//                    operation timeout T, ABR ignored; the
//                    result is stored for the kiosk's recovery)
//   lost_answer      drop, truncated, malformed,                 lost_answer, crash_after_approval,
//                    bad_discriminator in turn (all charged)     crash_after_result in turn (all charged)
//   disconnect       wait_abort (no card; ends with the kiosk's  crash_segv, crash_abort, garbage, no_output in
//                    ABR, nothing charged)                       turn (nothing charged)
#include <string>

#include "tests/soak/rng.h"

namespace soak {

struct PeerStep {
  std::string token;  // as the peer's script reads it: "late:300", "drop", "decline:2000", "crash_after_result"
  std::string label;  // its name in the figures: "late", "drop", "cancel_on_pinpad", "crash_after_result"
};

// A step of vtkemu::parseScript's script; `operation_timeout_ms` is what the terminal announces, `occurrence` how
// many behaviours of this kind came before in the script (the turn among the peer's faults of that kind).
PeerStep vtkStepFor(const std::string& behaviour, int operation_timeout_ms, int occurrence, Rng& rng);
// An entry of the fake sb_pilot's "purchase_script".
PeerStep sbPilotStepFor(const std::string& behaviour, int occurrence, Rng& rng);

}  // namespace soak
