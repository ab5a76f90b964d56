// Checkout: eat-in or take-away (when both are offered), the optional table / pager number on a big keypad, the
// amount to pay (the POS-validated total), "Back to cart" and "Pay".
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr size_t kMaxTableDigits = 6;

void orderTypeChoice(const SessionState& state, UiContext& ctx, ImVec2 min, float width, float height) {
  const Theme& theme = ctx.theme;
  float gap = ctx.px(0.8f);
  float w = (width - gap) * 0.5f;
  struct Choice {
    const char* id;
    OrderType type;
    const char* title;
    const char* subtitle;
  };
  const Choice choices[] = {{"checkout.eat_in", OrderType::EatIn, "checkout.eat_in", "checkout.eat_in_hint"},
                            {"checkout.take_away", OrderType::TakeAway, "checkout.take_away", "checkout.take_away_hint"}};
  for (int i = 0; i < 2; ++i) {
    const Choice& choice = choices[i];
    ImVec2 pos(min.x + static_cast<float>(i) * (w + gap), min.y);
    bool selected = state.order_type == choice.type;
    ImGui::SetCursorScreenPos(pos);
    bool held = false;
    if (tapZone(ctx, choice.id, ImVec2(w, height), true, selected, &held) && !selected) {
      ctx.emit(ev::SetOrderType{choice.type});
    }
    ImVec2 max(pos.x + w, pos.y + height);
    ImU32 fill = held ? theme.color.surface_pressed : (selected ? theme.color.selected : theme.color.surface);
    panel(ctx, pos, max, fill, selected ? theme.color.selected_border : theme.color.border);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::string title = ctx.t(choice.title);
    std::string subtitle = ctx.t(choice.subtitle);
    float inner = w - ctx.px(1.6f);
    float block = textHeight(theme.fonts->title, inner, title, 2) + ctx.px(0.3f) +
                  textHeight(theme.fonts->body, inner, subtitle, 2);
    float y = pos.y + (height - block) * 0.5f;
    y += drawText(draw, theme.fonts->title, ImVec2(pos.x + ctx.px(0.8f), y), inner, theme.color.text, title,
                  Align::Center, 2) + ctx.px(0.3f);
    drawText(draw, theme.fonts->body, ImVec2(pos.x + ctx.px(0.8f), y), inner, theme.color.text_muted, subtitle,
             Align::Center, 2);
  }
}

// Returns the height used.
float tableKeypad(const SessionState& state, UiContext& ctx, ImVec2 min, float width, float max_height) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y = min.y;
  y += drawText(draw, theme.fonts->bold, ImVec2(min.x, y), width, theme.color.text, ctx.t("checkout.table_label"),
                Align::Center, 2) + ctx.px(0.4f);
  // The number so far, in a box.
  float box_h = theme.fonts->title->FontSize + ctx.px(1.f);
  float box_w = std::min(width, ctx.px(12.f));
  ImVec2 box_min(min.x + (width - box_w) * 0.5f, y);
  panel(ctx, box_min, ImVec2(box_min.x + box_w, box_min.y + box_h), theme.color.surface, theme.color.border);
  std::string shown = state.table_number.empty() ? "\xE2\x80\x94" : state.table_number;  // —
  drawText(draw, theme.fonts->title, ImVec2(box_min.x, box_min.y + ctx.px(0.5f)), box_w,
           state.table_number.empty() ? theme.color.text_muted : theme.color.text, shown, Align::Center, 1);
  y += box_h + ctx.px(0.6f);

  float gap = ctx.px(0.5f);
  float key_h = std::clamp((max_height - (y - min.y) - gap * 3.f) / 4.f, ctx.px(theme.touch), ctx.px(3.2f));
  float key_w = std::min((width - gap * 2.f) / 3.f, ctx.px(6.5f));
  float keys_x = min.x + (width - key_w * 3.f - gap * 2.f) * 0.5f;
  const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"};
  bool full = state.table_number.size() >= kMaxTableDigits;
  for (int i = 0; i < 12; ++i) {
    std::string key = keys[i];
    ImGui::SetCursorScreenPos(ImVec2(keys_x + static_cast<float>(i % 3) * (key_w + gap),
                                     y + static_cast<float>(i / 3) * (key_h + gap)));
    std::string id = "checkout.key." + key;
    if (key == "clear") {
      if (button(ctx, id, ctx.t("checkout.key_clear"), ImVec2(key_w, key_h), Look::Secondary,
                 !state.table_number.empty())) {
        ctx.emit(ev::SetTableNumber{""});
      }
    } else if (key == "back") {
      ImVec2 pos = ImGui::GetCursorScreenPos();
      bool enabled = !state.table_number.empty();
      if (button(ctx, id, "", ImVec2(key_w, key_h), Look::Secondary, enabled)) {
        ctx.emit(ev::SetTableNumber{state.table_number.substr(0, state.table_number.size() - 1)});
      }
      drawGlyph(draw, Glyph::Back, ImVec2(pos.x + key_w * 0.5f, pos.y + key_h * 0.5f), key_h * 0.35f,
                enabled ? theme.color.text : theme.color.disabled_text, std::max(2.f, ctx.px(0.12f)));
    } else if (button(ctx, id, key, ImVec2(key_w, key_h), Look::Secondary, !full, theme.fonts->title)) {
      ctx.emit(ev::SetTableNumber{state.table_number + key});
    }
  }
  y += key_h * 4.f + gap * 3.f;
  return y - min.y;
}

}  // namespace

