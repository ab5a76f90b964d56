#pragma once
// The staff screen, full display: a header (mode and role, language, Exit), a grid of page tabs, and the page
// (staff_pages.h; Settings for the admin only: admin_settings.h). It reads Runtime::staffView() once per frame and
// posts what staff ask for with Runtime::staffAction(); it never waits.
//
// Widgets: "staff.exit", "staff.lang.<ru|en>", "staff.tab.<connection|menu|orders|payments|terminal|kiosk|settings>",
// and each page's own.
#include <vector>

#include "kiosk/runtime/runtime.h"
#include "kiosk/ui/admin_settings.h"
#include "kiosk/ui/staff_pages.h"

namespace kiosk::ui {

enum class StaffTab { Connection, Menu, Orders, Payments, Terminal, Kiosk, Settings };
const char* staffTabName(StaffTab tab);  // "connection", …

class StaffScreen {
 public:
  // Opens on the page that matters most: Settings (admin) or Kiosk (staff) while the kiosk needs configuration,
  // else Connection.
  void open(ops::StaffRole role, const StaffView& view);
  void close();

  // Draws the whole display; returns true when staff tapped Exit.
  bool draw(Runtime& runtime, UiContext& ctx, Lang lang);
  // The name of what is shown: "staff" or "staff_pin_change".
  const char* screenName() const;

  StaffTab tab() const { return tab_; }
  ops::StaffRole role() const { return role_; }
  const AdminSettings& settings() const { return settings_; }

 private:
  std::vector<StaffTab> tabs() const;
  float header(UiContext& ctx, Lang lang, bool& exit);
  float tabGrid(UiContext& ctx, float top);

  ops::StaffRole role_ = ops::StaffRole::Staff;
  StaffTab tab_ = StaffTab::Connection;
  StaffPageState page_state_;
  AdminSettings settings_;
};

}  // namespace kiosk::ui
