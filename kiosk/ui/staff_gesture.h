#pragma once
// The hidden staff gesture: five taps on the logo within three seconds. Pure (time is passed in), so the rule is
// tested without a screen.
#include <deque>

#include "kiosk/core/session.h"

namespace kiosk::ui {

class StaffGesture {
 public:
  static constexpr int kTaps = 5;
  static constexpr TimeMs kWindowMs = 3000;

  // A tap on the logo at `now`. True when it is the fifth within kWindowMs (the taps are then forgotten, so a
  // sixth tap does not open the keypad a second time).
  bool tap(TimeMs now);
  void reset() { taps_.clear(); }
  int pending() const { return static_cast<int>(taps_.size()); }

 private:
  std::deque<TimeMs> taps_;
};

}  // namespace kiosk::ui
