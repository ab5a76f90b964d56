#pragma once
// The kiosk's fonts: DejaVu Sans and DejaVu Sans Bold from Debian's fonts-dejavu-core (not vendored), in a few
// sizes, all in one ImGui atlas. Only the sizes of the mode in use are built (regular, or the larger text of the
// accessibility mode): switching mode or display size rebuilds the atlas, which keeps it — and the texture the
// renderer holds — small.
//
// Glyphs: Latin, Russian Cyrillic, and the typographic signs guests see: — ₽ « » № … ✓ × − ♿ and the no-break
// space the money formatter uses.
#include <string>

struct ImFont;
struct ImFontAtlas;

namespace kiosk::ui {

inline constexpr const char* kDefaultFontDir = "/usr/share/fonts/truetype/dejavu";
// Accessibility mode: every text this much larger (the order number excepted: it is the largest already).
inline constexpr float kLargeTextFactor = 1.3f;

struct FontSet {
  float em = 0.f;  // pixel height of `body`: the unit every size of the theme is a multiple of
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* small = nullptr;
  ImFont* title = nullptr;   // screen titles, dish names on the dish screen
  ImFont* price = nullptr;   // bold, a little larger than the body
  ImFont* number = nullptr;  // the order number: digits, capital letters, a dash
};

// Clears `atlas`, adds one set for a body size of `em_px` pixels (the number font at 4 × `number_em_px`) and builds
// it. Returns an error text (empty on success): a missing font file is reported, never a crash.
std::string buildFonts(ImFontAtlas& atlas, float em_px, float number_em_px, const std::string& font_dir,
                       FontSet& out);

}  // namespace kiosk::ui
