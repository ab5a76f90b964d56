#pragma once
// The staff PIN keypad, full screen: a title, the digits typed so far shown as dots, a message line, a big 3×4
// keypad (1–9, backspace, 0, OK) and Cancel. Used to enter staff mode and, in the admin settings, to set a new PIN.
// Widgets: "pin.key.0" … "pin.key.9", "pin.key.back", "pin.ok", "pin.cancel". A physical keyboard's digits,
// Backspace and Enter work too.
#include <string>

#include "kiosk/ops/pin.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

struct PinPadLook {
  std::string title;
  std::string message;       // under the dots ("Wrong PIN, 4 attempts left"); may be empty
  bool message_is_problem = false;
  bool enabled = true;       // false: keys do not react (checking, locked out)
  bool busy = false;         // a spinner beside the message (the check runs)
};

class PinPad {
 public:
  enum class Result { None, Ok, Cancel };

  void clear();
  const std::string& digits() const { return digits_; }
  // Draws over the whole of ctx.area.
  Result draw(UiContext& ctx, const PinPadLook& look);

 private:
  std::string digits_;
};

}  // namespace kiosk::ui
