#pragma once
// The kiosk's scripts: a guest's visit written as lines, replayed by `kiosk --script FILE` (script_runner.h).
//
//   # a comment
//   tap <widget-id> [timeout_ms]          waits until the widget is on screen and enabled, then taps its centre
//   wait phase <Phase> [timeout_ms]       Attract, Ordering, Checkout, Validating, Paying, Posting, Tracking, Done
//   wait view <View> [timeout_ms]         Menu, Dish, Cart
//   wait screen <name> [timeout_ms]       attract, menu, dish, combo, cart, checkout, payment, status
//   wait widget <widget-id> [timeout_ms]  on screen and not under an overlay
//   wait text <i18n-key> [timeout_ms]     a text drawn in the last frame, by its key ("payment.enter_pin")
//   wait gone <widget-id> [timeout_ms]    no longer reachable
//   wait pictures-ready <n> [timeout_ms]  at least n of the pictures the last frame asked for are textures
//   wait pictures-broken <n> [timeout_ms] at least n of them are placeholders for good (broken, too large, missing)
//   wait enabled|disabled|selected <widget-id> [timeout_ms]
//   wait <token> [timeout_ms]             any of the above, guessed: phase, view, screen, then widget or text
//   expect <condition>                    checked once: phase P | view V | screen S | widget ID | no-widget ID |
//                                         enabled ID | disabled ID | selected ID | text KEY | cart-items N |
//                                         lang ru|en | accessibility on|off | message KEY|none |
//                                         pictures-ready N | pictures-broken N
//   screenshot <name>                     <screenshots dir>/<name>.png of the next frame
//   sleep <ms>
//   touch-drag <x1> <y1> <x2> <y2> <ms>   a finger drag in window pixels
//   lang <ru|en>                          taps the language button (or switches directly when none is shown)
//   sim … / procart … / kiosk …          handed as a whole to the hook the runtime installs (simulators, timers)
//
// Timeouts default to 5000 ms.
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/common/expected.h"

namespace kiosk::app {

inline constexpr int kDefaultScriptTimeoutMs = 5000;

struct ScriptStep {
  enum class Kind { Tap, Wait, Expect, Screenshot, Sleep, TouchDrag, Lang, Hook };
  Kind kind = Kind::Sleep;
  int line = 0;                   // 1-based line in the file
  std::string text;               // the line as written (for messages)
  std::vector<std::string> args;  // after the command word (for sim/procart: every word, the command included)
  int timeout_ms = kDefaultScriptTimeoutMs;
};

// Parses a whole script; the error names the line and what is wrong.
Expected<std::vector<ScriptStep>, std::string> parseScript(std::string_view text);

}  // namespace kiosk::app
