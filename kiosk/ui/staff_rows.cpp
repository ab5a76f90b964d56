#include "kiosk/ui/staff_rows.h"

#include <algorithm>
#include <cstdio>

#include "kiosk/ui/screens.h"

namespace kiosk::ui {
namespace {

constexpr float kRowGapEm = 0.35f;

}  // namespace

Flow beginFlow(float pad, float width) {
  ImVec2 origin = ImGui::GetCursorScreenPos();
  return Flow{origin.x + pad, origin.y + pad, width - 2.f * pad};
}

void endFlow(const Flow& flow, float pad) {
  ImGui::SetCursorScreenPos(ImVec2(flow.x - pad, flow.y));
  ImGui::Dummy(ImVec2(flow.width, pad));
}

void space(UiContext& ctx, Flow& flow, float ems) { flow.y += ctx.px(ems); }

void heading(UiContext& ctx, Flow& flow, std::string_view text) {
  flow.y += ctx.px(0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  flow.y += drawText(draw, ctx.theme.fonts->price, ImVec2(flow.x, flow.y), flow.width, ctx.theme.color.text, text,
                     Align::Left, 2);
  float thickness = std::max(1.f, ctx.px(ctx.theme.border));
  flow.y += ctx.px(0.2f);
  draw->AddLine(ImVec2(flow.x, flow.y), ImVec2(flow.x + flow.width, flow.y), ctx.theme.color.border, thickness);
  flow.y += ctx.px(0.4f);
}

void infoRow(UiContext& ctx, Flow& flow, std::string_view label, std::string_view value, ImU32 value_color,
             float label_indent) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImFont* font = theme.fonts->body;
  if (!value_color) value_color = theme.color.text;
  float label_max = flow.width * 0.45f - label_indent;
  float label_w = std::min(lineWidth(font, label), label_max);
  float value_x = flow.x + std::max(label_indent + label_w + ctx.px(1.f), flow.width * 0.42f);
  float value_w = flow.x + flow.width - value_x;
  bool one_line = lineWidth(font, value) <= value_w && value.find('\n') == std::string_view::npos;
  float label_h = drawText(draw, font, ImVec2(flow.x + label_indent, flow.y), label_max, theme.color.text_muted, label,
                           Align::Left, 2);
  float h = label_h;
  if (one_line && label_h < font->FontSize * 1.5f) {  // a one-line label: the value beside it
    h = std::max(h, drawText(draw, font, ImVec2(value_x, flow.y), value_w, value_color, value));
  } else {  // the value under the label, indented
    float x = flow.x + label_indent + ctx.px(1.f);
    h += drawText(draw, font, ImVec2(x, flow.y + h), flow.x + flow.width - x, value_color, value);
  }
  flow.y += h + ctx.px(kRowGapEm);
}

void checkRow(UiContext& ctx, Flow& flow, std::string_view label, bool ok, std::string_view value) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImFont* font = theme.fonts->body;
  float r = font->FontSize * 0.42f;
  ImVec2 center(flow.x + r, flow.y + font->FontSize * 0.5f);
  ImU32 color = ok ? theme.color.accent : theme.color.warning;
  draw->AddCircleFilled(center, r, color, 24);
  drawGlyph(draw, ok ? Glyph::Check : Glyph::Close, center, r * 0.9f, theme.color.accent_text,
            std::max(2.f, ctx.px(0.09f)));
  infoRow(ctx, flow, label, value, ok ? theme.color.text : theme.color.warning, r * 2.f + ctx.px(0.5f));
}

void note(UiContext& ctx, Flow& flow, std::string_view text, ImU32 color, ImFont* font) {
  if (text.empty()) return;
  if (!font) font = ctx.theme.fonts->body;
  if (!color) color = ctx.theme.color.text_muted;
  flow.y += drawText(ImGui::GetWindowDrawList(), font, ImVec2(flow.x, flow.y), flow.width, color, text) +
            ctx.px(kRowGapEm);
}

void banner(UiContext& ctx, Flow& flow, std::string_view text, ImU32 fill, ImU32 color) {
  float pad = ctx.px(0.6f);
  ImFont* font = ctx.theme.fonts->bold;
  float h = textHeight(font, flow.width - 2.f * pad, text) + 2.f * pad;
  panel(ctx, ImVec2(flow.x, flow.y), ImVec2(flow.x + flow.width, flow.y + h), fill);
  drawText(ImGui::GetWindowDrawList(), font, ImVec2(flow.x + pad, flow.y + pad), flow.width - 2.f * pad, color, text);
  flow.y += h + ctx.px(0.5f);
}

bool flowButton(UiContext& ctx, Flow& flow, std::string_view id, std::string_view label, bool enabled, Look look,
                float width_fraction) {
  float h = ctx.px(ctx.theme.touch * 1.1f);
  flow.y += ctx.px(0.3f);
  ImGui::SetCursorScreenPos(ImVec2(flow.x, flow.y));
  bool tapped = button(ctx, id, label, ImVec2(flow.width * width_fraction, h), look, enabled);
  flow.y += h + ctx.px(0.5f);
  return tapped;
}

int flowButtonPair(UiContext& ctx, Flow& flow, std::string_view id1, std::string_view label1, Look look1,
                   std::string_view id2, std::string_view label2, Look look2) {
  float h = ctx.px(ctx.theme.touch * 1.1f);
  float gap = ctx.px(0.6f);
  float w = (flow.width - gap) * 0.5f;
  int tapped = 0;
  flow.y += ctx.px(0.3f);
  ImGui::SetCursorScreenPos(ImVec2(flow.x, flow.y));
  if (button(ctx, id1, label1, ImVec2(w, h), look1)) tapped = 1;
  ImGui::SetCursorScreenPos(ImVec2(flow.x + w + gap, flow.y));
  if (button(ctx, id2, label2, ImVec2(w, h), look2)) tapped = 2;
  flow.y += h + ctx.px(0.5f);
  return tapped;
}

void busyRow(UiContext& ctx, Flow& flow, std::string_view text) {
  ImFont* font = ctx.theme.fonts->body;
  float r = font->FontSize * 0.45f;
  drawSpinner(ctx, ImVec2(flow.x + r, flow.y + font->FontSize * 0.5f), r);
  Flow inner{flow.x + r * 2.f + ctx.px(0.5f), flow.y, flow.width - r * 2.f - ctx.px(0.5f)};
  note(ctx, inner, text, ctx.theme.color.text);
  flow.y = inner.y;
}

std::string ageText(UiContext& ctx, long long seconds) {
  if (seconds < 0) return ctx.t("staff.unknown");
  if (seconds < 60) return ctx.t("staff.age_s", {{"n", std::to_string(seconds)}});
  long long minutes = seconds / 60;
  if (minutes < 60) return ctx.t("staff.age_min", {{"n", std::to_string(minutes)}});
  char rest[8];
  std::snprintf(rest, sizeof rest, "%02lld", minutes % 60);
  return ctx.t("staff.age_h", {{"h", std::to_string(minutes / 60)}, {"m", rest}});
}

}  // namespace kiosk::ui
