// The bar on top of every screen but Attract, the language and accessibility buttons, and the quiet upper band
// of the accessibility mode.
#include <imgui.h>

#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

// Each language's button is labelled in that language, so a guest finds theirs.
const char* nativeShortName(Lang lang) { return lang == Lang::En ? "Eng" : "Рус"; }

}  // namespace

void drawLanguageAndAccessibility(const SessionState& state, UiContext& ctx, float right, float y, float height) {
  float gap = ctx.px(0.4f);
  float a11y_w = ctx.px(3.0f);
  float lang_w = ctx.px(3.2f);
  float x = right - a11y_w;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  // ♿ plus "Aa": the symbol guests know and a hint that the text gets larger.
  if (button(ctx, "a11y.toggle", "\xE2\x99\xBF", ImVec2(a11y_w, height),
             state.accessibility ? Look::Selected : Look::Secondary, true, ctx.theme.fonts->title)) {
    ctx.emit(ev::ToggleAccessibility{});
  }
  x -= gap * 2.f;
  for (auto it = ctx.facts.languages.rbegin(); it != ctx.facts.languages.rend(); ++it) {
    Lang lang;
    if (!parseLang(*it, lang)) continue;
    x -= lang_w;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    bool current = state.lang == lang;
    if (button(ctx, "lang." + *it, nativeShortName(lang), ImVec2(lang_w, height),
               current ? Look::Selected : Look::Secondary, true, ctx.theme.fonts->bold) &&
        !current) {
      ctx.emit(ev::SetLanguage{lang});
    }
    x -= gap;
  }
}

float drawTopBar(const SessionState& state, UiContext& ctx, bool offer_start_over) {
  float height = ctx.px(3.4f);
  ImVec2 min = ctx.area.min;
  ImVec2 max(ctx.area.max.x, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, ctx.theme.color.rail);
  float pad = ctx.px(0.7f);
  float button_h = ctx.px(ctx.theme.touch);
  float y = min.y + (height - button_h) * 0.5f;
  if (offer_start_over) {
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
    if (button(ctx, "order.cancel", ctx.t("order.start_over"), ImVec2(ctx.px(7.5f), button_h), Look::Secondary)) {
      ctx.view->confirm_cancel = true;
    }
  } else if (!ctx.facts.place_name.empty()) {
    ImFont* font = ctx.theme.fonts->bold;
    drawText(draw, font, ImVec2(min.x + pad, min.y + (height - font->FontSize) * 0.5f), ctx.area.width() * 0.45f,
             ctx.theme.color.text, ctx.facts.place_name, Align::Left, 1);
  }
  drawLanguageAndAccessibility(state, ctx, max.x - pad, y, button_h);
  return height;
}

void drawAccessibilityBand(const SessionState& state, UiContext& ctx) {
  (void)state;
  ImVec2 display = ImGui::GetIO().DisplaySize;
  if (ctx.area.min.y <= 0.f) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(display.x, ctx.area.min.y), ctx.theme.color.rail);
  float width = display.x * 0.8f;
  float x = (display.x - width) * 0.5f;
  std::string note = ctx.t("a11y.band_note");
  ImFont* title = ctx.theme.fonts->title;
  ImFont* body = ctx.theme.fonts->body;
  float title_h = ctx.facts.place_name.empty() ? 0.f : textHeight(title, width, ctx.facts.place_name, 2);
  float note_h = textHeight(body, width, note);
  float y = (ctx.area.min.y - title_h - note_h - ctx.px(1.f)) * 0.5f;
  if (title_h > 0.f) {
    y += drawText(draw, title, ImVec2(x, y), width, ctx.theme.color.text, ctx.facts.place_name, Align::Center, 2);
    y += ctx.px(1.f);
  }
  drawText(draw, body, ImVec2(x, y), width, ctx.theme.color.text_muted, note, Align::Center);
  // An arrow pointing down to the controls.
  float arrow_y = ctx.area.min.y - ctx.px(2.2f);
  ImVec2 c(display.x * 0.5f, arrow_y);
  float s = ctx.px(0.8f);
  ImVec2 points[] = {ImVec2(c.x - s, c.y - s * 0.5f), ImVec2(c.x, c.y + s * 0.5f), ImVec2(c.x + s, c.y - s * 0.5f)};
  draw->AddPolyline(points, 3, ctx.theme.color.text, 0, ctx.px(0.15f));
}

void drawSpinner(UiContext& ctx, ImVec2 center, float radius) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float t = static_cast<float>(ctx.facts.now % 100000) / 1000.f;
  float thickness = std::max(2.f, radius * 0.18f);
  for (int i = 0; i < 3; ++i) {
    float start = t * 4.f + static_cast<float>(i) * 2.0944f;  // three arcs, 120° apart
    draw->PathArcTo(center, radius, start, start + 1.2f, 24);
    draw->PathStroke(ctx.theme.color.accent, 0, thickness);
  }
}

}  // namespace kiosk::ui
