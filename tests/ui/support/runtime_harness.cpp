#include "runtime_harness.h"

#include <chrono>
#include <cmath>
#include <thread>

namespace kiosk::uitest {

RuntimeHarness::RuntimeHarness(Runtime& rt, ImVec2 display_size) : runtime(rt), display(display_size) {
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display;
  error = ui.setDisplay(display);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
}

RuntimeHarness::~RuntimeHarness() { ImGui::DestroyContext(context_); }

void RuntimeHarness::frame(int count, double dt) {
  for (int i = 0; i < count; ++i) {
    t += dt;
    TimeMs now = nowMs();
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = static_cast<float>(dt);
    io.DisplaySize = display;
    runtime.pump(now);
    std::string font_error;
    if (ui.prepareFrame(runtime.state(), font_error)) {
      io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    }
    if (!font_error.empty()) error = font_error;
    if (touch.apply(io, t)) runtime.dispatch(ev::Activity{}, now);
    ImGui::NewFrame();
    const SessionState& state = runtime.state();
    ui::FrameFacts facts;
    facts.now = now;
    facts.can_pay = runtime.session().canPay();
    facts.idle_seconds_left = runtime.session().idleCountdownSeconds(now);
    facts.place_name = runtime.placeName(state.lang);
    facts.offer_eat_in = runtime.session().config().offer_eat_in;
    facts.offer_take_away = runtime.session().config().offer_take_away;
    facts.ask_table_number = runtime.session().config().ask_table_number;
    std::vector<Event> events = ui.draw(state, facts, runtime.strings(), &images, &runtime);
    ImGui::Render();
    for (const Event& event : events) runtime.dispatch(event, now);
  }
}

void RuntimeHarness::wait(double seconds, double dt) { frame(static_cast<int>(std::ceil(seconds / dt)), dt); }

bool RuntimeHarness::waitUntil(const std::function<bool()>& done, double real_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(real_seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

bool RuntimeHarness::tap(const std::string& id) {
  // Scrolled out of view: bring it in, as a finger would (the script runner does the same).
  for (int attempt = 0; attempt < 3; ++attempt) {
    const ui::WidgetInfo* info = ui.widgets().find(id);
    if (!info || info->covered || !info->visible.empty() || info->scroll_area.empty()) break;
    app::KineticScroller* scroller = scrolls.find(info->scroll_area);
    const app::Rect* rect = scrolls.rectOf(info->scroll_area);
    if (!scroller || !rect) break;
    scroller->jumpTo(scroller->offset() + (info->box.y0 - rect->y0) - rect->height() * 0.25f);
    frame();
  }
  if (!ui.widgets().reachable(id)) return false;
  const ui::WidgetInfo* info = ui.widgets().find(id);
  if (!info->enabled) return false;
  float x = info->visible.centerX();
  float y = info->visible.centerY();
  touch.push({app::PointerEvent::Kind::Down, x, y, t, 1});
  frame();
  touch.push({app::PointerEvent::Kind::Up, x, y, t, 1});
  frame(2);
  return true;
}

bool RuntimeHarness::enterPin(const std::string& pin) {
  for (char c : pin) {
    if (!tap(std::string("pin.key.") + c)) return false;
  }
  return tap("pin.ok");
}

void RuntimeHarness::tapLogo(int times, double gap_s) {
  for (int i = 0; i < times; ++i) {
    tap("attract.logo");
    if (i + 1 < times) wait(gap_s);
  }
}

}  // namespace kiosk::uitest
