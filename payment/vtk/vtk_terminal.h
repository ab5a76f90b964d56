#pragma once
// The VTK driver (driver name "vtk"): a Vendotek terminal over TCP, VTK protocol v1.12.
//
//   nextOperationRef()  IDL handshake; the terminal's last operation number + 1 (the caller journals it)
//   purchase()          VRP with that number and the amount → answer: amount > 0 approved (FIN must follow),
//                       0 declined (IDL at once, never FIN); the guest's cancel (CancelToken) sends ABR while the
//                       VRP is pending; no answer within the operation timeout → link closed, Unknown
//   confirm()           FIN with the approved amount, then IDL at once        Approved = finalised
//   reverse()           FIN with 0: the sale failed, the terminal reverses it   Approved = reversed
//   refund()            not in the protocol → Declined with code "vtk.refund_not_supported"
//   recover()           IDL tells the terminal's last operation number N:
//                         ref > N  → Cancelled (the VRP never reached the terminal)
//                         ref == N → the same VRP again: the terminal repeats its stored result, never charges twice
//                         ref < N  → Unknown (the terminal keeps only its last operation)
//   reconcile()         NotSupported (the terminal settles with its host itself; capabilities() says so)
//
// Both VRP → answer and FIN → answer are bounded by the operation timeout (60 s, or the terminal's tag 0x06 from any
// message). While the terminal's clock is unset, every message carries the kiosk's current local time (tag 0x11).
//
// Results the kiosk produces itself (nothing was sent, no money moved) are Declined with a "kiosk." code:
// kiosk.invalid_request, kiosk.no_link, kiosk.stale_operation. Anything that leaves the outcome open
// (timeout, lost connection, malformed answer) is Unknown and the connection is dropped.
#include <memory>

#include "payment/terminal.h"
#include "payment/vtk/config.h"

namespace payment::vtk {

std::unique_ptr<payment::Terminal> makeVtkTerminal(const VtkConfig& config);

}  // namespace payment::vtk
