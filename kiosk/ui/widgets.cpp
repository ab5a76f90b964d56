#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

namespace kiosk::ui {
namespace {

struct Line {
  const char* begin;
  const char* end;
};

bool isBlank(char c) { return c == ' ' || c == '\t'; }

size_t utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // a stray continuation byte: step over it alone
}

// Splits `text` into lines no wider than `width` (at word boundaries where possible; a word longer than a line is
// broken). Explicit '\n' starts a new line. Stops after `max_lines` (0: all) and tells whether text was left over.
std::vector<Line> wrap(ImFont* font, float width, std::string_view text, int max_lines, bool& cut) {
  std::vector<Line> lines;
  cut = false;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const char* paragraph_end = std::find(p, end, '\n');
    const char* s = p;
    if (s == paragraph_end) lines.push_back({s, s});
    while (s < paragraph_end) {
      const char* eol = width > 0.f ? font->CalcWordWrapPositionA(1.f, s, paragraph_end, width) : paragraph_end;
      if (eol <= s) eol = std::min(paragraph_end, s + utf8Length(static_cast<unsigned char>(*s)));
      const char* e = eol;
      while (e > s && isBlank(e[-1])) --e;
      lines.push_back({s, e});
      s = eol;
      while (s < paragraph_end && isBlank(*s)) ++s;
    }
    p = paragraph_end < end ? paragraph_end + 1 : end;
  }
  if (max_lines > 0 && static_cast<int>(lines.size()) > max_lines) {
    lines.resize(static_cast<size_t>(max_lines));
    cut = true;
  }
  return lines;
}

float widthOf(ImFont* font, const char* begin, const char* end) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, begin, end).x;
}

// The line shortened so that it and "…" fit in `width`.
std::string withEllipsis(ImFont* font, Line line, float width) {
  static const char kEllipsis[] = "\xE2\x80\xA6";  // …
  std::string shown(line.begin, line.end);
  while (!shown.empty()) {
    std::string candidate = shown + kEllipsis;
    if (widthOf(font, candidate.data(), candidate.data() + candidate.size()) <= width) return candidate;
    // drop the last UTF-8 character, then trailing blanks
    size_t cut = shown.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown.resize(cut);
    while (!shown.empty() && isBlank(shown.back())) shown.pop_back();
  }
  return kEllipsis;
}

ImU32 fillFor(const Theme& theme, Look look, bool enabled, bool held) {
  const Palette& c = theme.color;
  if (!enabled) return look == Look::Quiet ? 0 : c.disabled;
  switch (look) {
    case Look::Primary: return held ? c.accent_pressed : c.accent;
    case Look::Secondary: return held ? c.secondary_pressed : c.secondary;
    case Look::Selected: return held ? c.secondary_pressed : c.selected;
    case Look::Quiet: return held ? c.secondary_pressed : 0;
  }
  return c.secondary;
}

ImU32 textFor(const Theme& theme, Look look, bool enabled) {
  const Palette& c = theme.color;
  if (!enabled) return c.disabled_text;
  return look == Look::Primary ? c.accent_text : c.secondary_text;
}

ImU32 outlineFor(const Theme& theme, Look look, bool enabled) {
  const Palette& c = theme.color;
  if (look == Look::Selected && enabled) return c.selected_border;
  if (look == Look::Secondary || (theme.accessible && look != Look::Quiet)) return enabled ? c.border : c.disabled_text;
  return 0;
}

void registerItem(UiContext& ctx, std::string_view id, ImVec2 min, ImVec2 max, bool enabled, bool selected) {
  if (!ctx.widgets) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  WidgetInfo info;
  info.id = std::string(id);
  info.box = WidgetBox{min.x, min.y, max.x, max.y};
  ImVec2 clip_min = draw->GetClipRectMin();
  ImVec2 clip_max = draw->GetClipRectMax();
  ImVec2 display = ImGui::GetIO().DisplaySize;
  info.visible = info.box.intersect(WidgetBox{clip_min.x, clip_min.y, clip_max.x, clip_max.y})
                     .intersect(WidgetBox{0, 0, display.x, display.y});
  info.enabled = enabled;
  info.selected = selected;
  if (!ctx.scroll_stack.empty()) info.scroll_area = ctx.scroll_stack.back().id;
  ctx.widgets->add(std::move(info));
}

}  // namespace

