#pragma once
// The sb_pilot driver (driver name "sbpilot"): Sberbank UPOS through its `sb_pilot` program, one process per
// operation, results in files (layout from SbPilotProfile).
//
//   nextOperationRef()  a request id (12 hex digits) the purchase carries as /q=<id>
//   purchase()   sb_pilot 1 <kopecks> /q=<id>             the guest cancels on the pin-pad (code 2000)
//   confirm()    no-op: UPOS through sb_pilot has one phase → returns the approved result
//   reverse()    cancel by RRN (sb_pilot 8 <kopecks> 0 QSELECT <RRN>) while the day holds the sale; when the module
//                answers 4118 ("operations not found": the day was closed) a return (sb_pilot 3 <kopecks> 0 0 <RRN>)
//   refund()     the same
//   recover()    the result file of that very run when it is still there; otherwise `sb_pilot 52 <id>` asks the
//                module what became of the purchase: approved (its rows), never reached the bank (4118 → Cancelled),
//                declined, or Unknown when the module cannot tell
//   reconcile()  sb_pilot 7 (day close), slip in the text
//
// Before every run the result and slip files are deleted and a run marker (operation reference, start time) is
// written; a result file older than the start is never read. Crash (signal), timeout (process group killed),
// no or unreadable result file, or results that contradict each other → Unknown. Codes from the profile map to
// Cancelled/Declined (2000 cancelled, 2002 PIN timeout, 4118 not found, 4119 no link, 4130 memory full, 4134 no day
// close). The rows of `e` count the first line as row 0: RRN row 9, auth code row 3, date-time row 8 (the profile).
// Results the kiosk produces itself, before anything ran, are Declined with a "kiosk." code.
#include <memory>

#include "payment/sbpilot/profile.h"
#include "payment/terminal.h"

namespace payment::sbpilot {

std::unique_ptr<payment::Terminal> makeSbPilotTerminal(const SbPilotConfig& config);

}  // namespace payment::sbpilot
