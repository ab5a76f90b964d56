// Payment (Validating, Paying, Posting): "Follow the instructions on the terminal", the amount, the terminal's own
// prompt, and Cancel while the terminal still allows it. Before (checking the order) and after (placing it) the
// guest only waits: a spinner, no buttons.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

// A card terminal with a card in front of it, drawn with shapes (no image asset needed).
void drawTerminal(UiContext& ctx, ImVec2 center, float height) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float w = height * 0.58f;
  ImVec2 body_min(center.x - w * 0.5f, center.y - height * 0.5f);
  ImVec2 body_max(center.x + w * 0.5f, center.y + height * 0.5f);
  float thickness = std::max(2.f, ctx.px(0.12f));
  draw->AddRectFilled(body_min, body_max, theme.color.surface, w * 0.14f);
  draw->AddRect(body_min, body_max, theme.color.text, w * 0.14f, 0, thickness);
  ImVec2 screen_min(body_min.x + w * 0.14f, body_min.y + height * 0.1f);
  ImVec2 screen_max(body_max.x - w * 0.14f, body_min.y + height * 0.38f);
  draw->AddRectFilled(screen_min, screen_max, theme.color.selected, w * 0.05f);
  draw->AddRect(screen_min, screen_max, theme.color.text_muted, w * 0.05f, 0, thickness * 0.6f);
  float key_r = w * 0.07f;
  for (int row = 0; row < 4; ++row) {
    for (int col = 0; col < 3; ++col) {
      ImVec2 c(body_min.x + w * (0.28f + 0.22f * static_cast<float>(col)),
               body_min.y + height * (0.5f + 0.12f * static_cast<float>(row)));
      draw->AddCircleFilled(c, key_r, row == 3 && col == 2 ? theme.color.accent : theme.color.border, 16);
    }
  }
  // The card, leaning against the terminal.
  float card_w = height * 0.5f;
  float card_h = card_w * 0.63f;
  ImVec2 card_min(body_max.x - card_w * 0.35f, center.y - card_h * 0.2f);
  ImVec2 card_max(card_min.x + card_w, card_min.y + card_h);
  draw->AddRectFilled(card_min, card_max, theme.color.accent, card_w * 0.08f);
  draw->AddRectFilled(ImVec2(card_min.x, card_min.y + card_h * 0.2f), ImVec2(card_max.x, card_min.y + card_h * 0.38f),
                      theme.color.text);
  draw->AddRectFilled(ImVec2(card_min.x + card_w * 0.1f, card_min.y + card_h * 0.55f),
                      ImVec2(card_min.x + card_w * 0.3f, card_min.y + card_h * 0.75f), theme.color.banner,
                      card_w * 0.03f);
}

}  // namespace

void drawPayment(const SessionState& state, UiContext& ctx) {
  const Theme& theme = ctx.theme;
  float top = drawTopBar(state, ctx, false);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;
  float pad = ctx.px(1.5f);
  float width = max.x - min.x;
  float inner = width - 2.f * pad;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  std::string title;
  Money amount;
  bool waiting = false;  // the guest has nothing to do at the terminal now
  switch (state.phase) {
    case Phase::Validating:
      title = ctx.t("payment.checking");
      if (state.validation.result) amount = state.validation.result->total;
      waiting = true;
      break;
    case Phase::Posting:
      title = ctx.t("order.placing");
      amount = state.payment.amount;
      waiting = true;
      break;
    default:
      title = ctx.t(state.payment.message_key.empty() ? std::string_view("payment.follow_terminal")
                                                      : std::string_view(state.payment.message_key));
      amount = state.payment.amount;
      break;
  }

  float picture_h = std::min(ctx.px(11.f), (max.y - min.y) * 0.3f);
  float button_h = ctx.px(theme.primary);
  float title_h = textHeight(theme.fonts->title, inner, title, 3);
  float block = picture_h + ctx.px(1.5f) + title_h + ctx.px(1.2f) + theme.fonts->body->FontSize +
                theme.fonts->number->FontSize * 0.5f + ctx.px(1.5f) + theme.fonts->body->FontSize * 2.f + ctx.px(1.f);
  float y = min.y + std::max(pad, (max.y - min.y - block - button_h - pad) * 0.45f);

  drawTerminal(ctx, ImVec2(min.x + width * 0.5f - picture_h * 0.12f, y + picture_h * 0.5f), picture_h);
  y += picture_h + ctx.px(1.5f);
  y += drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), inner, theme.color.text, title, Align::Center, 3) +
       ctx.px(1.2f);
  drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y), inner, theme.color.text_muted, ctx.t("payment.amount"),
           Align::Center, 1);
  y += theme.fonts->body->FontSize + ctx.px(0.2f);
  if (amount != Money()) {
    // The amount large: the price font scaled up, so it needs no glyphs beyond the text fonts'.
    ImFont* font = theme.fonts->title;
    std::string shown = ctx.money(amount);
    float scale = 1.5f;
    float w = lineWidth(font, shown) * scale;
    draw->AddText(font, font->FontSize * scale, ImVec2(std::floor(min.x + (width - w) * 0.5f), y), theme.color.text,
                  shown.c_str());
    y += font->FontSize * scale;
  }
  y += ctx.px(1.2f);
  if (!state.payment.terminal_text.empty() && state.phase == Phase::Paying) {
    // The terminal's own words, as it shows them.
    std::string quoted = "\xC2\xAB" + state.payment.terminal_text + "\xC2\xBB";  // « »
    float h = textHeight(theme.fonts->bold, inner - ctx.px(2.f), quoted, 2) + ctx.px(1.f);
    panel(ctx, ImVec2(min.x + pad, y), ImVec2(max.x - pad, y + h), theme.color.rail, 0);
    drawText(draw, theme.fonts->bold, ImVec2(min.x + pad + ctx.px(1.f), y + ctx.px(0.5f)), inner - ctx.px(2.f),
             theme.color.text, quoted, Align::Center, 2);
    y += h + ctx.px(1.f);
  }
  if (waiting || (state.phase == Phase::Paying && !state.payment.cancellable)) {
    drawSpinner(ctx, ImVec2(min.x + width * 0.5f, y + ctx.px(1.5f)), ctx.px(1.2f));
  }
  if (state.phase == Phase::Paying) {
    float w = std::min(inner, ctx.px(14.f));
    ImGui::SetCursorScreenPos(ImVec2(min.x + (width - w) * 0.5f, max.y - pad - button_h));
    if (button(ctx, "payment.cancel", ctx.t("payment.cancel"), ImVec2(w, button_h), Look::Secondary,
               state.payment.cancellable)) {
      ctx.emit(ev::CancelPayment{});
    }
  }
}

}  // namespace kiosk::ui
