#pragma once
// Colours and sizes of the kiosk. Every size is in em — multiples of the body font's pixel height — so the
// same layout works from a 21.5" to a 32" panel, portrait or landscape (the em follows the display size).
// Two variants: the regular theme and the accessibility theme (larger text, high contrast).
#include <imgui.h>

#include "kiosk/ui/fonts.h"

namespace kiosk::ui {

struct Palette {
  ImU32 background;
  ImU32 surface;          // cards, panels
  ImU32 surface_pressed;
  ImU32 rail;             // the category rail and bars
  ImU32 text;
  ImU32 text_muted;
  ImU32 accent;           // primary actions
  ImU32 accent_pressed;
  ImU32 accent_text;
  ImU32 secondary;        // secondary buttons
  ImU32 secondary_pressed;
  ImU32 secondary_text;
  ImU32 selected;         // chosen modifier / category background
  ImU32 selected_border;
  ImU32 border;
  ImU32 disabled;         // background of what cannot be tapped
  ImU32 disabled_text;
  ImU32 warning;          // lines flagged by a menu update, "required" hints
  ImU32 banner;           // calm notices ("ordering is paused")
  ImU32 banner_text;
  ImU32 dim;              // behind modal overlays
  ImU32 placeholder;      // image not loaded (yet)
};

struct Theme {
  const FontSet* fonts = nullptr;
  float em = 32.f;  // pixels per em (the body font's size)
  bool accessible = false;
  Palette color{};

  // Sizes in em.
  float touch = 2.2f;    // the least height of anything tappable: ≥ 15 mm (≈ 60 px at 1080×1920 on 21.5")
  float primary = 3.4f;  // primary actions: ≥ 25 mm
  float radius = 0.55f;
  float pad = 0.8f;
  float gap = 0.6f;
  float border = 0.08f;

  float px(float ems) const { return ems * em; }
};

// The body font size for a display, in pixels: 32 px at 1080 px across the short side, times `user_scale`.
float emForDisplay(float width, float height, float user_scale = 1.f);

Theme makeTheme(const FontSet& fonts, bool accessible);
// Rounding, padding, touch padding and colours of ImGui's own style, from the theme.
void applyStyle(const Theme& theme, ImGuiStyle& style);

// The part of the display the UI uses: all of it, or in accessibility mode the lower band a wheelchair user
// reaches (≈ 55 % of a floor-standing portrait kiosk's screen; the whole height in landscape).
struct Area {
  ImVec2 min, max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};
Area uiArea(ImVec2 display, bool accessible);

}  // namespace kiosk::ui
