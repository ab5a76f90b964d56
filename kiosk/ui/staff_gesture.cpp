#include "kiosk/ui/staff_gesture.h"

namespace kiosk::ui {

bool StaffGesture::tap(TimeMs now) {
  taps_.push_back(now);
  while (!taps_.empty() && now - taps_.front() > kWindowMs) taps_.pop_front();
  if (static_cast<int>(taps_.size()) < kTaps) return false;
  taps_.clear();
  return true;
}

}  // namespace kiosk::ui