void noteWidget(UiContext& ctx, std::string_view id, ImVec2 min, ImVec2 max, bool enabled, bool selected) {
  registerItem(ctx, id, min, max, enabled, selected);
}

ImVec2 pillSize(UiContext& ctx, std::string_view text, ImFont* font) {
  if (!font) font = ctx.theme.fonts->small;
  return ImVec2(lineWidth(font, text) + ctx.px(1.2f), font->FontSize + ctx.px(0.5f));
}

ImVec2 pill(UiContext& ctx, ImVec2 pos, std::string_view text, ImU32 fill, ImU32 color, ImFont* font) {
  if (!font) font = ctx.theme.fonts->small;
  ImVec2 size = pillSize(ctx, text, font);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), fill, size.y * 0.5f);
  draw->AddText(font, font->FontSize, ImVec2(std::floor(pos.x + ctx.px(0.6f)), std::floor(pos.y + ctx.px(0.25f))),
                color, text.data(), text.data() + text.size());
  return size;
}

bool tapZone(UiContext& ctx, std::string_view id, ImVec2 size, bool enabled, bool selected, bool* held) {
  size.x = std::max(size.x, 1.f);
  size.y = std::max(size.y, 1.f);
  ImVec2 min = ImGui::GetCursorScreenPos();
  std::string imgui_id(id);
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = ImGui::InvisibleButton(imgui_id.c_str(), size);
  bool active = ImGui::IsItemActive() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  if (!enabled) ImGui::EndDisabled();
  registerItem(ctx, id, min, ImVec2(min.x + size.x, min.y + size.y), enabled, selected);
  if (held) *held = active && enabled;
  return pressed && enabled;
}

void panel(UiContext& ctx, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 outline, float rounding) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (rounding < 0.f) rounding = ctx.px(ctx.theme.radius);
  if (fill) draw->AddRectFilled(min, max, fill, rounding);
  if (outline) {
    float thickness = std::max(1.f, ctx.px(ctx.theme.border));
    float inset = thickness * 0.5f;
    draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset), outline, rounding, 0,
                  thickness);
  }
}

bool button(UiContext& ctx, std::string_view id, std::string_view label, ImVec2 size, Look look, bool enabled,
            ImFont* font) {
  ImVec2 min = ImGui::GetCursorScreenPos();
  bool held = false;
  bool tapped = tapZone(ctx, id, size, enabled, look == Look::Selected, &held);
  ImVec2 max(min.x + size.x, min.y + size.y);
  panel(ctx, min, max, fillFor(ctx.theme, look, enabled, held), outlineFor(ctx.theme, look, enabled));
  if (!font) font = look == Look::Primary ? ctx.theme.fonts->bold : ctx.theme.fonts->body;
  float inner = size.x - ctx.px(0.8f);
  float height = textHeight(font, inner, label, 2);
  drawText(ImGui::GetWindowDrawList(), font, ImVec2(min.x + ctx.px(0.4f), min.y + (size.y - height) * 0.5f), inner,
           textFor(ctx.theme, look, enabled), label, Align::Center, 2);
  return tapped;
}

