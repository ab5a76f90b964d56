#include "kiosk/ui/availability_screen.h"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/hours_text.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

struct Texts {
  const char* title;
  const char* body;
};

Texts textsFor(Availability availability) {
  switch (availability) {
    case Availability::OutOfOrder: return {"unavailable.out_of_order.title", "unavailable.out_of_order.body"};
    case Availability::Closed: return {"unavailable.closed.title", "unavailable.closed.body"};
    case Availability::NeedsConfiguration: return {"unavailable.setup.title", "unavailable.setup.body"};
    case Availability::NoMenu: return {"unavailable.no_menu.title", "unavailable.no_menu.body"};
    case Availability::Open: break;
  }
  return {"unavailable.out_of_order.title", "unavailable.out_of_order.body"};
}

// A quiet drawn sign above the title: a clock when closed, a spinner while the menu loads, a pause sign otherwise.
void sign(Availability availability, UiContext& ctx, ImVec2 center, float radius) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Theme& theme = ctx.theme;
  float thickness = std::max(2.f, radius * 0.1f);
  if (availability == Availability::NoMenu) {
    drawSpinner(ctx, center, radius * 0.8f);
    return;
  }
  draw->AddCircle(center, radius, theme.color.border, 64, thickness);
  if (availability == Availability::Closed) {
    draw->AddLine(center, ImVec2(center.x, center.y - radius * 0.6f), theme.color.text_muted, thickness);
    draw->AddLine(center, ImVec2(center.x + radius * 0.45f, center.y), theme.color.text_muted, thickness);
  } else {
    float w = radius * 0.16f, h = radius * 0.5f, gap = radius * 0.2f;
    draw->AddRectFilled(ImVec2(center.x - gap - w, center.y - h), ImVec2(center.x - gap, center.y + h),
                        theme.color.text_muted, w * 0.3f);
    draw->AddRectFilled(ImVec2(center.x + gap, center.y - h), ImVec2(center.x + gap + w, center.y + h),
                        theme.color.text_muted, w * 0.3f);
  }
}

// The opening hours, today in bold. Returns the height used.
float hoursTable(UiContext& ctx, const ops::WeeklyHours& hours, ImVec2 min, float width) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y = min.y;
  y += drawText(draw, theme.fonts->bold, ImVec2(min.x, y), width, theme.color.text, ctx.t("unavailable.hours"),
                Align::Center, 1) + ctx.px(0.4f);
  int today = todayWeekday();
  float column = std::min(width, ctx.px(16.f));
  float x = min.x + (width - column) * 0.5f;
  for (int day = 0; day < 7; ++day) {
    ImFont* font = day == today ? theme.fonts->bold : theme.fonts->body;
    ImU32 color = day == today ? theme.color.text : theme.color.text_muted;
    drawText(draw, font, ImVec2(x, y), column * 0.5f, color, weekdayName(ctx, day), Align::Left, 1);
    drawText(draw, font, ImVec2(x + column * 0.5f, y), column * 0.5f, color,
             dayHoursText(ctx, hours.days[static_cast<size_t>(day)]), Align::Right, 1);
    y += font->FontSize * 1.25f;
  }
  return y - min.y;
}

}  // namespace

const char* availabilityScreenName(Availability availability) {
  switch (availability) {
    case Availability::Open: return "attract";
    case Availability::OutOfOrder: return "out_of_order";
    case Availability::Closed: return "closed";
    case Availability::NeedsConfiguration: return "needs_configuration";
    case Availability::NoMenu: return "no_menu";
  }
  return "attract";
}

