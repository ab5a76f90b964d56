#include "kiosk/ui/builder_footer.h"

#include <imgui.h>

#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

float builderFooterHeight(const UiContext& ctx, bool with_problem) {
  float height = ctx.px(ctx.theme.primary + 1.4f);
  if (with_problem) height += ctx.theme.fonts->bold->FontSize + ctx.px(0.8f);
  return height;
}

FooterTap drawBuilderFooter(UiContext& ctx, const DishBuilder& builder, const FooterButtons& buttons,
                            const std::string& problem, ImVec2 min, ImVec2 max) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, theme.color.rail);
  float pad = ctx.px(0.7f);
  float y = min.y + pad;
  if (!problem.empty()) {
    drawText(draw, theme.fonts->bold, ImVec2(min.x + pad, y), max.x - min.x - 2.f * pad, theme.color.warning, problem,
             Align::Center, 1);
    y += theme.fonts->bold->FontSize + ctx.px(0.8f);
  }
  float height = ctx.px(theme.primary);
  FooterTap tap = FooterTap::None;

  float back_w = ctx.px(5.5f);
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
  if (button(ctx, buttons.back_id, ctx.t("dish.back"), ImVec2(back_w, height), Look::Secondary)) tap = FooterTap::Back;

  // − quantity +
  float round = ctx.px(theme.touch + 0.2f);
  float count_w = ctx.px(2.2f);
  float x = min.x + pad + back_w + pad;
  float round_y = y + (height - round) * 0.5f;
  int quantity = builder.quantity();
  ImGui::SetCursorScreenPos(ImVec2(x, round_y));
  if (iconButton(ctx, buttons.prefix + ".qty.minus", Glyph::Minus, round, quantity > 1)) {
    ctx.emit(ev::SetDishQuantity{quantity - 1});
  }
  ImFont* price_font = theme.fonts->price;
  drawText(draw, price_font, ImVec2(x + round, y + (height - price_font->FontSize) * 0.5f), count_w, theme.color.text,
           std::to_string(quantity), Align::Center, 1);
  ImGui::SetCursorScreenPos(ImVec2(x + round + count_w, round_y));
  if (iconButton(ctx, buttons.prefix + ".qty.plus", Glyph::Plus, round, quantity < 99)) {
    ctx.emit(ev::SetDishQuantity{quantity + 1});
  }
  x += round * 2.f + count_w + pad;

  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ctx, buttons.primary_id, buttons.primary_label, ImVec2(max.x - pad - x, height), Look::Primary,
             buttons.primary_enabled, price_font)) {
    tap = FooterTap::Primary;
  }
  return tap;
}

}  // namespace kiosk::ui
