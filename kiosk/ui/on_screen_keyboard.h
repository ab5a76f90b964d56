#pragma once
// A touch keyboard for the admin settings (the kiosk has no physical keyboard): Latin QWERTY, Russian ЙЦУКЕН, and
// a page of digits and symbols, with shift (one letter), backspace, space and "Done". Keys are registered widgets
// ("osk.key.q", "osk.key.й", "osk.key.{", "osk.shift", "osk.back", "osk.space", "osk.symbols", "osk.letters",
// "osk.script", "osk.done"), so scripts and tests type by id. When a physical keyboard is attached, its text
// (SDL text input, through ImGui's character queue), Backspace and Enter edit the same text.
//
// The text is edited at its end only (no caret movement): settings values are short and retyped more often than
// corrected in the middle.
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

enum class KeyboardLayer { Latin, Cyrillic, Symbols };

struct KeySpec {
  enum class Action { Insert, Shift, Back, Space, Symbols, Letters, Script, Done };
  Action action = Action::Insert;
  std::string id;     // widget id
  std::string label;  // as shown
  std::string text;   // inserted (Insert, Space)
  float weight = 1.f;  // width in key units
};

// The rows of a layer as drawn (letters upper-case when `shift`).
std::vector<std::vector<KeySpec>> keyboardRows(KeyboardLayer layer, bool shift);

// Removes the last UTF-8 character of `text` (nothing when empty).
void eraseLastCharacter(std::string& text);
// UTF-8 of a code point (U+FFFD for invalid ones).
std::string utf8FromCodepoint(unsigned codepoint);
// A single Latin or Russian letter in upper case; anything else unchanged.
std::string upperLetter(std::string_view letter);

class OnScreenKeyboard {
 public:
  // `digits_first`: open on the digits and symbols page (numbers, hours).
  void reset(bool digits_first);
  KeyboardLayer layer() const { return layer_; }
  bool shift() const { return shift_; }

  // The height the keyboard takes at `width`.
  float height(const UiContext& ctx, float width) const;
  // Draws the keyboard with its top-left at `min`; key taps and physical keyboard input edit `text`.
  // Returns true when "Done" (or Enter) was pressed.
  bool draw(UiContext& ctx, ImVec2 min, float width, std::string& text);

 private:
  float keyHeight(const UiContext& ctx, float width) const;
  void press(const KeySpec& key, std::string& text, bool& done);

  KeyboardLayer layer_ = KeyboardLayer::Latin;
  KeyboardLayer letters_ = KeyboardLayer::Latin;  // the letter layer "ABC" returns to
  bool shift_ = false;
};

}  // namespace kiosk::ui
