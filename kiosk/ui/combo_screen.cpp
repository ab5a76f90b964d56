// Combo: one step per combo group. Each step shows the group's choices as cards with their upcharge (or
// "included"), the chosen component's own modifiers beneath, and Back / Next — "Add" on the last step, enabled
// only when the whole combo can be added (DishBuilder::canAdd()). The step tabs let the guest jump back.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/builder_footer.h"
#include "kiosk/ui/labels.h"
#include "kiosk/ui/modifier_list.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

// "side" and "side#2" belong to combo group "side".
bool componentOfGroup(const std::string& component, const std::string& group_id) {
  return component == group_id || component.rfind(group_id + "#", 0) == 0;
}

// What keeps this step from being complete (the group's count, or a chosen component's required modifiers).
const BuilderProblem* stepProblem(const std::vector<BuilderProblem>& problems, const std::string& group_id) {
  for (const BuilderProblem& problem : problems) {
    if (problem.kind == BuilderProblem::Kind::ComboBelowMin && problem.group_id == group_id) return &problem;
    if (componentOfGroup(problem.component, group_id)) return &problem;
  }
  return nullptr;
}

void stepTabs(UiContext& ctx, const ComboScheme& scheme, const std::vector<BuilderProblem>& problems, size_t step,
              ImVec2 min, float width) {
  const Theme& theme = ctx.theme;
  size_t count = scheme.groups.size();
  float gap = ctx.px(0.4f);
  float tab_w = (width - gap * static_cast<float>(count - 1)) / static_cast<float>(count);
  float tab_h = ctx.px(theme.touch + 0.4f);
  for (size_t i = 0; i < count; ++i) {
    const ComboGroup& group = scheme.groups[i];
    bool done = stepProblem(problems, group.id) == nullptr;
    std::string label = std::to_string(i + 1) + ". " + ctx.name(group.name);
    if (done) label += " \xE2\x9C\x93";  // ✓
    ImGui::SetCursorScreenPos(ImVec2(min.x + static_cast<float>(i) * (tab_w + gap), min.y));
    if (button(ctx, "combo.step." + group.id, label, ImVec2(tab_w, tab_h), i == step ? Look::Selected : Look::Secondary,
               true, theme.fonts->small)) {
      ctx.view->combo_step = i;
    }
  }
}

void choiceCard(UiContext& ctx, const MenuIndex& menu, const ComboGroup& group, const ComboItem& item, bool chosen,
                ImVec2 min, ImVec2 size) {
  const Theme& theme = ctx.theme;
  const Dish* dish = menu.dish(item.dish_id);
  if (!dish) return;
  bool orderable = dish->stock.orderable();
  ImGui::SetCursorScreenPos(min);
  bool held = false;
  if (tapZone(ctx, "combo.item." + group.id + "." + item.dish_id, size, orderable, chosen, &held)) {
    ctx.emit(ev::ChooseComboItem{group.id, item.dish_id});
  }
  ImVec2 max(min.x + size.x, min.y + size.y);
  ImU32 fill = held ? theme.color.surface_pressed : (chosen ? theme.color.selected : theme.color.surface);
  panel(ctx, min, max, fill, chosen ? theme.color.selected_border : (theme.accessible ? theme.color.border : 0));
  float image_h = std::round(size.x * 0.6f);
  float inset = ctx.px(0.3f);
  drawImage(ctx, dish->image, ImageSize::Thumb, ImVec2(min.x + inset, min.y + inset),
            ImVec2(max.x - inset, min.y + image_h), ctx.px(theme.radius * 0.8f), ImDrawFlags_RoundCornersAll,
            orderable ? 0.f : 0.6f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (chosen) {
    float r = ctx.px(0.9f);
    ImVec2 c(max.x - inset - r - ctx.px(0.3f), min.y + inset + r + ctx.px(0.3f));
    draw->AddCircleFilled(c, r, theme.color.selected_border, 32);
    drawGlyph(draw, Glyph::Check, c, r, theme.color.accent_text, std::max(2.f, ctx.px(0.12f)));
  }
  float pad = ctx.px(0.5f);
  float inner = size.x - 2.f * pad;
  float y = min.y + image_h + pad;
  ImU32 color = orderable ? theme.color.text : theme.color.disabled_text;
  drawText(draw, theme.fonts->bold, ImVec2(min.x + pad, y), inner, color, ctx.name(dish->name), Align::Left, 2);
  y += theme.fonts->bold->FontSize * 2.f + ctx.px(0.2f);
  std::string delta = !orderable ? ctx.t("menu.sold_out")
                      : item.price_delta == Money() ? ctx.t("combo.included")
                                                    : "+" + ctx.money(item.price_delta);
  drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y), inner,
           item.price_delta == Money() ? theme.color.text_muted : theme.color.text, delta, Align::Left, 1);
}

}  // namespace

