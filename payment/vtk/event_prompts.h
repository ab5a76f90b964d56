#pragma once
// What to tell the guest when the terminal reports an event (tags 0x07 name / 0x08 number) while a VRP is pending.
// The specification leaves event names to the terminal's configuration, so this matches keywords and falls back
// to "processing" with the raw text; check the names your terminals send (docs/PAYMENT-DRIVERS.md).
#include <string_view>

#include "payment/terminal.h"

namespace payment::vtk {

TerminalProgress progressForEvent(std::string_view event_name, std::string_view event_number);

}  // namespace payment::vtk
