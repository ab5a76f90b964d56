#pragma once
// The kiosk's touch widgets, drawn with ImGui's draw lists: big rounded buttons, cards, wrapped text, images with
// placeholders, and kinetic scroll areas. Every tappable widget registers its stable id and rectangle (see
// widget_registry.h) and uses that id as its ImGui id, so nothing depends on the language shown.
//
// Buttons fire on release (ImGui's default), only when released over them.
#include <string>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

enum class Look {
  Primary,    // the one action that moves the order forward
  Secondary,  // outlined
  Selected,   // a chosen option
  Quiet,      // text-like, no outline (links such as "Start over")
};

enum class Align { Left, Center, Right };

// A tappable rectangle of `size` at the cursor; registers `id`. Returns true when tapped (released over it).
// `held` (optional) tells whether a finger is on it now, for the pressed look.
bool tapZone(UiContext& ctx, std::string_view id, ImVec2 size, bool enabled = true, bool selected = false,
             bool* held = nullptr);

// Registers a widget without drawing it: rows a virtualised list skips are still known (off screen) to scripts.
void noteWidget(UiContext& ctx, std::string_view id, ImVec2 min, ImVec2 max, bool enabled, bool selected = false);

// A labelled button at the cursor. `font` null: the body font (bold for Primary).
bool button(UiContext& ctx, std::string_view id, std::string_view label, ImVec2 size, Look look = Look::Secondary,
            bool enabled = true, ImFont* font = nullptr);

// A round ±/× button with a drawn glyph (no font needed), `diameter` pixels.
enum class Glyph { Plus, Minus, Close, Back, Check };
bool iconButton(UiContext& ctx, std::string_view id, Glyph glyph, float diameter, bool enabled = true,
                Look look = Look::Secondary);
void drawGlyph(ImDrawList* draw, Glyph glyph, ImVec2 center, float size, ImU32 color, float thickness);

// Text wrapped at `width`, at most `max_lines` lines (0: no limit; the last shown line ends with "…" when cut).
// Returns the height used.
float drawText(ImDrawList* draw, ImFont* font, ImVec2 pos, float width, ImU32 color, std::string_view text,
               Align align = Align::Left, int max_lines = 0);
float textHeight(ImFont* font, float width, std::string_view text, int max_lines = 0);
// drawText at the cursor, then moves the cursor below it.
void text(UiContext& ctx, ImFont* font, ImU32 color, std::string_view text, float width, Align align = Align::Left,
          int max_lines = 0);
float lineWidth(ImFont* font, std::string_view text);

// An image scaled to cover [min, max] (cropped, never stretched), or a calm placeholder while it loads or when it
// is broken or missing. `dim` washes it out (sold out). Returns true when the image itself was drawn.
bool drawImage(UiContext& ctx, const std::string& ref, ImageSize size, ImVec2 min, ImVec2 max, float rounding,
               ImDrawFlags corners = ImDrawFlags_RoundCornersAll, float dim = 0.f);
// Draws a ready image to cover [min, max] with `alpha` (0..1), no placeholder.
void drawImageView(const ImageView& view, ImVec2 min, ImVec2 max, float rounding, ImDrawFlags corners, float alpha);

// A vertical kinetic scroll area of `size` at the cursor. Content is laid out between begin and end with the
// cursor as usual; returns the scroll offset (to skip drawing rows out of view).
float beginScroll(UiContext& ctx, std::string_view id, ImVec2 size);
void endScroll(UiContext& ctx);

// A small rounded label ("Sold out", "Only 2 left") with its top-left at `pos`; returns its size.
ImVec2 pill(UiContext& ctx, ImVec2 pos, std::string_view text, ImU32 fill, ImU32 color, ImFont* font = nullptr);
ImVec2 pillSize(UiContext& ctx, std::string_view text, ImFont* font = nullptr);

// Fills a rounded rectangle with an optional outline of the theme's border width.
void panel(UiContext& ctx, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 outline = 0, float rounding = -1.f);

}  // namespace kiosk::ui