void drawCombo(const SessionState& state, UiContext& ctx) {
  const DishBuilder& builder = *state.builder;
  const ComboScheme* scheme = builder.comboScheme();
  const Dish& dish = builder.dish();
  const Theme& theme = ctx.theme;
  if (!scheme || scheme->groups.empty() || !state.menu) {
    drawDish(state, ctx);  // a combo without groups is just a dish
    return;
  }
  if (ctx.view->combo_dish != dish.id) {
    ctx.view->combo_dish = dish.id;
    ctx.view->combo_step = 0;
  }
  size_t step = std::min(ctx.view->combo_step, scheme->groups.size() - 1);
  const ComboGroup& group = scheme->groups[step];
  bool last_step = step + 1 == scheme->groups.size();
  std::vector<BuilderProblem> problems = builder.problems();

  float top = drawTopBar(state, ctx, true);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;
  float pad = ctx.px(1.f);
  float width = max.x - min.x;
  float inner = width - 2.f * pad;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // Name and running price, then the steps.
  float y = min.y + pad * 0.7f;
  std::string price = ctx.money(builder.unitPrice());
  float price_w = lineWidth(theme.fonts->price, price);
  drawText(draw, theme.fonts->title, ImVec2(min.x + pad, y), inner - price_w - pad, theme.color.text,
           ctx.name(dish.name), Align::Left, 1);
  drawText(draw, theme.fonts->price, ImVec2(max.x - pad - price_w, y + theme.fonts->title->FontSize -
                                                                        theme.fonts->price->FontSize),
           price_w, theme.color.text, price, Align::Left, 1);
  y += theme.fonts->title->FontSize + ctx.px(0.6f);
  stepTabs(ctx, *scheme, problems, step, ImVec2(min.x + pad, y), inner);
  y += ctx.px(theme.touch + 0.4f) + ctx.px(0.6f);

  // What is missing: for this step on the way, for the whole combo on the last step.
  const BuilderProblem* blocking = last_step ? (problems.empty() ? nullptr : &problems.front())
                                             : stepProblem(problems, group.id);
  std::string problem = blocking ? problemText(ctx, builder, *blocking) : std::string();
  float footer_h = builderFooterHeight(ctx, !problem.empty());
  ImVec2 footer_min(min.x, max.y - footer_h);

  ImGui::SetCursorScreenPos(ImVec2(min.x, y));
  beginScroll(ctx, "combo.body." + dish.id + "." + group.id, ImVec2(width, footer_min.y - y));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float cy = origin.y + ctx.px(0.3f);
  std::string hint = group.max > 1 ? ctx.plural("combo.choose_up_to", group.max) : ctx.t("combo.choose_one");
  cy += drawText(draw, theme.fonts->price, ImVec2(origin.x + pad, cy), inner, theme.color.text,
                 ctx.name(group.name) + " \xE2\x80\x94 " + hint, Align::Left, 2) + ctx.px(0.5f);

  std::vector<std::string> chosen = builder.chosenDishes(group.id);
  int columns = std::max(2, static_cast<int>(inner / ctx.px(9.5f)));
  float gap = ctx.px(0.6f);
  float card_w = (inner - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  float card_h = std::round(card_w * 0.6f) + ctx.px(0.5f) * 2.f + theme.fonts->bold->FontSize * 2.f +
                 theme.fonts->body->FontSize + ctx.px(0.6f);
  for (size_t i = 0; i < group.items.size(); ++i) {
    const ComboItem& item = group.items[i];
    bool is_chosen = std::find(chosen.begin(), chosen.end(), item.dish_id) != chosen.end();
    int col = static_cast<int>(i % static_cast<size_t>(columns));
    int row = static_cast<int>(i / static_cast<size_t>(columns));
    choiceCard(ctx, *state.menu, group, item, is_chosen,
               ImVec2(origin.x + pad + static_cast<float>(col) * (card_w + gap),
                      cy + static_cast<float>(row) * (card_h + gap)),
               ImVec2(card_w, card_h));
  }
  size_t rows = (group.items.size() + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns);
  cy += static_cast<float>(rows) * (card_h + gap) + ctx.px(0.4f);

  // The chosen component's own choices (a burger's sauce inside the combo).
  for (size_t i = 0; i < chosen.size(); ++i) {
    std::string component = comboComponent(group.id, static_cast<int>(i));
    if (!builder.modifierScheme(component)) continue;
    const Dish* part = state.menu->dish(chosen[i]);
    if (!part) continue;
    cy += drawText(draw, theme.fonts->title, ImVec2(origin.x + pad, cy), inner, theme.color.text,
                   ctx.t("combo.options_for", {{"dish", ctx.name(part->name)}}), Align::Left, 2) + ctx.px(0.2f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, cy));
    drawModifierGroups(ctx, builder, component, "combo.mod." + component, inner);
    cy = ImGui::GetCursorScreenPos().y + ctx.px(0.4f);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, cy));
  ImGui::Dummy(ImVec2(inner, pad));
  endScroll(ctx);

  FooterButtons buttons;
  buttons.prefix = "combo";
  buttons.back_id = "combo.back";
  if (last_step) {
    buttons.primary_id = "combo.add";
    buttons.primary_label =
        ctx.t(state.editing_line ? "dish.save" : "dish.add") + "  " + ctx.money(builder.totalPrice());
    buttons.primary_enabled = builder.canAdd();
  } else {
    buttons.primary_id = "combo.next";
    buttons.primary_label = ctx.t("combo.next");
    buttons.primary_enabled = stepProblem(problems, group.id) == nullptr;
  }
  switch (drawBuilderFooter(ctx, builder, buttons, problem, footer_min, max)) {
    case FooterTap::Back:
      if (step == 0) {
        ctx.emit(ev::CloseDish{});
      } else {
        ctx.view->combo_step = step - 1;
      }
      break;
    case FooterTap::Primary:
      if (last_step) {
        ctx.emit(ev::AddToCart{});
      } else {
        ctx.view->combo_step = step + 1;
      }
      break;
    case FooterTap::None:
      break;
  }
}

}  // namespace kiosk::ui
