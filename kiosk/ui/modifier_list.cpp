#include "kiosk/ui/modifier_list.h"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/labels.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

void drawIndicator(UiContext& ctx, ImVec2 center, float size, bool radio, bool selected) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float thickness = std::max(2.f, ctx.px(0.09f));
  ImU32 ring = selected ? theme.color.selected_border : theme.color.text_muted;
  float r = size * 0.5f;
  if (radio) {
    draw->AddCircle(center, r, ring, 32, thickness);
    if (selected) draw->AddCircleFilled(center, r * 0.55f, theme.color.selected_border, 32);
    return;
  }
  ImVec2 min(center.x - r, center.y - r), max(center.x + r, center.y + r);
  if (selected) {
    draw->AddRectFilled(min, max, theme.color.selected_border, ctx.px(0.2f));
    drawGlyph(draw, Glyph::Check, center, size * 0.6f, theme.color.accent_text, thickness);
  } else {
    draw->AddRect(min, max, ring, ctx.px(0.2f), 0, thickness);
  }
}

void choiceRow(UiContext& ctx, const DishBuilder& builder, const std::string& component, const ModifierGroup& group,
               const Modifier& modifier, const std::string& id, float width, bool at_max) {
  const Theme& theme = ctx.theme;
  int quantity = builder.modifierQuantity(component, group.id, modifier.id);
  bool selected = quantity > 0;
  bool radio = group.max == 1;
  bool enabled = selected || radio || !at_max;
  float height = ctx.px(theme.touch + 0.5f);
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max(min.x + width, min.y + height);
  bool held = false;
  if (tapZone(ctx, id, ImVec2(width, height), enabled, selected, &held)) {
    ctx.emit(ev::ToggleModifier{component, group.id, modifier.id});
  }
  ImU32 fill = held ? theme.color.surface_pressed : (selected ? theme.color.selected : theme.color.surface);
  panel(ctx, min, max, fill, selected ? theme.color.selected_border : theme.color.border);
  float pad = ctx.px(0.8f);
  float indicator = ctx.px(1.1f);
  drawIndicator(ctx, ImVec2(min.x + pad + indicator * 0.5f, min.y + height * 0.5f), indicator, radio, selected);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImFont* font = theme.fonts->body;
  ImU32 color = enabled ? theme.color.text : theme.color.disabled_text;
  std::string price = modifier.price == Money() ? std::string() : "+" + ctx.money(modifier.price);
  float price_w = price.empty() ? 0.f : lineWidth(font, price);
  float text_x = min.x + pad * 2.f + indicator;
  float text_w = max.x - pad - text_x - price_w - ctx.px(0.5f);
  drawText(draw, font, ImVec2(text_x, min.y + (height - font->FontSize) * 0.5f), text_w, color,
           ctx.name(modifier.name), Align::Left, 1);
  if (!price.empty()) {
    drawText(draw, font, ImVec2(max.x - pad - price_w, min.y + (height - font->FontSize) * 0.5f), price_w,
             theme.color.text_muted, price, Align::Left, 1);
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + ctx.px(0.4f)));
}

void counterRow(UiContext& ctx, const DishBuilder& builder, const std::string& component, const ModifierGroup& group,
                const Modifier& modifier, const std::string& id, float width, bool at_max) {
  const Theme& theme = ctx.theme;
  int quantity = builder.modifierQuantity(component, group.id, modifier.id);
  float height = ctx.px(theme.touch + 0.5f);
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max(min.x + width, min.y + height);
  panel(ctx, min, max, quantity > 0 ? theme.color.selected : theme.color.surface,
        quantity > 0 ? theme.color.selected_border : theme.color.border);
  float pad = ctx.px(0.8f);
  float button_d = ctx.px(theme.touch);
  float count_w = ctx.px(1.8f);
  float controls_w = button_d * 2.f + count_w;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImFont* font = theme.fonts->body;
  std::string price = modifier.price == Money() ? std::string() : "+" + ctx.money(modifier.price);
  float text_y = min.y + (height - font->FontSize) * 0.5f;
  float text_w = width - 2.f * pad - controls_w - ctx.px(0.5f);
  std::string label = ctx.name(modifier.name);
  if (!price.empty()) label += "  " + price;
  drawText(draw, font, ImVec2(min.x + pad, text_y), text_w, theme.color.text, label, Align::Left, 1);

  float x = max.x - pad * 0.5f - controls_w;
  float y = min.y + (height - button_d) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (iconButton(ctx, id + ".minus", Glyph::Minus, button_d, quantity > 0)) {
    ctx.emit(ev::SetModifierQuantity{component, group.id, modifier.id, quantity - 1});
  }
  drawText(draw, theme.fonts->bold, ImVec2(x + button_d, min.y + (height - theme.fonts->bold->FontSize) * 0.5f),
           count_w, theme.color.text, std::to_string(quantity), Align::Center, 1);
  ImGui::SetCursorScreenPos(ImVec2(x + button_d + count_w, y));
  bool can_add = quantity < modifier.max_count && !at_max;
  if (iconButton(ctx, id + ".plus", Glyph::Plus, button_d, can_add)) {
    ctx.emit(ev::SetModifierQuantity{component, group.id, modifier.id, quantity + 1});
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + ctx.px(0.4f)));
}

}  // namespace

void drawModifierGroups(UiContext& ctx, const DishBuilder& builder, const std::string& component,
                        const std::string& id_prefix, float width) {
  const ModifierScheme* scheme = builder.modifierScheme(component);
  if (!scheme) return;
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const ModifierGroup& group : scheme->groups) {
    if (group.modifiers.empty()) continue;
    GroupStatus status = builder.groupStatus(component, group.id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    pos.y += ctx.px(0.4f);
    std::string hint = groupHint(ctx, status);
    ImFont* heading = theme.fonts->price;
    ImFont* hint_font = theme.fonts->bold;
    float hint_w = lineWidth(hint_font, hint);
    drawText(draw, heading, pos, width - hint_w - ctx.px(1.f), theme.color.text, ctx.name(group.name), Align::Left, 1);
    ImU32 hint_color = status.missing > 0 ? theme.color.warning
                                          : (status.required() ? theme.color.selected_border : theme.color.text_muted);
    drawText(draw, hint_font, ImVec2(pos.x + width - hint_w, pos.y + heading->FontSize - hint_font->FontSize), hint_w,
             hint_color, hint, Align::Left, 1);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + heading->FontSize + ctx.px(0.5f)));
    for (const Modifier& modifier : group.modifiers) {
      std::string id = id_prefix + "." + group.id + "." + modifier.id;
      if (modifier.max_count > 1) {
        counterRow(ctx, builder, component, group, modifier, id, width, status.atMax());
      } else {
        choiceRow(ctx, builder, component, group, modifier, id, width, status.atMax());
      }
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y + ctx.px(0.4f)));
  }
}

}  // namespace kiosk::ui
