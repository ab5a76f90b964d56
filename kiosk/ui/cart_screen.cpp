// Cart: the lines with their choices, −/+ and edit/remove; lines a menu update or the POS flagged; the one upsell
// suggestion; the totals the POS validated (discounts included) with a quiet "updating…" while a check runs;
// "Add more" and "Checkout".
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/labels.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

// The validated line for cart line `index`, when the validation belongs to the cart as it is.
const ValidatedLine* validatedLine(const SessionState& state, size_t index) {
  if (!state.validated_fresh()) return nullptr;
  for (const ValidatedLine& line : state.validation.result->lines) {
    if (line.index == static_cast<int>(index)) return &line;
  }
  return nullptr;
}

float lineHeight(const UiContext& ctx, float name_h, float details_h, bool flagged) {
  float h = ctx.px(0.7f) + name_h + ctx.px(0.2f) + details_h + ctx.px(0.4f) + ctx.px(ctx.theme.touch) + ctx.px(0.7f);
  if (flagged) h += ctx.theme.fonts->bold->FontSize + ctx.px(0.3f);
  return h;
}

void cartLine(const SessionState& state, UiContext& ctx, size_t index, ImVec2 min, float width) {
  const Theme& theme = ctx.theme;
  const CartLine& cart_line = state.cart.lines()[index];
  const Dish* dish = state.menu ? state.menu->dish(cart_line.line.dish_id) : nullptr;
  std::string prefix = "cart.line." + std::to_string(index);
  std::string details = state.menu ? lineDetails(ctx, *state.menu, cart_line.line) : std::string();
  float pad = ctx.px(0.7f);
  float thumb = ctx.px(4.2f);
  float text_x = min.x + pad + thumb + pad;
  float price_w = ctx.px(6.5f);
  float text_w = min.x + width - pad - price_w - text_x;
  float details_h = textHeight(theme.fonts->small, text_w, details, 3);
  std::string name = dish ? ctx.name(dish->name) : ctx.t("cart.unknown_dish");
  float name_h = std::max(textHeight(theme.fonts->bold, text_w, name, 2), theme.fonts->price->FontSize);
  bool flagged = cart_line.issue != LineIssue::None;
  bool named_by_message = state.message && state.message->line_index == static_cast<int>(index);
  float height = std::max(lineHeight(ctx, name_h, details_h, flagged), ctx.px(0.7f) * 2.f + thumb);
  ImVec2 max(min.x + width, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  panel(ctx, min, max, theme.color.surface,
        flagged || named_by_message ? theme.color.warning : (theme.accessible ? theme.color.border : 0));
  drawImage(ctx, dish ? dish->image : std::string(), ImageSize::Thumb, ImVec2(min.x + pad, min.y + pad),
            ImVec2(min.x + pad + thumb, min.y + pad + thumb), ctx.px(theme.radius * 0.7f));

  float y = min.y + pad;
  drawText(draw, theme.fonts->bold, ImVec2(text_x, y), text_w, theme.color.text, name, Align::Left, 2);
  // Price: the POS's line sum when validated, else the local estimate.
  Money sum = cart_line.estimated_unit_price * cart_line.line.quantity;
  Money discount;
  if (const ValidatedLine* validated = validatedLine(state, index)) {
    sum = validated->sum;
    discount = validated->discount;
  }
  drawText(draw, theme.fonts->price, ImVec2(max.x - pad - price_w, y), price_w, theme.color.text, ctx.money(sum),
           Align::Right, 1);
  if (discount > Money()) {
    drawText(draw, theme.fonts->small, ImVec2(max.x - pad - price_w, y + theme.fonts->price->FontSize), price_w,
             theme.color.accent, "\xE2\x88\x92" + ctx.money(discount), Align::Right, 1);  // −
  }
  y += name_h + ctx.px(0.2f);
  if (!details.empty()) drawText(draw, theme.fonts->small, ImVec2(text_x, y), text_w, theme.color.text_muted, details,
                                 Align::Left, 3);
  y += details_h + ctx.px(0.4f);
  if (flagged) {
    drawText(draw, theme.fonts->bold, ImVec2(text_x, y), max.x - pad - text_x, theme.color.warning,
             ctx.t(lineIssueKey(cart_line.issue)), Align::Left, 1);
    y += theme.fonts->bold->FontSize + ctx.px(0.3f);
  }

  // − quantity +   Edit   Remove
  float round = ctx.px(theme.touch);
  float count_w = ctx.px(1.8f);
  int quantity = cart_line.line.quantity;
  ImGui::SetCursorScreenPos(ImVec2(text_x, y));
  if (iconButton(ctx, prefix + ".minus", Glyph::Minus, round, quantity > 1)) {
    ctx.emit(ev::ChangeLineQuantity{cart_line.id, -1});
  }
  drawText(draw, theme.fonts->bold, ImVec2(text_x + round, y + (round - theme.fonts->bold->FontSize) * 0.5f), count_w,
           theme.color.text, std::to_string(quantity), Align::Center, 1);
  ImGui::SetCursorScreenPos(ImVec2(text_x + round + count_w, y));
  if (iconButton(ctx, prefix + ".plus", Glyph::Plus, round, quantity < 99 && !flagged)) {
    ctx.emit(ev::ChangeLineQuantity{cart_line.id, +1});
  }
  float x = text_x + round * 2.f + count_w + ctx.px(0.8f);
  float small_w = std::max(ctx.px(4.2f), (max.x - pad - x - ctx.px(0.5f)) * 0.5f);
  small_w = std::min(small_w, ctx.px(6.5f));
  bool editable = dish != nullptr;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ctx, prefix + ".edit", ctx.t("cart.edit"), ImVec2(small_w, round), Look::Secondary, editable,
             theme.fonts->small)) {
    ctx.emit(ev::EditLine{cart_line.id});
  }
  ImGui::SetCursorScreenPos(ImVec2(x + small_w + ctx.px(0.5f), y));
  if (button(ctx, prefix + ".remove", ctx.t("cart.remove"), ImVec2(small_w, round), Look::Secondary, true,
             theme.fonts->small)) {
    ctx.emit(ev::RemoveLine{cart_line.id});
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + ctx.px(0.6f)));
}