void drawAvailability(Availability availability, const SessionState& state, UiContext& ctx,
                      const ops::WeeklyHours* hours) {
  const Theme& theme = ctx.theme;
  const Area& area = ctx.area;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float pad = ctx.px(1.2f);
  float width = area.width() - 2.f * pad;
  float x = area.min.x + pad;

  // The logo on top, as on the attract screen: the place's name on a badge (and the staff gesture's target).
  std::string place = ctx.facts.place_name.empty() ? ctx.t("attract.welcome") : ctx.facts.place_name;
  ImFont* title_font = theme.fonts->title;
  float badge_w = std::min(lineWidth(title_font, place) + ctx.px(2.4f), width);
  float badge_h = title_font->FontSize + ctx.px(1.4f);
  ImVec2 badge_min(x + (width - badge_w) * 0.5f, area.min.y + pad);
  ImGui::SetCursorScreenPos(badge_min);
  if (tapZone(ctx, "attract.logo", ImVec2(badge_w, badge_h))) ctx.logo_tapped = true;
  panel(ctx, badge_min, ImVec2(badge_min.x + badge_w, badge_min.y + badge_h), theme.color.surface,
        theme.accessible ? theme.color.border : 0, badge_h * 0.5f);
  drawText(draw, title_font, ImVec2(badge_min.x + ctx.px(1.2f), badge_min.y + ctx.px(0.7f)), badge_w - ctx.px(2.4f),
           theme.color.text, place, Align::Center, 1);

  // The message, centred in what is left above the language buttons.
  Texts texts = textsFor(availability);
  std::string title = ctx.t(texts.title);
  std::string body = ctx.t(texts.body);
  bool show_hours = availability == Availability::Closed && hours && !alwaysOpen(*hours);
  float radius = ctx.px(2.2f);
  float text_w = std::min(width, ctx.px(26.f));
  float text_x = x + (width - text_w) * 0.5f;
  float title_h = textHeight(title_font, text_w, title);
  float body_h = textHeight(theme.fonts->body, text_w, body);
  float hours_h = show_hours ? theme.fonts->bold->FontSize + ctx.px(0.4f) + theme.fonts->bold->FontSize * 1.25f * 7.f
                             : 0.f;
  float lang_h = ctx.px(theme.primary * 0.85f);
  float top = badge_min.y + badge_h + pad;
  float bottom = area.max.y - pad - lang_h - pad;
  float block = radius * 2.f + ctx.px(1.5f) + title_h + ctx.px(0.8f) + body_h + (show_hours ? ctx.px(1.8f) + hours_h : 0.f);
  float y = top + std::max(0.f, (bottom - top - block) * 0.45f);

  sign(availability, ctx, ImVec2(x + width * 0.5f, y + radius), radius);
  y += radius * 2.f + ctx.px(1.5f);
  y += drawText(draw, title_font, ImVec2(text_x, y), text_w, theme.color.text, title, Align::Center);
  y += ctx.px(0.8f);
  y += drawText(draw, theme.fonts->body, ImVec2(text_x, y), text_w, theme.color.text_muted, body, Align::Center);
  if (show_hours) hoursTable(ctx, *hours, ImVec2(text_x, y + ctx.px(1.8f)), text_w);

  // Languages: the guest reads the message in theirs.
  const std::vector<std::string>& languages = ctx.facts.languages;
  if (languages.size() > 1) {
    float gap = ctx.px(0.6f);
    float row_w = std::min(width, ctx.px(20.f));
    float w = (row_w - gap * static_cast<float>(languages.size() - 1)) / static_cast<float>(languages.size());
    float lx = x + (width - row_w) * 0.5f;
    for (const std::string& code : languages) {
      Lang lang;
      if (!parseLang(code, lang)) continue;
      ImGui::SetCursorScreenPos(ImVec2(lx, area.max.y - pad - lang_h));
      bool current = state.lang == lang;
      if (button(ctx, "lang." + code, lang == Lang::En ? "English" : "Русский", ImVec2(w, lang_h),
                 current ? Look::Selected : Look::Secondary, true, theme.fonts->price) &&
          !current) {
        ctx.emit(ev::SetLanguage{lang});
      }
      lx += w + gap;
    }
  }
}

}  // namespace kiosk::ui