void drawGlyph(ImDrawList* draw, Glyph glyph, ImVec2 c, float size, ImU32 color, float thickness) {
  float h = size * 0.5f;
  switch (glyph) {
    case Glyph::Plus:
      draw->AddLine(ImVec2(c.x - h, c.y), ImVec2(c.x + h, c.y), color, thickness);
      draw->AddLine(ImVec2(c.x, c.y - h), ImVec2(c.x, c.y + h), color, thickness);
      break;
    case Glyph::Minus:
      draw->AddLine(ImVec2(c.x - h, c.y), ImVec2(c.x + h, c.y), color, thickness);
      break;
    case Glyph::Close:
      draw->AddLine(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), color, thickness);
      draw->AddLine(ImVec2(c.x - h, c.y + h), ImVec2(c.x + h, c.y - h), color, thickness);
      break;
    case Glyph::Back: {
      ImVec2 points[] = {ImVec2(c.x + h * 0.5f, c.y - h), ImVec2(c.x - h * 0.5f, c.y), ImVec2(c.x + h * 0.5f, c.y + h)};
      draw->AddPolyline(points, 3, color, 0, thickness);
      break;
    }
    case Glyph::Check: {
      ImVec2 points[] = {ImVec2(c.x - h, c.y), ImVec2(c.x - h * 0.3f, c.y + h * 0.7f), ImVec2(c.x + h, c.y - h * 0.7f)};
      draw->AddPolyline(points, 3, color, 0, thickness);
      break;
    }
  }
}

bool iconButton(UiContext& ctx, std::string_view id, Glyph glyph, float diameter, bool enabled, Look look) {
  ImVec2 min = ImGui::GetCursorScreenPos();
  bool held = false;
  bool tapped = tapZone(ctx, id, ImVec2(diameter, diameter), enabled, look == Look::Selected, &held);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 center(min.x + diameter * 0.5f, min.y + diameter * 0.5f);
  float radius = diameter * 0.5f;
  ImU32 fill = fillFor(ctx.theme, look, enabled, held);
  ImU32 outline = outlineFor(ctx.theme, look, enabled);
  if (fill) draw->AddCircleFilled(center, radius, fill, 40);
  float thickness = std::max(1.f, ctx.px(ctx.theme.border));
  if (outline) draw->AddCircle(center, radius - thickness * 0.5f, outline, 40, thickness);
  drawGlyph(draw, glyph, center, diameter * 0.36f, textFor(ctx.theme, look, enabled), std::max(2.f, diameter * 0.07f));
  return tapped;
}

float lineWidth(ImFont* font, std::string_view text) { return widthOf(font, text.data(), text.data() + text.size()); }

float textHeight(ImFont* font, float width, std::string_view text, int max_lines) {
  if (text.empty()) return 0.f;
  bool cut = false;
  return static_cast<float>(wrap(font, width, text, max_lines, cut).size()) * font->FontSize;
}

float drawText(ImDrawList* draw, ImFont* font, ImVec2 pos, float width, ImU32 color, std::string_view text,
               Align align, int max_lines) {
  if (text.empty()) return 0.f;
  bool cut = false;
  std::vector<Line> lines = wrap(font, width, text, max_lines, cut);
  float y = pos.y;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string shortened;
    Line line = lines[i];
    if (cut && i + 1 == lines.size()) {
      shortened = withEllipsis(font, line, width);
      line = {shortened.data(), shortened.data() + shortened.size()};
    }
    float w = widthOf(font, line.begin, line.end);
    float x = pos.x;
    if (align == Align::Center) x += std::max(0.f, (width - w) * 0.5f);
    if (align == Align::Right) x += std::max(0.f, width - w);
    draw->AddText(font, font->FontSize, ImVec2(std::floor(x), std::floor(y)), color, line.begin, line.end);
    y += font->FontSize;
  }
  return y - pos.y;
}

void text(UiContext& ctx, ImFont* font, ImU32 color, std::string_view content, float width, Align align,
          int max_lines) {
  (void)ctx;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float height = drawText(ImGui::GetWindowDrawList(), font, pos, width, color, content, align, max_lines);
  ImGui::Dummy(ImVec2(width, std::max(height, 1.f)));
}

