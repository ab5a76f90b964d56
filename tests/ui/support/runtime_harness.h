#pragma once
// The kiosk UI headless over a whole Runtime (in the tests: PreviewRuntime), driven exactly as KioskApp drives it:
// pump(), the touch layer, draw() with the runtime (availability, staff mode), the guest's events dispatched. The
// clock is simulated (one 60 Hz frame at a time); work the runtime does on its own threads (PIN checks) is waited
// for with waitUntil(), which runs frames against a real-time deadline.
#include <functional>
#include <string>

#include <imgui.h>

#include "fake_images.h"
#include "kiosk/app/scroll_areas.h"
#include "kiosk/app/touch_input.h"
#include "kiosk/runtime/runtime.h"
#include "kiosk/ui/kiosk_ui.h"

namespace kiosk::uitest {

class RuntimeHarness {
 public:
  explicit RuntimeHarness(Runtime& runtime, ImVec2 display = ImVec2(1080, 1920));
  ~RuntimeHarness();
  RuntimeHarness(const RuntimeHarness&) = delete;
  RuntimeHarness& operator=(const RuntimeHarness&) = delete;

  // `dt`: simulated seconds per frame.
  void frame(int count = 1, double dt = 1.0 / 60.0);
  // Simulated time passes without touches, `dt` per frame (long waits may take coarse steps).
  void wait(double seconds, double dt = 1.0 / 60.0);
  // Runs frames until `done` or `real_seconds` of wall time; returns done().
  bool waitUntil(const std::function<bool()>& done, double real_seconds = 10.0);

  // Taps the widget's visible centre (down, one frame, up, two frames), first scrolling its scroll area so that
  // it is in view. False when it is not on screen, covered or disabled.
  bool tap(const std::string& id);
  // Taps each character of a PIN, then OK.
  bool enterPin(const std::string& pin);
  // Five taps on the logo, `gap_s` seconds apart (the taps themselves take three frames each).
  void tapLogo(int times = 5, double gap_s = 0.1);

  const ui::WidgetInfo* widget(const std::string& id) const { return ui.widgets().find(id); }
  bool reachable(const std::string& id) const { return ui.widgets().reachable(id); }
  bool shown(const std::string& key) const { return ui.widgets().textShown(key); }
  std::string screen() const { return ui.screen(); }

  Runtime& runtime;
  ImVec2 display;
  FakeImages images;
  app::ScrollAreas scrolls;
  app::TouchInput touch{scrolls};
  ui::KioskUi ui{scrolls};
  double t = 0.0;  // seconds
  TimeMs nowMs() const { return static_cast<TimeMs>(t * 1000.0); }
  std::string error;

 private:
  ImGuiContext* context_ = nullptr;
};

}  // namespace kiosk::uitest
