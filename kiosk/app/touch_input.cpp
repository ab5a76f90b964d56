#include "kiosk/app/touch_input.h"

#include <imgui.h>

#include <cfloat>
#include <cmath>

namespace kiosk::app {

TouchParams TouchParams::forEm(float em_px) {
  TouchParams p;
  float scale = em_px > 0.f ? em_px / 32.f : 1.f;
  p.slop_px *= scale;
  p.catch_speed *= scale;
  p.wheel_step_px *= scale;
  return p;
}

void TouchInput::startDrag(const PointerEvent& event) {
  state_ = State::Dragging;
  // Pressed again where the slop was passed, so the content does not jump by the slop.
  if (KineticScroller* scroller = areas_.find(area_)) scroller->press(event.y, event.t);
}

bool TouchInput::handle(const PointerEvent& event, bool& touched) {
  using Kind = PointerEvent::Kind;
  if (event.kind == Kind::Wheel) {
    std::string id = areas_.idAt(event.x, event.y);
    if (KineticScroller* scroller = areas_.find(id)) {
      scroller->jumpTo(scroller->offset() - event.wheel * params_.wheel_step_px);
    }
    return false;
  }
  bool down = state_ == State::Pressed || state_ == State::Dragging || state_ == State::Catching;
  if (down && event.pointer != pointer_) return false;  // a second finger: ignored

  switch (event.kind) {
    case Kind::Down: {
      if (down) return false;
      touched = true;
      pointer_ = event.pointer;
      start_x_ = x_ = event.x;
      start_y_ = y_ = event.y;
      area_ = areas_.idAt(event.x, event.y);
      KineticScroller* scroller = areas_.find(area_);
      bool catching = scroller && scroller->moving() && std::fabs(scroller->velocity()) > params_.catch_speed;
      if (scroller) scroller->press(event.y, event.t);  // stops a glide
      state_ = catching ? State::Catching : State::Pressed;
      return !catching;
    }
    case Kind::Move: {
      if (!down) return false;  // a hovering mouse: kiosks have no hover
      x_ = event.x;
      y_ = event.y;
      if (state_ == State::Dragging) {
        if (KineticScroller* scroller = areas_.find(area_)) scroller->drag(event.y, event.t);
        return false;
      }
      bool past_slop = std::hypot(x_ - start_x_, y_ - start_y_) > params_.slop_px;
      if (!past_slop || !areas_.find(area_)) return false;  // outside an area ImGui follows the finger
      bool withdraw = state_ == State::Pressed;
      startDrag(event);
      return withdraw;  // ImGui must see the press end away from the card
    }
    case Kind::Up: {
      if (!down) return false;
      x_ = event.x;
      y_ = event.y;
      // After a drag the list glides on; after a tap or a catch the press simply ends (no speed).
      if (KineticScroller* scroller = areas_.find(area_)) scroller->release(event.t);
      bool was_pressed = state_ == State::Pressed;
      state_ = was_pressed ? State::Released : State::Idle;
      return was_pressed;
    }
    case Kind::Wheel:
      break;
  }
  return false;
}

bool TouchInput::apply(ImGuiIO& io, double now) {
  bool touched = false;
  if (state_ == State::Released) state_ = State::Idle;  // the release was seen last frame: drop the pointer
  while (!queue_.empty()) {
    PointerEvent event = queue_.front();
    queue_.pop_front();
    if (handle(event, touched)) break;
  }
  areas_.update(now);

  io.MouseWheel = 0.f;
  io.MouseWheelH = 0.f;
  for (bool& button : io.MouseDown) button = false;
  switch (state_) {
    case State::Pressed:
      io.MousePos = ImVec2(x_, y_);
      io.MouseDown[0] = true;
      break;
    case State::Released:
      io.MousePos = ImVec2(x_, y_);  // released here: the button under it fires
      break;
    case State::Idle:
    case State::Dragging:
    case State::Catching:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      break;
  }
  return touched;
}

}  // namespace kiosk::app
