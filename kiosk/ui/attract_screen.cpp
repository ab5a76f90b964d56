// Attract: the place's name, dish photos from the menu taking turns, "Tap to order", languages, accessibility.
// The logo is a widget of its own ("attract.logo"): staff mode hooks five taps on it.
#include <imgui.h>

#include <algorithm>
#include <vector>

#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr TimeMs kHeroPeriodMs = 6000;
constexpr TimeMs kHeroFadeMs = 800;
constexpr size_t kMaxHeroImages = 8;

// Photos of orderable dishes, in menu order.
std::vector<const std::string*> heroImages(const SessionState& state) {
  std::vector<const std::string*> refs;
  if (!state.menu) return refs;
  for (const Dish& dish : state.menu->menu().dishes) {
    if (!dish.image.empty() && dish.stock.orderable()) refs.push_back(&dish.image);
    if (refs.size() == kMaxHeroImages) break;
  }
  return refs;
}

// The current photo fading in over the previous one; a quiet panel until one is loaded.
void drawHero(const SessionState& state, UiContext& ctx, ImVec2 min, ImVec2 max, float rounding) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, ctx.theme.color.rail, rounding);
  std::vector<const std::string*> refs = heroImages(state);
  if (refs.empty() || !ctx.images) return;
  TimeMs now = std::max<TimeMs>(ctx.facts.now, 0);
  size_t current = static_cast<size_t>(now / kHeroPeriodMs) % refs.size();
  size_t previous = (current + refs.size() - 1) % refs.size();
  float fade = std::min(1.f, static_cast<float>(now % kHeroPeriodMs) / static_cast<float>(kHeroFadeMs));
  ImageView before = ctx.images->get(*refs[previous], ImageSize::Large);
  ImageView after = ctx.images->get(*refs[current], ImageSize::Large);
  if (refs.size() > 1 && before.ready()) drawImageView(before, min, max, rounding, ImDrawFlags_RoundCornersAll, 1.f);
  if (after.ready()) {
    drawImageView(after, min, max, rounding, ImDrawFlags_RoundCornersAll, before.ready() ? fade : 1.f);
  }
  // Prefetch the next one so the change is smooth.
  ctx.images->get(*refs[(current + 1) % refs.size()], ImageSize::Large);
}

}  // namespace

void drawAttract(const SessionState& state, UiContext& ctx) {
  const Theme& theme = ctx.theme;
  const Area& area = ctx.area;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float pad = ctx.px(1.2f);
  bool landscape = area.width() > area.height();

  // Hero: the upper part in portrait, the left half in landscape.
  ImVec2 hero_min(area.min.x + pad, area.min.y + pad);
  ImVec2 hero_max = landscape ? ImVec2(area.min.x + area.width() * 0.55f, area.max.y - pad)
                              : ImVec2(area.max.x - pad, area.min.y + area.height() * (state.accessibility ? 0.3f : 0.56f));
  drawHero(state, ctx, hero_min, hero_max, ctx.px(1.2f));

  // The logo: the place's name on a badge over the picture.
  std::string place = ctx.facts.place_name.empty() ? ctx.t("attract.welcome") : ctx.facts.place_name;
  ImFont* title = theme.fonts->title;
  float badge_w = std::min(lineWidth(title, place) + ctx.px(2.4f), hero_max.x - hero_min.x - ctx.px(2.f));
  float badge_h = title->FontSize + ctx.px(1.4f);
  ImVec2 badge_min(hero_min.x + ctx.px(1.f), hero_min.y + ctx.px(1.f));
  ImGui::SetCursorScreenPos(badge_min);
  if (tapZone(ctx, "attract.logo", ImVec2(badge_w, badge_h))) ctx.logo_tapped = true;
  panel(ctx, badge_min, ImVec2(badge_min.x + badge_w, badge_min.y + badge_h), theme.color.surface,
        theme.accessible ? theme.color.border : 0, badge_h * 0.5f);
  drawText(draw, title, ImVec2(badge_min.x + ctx.px(1.2f), badge_min.y + ctx.px(0.7f)), badge_w - ctx.px(2.4f),
           theme.color.text, place, Align::Center, 1);

  // The guest's part: headline, "Tap to order", languages, accessibility.
  ImVec2 col_min = landscape ? ImVec2(hero_max.x + pad, area.min.y + pad) : ImVec2(area.min.x + pad, hero_max.y + pad);
  ImVec2 col_max(area.max.x - pad, area.max.y - pad);
  float width = col_max.x - col_min.x;
  float start_h = ctx.px(theme.primary * 1.5f);
  float lang_h = ctx.px(theme.primary * 0.85f);
  float a11y_h = ctx.px(theme.touch * 1.1f);
  float gap = ctx.px(1.f);
  std::string headline = ctx.t("attract.title");
  std::string subline = ctx.t("attract.subtitle");
  float headline_h = textHeight(title, width, headline, 2);
  float subline_h = textHeight(theme.fonts->body, width, subline, 3);
  float block = headline_h + ctx.px(0.4f) + subline_h + gap * 1.5f + start_h + gap + lang_h + gap + a11y_h;
  float y = col_min.y + std::max(0.f, (col_max.y - col_min.y - block) * 0.5f);

  y += drawText(draw, title, ImVec2(col_min.x, y), width, theme.color.text, headline, Align::Center, 2);
  y += ctx.px(0.4f);
  y += drawText(draw, theme.fonts->body, ImVec2(col_min.x, y), width, theme.color.text_muted, subline, Align::Center, 3);
  y += gap * 1.5f;

  ImGui::SetCursorScreenPos(ImVec2(col_min.x, y));
  if (button(ctx, "attract.start", ctx.t("attract.start"), ImVec2(width, start_h), Look::Primary, true,
             theme.fonts->title)) {
    ctx.emit(ev::StartOrder{});
  }
  y += start_h + gap;

  // Each language named in itself.
  const std::vector<std::string>& languages = ctx.facts.languages;
  float lang_gap = ctx.px(0.6f);
  float lang_w = languages.empty() ? width
                                   : (width - lang_gap * static_cast<float>(languages.size() - 1)) /
                                         static_cast<float>(languages.size());
  float x = col_min.x;
  for (const std::string& code : languages) {
    Lang lang;
    if (!parseLang(code, lang)) continue;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    bool current = state.lang == lang;
    if (button(ctx, "lang." + code, lang == Lang::En ? "English" : "Русский", ImVec2(lang_w, lang_h),
               current ? Look::Selected : Look::Secondary, true, theme.fonts->price) &&
        !current) {
      ctx.emit(ev::SetLanguage{lang});
    }
    x += lang_w + lang_gap;
  }
  y += lang_h + gap;

  ImGui::SetCursorScreenPos(ImVec2(col_min.x + width * 0.2f, y));
  if (button(ctx, "a11y.toggle", "\xE2\x99\xBF  " + ctx.t(state.accessibility ? "a11y.off" : "a11y.on"),
             ImVec2(width * 0.6f, a11y_h), state.accessibility ? Look::Selected : Look::Secondary,
             true, theme.fonts->bold)) {
    ctx.emit(ev::ToggleAccessibility{});
  }
}

}  // namespace kiosk::ui
