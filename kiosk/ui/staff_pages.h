#pragma once
// The pages of the staff screen, one function each. A page reads the StaffView (a copy taken this frame) and adds
// the actions staff asked for to `actions`; the staff screen posts them with Runtime::staffAction(). Nothing here
// waits: slow work (ping, reconciliation, menu refresh, journal resolution) shows as "running…" until the view
// says it is done.
#include <vector>

#include "kiosk/runtime/staff_api.h"
#include "kiosk/ui/staff_rows.h"

namespace kiosk::ui {

// Confirmation steps that stay open across frames.
struct StaffPageState {
  bool confirm_reconcile = false;
  bool confirm_restart = false;
};

struct StaffPage {
  const StaffView& view;
  UiContext& ctx;
  StaffPageState& state;
  std::vector<StaffAction>& actions;
};

// staff_banners.cpp: what staff must see on every page (needs configuration, payments refused, out of order).
void drawStaffBanners(StaffPage& page, Flow& flow);

// staff_pages.cpp
void drawConnectionPage(StaffPage& page, Flow& flow);
void drawMenuPage(StaffPage& page, Flow& flow);
void drawOrdersPage(StaffPage& page, Flow& flow);
void drawPaymentsPage(StaffPage& page, Flow& flow);
void drawTerminalPage(StaffPage& page, Flow& flow);
// staff_kiosk_page.cpp
void drawKioskPage(StaffPage& page, Flow& flow);

}  // namespace kiosk::ui
