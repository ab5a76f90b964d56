// Menu: the category rail, the dish grid (virtualised: only rows on screen are drawn), the "ordering paused"
// banner, and the cart bar with the item count and the estimated total.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/ui/labels.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

// Dishes beyond this many in one grid are registered only when on screen (scripts scroll to the others).
constexpr size_t kMaxOffscreenWidgets = 400;
constexpr int kMaxCategoryDepth = 8;

// The top-level category the selected one belongs to (the rail shows top-level categories only).
std::string topLevelOf(const MenuIndex& menu, const std::string& category_id) {
  std::string id = category_id;
  for (int depth = 0; depth < kMaxCategoryDepth; ++depth) {
    const Category* category = menu.category(id);
    if (!category || category->parent_id.empty()) return id;
    id = category->parent_id;
  }
  return id;
}

struct Section {
  const Category* category;
  const std::vector<const Dish*>* dishes;
};

// A category's own dishes, then each visible sub-category's, depth first.
void collectSections(const MenuIndex& menu, const Category* category, int depth, std::vector<Section>& out) {
  if (!category || depth > kMaxCategoryDepth) return;
  out.push_back({category, &menu.dishesIn(category->id)});
  for (const Category* child : menu.visibleCategories(category->id)) collectSections(menu, child, depth + 1, out);
}

struct GridLayout {
  int columns = 2;
  float card_w = 0.f;
  float card_h = 0.f;
  float image_h = 0.f;
  float gap = 0.f;
};

GridLayout gridLayout(const UiContext& ctx, float width) {
  GridLayout g;
  g.gap = ctx.px(0.7f);
  g.columns = std::max(2, static_cast<int>((width - g.gap) / ctx.px(11.f)));
  g.card_w = (width - g.gap * static_cast<float>(g.columns + 1)) / static_cast<float>(g.columns);
  g.image_h = std::round(g.card_w * 0.66f);
  const FontSet& f = *ctx.theme.fonts;
  g.card_h = g.image_h + ctx.px(0.6f) + f.bold->FontSize * 2.f + ctx.px(0.15f) + f.small->FontSize + ctx.px(0.35f) +
             f.price->FontSize + ctx.px(0.7f);
  return g;
}

