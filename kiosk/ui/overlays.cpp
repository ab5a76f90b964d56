// Modal layers above the screen: "Start over?", the calm message (GuestMessage), "Are you still there?".
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

struct DialogButton {
  std::string id;
  std::string label;
  Look look;
};

// A centred panel on a dimmed screen; returns the index of the tapped button, or -1.
int dialog(UiContext& ctx, const char* window, const std::string& title, const std::string& body,
           const std::string& big, const std::vector<DialogButton>& buttons) {
  if (ctx.widgets) ctx.widgets->coverAll();
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowFocus();  // on top of the screen and of older layers
  ImGui::Begin(window, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(0, 0), io.DisplaySize, ctx.theme.color.dim);

  const Theme& theme = ctx.theme;
  float pad = ctx.px(1.4f);
  float width = std::min(ctx.area.width() - ctx.px(2.f), ctx.px(26.f));
  float inner = width - 2.f * pad;
  ImFont* title_font = theme.fonts->title;
  ImFont* body_font = theme.fonts->body;
  ImFont* big_font = theme.fonts->number;
  float button_h = ctx.px(theme.primary);
  float gap = ctx.px(0.9f);
  float height = pad * 2.f + button_h;
  if (!title.empty()) height += textHeight(title_font, inner, title) + gap;
  if (!body.empty()) height += textHeight(body_font, inner, body) + gap;
  if (!big.empty()) height += big_font->FontSize + gap;
  ImVec2 min(ctx.area.min.x + (ctx.area.width() - width) * 0.5f,
             ctx.area.min.y + std::max(0.f, (ctx.area.height() - height) * 0.5f));
  ImVec2 max(min.x + width, min.y + height);
  panel(ctx, min, max, theme.color.surface, theme.accessible ? theme.color.border : 0, ctx.px(1.f));

  float y = min.y + pad;
  if (!title.empty()) y += drawText(draw, title_font, ImVec2(min.x + pad, y), inner, theme.color.text, title,
                                    Align::Center) + gap;
  if (!big.empty()) {
    drawText(draw, big_font, ImVec2(min.x + pad, y), inner, theme.color.accent, big, Align::Center);
    y += big_font->FontSize + gap;
  }
  if (!body.empty()) y += drawText(draw, body_font, ImVec2(min.x + pad, y), inner, theme.color.text, body,
                                   Align::Center) + gap;

  int tapped = -1;
  float button_gap = ctx.px(0.6f);
  float button_w = (inner - button_gap * static_cast<float>(buttons.size() - 1)) / static_cast<float>(buttons.size());
  for (size_t i = 0; i < buttons.size(); ++i) {
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad + static_cast<float>(i) * (button_w + button_gap), y));
    if (button(ctx, buttons[i].id, buttons[i].label, ImVec2(button_w, button_h), buttons[i].look)) {
      tapped = static_cast<int>(i);
    }
  }
  ImGui::End();
  return tapped;
}

void confirmStartOver(UiContext& ctx) {
  int tapped = dialog(ctx, "##overlay.cancel", ctx.t("cancel.title"), ctx.t("cancel.body"), "",
                      {{"cancel.no", ctx.t("cancel.no"), Look::Secondary},
                       {"cancel.yes", ctx.t("cancel.yes"), Look::Primary}});
  if (tapped == 0) ctx.view->confirm_cancel = false;
  if (tapped == 1) {
    ctx.view->confirm_cancel = false;
    ctx.emit(ev::CancelOrder{});
  }
}

void message(const SessionState& state, UiContext& ctx) {
  const GuestMessage& m = *state.message;
  std::string body = ctx.t(m.key, {{"amount", ctx.money(m.amount)}});
  if (m.amount != Money() && body.find(ctx.money(m.amount)) == std::string::npos) {
    body += "\n" + ctx.money(m.amount);  // a string without {amount}: the sum is still shown
  }
  if (dialog(ctx, "##overlay.message", "", body, "", {{"message.ok", ctx.t("message.ok"), Look::Primary}}) == 0) {
    ctx.emit(ev::DismissMessage{});
  }
}

void stillThere(UiContext& ctx) {
  int tapped = dialog(ctx, "##overlay.idle", ctx.t("idle.title"), ctx.t("idle.body"),
                      std::to_string(ctx.facts.idle_seconds_left),
                      {{"idle.cancel", ctx.t("idle.cancel"), Look::Secondary},
                       {"idle.continue", ctx.t("idle.continue"), Look::Primary}});
  if (tapped == 0) ctx.emit(ev::CancelOrder{});
  if (tapped == 1) ctx.emit(ev::StillHere{});
}

}  // namespace

void drawOverlays(const SessionState& state, UiContext& ctx) {
  bool may_start_over = state.phase == Phase::Ordering || state.phase == Phase::Checkout;
  if (!may_start_over) ctx.view->confirm_cancel = false;
  if (ctx.view->confirm_cancel) confirmStartOver(ctx);
  if (state.message) message(state, ctx);
  if (state.idle_prompt) stillThere(ctx);
}

}  // namespace kiosk::ui
