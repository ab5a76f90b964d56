#include "kiosk/ui/fonts.h"

#include <imgui.h>

#include <cstdio>

namespace kiosk::ui {
namespace {

// Built once and never freed: ImFontConfig keeps a pointer to the ranges until the atlas is built (and the
// backend may rebuild it later).
const ImWchar* textRanges() {
  static ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    static const ImWchar base[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 (× and the no-break space are in here)
        0x0400, 0x045F,  // Cyrillic used by Russian, Ё/ё included
        0,
    };
    builder.AddRanges(base);
    builder.AddText("— – ₽ « » № … ✓ × − • ‹ › ↻ ♿ ← →");
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return built;
  }();
  return ranges.Data;
}

// The big order number needs few glyphs: keeping its range small keeps the atlas small.
const ImWchar* numberRanges() {
  static ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    static const ImWchar base[] = {0x0020, 0x0060, 0x0410, 0x042F, 0x0401, 0x0401, 0};  // ASCII up to '`', А–Я, Ё
    builder.AddRanges(base);
    builder.AddText("№—–−");
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return built;
  }();
  return ranges.Data;
}

bool fileExists(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  std::fclose(file);
  return true;
}

ImFont* addFont(ImFontAtlas& atlas, const std::string& path, float size, const ImWchar* ranges) {
  ImFontConfig config;
  config.OversampleH = 1;  // sizes here are large: pixel-snapped glyphs look crisp and keep the atlas small
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return atlas.AddFontFromFileTTF(path.c_str(), size, &config, ranges);
}

bool addSet(ImFontAtlas& atlas, float em, float number_em, const std::string& regular, const std::string& bold,
            FontSet& set) {
  set.em = em;
  set.body = addFont(atlas, regular, em, textRanges());  // the first font added is ImGui's default
  set.bold = addFont(atlas, bold, em, textRanges());
  set.small = addFont(atlas, regular, em * 0.8f, textRanges());
  set.title = addFont(atlas, bold, em * 1.5f, textRanges());
  set.price = addFont(atlas, bold, em * 1.2f, textRanges());
  set.number = addFont(atlas, bold, number_em * 4.0f, numberRanges());
  return set.body && set.bold && set.small && set.title && set.price && set.number;
}

}  // namespace

std::string buildFonts(ImFontAtlas& atlas, float em_px, float number_em_px, const std::string& font_dir,
                       FontSet& out) {
  std::string regular = font_dir + "/DejaVuSans.ttf";
  std::string bold = font_dir + "/DejaVuSans-Bold.ttf";
  for (const std::string& path : {regular, bold}) {
    if (!fileExists(path)) return "font file " + path + " not found (install fonts-dejavu-core)";
  }
  if (!(em_px >= 6.f && em_px <= 400.f) || !(number_em_px >= 6.f && number_em_px <= 400.f)) {
    return "font size out of range";
  }
  atlas.Clear();
  FontSet set;
  if (!addSet(atlas, em_px, number_em_px, regular, bold, set)) {
    atlas.Clear();
    return "could not load the fonts from " + font_dir;
  }
  if (!atlas.Build()) {
    atlas.Clear();
    return "could not build the font atlas";
  }
  out = set;
  return {};
}

}  // namespace kiosk::ui