void dishCard(UiContext& ctx, const Dish& dish, ImVec2 min, const GridLayout& g) {
  const Theme& theme = ctx.theme;
  bool orderable = dish.stock.orderable();
  ImVec2 max(min.x + g.card_w, min.y + g.card_h);
  ImGui::SetCursorScreenPos(min);
  bool held = false;
  if (tapZone(ctx, "menu.dish." + dish.id, ImVec2(g.card_w, g.card_h), orderable, false, &held)) {
    ctx.emit(ev::OpenDish{dish.id});
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float rounding = ctx.px(theme.radius);
  panel(ctx, min, max, held ? theme.color.surface_pressed : theme.color.surface,
        theme.accessible ? theme.color.border : 0);
  ImVec2 image_max(max.x, min.y + g.image_h);
  drawImage(ctx, dish.image, ImageSize::Thumb, min, image_max, rounding, ImDrawFlags_RoundCornersTop,
            orderable ? 0.f : 0.6f);

  float pad = ctx.px(0.6f);
  float inner = g.card_w - 2.f * pad;
  if (!orderable) {
    std::string sold_out = ctx.t("menu.sold_out");
    ImVec2 size = pillSize(ctx, sold_out, theme.fonts->bold);
    pill(ctx, ImVec2(min.x + (g.card_w - size.x) * 0.5f, min.y + (g.image_h - size.y) * 0.5f), sold_out,
         theme.color.text, theme.color.background, theme.fonts->bold);
  } else if (auto left = dish.stock.available(); left && *left <= 5) {
    pill(ctx, ImVec2(min.x + pad, image_max.y - pad - pillSize(ctx, "0").y), ctx.plural("menu.few_left", *left),
         theme.color.banner, theme.color.banner_text);
  }
  if (!dish.combo_scheme_id.empty()) {
    pill(ctx, ImVec2(min.x + pad, min.y + pad), ctx.t("menu.combo"), theme.color.accent, theme.color.accent_text);
  }

  ImU32 text_color = orderable ? theme.color.text : theme.color.disabled_text;
  float y = image_max.y + pad;
  drawText(draw, theme.fonts->bold, ImVec2(min.x + pad, y), inner, text_color, ctx.name(dish.name), Align::Left, 2);
  y += theme.fonts->bold->FontSize * 2.f + ctx.px(0.15f);
  std::string tags;
  for (const std::string& tag : dish.tags) {
    if (!tags.empty()) tags += " \xE2\x80\xA2 ";  // •
    tags += tagText(ctx, tag);
  }
  drawText(draw, theme.fonts->small, ImVec2(min.x + pad, y), inner, theme.color.text_muted, tags, Align::Left, 1);
  y += theme.fonts->small->FontSize + ctx.px(0.35f);
  std::string price = ctx.money(dish.price);
  drawText(draw, theme.fonts->price, ImVec2(min.x + pad, y), inner, text_color, price, Align::Left, 1);
  if (dish.kcal) {
    std::string kcal = ctx.t("menu.kcal", {{"n", std::to_string(*dish.kcal)}});
    float kcal_y = y + theme.fonts->price->FontSize - theme.fonts->small->FontSize;
    drawText(draw, theme.fonts->small, ImVec2(min.x + pad, kcal_y), inner, theme.color.text_muted, kcal, Align::Right,
             1);
  }
}

void drawRail(const SessionState& state, UiContext& ctx, ImVec2 min, ImVec2 max) {
  const Theme& theme = ctx.theme;
  const MenuIndex& menu = *state.menu;
  ImGui::GetWindowDrawList()->AddRectFilled(min, max, theme.color.rail);
  std::string selected_top = topLevelOf(menu, state.category_id);
  float width = max.x - min.x;
  float pad = ctx.px(0.5f);
  float tile_w = width - 2.f * pad;
  float image_h = std::round(tile_w * 0.6f);
  ImFont* font = theme.fonts->bold;
  float tile_h = image_h + ctx.px(0.4f) + font->FontSize * 2.f + ctx.px(0.5f);

  ImGui::SetCursorScreenPos(min);
  beginScroll(ctx, "menu.rail", ImVec2(width, max.y - min.y));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = pad;
  for (const Category* category : menu.visibleCategories()) {
    ImVec2 tile_min(origin.x + pad, origin.y + y);
    ImVec2 tile_max(tile_min.x + tile_w, tile_min.y + tile_h);
    bool selected = category->id == selected_top;
    ImGui::SetCursorScreenPos(tile_min);
    bool held = false;
    if (tapZone(ctx, "menu.category." + category->id, ImVec2(tile_w, tile_h), true, selected, &held) && !selected) {
      ctx.emit(ev::SelectCategory{category->id});
    }
    ImU32 fill = held ? theme.color.surface_pressed : (selected ? theme.color.surface : 0);
    panel(ctx, tile_min, tile_max, fill, selected ? theme.color.selected_border : 0);
    float inset = ctx.px(0.3f);
    drawImage(ctx, category->image, ImageSize::Thumb, ImVec2(tile_min.x + inset, tile_min.y + inset),
              ImVec2(tile_max.x - inset, tile_min.y + image_h), ctx.px(theme.radius * 0.7f));
    // The name centred in its two-line slot, so one-line names do not leave a gap below.
    const std::string& name = ctx.name(category->name);
    float name_h = textHeight(font, tile_w - 2.f * inset, name, 2);
    float slot_top = tile_min.y + image_h + ctx.px(0.2f);
    drawText(ImGui::GetWindowDrawList(), font,
             ImVec2(tile_min.x + inset, slot_top + (tile_max.y - slot_top - name_h) * 0.5f), tile_w - 2.f * inset,
             selected ? theme.color.text : theme.color.text_muted, name, Align::Center, 2);
    y += tile_h + pad;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + y));
  ImGui::Dummy(ImVec2(1, 1));
  endScroll(ctx);
}

void drawGrid(const SessionState& state, UiContext& ctx, ImVec2 min, ImVec2 max) {
  const Theme& theme = ctx.theme;
  const MenuIndex& menu = *state.menu;
  std::string top = topLevelOf(menu, state.category_id);
  std::vector<Section> sections;
  collectSections(menu, menu.category(top), 0, sections);
  float width = max.x - min.x;
  float view_h = max.y - min.y;
  GridLayout g = gridLayout(ctx, width);

  ImGui::SetCursorScreenPos(min);
  float offset = beginScroll(ctx, "menu.grid." + top, ImVec2(width, view_h));
  ImVec2 origin = ImGui::GetCursorScreenPos();  // content y = 0, already shifted by the offset
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y = g.gap;
  size_t offscreen = 0;
  for (size_t s = 0; s < sections.size(); ++s) {
    const Section& section = sections[s];
    if (section.dishes->empty() && s > 0) continue;
    ImFont* heading = s == 0 ? theme.fonts->title : theme.fonts->price;
    drawText(draw, heading, ImVec2(origin.x + g.gap, origin.y + y), width - 2.f * g.gap, theme.color.text,
             ctx.name(section.category->name), Align::Left, 1);
    y += heading->FontSize + ctx.px(0.5f);
    const std::vector<const Dish*>& dishes = *section.dishes;
    size_t rows = (dishes.size() + static_cast<size_t>(g.columns) - 1) / static_cast<size_t>(g.columns);
    for (size_t row = 0; row < rows; ++row) {
      float row_top = y + static_cast<float>(row) * (g.card_h + g.gap);
      bool on_screen = row_top + g.card_h >= offset - g.card_h && row_top <= offset + view_h + g.card_h;
      for (int col = 0; col < g.columns; ++col) {
        size_t i = row * static_cast<size_t>(g.columns) + static_cast<size_t>(col);
        if (i >= dishes.size()) break;
        ImVec2 card_min(origin.x + g.gap + static_cast<float>(col) * (g.card_w + g.gap), origin.y + row_top);
        if (on_screen) {
          dishCard(ctx, *dishes[i], card_min, g);
        } else if (offscreen++ < kMaxOffscreenWidgets) {
          noteWidget(ctx, "menu.dish." + dishes[i]->id, card_min,
                     ImVec2(card_min.x + g.card_w, card_min.y + g.card_h), dishes[i]->stock.orderable());
        }
      }
    }
    y += static_cast<float>(rows) * (g.card_h + g.gap) + ctx.px(0.4f);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + y + ctx.px(0.6f)));
  ImGui::Dummy(ImVec2(1, 1));
  endScroll(ctx);
}

