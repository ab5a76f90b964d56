#pragma once
// What guests see instead of the attract screen when the kiosk cannot take orders (Runtime::availability()):
// out of order (the staff switch), closed (outside opening hours, with the hours), needs configuration, no menu.
// Calm and short, in the guest's language, with the language buttons. The logo ("attract.logo") is there too:
// the staff gesture works on every one of these screens, so staff can always get in and fix the cause.
#include <string>

#include "kiosk/ops/opening_hours.h"
#include "kiosk/runtime/staff_api.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

// "out_of_order", "closed", "needs_configuration", "no_menu" ("attract" for Open).
const char* availabilityScreenName(Availability availability);

// Draws the screen for `availability` (not Open). `hours`: the week's opening hours for the closed screen (null:
// none shown). Sets ctx.logo_tapped when the logo was tapped.
void drawAvailability(Availability availability, const SessionState& state, UiContext& ctx,
                      const ops::WeeklyHours* hours);

}  // namespace kiosk::ui
