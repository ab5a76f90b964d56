// Dish: the big picture, name, price, calories and tags, description, the modifier groups, and the footer with
// the quantity and "Add · price" (enabled only when the POS would accept the line).
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/builder_footer.h"
#include "kiosk/ui/labels.h"
#include "kiosk/ui/modifier_list.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// The dish's name, price, calories, tags and description at the cursor; moves the cursor below.
void drawDishHeader(UiContext& ctx, const Dish& dish, Money unit_price, float width) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float y = pos.y;
  std::string price = ctx.money(unit_price);
  ImFont* price_font = theme.fonts->price;
  float price_w = lineWidth(price_font, price);
  float name_h = drawText(draw, theme.fonts->title, ImVec2(pos.x, y), width - price_w - ctx.px(1.f), theme.color.text,
                          ctx.name(dish.name), Align::Left, 3);
  drawText(draw, price_font, ImVec2(pos.x + width - price_w, y + theme.fonts->title->FontSize - price_font->FontSize),
           price_w, theme.color.text, price, Align::Left, 1);
  y += name_h + ctx.px(0.3f);
  float x = pos.x;
  if (dish.kcal) {
    std::string kcal = ctx.t("menu.kcal", {{"n", std::to_string(*dish.kcal)}});
    x += pill(ctx, ImVec2(x, y), kcal, theme.color.rail, theme.color.text_muted).x + ctx.px(0.4f);
  }
  for (const std::string& tag : dish.tags) {
    x += pill(ctx, ImVec2(x, y), tagText(ctx, tag), theme.color.rail, theme.color.text_muted).x + ctx.px(0.4f);
  }
  if (dish.kcal || !dish.tags.empty()) y += pillSize(ctx, "0").y + ctx.px(0.5f);
  const std::string& description = ctx.name(dish.description);
  if (!description.empty()) {
    y += drawText(draw, theme.fonts->body, ImVec2(pos.x, y), width, theme.color.text_muted, description) + ctx.px(0.5f);
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, y));
}

void drawDish(const SessionState& state, UiContext& ctx) {
  const DishBuilder& builder = *state.builder;
  const Dish& dish = builder.dish();
  float top = drawTopBar(state, ctx, true);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;

  std::vector<BuilderProblem> problems = builder.problems();
  std::string problem = problems.empty() ? std::string() : problemText(ctx, builder, problems.front());
  float footer_h = builderFooterHeight(ctx, !problem.empty());
  ImVec2 footer_min(min.x, max.y - footer_h);

  float pad = ctx.px(1.f);
  float width = max.x - min.x;
  float body_h = footer_min.y - min.y;
  if (width > body_h * 1.3f) {
    // Landscape: the picture and the dish on the left, the choices on the right, each scrolling on its own.
    float left_w = std::round(width * 0.42f);
    float left_inner = left_w - 2.f * pad;
    ImGui::SetCursorScreenPos(min);
    beginScroll(ctx, "dish.info." + dish.id, ImVec2(left_w, body_h));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float image_h = std::round(std::min(left_inner * 0.75f, body_h * 0.55f));
    ImVec2 image_min(origin.x + pad, origin.y + pad);
    drawImage(ctx, dish.image, ImageSize::Large, image_min, ImVec2(image_min.x + left_inner, image_min.y + image_h),
              ctx.px(1.f));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, image_min.y + image_h + pad));
    drawDishHeader(ctx, dish, builder.unitPrice(), left_inner);
    ImGui::Dummy(ImVec2(left_inner, pad));
    endScroll(ctx);
    float right_w = width - left_w;
    ImGui::SetCursorScreenPos(ImVec2(min.x + left_w, min.y));
    beginScroll(ctx, "dish.body." + dish.id, ImVec2(right_w, body_h));
    ImVec2 right = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(right.x + pad * 0.5f, right.y + pad * 0.5f));
    drawModifierGroups(ctx, builder, kDishItself, "dish.mod", right_w - pad * 1.5f);
    ImGui::Dummy(ImVec2(right_w - pad * 1.5f, pad));
    endScroll(ctx);
  } else {
    float inner = width - 2.f * pad;
    ImGui::SetCursorScreenPos(min);
    beginScroll(ctx, "dish.body." + dish.id, ImVec2(width, body_h));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float image_h = std::round(std::min(inner * 0.62f, body_h * 0.42f));
    ImVec2 image_min(origin.x + pad, origin.y + pad);
    drawImage(ctx, dish.image, ImageSize::Large, image_min, ImVec2(image_min.x + inner, image_min.y + image_h),
              ctx.px(1.f));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, image_min.y + image_h + pad));
    drawDishHeader(ctx, dish, builder.unitPrice(), inner);
    drawModifierGroups(ctx, builder, kDishItself, "dish.mod", inner);
    ImGui::Dummy(ImVec2(inner, pad));
    endScroll(ctx);
  }

  FooterButtons buttons;
  buttons.prefix = "dish";
  buttons.back_id = "dish.close";
  buttons.primary_id = "dish.add";
  buttons.primary_label = ctx.t(state.editing_line ? "dish.save" : "dish.add") + "  " + ctx.money(builder.totalPrice());
  buttons.primary_enabled = builder.canAdd();
  switch (drawBuilderFooter(ctx, builder, buttons, problem, footer_min, max)) {
    case FooterTap::Back: ctx.emit(ev::CloseDish{}); break;
    case FooterTap::Primary: ctx.emit(ev::AddToCart{}); break;
    case FooterTap::None: break;
  }
}

}  // namespace kiosk::ui
