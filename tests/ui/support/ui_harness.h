#pragma once
// Runs the kiosk UI headless: a real ImGui context with the real fonts and no backend (a dummy texture id), a
// KioskSession driven by the events the screens emit, the real touch layer fed with synthetic touches, and a
// clock advanced one 60 Hz frame at a time. Services answer on demand (validation, payment, posting) so a test
// walks the whole flow through the screens.
#include <string>
#include <vector>

#include <imgui.h>

#include "fake_images.h"
#include "kiosk/app/scroll_areas.h"
#include "kiosk/app/touch_input.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/session.h"
#include "kiosk/ui/kiosk_ui.h"
#include "ui_test_menu.h"

namespace kiosk::uitest {

// Loads assets/i18n/<lang>.json into `strings`; returns an error text (empty on success).
std::string loadStrings(Strings& strings, const std::string& assets_dir);

class UiHarness {
 public:
  explicit UiHarness(ImVec2 display = ImVec2(1080, 1920), SessionConfig config = uiTestConfig(),
                     std::shared_ptr<const MenuIndex> menu = uiTestIndex());
  ~UiHarness();
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  // One frame: touches → ImGui, draw, the emitted events → session, then a Tick.
  void frame(int count = 1);
  // Handles an event now (and answers validation when auto_validate is on).
  void send(const Event& event);
  // Menu loaded, ProCart reachable, "Tap to order" tapped: the menu screen.
  void startOrdering();

  // Taps the widget's visible centre (down, one frame, up, two frames). False when it is not reachable.
  bool tap(const std::string& id);
  // A finger drag from (x1, y1) to (x2, y2) over `seconds`, then lifted.
  void drag(float x1, float y1, float x2, float y2, double seconds);
  const ui::WidgetInfo* widget(const std::string& id) const { return ui.widgets().find(id); }
  bool reachable(const std::string& id) const { return ui.widgets().reachable(id); }

  const SessionState& state() const { return session.state(); }
  std::string screen() const { return ui::screenName(session.state()); }

  // Services: answer the pending payment / post / status as a runtime would.
  void approvePayment();
  void postOrder(const std::string& number = "K-042");

  ImVec2 display;
  Strings strings;
  FakeImages images;
  app::ScrollAreas scrolls;
  app::TouchInput touch{scrolls};
  ui::KioskUi ui{scrolls};
  KioskSession session;
  double t = 0.0;  // seconds
  TimeMs nowMs() const { return static_cast<TimeMs>(t * 1000.0); }
  bool auto_validate = true;
  Money validation_discount;
  std::vector<Command> commands;      // every command the session returned
  std::vector<std::string> emitted;   // names of the events the screens emitted
  std::string error;                  // set when the fonts or strings could not be loaded

 private:
  ImGuiContext* context_ = nullptr;
};

}  // namespace kiosk::uitest