void upsellCard(const SessionState& state, UiContext& ctx, ImVec2 min, float width) {
  const Theme& theme = ctx.theme;
  const UpsellSuggestion& upsell = *state.upsell;
  const Dish* dish = state.menu ? state.menu->dish(upsell.dish_id) : nullptr;
  if (!dish) return;
  float pad = ctx.px(0.9f);
  float thumb = ctx.px(5.f);
  float button_h = ctx.px(theme.touch + 0.4f);
  float height = pad * 2.f + std::max(thumb, theme.fonts->price->FontSize * 2.f + theme.fonts->body->FontSize) +
                 ctx.px(0.6f) + button_h;
  ImVec2 max(min.x + width, min.y + height);
  panel(ctx, min, max, theme.color.banner, theme.accessible ? theme.color.border : 0);
  drawImage(ctx, dish->image, ImageSize::Thumb, ImVec2(min.x + pad, min.y + pad),
            ImVec2(min.x + pad + thumb, min.y + pad + thumb), ctx.px(theme.radius * 0.7f));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float text_x = min.x + pad * 2.f + thumb;
  float text_w = max.x - pad - text_x;
  float y = min.y + pad;
  y += drawText(draw, theme.fonts->price, ImVec2(text_x, y), text_w, theme.color.banner_text,
                ctx.t(upsell.message_key), Align::Left, 1);
  y += drawText(draw, theme.fonts->body, ImVec2(text_x, y), text_w, theme.color.banner_text,
                ctx.name(dish->name) + " \xE2\x80\x94 " + ctx.money(dish->price), Align::Left, 2);
  float buttons_y = min.y + height - pad - button_h;
  float button_w = (width - pad * 3.f) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad, buttons_y));
  if (button(ctx, "upsell.dismiss", ctx.t("upsell.no"), ImVec2(button_w, button_h), Look::Secondary)) {
    ctx.emit(ev::DismissUpsell{});
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad * 2.f + button_w, buttons_y));
  if (button(ctx, "upsell.accept", ctx.t("upsell.yes"), ImVec2(button_w, button_h), Look::Primary)) {
    ctx.emit(ev::AcceptUpsell{});
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + ctx.px(0.6f)));
}

