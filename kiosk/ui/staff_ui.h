#pragma once
// Staff mode in the kiosk UI: the hidden gesture (five taps on the logo within 3 s, staff_gesture.h) opens the PIN
// keypad; Runtime::submitPin() checks the PIN on a worker and the answer is picked up with takePinResult() on a
// later frame; a granted PIN opens the staff screen (staff_screen.h) with its role. Runtime::setStaffMode(true)
// while the staff screen is open (the guest session's timers stop), false on leaving it.
//
// Leaving: Exit on the staff screen; the keypad after kPinIdleMs without a touch; the staff screen after
// kStaffIdleMs without a touch (a forgotten open staff screen must not stay open to the next guest).
#include <optional>
#include <string>

#include "kiosk/runtime/runtime.h"
#include "kiosk/ui/pin_pad.h"
#include "kiosk/ui/staff_gesture.h"
#include "kiosk/ui/staff_screen.h"

namespace kiosk::ui {

class StaffUi {
 public:
  enum class Stage { Closed, Pin, Open };
  static constexpr TimeMs kPinIdleMs = 30'000;
  static constexpr TimeMs kStaffIdleMs = 180'000;

  // A tap on the logo (attract or availability screen).
  void logoTapped(TimeMs now);
  // Once per frame before drawing: the PIN answer, the timeouts. `touched`: a finger or key was down this frame.
  void update(Runtime& runtime, TimeMs now, bool touched);
  // Draws the keypad or the staff screen over the whole display.
  void draw(Runtime& runtime, const SessionState& state, UiContext& ctx);
  // Leaves staff mode (and the keypad) now.
  void close(Runtime& runtime);

  Stage stage() const { return stage_; }
  bool active() const { return stage_ != Stage::Closed; }
  // "staff_pin", "staff", "staff_pin_change"; "" when closed.
  const char* screenName() const;
  ops::StaffRole role() const { return role_; }
  const StaffScreen& screen() const { return screen_; }
  int pendingTaps() const { return gesture_.pending(); }

 private:
  void drawPin(Runtime& runtime, UiContext& ctx);
  std::string pinMessage(UiContext& ctx, bool& problem) const;

  StaffGesture gesture_;
  Stage stage_ = Stage::Closed;
  TimeMs last_touch_ = 0;
  PinPad pin_;
  bool checking_ = false;
  std::optional<ops::PinAttempt> attempt_;  // the last answer, for the message
  ops::StaffRole role_ = ops::StaffRole::Staff;
  StaffScreen screen_;
};

}  // namespace kiosk::ui