void drawImageView(const ImageView& view, ImVec2 min, ImVec2 max, float rounding, ImDrawFlags corners, float alpha) {
  float box_w = max.x - min.x;
  float box_h = max.y - min.y;
  if (!view.ready() || view.width <= 0 || view.height <= 0 || box_w <= 0 || box_h <= 0) return;
  ImVec2 uv0(0, 0), uv1(1, 1);
  float image_aspect = static_cast<float>(view.width) / static_cast<float>(view.height);
  float box_aspect = box_w / box_h;
  if (image_aspect > box_aspect) {
    float keep = box_aspect / image_aspect;
    uv0.x = (1.f - keep) * 0.5f;
    uv1.x = 1.f - uv0.x;
  } else {
    float keep = image_aspect / box_aspect;
    uv0.y = (1.f - keep) * 0.5f;
    uv1.y = 1.f - uv0.y;
  }
  int a = static_cast<int>(std::clamp(alpha, 0.f, 1.f) * 255.f + 0.5f);
  ImGui::GetWindowDrawList()->AddImageRounded(view.texture, min, max, uv0, uv1, IM_COL32(255, 255, 255, a), rounding,
                                              corners);
}

bool drawImage(UiContext& ctx, const std::string& ref, ImageSize size, ImVec2 min, ImVec2 max, float rounding,
               ImDrawFlags corners, float dim) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Nothing is requested for what is not on screen.
  ImVec2 clip_min = draw->GetClipRectMin();
  ImVec2 clip_max = draw->GetClipRectMax();
  bool on_screen = max.x > clip_min.x && min.x < clip_max.x && max.y > clip_min.y && min.y < clip_max.y;
  ImageView view;
  if (on_screen && ctx.images && !ref.empty()) view = ctx.images->get(ref, size);
  bool drawn = view.ready() && view.width > 0 && view.height > 0;
  if (drawn) {
    drawImageView(view, min, max, rounding, corners, 1.f);
  } else {
    draw->AddRectFilled(min, max, ctx.theme.color.placeholder, rounding, corners);
    // A plate: two quiet rings, the same for "loading", "broken" and "no picture".
    ImVec2 center((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    float radius = std::min(max.x - min.x, max.y - min.y) * 0.24f;
    ImU32 ring = ctx.theme.color.border;
    float thickness = std::max(1.f, ctx.px(0.07f));
    draw->AddCircle(center, radius, ring, 48, thickness);
    draw->AddCircle(center, radius * 0.64f, ring, 48, thickness);
  }
  if (dim > 0.f) {
    ImVec4 wash = ImGui::ColorConvertU32ToFloat4(ctx.theme.color.background);
    wash.w = std::clamp(dim, 0.f, 1.f);
    draw->AddRectFilled(min, max, ImGui::ColorConvertFloat4ToU32(wash), rounding, corners);
  }
  return drawn;
}

float beginScroll(UiContext& ctx, std::string_view id, ImVec2 size) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  std::string name(id);
  ImGui::BeginChild(name.c_str(), size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
  float offset = 0.f;
  if (ctx.scrolls) offset = ctx.scrolls->begin(id, app::Rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y});
  offset = std::round(offset);  // whole pixels: crisp text while gliding
  // We scroll by moving the cursor rather than with ImGui's scroll, which cannot over-scroll (rubber band).
  ImGui::SetCursorPosY(-offset);
  ctx.scroll_stack.push_back({std::move(name), offset});
  return offset;
}

void endScroll(UiContext& ctx) {
  if (!ctx.scroll_stack.empty()) {
    const UiContext::OpenScroll& open = ctx.scroll_stack.back();
    float content = ImGui::GetCursorPosY() + open.offset;
    if (ctx.scrolls) ctx.scrolls->setContentHeight(open.id, content);
    ctx.scroll_stack.pop_back();
  }
  ImGui::EndChild();
}

}  // namespace kiosk::ui