void drawCheckout(const SessionState& state, UiContext& ctx) {
  const Theme& theme = ctx.theme;
  float top = drawTopBar(state, ctx, true);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;
  float pad = ctx.px(1.f);
  float width = max.x - min.x;
  float inner = width - 2.f * pad;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  float button_h = ctx.px(theme.primary);
  float amount_h = theme.fonts->body->FontSize + theme.fonts->title->FontSize + ctx.px(0.6f);
  float footer_h = pad + amount_h + button_h + pad;
  ImVec2 footer_min(min.x, max.y - footer_h);

  // The choices scroll when they do not fit (accessibility mode, small screens); in landscape they sit side by side.
  bool both_types = ctx.facts.offer_eat_in && ctx.facts.offer_take_away;
  bool keypad = ctx.facts.ask_table_number;
  float body_h = footer_min.y - min.y;
  bool side_by_side = both_types && keypad && width > body_h * 1.3f;
  ImGui::SetCursorScreenPos(min);
  beginScroll(ctx, "checkout.body", ImVec2(width, body_h));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y + pad;
  float column_w = side_by_side ? (inner - pad) * 0.5f : inner;
  float end_y = y;
  if (both_types) {
    y += drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), column_w, theme.color.text,
                  ctx.t("checkout.title"), Align::Center, 2) + ctx.px(0.8f);
    float choice_h = ctx.px(side_by_side ? 7.f : 6.f);
    orderTypeChoice(state, ctx, ImVec2(min.x + pad, y), column_w, choice_h);
    y += choice_h + ctx.px(1.2f);
    end_y = y;
  }
  if (keypad) {
    float keypad_x = side_by_side ? min.x + pad + column_w + pad : min.x + pad;
    float keypad_y = side_by_side ? origin.y + pad : y;
    float used = tableKeypad(state, ctx, ImVec2(keypad_x, keypad_y), column_w, body_h - pad * 2.f);
    end_y = std::max(end_y, keypad_y + used + pad);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, end_y));
  ImGui::Dummy(ImVec2(inner, pad));
  endScroll(ctx);

  // Footer: the amount the guest will pay, Back and Pay.
  draw->AddRectFilled(footer_min, max, theme.color.rail);
  float fy = footer_min.y + pad;
  drawText(draw, theme.fonts->body, ImVec2(min.x + pad, fy), inner, theme.color.text_muted, ctx.t("checkout.to_pay"),
           Align::Center, 1);
  fy += theme.fonts->body->FontSize + ctx.px(0.2f);
  bool fresh = state.validated_fresh();
  std::string amount = fresh ? ctx.money(state.validation.result->total) : ctx.t("cart.updating");
  drawText(draw, theme.fonts->title, ImVec2(min.x + pad, fy), inner, fresh ? theme.color.text : theme.color.text_muted,
           amount, Align::Center, 1);
  float back_w = std::round(inner * 0.38f);
  float buttons_y = max.y - pad - button_h;
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad, buttons_y));
  if (button(ctx, "checkout.back", ctx.t("checkout.back"), ImVec2(back_w, button_h), Look::Secondary)) {
    ctx.emit(ev::OpenCart{});
  }
  std::string pay = ctx.t("checkout.pay");
  if (fresh) pay += "  " + ctx.money(state.validation.result->total);
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad + back_w + ctx.px(0.7f), buttons_y));
  if (button(ctx, "checkout.pay", pay, ImVec2(inner - back_w - ctx.px(0.7f), button_h), Look::Primary,
             ctx.facts.can_pay, theme.fonts->price)) {
    ctx.emit(ev::ConfirmCheckout{});
  }
}

}  // namespace kiosk::ui
