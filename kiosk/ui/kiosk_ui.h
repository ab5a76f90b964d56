#pragma once
// The whole kiosk UI as one object: fonts and theme for the display, the widget registry, view-only state, and
// draw(), which picks the screen — staff mode (PIN keypad, staff screen) when it is open, the availability screen
// ("temporarily unavailable", "closed", …) instead of the attract screen when the runtime says guests cannot
// order, else the screen for the session's phase and view — adds the chrome and the overlays, and returns the
// events the guest caused this frame. Used the same way by the kiosk app and by the headless tests.
#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/app/scroll_areas.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/session.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/runtime/runtime.h"
#include "kiosk/ui/image_source.h"
#include "kiosk/ui/staff_ui.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/ui_context.h"
#include "kiosk/ui/widget_registry.h"

namespace kiosk::ui {

class KioskUi {
 public:
  explicit KioskUi(app::ScrollAreas& scrolls) : scrolls_(scrolls) {}

  // Builds the fonts for a display of this size into ImGui's atlas (at start and when the size changes).
  // Returns an error text, empty on success; the caller then uploads the atlas texture again.
  std::string setDisplay(ImVec2 display, float user_scale = 1.f, const std::string& font_dir = kDefaultFontDir);
  // Before ImGui::NewFrame(): rebuilds the atlas when the accessibility mode changed since it was built. Returns
  // true when it did (the caller uploads the atlas texture again); `error` is set when it could not.
  bool prepareFrame(const SessionState& state, std::string& error);
  float em() const { return em_; }

  // Draws one frame; call between ImGui::NewFrame() and ImGui::Render(). `images` may be null (placeholders).
  // `runtime` (may be null: guest screens only) gives availability and staff mode; staff actions and PINs go
  // straight to it, guest events are returned.
  std::vector<Event> draw(const SessionState& state, const FrameFacts& facts, const Strings& strings,
                          ImageSource* images, Runtime* runtime = nullptr);
  // The name of the screen the last frame showed: screenName(state), or "staff_pin", "staff", "staff_pin_change",
  // "out_of_order", "closed", "needs_configuration", "no_menu". Empty before the first frame.
  const std::string& screen() const { return screen_; }
  const StaffUi& staff() const { return staff_; }

  const WidgetRegistry& widgets() const { return widgets_; }
  const ViewState& view() const { return view_; }
  const Theme& theme() const { return theme_; }

 private:
  std::string buildFor(bool accessible);

  app::ScrollAreas& scrolls_;
  FontSet fonts_;
  bool fonts_accessible_ = false;  // the mode the atlas holds the sizes of
  std::string font_dir_ = kDefaultFontDir;
  float em_ = 0.f;  // the regular body size for the display
  WidgetRegistry widgets_;
  ViewState view_;
  Theme theme_;
  bool style_accessible_ = false;
  bool style_applied_ = false;
  StaffUi staff_;
  std::string screen_;
};

// The name of the guest screen drawn for a state ("attract", "menu", "dish", "combo", "cart", "checkout",
// "payment", "status"), for logs, scripts and tests.
const char* screenName(const SessionState& state);

}  // namespace kiosk::ui
