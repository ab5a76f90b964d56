#include "kiosk/ui/pin_pad.h"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

void PinPad::clear() {
  // Overwrite before release: the PIN should not linger in freed memory longer than needed.
  std::fill(digits_.begin(), digits_.end(), '\0');
  digits_.clear();
}

PinPad::Result PinPad::draw(UiContext& ctx, const PinPadLook& look) {
  const Theme& theme = ctx.theme;
  const Area& area = ctx.area;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float pad = ctx.px(1.2f);
  float width = std::min(area.width() - 2.f * pad, ctx.px(24.f));
  float x = area.min.x + (area.width() - width) * 0.5f;

  // Keypad sizes first: the whole block is centred vertically.
  float gap = ctx.px(0.6f);
  float key_w = (width - 2.f * gap) / 3.f;
  float key_h = std::clamp(key_w * 0.62f, ctx.px(theme.touch), ctx.px(3.6f));
  float title_h = textHeight(theme.fonts->title, width, look.title, 2);
  float dots_h = ctx.px(2.4f);
  float message_h = theme.fonts->body->FontSize * 2.f;
  float cancel_h = ctx.px(theme.touch * 1.2f);
  float block = title_h + ctx.px(1.f) + dots_h + ctx.px(0.6f) + message_h + ctx.px(1.f) + key_h * 4.f + gap * 3.f +
                ctx.px(1.2f) + cancel_h;
  float y = area.min.y + std::max(pad, (area.height() - block) * 0.5f);

  y += drawText(draw, theme.fonts->title, ImVec2(x, y), width, theme.color.text, look.title, Align::Center, 2);
  y += ctx.px(1.f);

  // The digits as dots in a box: how many were typed, never which.
  ImVec2 box_min(x + width * 0.1f, y);
  ImVec2 box_max(x + width * 0.9f, y + dots_h);
  panel(ctx, box_min, box_max, theme.color.surface, theme.color.border);
  size_t shown = std::max<size_t>(digits_.size(), ops::kPinMinDigits);
  float r = ctx.px(0.38f);
  float step = std::min(r * 3.2f, (box_max.x - box_min.x - ctx.px(1.f)) / static_cast<float>(shown));
  float dots_x = (box_min.x + box_max.x) * 0.5f - step * static_cast<float>(shown - 1) * 0.5f;
  for (size_t i = 0; i < shown; ++i) {
    ImVec2 c(dots_x + step * static_cast<float>(i), (box_min.y + box_max.y) * 0.5f);
    if (i < digits_.size()) {
      draw->AddCircleFilled(c, r, theme.color.text, 24);
    } else {
      draw->AddCircle(c, r, theme.color.border, 24, std::max(1.f, ctx.px(0.08f)));
    }
  }
  y += dots_h + ctx.px(0.6f);

  if (look.busy) {
    float sr = theme.fonts->body->FontSize * 0.45f;
    float text_w = lineWidth(theme.fonts->body, look.message);
    float sx = x + (width - text_w) * 0.5f - sr * 2.f - ctx.px(0.4f);
    drawSpinner(ctx, ImVec2(sx + sr, y + theme.fonts->body->FontSize * 0.5f), sr);
  }
  drawText(draw, theme.fonts->body, ImVec2(x, y), width,
           look.message_is_problem ? theme.color.warning : theme.color.text_muted, look.message, Align::Center, 2);
  y += message_h + ctx.px(1.f);

  Result result = Result::None;
  const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"};
  bool full = digits_.size() >= ops::kPinMaxDigits;
  bool can_ok = look.enabled && digits_.size() >= ops::kPinMinDigits;
  for (int i = 0; i < 12; ++i) {
    std::string key = keys[i];
    ImVec2 pos(x + static_cast<float>(i % 3) * (key_w + gap), y + static_cast<float>(i / 3) * (key_h + gap));
    ImGui::SetCursorScreenPos(pos);
    if (key == "back") {
      bool enabled = look.enabled && !digits_.empty();
      if (button(ctx, "pin.key.back", "", ImVec2(key_w, key_h), Look::Secondary, enabled)) digits_.pop_back();
      drawGlyph(draw, Glyph::Back, ImVec2(pos.x + key_w * 0.5f, pos.y + key_h * 0.5f), key_h * 0.35f,
                enabled ? theme.color.text : theme.color.disabled_text, std::max(2.f, ctx.px(0.12f)));
    } else if (key == "ok") {
      if (button(ctx, "pin.ok", "OK", ImVec2(key_w, key_h), Look::Primary, can_ok, theme.fonts->title)) {
        result = Result::Ok;
      }
    } else if (button(ctx, "pin.key." + key, key, ImVec2(key_w, key_h), Look::Secondary, look.enabled && !full,
                      theme.fonts->title)) {
      digits_ += key;
    }
  }
  y += key_h * 4.f + gap * 3.f + ctx.px(1.2f);
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ctx, "pin.cancel", ctx.t("staff.pin.cancel"), ImVec2(width, cancel_h), Look::Secondary)) {
    result = Result::Cancel;
  }

  // A physical keyboard (development, a service keyboard plugged in).
  ImGuiIO& io = ImGui::GetIO();
  if (look.enabled) {
    for (ImWchar c : io.InputQueueCharacters) {
      if (c >= '0' && c <= '9' && digits_.size() < ops::kPinMaxDigits) digits_ += static_cast<char>(c);
    }
    int backspace = io.KeyMap[ImGuiKey_Backspace];
    if (backspace >= 0 && ImGui::IsKeyPressed(backspace) && !digits_.empty()) digits_.pop_back();
    int enter = io.KeyMap[ImGuiKey_Enter];
    if (enter >= 0 && ImGui::IsKeyPressed(enter, false) && can_ok) result = Result::Ok;
  }
  io.InputQueueCharacters.resize(0);
  return result;
}

}  // namespace kiosk::ui
