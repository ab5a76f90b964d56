// Order status (Tracking, Done): the order number large, its status in words with the three steps (accepted,
// being prepared, ready), and "New order". When the payment went through but the order could not be placed there
// is no number: the calm message (an overlay) says what happens to the money.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/labels.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

void statusSteps(UiContext& ctx, int current, ImVec2 min, float width) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const char* keys[3] = {"status.accepted", "status.preparing", "status.ready"};
  float r = ctx.px(0.8f);
  float step_w = width / 3.f;
  float cy = min.y + r;
  float thickness = std::max(2.f, ctx.px(0.15f));
  for (int i = 0; i < 3; ++i) {
    float cx = min.x + step_w * (static_cast<float>(i) + 0.5f);
    if (i < 2) {
      ImU32 line = i < current ? theme.color.accent : theme.color.border;
      draw->AddLine(ImVec2(cx + r, cy), ImVec2(cx + step_w - r, cy), line, thickness);
    }
    bool reached = i <= current;
    draw->AddCircleFilled(ImVec2(cx, cy), r, reached ? theme.color.accent : theme.color.surface, 32);
    draw->AddCircle(ImVec2(cx, cy), r, reached ? theme.color.accent : theme.color.border, 32, thickness);
    // Steps passed are ticked; so is the last one once reached (the order is ready).
    if (i < current || (i == 2 && current == 2)) {
      drawGlyph(draw, Glyph::Check, ImVec2(cx, cy), r, theme.color.accent_text, thickness);
    }
    drawText(draw, i == current ? theme.fonts->bold : theme.fonts->small, ImVec2(cx - step_w * 0.5f, cy + r + ctx.px(0.4f)),
             step_w, i == current ? theme.color.text : theme.color.text_muted, ctx.t(keys[i]), Align::Center, 2);
  }
}

}  // namespace

void drawStatus(const SessionState& state, UiContext& ctx) {
  const Theme& theme = ctx.theme;
  float top = drawTopBar(state, ctx, false);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;
  float pad = ctx.px(1.5f);
  float width = max.x - min.x;
  float inner = width - 2.f * pad;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float button_h = ctx.px(theme.primary);

  if (!state.order) {
    // Paid but not placed (or nothing to show): the message overlay explains; offer the way back.
    float y = min.y + (max.y - min.y) * 0.3f;
    drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), inner, theme.color.text, ctx.t("status.sorry"),
             Align::Center, 3);
  } else {
    const PostedOrder& order = *state.order;
    int step = orderStatusStep(order.status);
    ImFont* number_font = theme.fonts->number;
    float number_box_h = number_font->FontSize + ctx.px(2.f);
    float block = theme.fonts->title->FontSize + ctx.px(1.5f) + theme.fonts->body->FontSize + ctx.px(0.5f) +
                  number_box_h + ctx.px(1.5f) + theme.fonts->title->FontSize + ctx.px(1.5f) + ctx.px(1.6f) +
                  theme.fonts->bold->FontSize * 2.f + ctx.px(1.5f) + theme.fonts->body->FontSize * 2.f;
    float y = min.y + std::max(pad, (max.y - min.y - block - button_h - pad) * 0.4f);
    y += drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), inner, theme.color.text, ctx.t("status.thanks"),
                  Align::Center, 2) + ctx.px(1.5f);
    y += drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y), inner, theme.color.text_muted,
                  ctx.t("status.number_label"), Align::Center, 1) + ctx.px(0.5f);
    // The number staff will call, as large as the screen allows.
    float box_w = std::min(inner, std::max(ctx.px(14.f), lineWidth(number_font, order.number) + ctx.px(4.f)));
    ImVec2 box_min(min.x + (width - box_w) * 0.5f, y);
    panel(ctx, box_min, ImVec2(box_min.x + box_w, box_min.y + number_box_h), theme.color.surface, theme.color.accent,
          ctx.px(1.2f));
    drawText(draw, number_font, ImVec2(box_min.x, box_min.y + ctx.px(1.f)), box_w, theme.color.text, order.number,
             Align::Center, 1);
    y += number_box_h + ctx.px(1.5f);
    ImU32 status_color = step < 0 ? theme.color.warning : theme.color.accent;
    y += drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), inner, status_color,
                  ctx.t(orderStatusKey(order.status)), Align::Center, 2) + ctx.px(1.5f);
    if (step >= 0) {
      statusSteps(ctx, step, ImVec2(min.x + pad, y), inner);
      y += ctx.px(1.6f) + ctx.px(0.4f) + theme.fonts->bold->FontSize * 2.f + ctx.px(1.f);
    }
    std::string hint = ctx.t(step == 2 ? "status.hint_ready" : (step < 0 ? "status.hint_cancelled" : "status.hint"));
    drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y), inner, theme.color.text_muted, hint, Align::Center, 3);
  }
  float w = std::min(inner, ctx.px(16.f));
  ImGui::SetCursorScreenPos(ImVec2(min.x + (width - w) * 0.5f, max.y - pad - button_h));
  if (button(ctx, "status.new_order", ctx.t("status.new_order"), ImVec2(w, button_h), Look::Primary, true,
             theme.fonts->price)) {
    ctx.emit(ev::FinishOrder{});
  }
}

}  // namespace kiosk::ui