// Discounts and the total the POS confirmed for this cart, or the local estimate with "updating…".
float totals(const SessionState& state, UiContext& ctx, ImVec2 min, float width) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y = min.y;
  auto row = [&](const std::string& label, const std::string& value, ImFont* font, ImU32 color) {
    float value_w = lineWidth(font, value);
    drawText(draw, font, ImVec2(min.x, y), width - value_w - ctx.px(1.f), color, label, Align::Left, 1);
    drawText(draw, font, ImVec2(min.x + width - value_w, y), value_w, color, value, Align::Left, 1);
    y += font->FontSize + ctx.px(0.25f);
  };
  bool fresh = state.validated_fresh();
  if (fresh) {
    const ValidationResult& result = *state.validation.result;
    for (const AppliedDiscount& discount : result.discounts) {
      row(discount.name.empty() ? ctx.t("cart.discount") : discount.name,
          "\xE2\x88\x92" + ctx.money(discount.amount), theme.fonts->body, theme.color.accent);
    }
    row(ctx.t("cart.total"), ctx.money(result.total), theme.fonts->title, theme.color.text);
  } else {
    row(ctx.t("cart.total_estimated"), ctx.money(state.cart.estimatedTotal()), theme.fonts->title, theme.color.text);
    std::string note = state.ordering_paused() ? ctx.t("cart.prices_later") : ctx.t("cart.updating");
    drawText(draw, theme.fonts->small, ImVec2(min.x, y), width, theme.color.text_muted, note, Align::Right, 1);
    y += theme.fonts->small->FontSize + ctx.px(0.25f);
  }
  return y - min.y;
}

}  // namespace

void drawCart(const SessionState& state, UiContext& ctx) {
  const Theme& theme = ctx.theme;
  float top = drawTopBar(state, ctx, true);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;
  float pad = ctx.px(1.f);
  float width = max.x - min.x;
  float inner = width - 2.f * pad;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  float y = min.y + pad * 0.7f;
  std::string title = ctx.t("cart.title");
  std::string count = ctx.plural("cart.items", state.cart.itemCount());
  drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), inner, theme.color.text, title, Align::Left, 1);
  drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y + theme.fonts->title->FontSize - theme.fonts->body->FontSize),
           inner, theme.color.text_muted, count, Align::Right, 1);
  y += theme.fonts->title->FontSize + ctx.px(0.6f);

  // Footer: totals and the two actions.
  float button_h = ctx.px(theme.primary);
  float totals_h = theme.fonts->title->FontSize + ctx.px(0.25f) +
                   (state.validated_fresh()
                        ? static_cast<float>(state.validation.result->discounts.size()) *
                              (theme.fonts->body->FontSize + ctx.px(0.25f))
                        : theme.fonts->small->FontSize + ctx.px(0.25f));
  float footer_h = pad + totals_h + ctx.px(0.5f) + button_h + pad;
  ImVec2 footer_min(min.x, max.y - footer_h);

  ImGui::SetCursorScreenPos(ImVec2(min.x, y));
  beginScroll(ctx, "cart.lines", ImVec2(width, footer_min.y - y));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + ctx.px(0.2f)));
  if (state.cart.empty()) {
    text(ctx, theme.fonts->body, theme.color.text_muted, ctx.t("cart.empty"), inner, Align::Center);
  }
  for (size_t i = 0; i < state.cart.lines().size(); ++i) {
    cartLine(state, ctx, i, ImGui::GetCursorScreenPos(), inner);
  }
  if (state.upsell) upsellCard(state, ctx, ImGui::GetCursorScreenPos(), inner);
  ImGui::Dummy(ImVec2(inner, pad));
  endScroll(ctx);

  draw->AddRectFilled(footer_min, max, theme.color.rail);
  totals(state, ctx, ImVec2(min.x + pad, footer_min.y + pad), inner);
  float back_w = std::round(inner * 0.38f);
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad, max.y - pad - button_h));
  if (button(ctx, "cart.back", ctx.t("cart.add_more"), ImVec2(back_w, button_h), Look::Secondary)) {
    ctx.emit(ev::BackToMenu{});
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad + back_w + ctx.px(0.7f), max.y - pad - button_h));
  if (button(ctx, "cart.checkout", ctx.t("cart.checkout"), ImVec2(inner - back_w - ctx.px(0.7f), button_h),
             Look::Primary, !state.cart.empty(), theme.fonts->price)) {
    ctx.emit(ev::GoToCheckout{});
  }
}

}  // namespace kiosk::ui
