#pragma once
// Touch → Dear ImGui. Dear ImGui 1.86 knows only a mouse, and its SDL backend ignores finger events, so this
// layer owns the pointer ImGui sees (io.MousePos, io.MouseDown[0]) and turns touches into what guests expect:
//  - a tap presses a button on release, never twice (SDL's mouse events synthesised from touches are dropped
//    before they get here);
//  - every press and release reaches ImGui in a frame of its own, so a tap shorter than a frame is not lost;
//  - after lift-off the pointer disappears: nothing stays "hovered";
//  - a finger that moves past the slop inside a scroll area scrolls it (kinetic, see kinetic_scroll.h) and the
//    press is withdrawn from ImGui, so the card it started on is not tapped; a touch on a fast-gliding list just
//    catches it.
// Real mouse events (development) and a script's synthetic touches come in through the same push().
#include <deque>
#include <string>

#include "kiosk/app/scroll_areas.h"

struct ImGuiIO;

namespace kiosk::app {

struct PointerEvent {
  enum class Kind { Down, Move, Up, Wheel };
  Kind kind = Kind::Move;
  float x = 0.f, y = 0.f;  // window pixels
  double t = 0.0;          // seconds, same clock as apply()'s `now`
  long long pointer = 0;   // finger id (a mouse: -1); while one finger is down, the others are ignored
  float wheel = 0.f;       // Wheel: notches, positive = towards the start
};

struct TouchParams {
  float slop_px = 14.f;        // movement that turns a press into a drag (≈ 3.5 mm at 4 px/mm)
  float catch_speed = 200.f;   // px/s: touching a list that glides faster only stops it
  float wheel_step_px = 120.f;

  static TouchParams forEm(float em_px);  // the defaults are for a 32 px font
};

class TouchInput {
 public:
  explicit TouchInput(ScrollAreas& areas, TouchParams params = {}) : areas_(areas), params_(params) {}
  void setParams(TouchParams params) { params_ = params; }

  void push(const PointerEvent& event) { queue_.push_back(event); }

  // Call once per frame between ImGui_ImplSDL2_NewFrame() (which polls the system mouse: overwritten here) and
  // ImGui::NewFrame(). Advances the scroll areas to `now`. Returns true when a finger went down this frame
  // (the guest is present: ev::Activity).
  bool apply(ImGuiIO& io, double now);

  // No finger down and nothing queued: a script's tap has been fully delivered.
  bool idle() const { return queue_.empty() && (state_ == State::Idle || state_ == State::Released); }
  bool fingerDown() const { return state_ == State::Pressed || state_ == State::Dragging || state_ == State::Catching; }

 private:
  enum class State { Idle, Pressed, Dragging, Catching, Released };
  // Handles one event; returns true when ImGui must see the resulting press state before the next event.
  bool handle(const PointerEvent& event, bool& touched);
  void startDrag(const PointerEvent& event);

  ScrollAreas& areas_;
  TouchParams params_;
  std::deque<PointerEvent> queue_;
  State state_ = State::Idle;
  long long pointer_ = 0;
  float start_x_ = 0.f, start_y_ = 0.f;
  float x_ = 0.f, y_ = 0.f;
  std::string area_;  // the scroll area under the press ("" for none)
};

}  // namespace kiosk::app