void drawCartBar(const SessionState& state, UiContext& ctx, ImVec2 min, ImVec2 max) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, theme.color.rail);
  float pad = ctx.px(0.7f);
  float height = max.y - min.y - 2.f * pad;
  float width = max.x - min.x - 3.f * pad;
  float cart_w = std::round(width * 0.55f);
  int count = state.cart.itemCount();

  ImVec2 cart_min(min.x + pad, min.y + pad);
  ImVec2 cart_max(cart_min.x + cart_w, cart_min.y + height);
  ImGui::SetCursorScreenPos(cart_min);
  bool held = false;
  if (tapZone(ctx, "menu.cart", ImVec2(cart_w, height), true, false, &held)) ctx.emit(ev::OpenCart{});
  panel(ctx, cart_min, cart_max, held ? theme.color.secondary_pressed : theme.color.secondary, theme.color.border);
  float inner_pad = ctx.px(0.8f);
  // Count badge, then "Cart" and the estimated total.
  float badge_r = ctx.px(1.05f);
  ImVec2 badge_c(cart_min.x + inner_pad + badge_r, (cart_min.y + cart_max.y) * 0.5f);
  draw->AddCircleFilled(badge_c, badge_r, count > 0 ? theme.color.accent : theme.color.disabled, 32);
  std::string count_text = std::to_string(count);
  ImFont* bold = theme.fonts->bold;
  drawText(draw, bold, ImVec2(badge_c.x - badge_r, badge_c.y - bold->FontSize * 0.5f), badge_r * 2.f,
           count > 0 ? theme.color.accent_text : theme.color.disabled_text, count_text, Align::Center, 1);
  float text_x = badge_c.x + badge_r + inner_pad * 0.8f;
  float text_w = cart_max.x - inner_pad - text_x;
  float text_y = (cart_min.y + cart_max.y) * 0.5f - (bold->FontSize + theme.fonts->price->FontSize) * 0.5f;
  drawText(draw, bold, ImVec2(text_x, text_y), text_w, theme.color.text, ctx.t("menu.cart"), Align::Left, 1);
  drawText(draw, theme.fonts->price, ImVec2(text_x, text_y + bold->FontSize), text_w, theme.color.text,
           ctx.money(state.cart.estimatedTotal()), Align::Left, 1);

  ImGui::SetCursorScreenPos(ImVec2(cart_max.x + pad, cart_min.y));
  if (button(ctx, "menu.checkout", ctx.t("menu.checkout"), ImVec2(max.x - pad - cart_max.x - pad, height),
             Look::Primary, !state.cart.empty(), theme.fonts->price)) {
    ctx.emit(ev::GoToCheckout{});
  }
}

}  // namespace

void drawMenu(const SessionState& state, UiContext& ctx) {
  const Theme& theme = ctx.theme;
  float top = drawTopBar(state, ctx, true);
  ImVec2 min(ctx.area.min.x, ctx.area.min.y + top);
  ImVec2 max = ctx.area.max;
  float bar_h = ctx.px(theme.primary + 1.4f);
  drawCartBar(state, ctx, ImVec2(min.x, max.y - bar_h), max);
  max.y -= bar_h;

  if (state.ordering_paused()) {
    std::string notice = ctx.t("error.ordering_paused");
    float inner = ctx.area.width() - ctx.px(2.f);
    float banner_h = textHeight(theme.fonts->body, inner, notice, 2) + ctx.px(1.f);
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(max.x, min.y + banner_h), theme.color.banner);
    drawText(ImGui::GetWindowDrawList(), theme.fonts->body, ImVec2(min.x + ctx.px(1.f), min.y + ctx.px(0.5f)), inner,
             theme.color.banner_text, notice, Align::Center, 2);
    min.y += banner_h;
  }
  if (!state.menu) {
    ImVec2 center((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    drawSpinner(ctx, ImVec2(center.x, center.y - ctx.px(2.f)), ctx.px(1.4f));
    drawText(ImGui::GetWindowDrawList(), theme.fonts->body, ImVec2(min.x, center.y), max.x - min.x,
             theme.color.text_muted, ctx.t("menu.loading"), Align::Center);
    return;
  }
  bool landscape = ctx.area.width() > ctx.area.height();
  float rail_w = std::min(ctx.px(landscape ? 12.f : 9.f), ctx.area.width() * 0.34f);
  drawRail(state, ctx, min, ImVec2(min.x + rail_w, max.y));
  drawGrid(state, ctx, ImVec2(min.x + rail_w, min.y), max);
}

}  // namespace kiosk::ui
