#pragma once
// The sb_pilot driver (driver name "sbpilot"): Sberbank UPOS through its `sb_pilot` program, one process per
// operation, results in files (layout from SbPilotProfile).
//
//   purchase()   sb_pilot 1 <kopecks>                      the guest cancels on the pin-pad (code 2000)
//   confirm()    no-op: UPOS through sb_pilot has one phase → returns the approved result
//   reverse()    return/cancel by RRN (sb_pilot 3 … <RRN>) Approved = the money went back
//   refund()     the same return by RRN
//   recover()    sb_pilot keeps no queryable "last result": Unknown, unless the result file of this very
//                operation's run is still there (run marker + file time), then its result
//   reconcile()  sb_pilot 7 (day close), slip in the text
//
// Before every run the result and slip files are deleted and a run marker (operation reference, start time) is
// written; a result file older than the start is never read. Crash (signal), timeout (process group killed),
// no or unreadable result file, or results that contradict each other → Unknown. Codes from the profile map to
// Cancelled/Declined (2000 cancelled, 2002 PIN timeout, 4119 no link, 4130 memory full, 4134 no day close).
// Results the kiosk produces itself, before anything ran, are Declined with a "kiosk." code.
#include <memory>

#include "payment/sbpilot/profile.h"
#include "payment/terminal.h"

namespace payment::sbpilot {

std::unique_ptr<payment::Terminal> makeSbPilotTerminal(const SbPilotConfig& config);

}  // namespace payment::sbpilot
