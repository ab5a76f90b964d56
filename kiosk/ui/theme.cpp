#include "kiosk/ui/theme.h"

#include <algorithm>

namespace kiosk::ui {
namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) { return IM_COL32(r, g, b, a); }

// Warm and calm: off-white background, white cards, a deep green for "go" actions, prices in near-black.
Palette regularPalette() {
  Palette p{};
  p.background = rgb(246, 242, 236);
  p.surface = rgb(255, 255, 255);
  p.surface_pressed = rgb(232, 228, 220);
  p.rail = rgb(236, 230, 221);
  p.text = rgb(33, 30, 28);
  p.text_muted = rgb(110, 103, 96);
  p.accent = rgb(24, 122, 72);
  p.accent_pressed = rgb(15, 90, 52);
  p.accent_text = rgb(255, 255, 255);
  p.secondary = rgb(255, 255, 255);
  p.secondary_pressed = rgb(226, 221, 212);
  p.secondary_text = rgb(33, 30, 28);
  p.selected = rgb(226, 243, 232);
  p.selected_border = rgb(24, 122, 72);
  p.border = rgb(214, 207, 197);
  p.disabled = rgb(226, 222, 216);
  p.disabled_text = rgb(150, 144, 138);
  p.warning = rgb(196, 84, 20);
  p.banner = rgb(255, 240, 205);
  p.banner_text = rgb(92, 64, 10);
  p.dim = rgb(20, 18, 16, 150);
  p.placeholder = rgb(230, 224, 215);
  return p;
}

// High contrast for guests with low vision: white on black, yellow actions with black text (contrast > 12:1).
Palette accessiblePalette() {
  Palette p{};
  p.background = rgb(0, 0, 0);
  p.surface = rgb(24, 24, 24);
  p.surface_pressed = rgb(70, 70, 70);
  p.rail = rgb(12, 12, 12);
  p.text = rgb(255, 255, 255);
  p.text_muted = rgb(225, 225, 225);
  p.accent = rgb(255, 214, 0);
  p.accent_pressed = rgb(200, 168, 0);
  p.accent_text = rgb(0, 0, 0);
  p.secondary = rgb(0, 0, 0);
  p.secondary_pressed = rgb(70, 70, 70);
  p.secondary_text = rgb(255, 255, 255);
  p.selected = rgb(60, 52, 0);
  p.selected_border = rgb(255, 214, 0);
  p.border = rgb(255, 255, 255);
  p.disabled = rgb(40, 40, 40);
  p.disabled_text = rgb(160, 160, 160);
  p.warning = rgb(255, 150, 90);
  p.banner = rgb(255, 214, 0);
  p.banner_text = rgb(0, 0, 0);
  p.dim = rgb(0, 0, 0, 200);
  p.placeholder = rgb(48, 48, 48);
  return p;
}

}  // namespace

float emForDisplay(float width, float height, float user_scale) {
  float short_side = std::min(width, height);
  float em = short_side / 1080.f * 32.f * (user_scale > 0.f ? user_scale : 1.f);
  return std::clamp(em, 10.f, 160.f);
}

Theme makeTheme(const FontSet& fonts, bool accessible) {
  Theme theme;
  theme.accessible = accessible;
  theme.fonts = &fonts;
  theme.em = theme.fonts->em > 0.f ? theme.fonts->em : 32.f;
  theme.color = accessible ? accessiblePalette() : regularPalette();
  if (accessible) theme.border = 0.12f;  // visible outlines on every control
  return theme;
}

void applyStyle(const Theme& theme, ImGuiStyle& style) {
  style = ImGuiStyle();
  float em = theme.em;
  style.WindowPadding = ImVec2(0, 0);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.ChildRounding = 0;
  style.ChildBorderSize = 0;
  style.PopupRounding = theme.px(theme.radius);
  style.FramePadding = ImVec2(em * 0.5f, em * 0.4f);
  style.FrameRounding = theme.px(theme.radius);
  style.ItemSpacing = ImVec2(em * theme.gap, em * theme.gap);
  style.ItemInnerSpacing = ImVec2(em * 0.4f, em * 0.4f);
  style.TouchExtraPadding = ImVec2(em * 0.15f, em * 0.15f);  // fingers are less precise than a cursor
  style.ScrollbarSize = 0;
  style.AntiAliasedLines = true;
  style.AntiAliasedFill = true;
  ImVec4 background = ImGui::ColorConvertU32ToFloat4(theme.color.background);
  ImVec4 text = ImGui::ColorConvertU32ToFloat4(theme.color.text);
  style.Colors[ImGuiCol_WindowBg] = background;
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(theme.color.surface);
  style.Colors[ImGuiCol_Text] = text;
  style.Colors[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(theme.color.disabled_text);
  style.Colors[ImGuiCol_ModalWindowDimBg] = ImGui::ColorConvertU32ToFloat4(theme.color.dim);
}

Area uiArea(ImVec2 display, bool accessible) {
  Area area{ImVec2(0, 0), display};
  if (accessible && display.y > display.x) area.min.y = display.y * 0.45f;
  return area;
}

}  // namespace kiosk::ui
