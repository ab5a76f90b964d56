#include "kiosk/ui/on_screen_keyboard.h"

#include <algorithm>

#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr float kGapEm = 0.3f;
constexpr float kPadEm = 0.5f;

// Splits UTF-8 text into its characters.
std::vector<std::string> characters(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    n = std::min(n, text.size() - i);
    out.emplace_back(text.substr(i, n));
    i += n;
  }
  return out;
}

void addLetters(std::vector<KeySpec>& row, std::string_view letters, bool shift) {
  for (const std::string& c : characters(letters)) {
    std::string shown = shift ? upperLetter(c) : c;
    row.push_back({KeySpec::Action::Insert, "osk.key." + c, shown, shown, 1.f});
  }
}

KeySpec special(KeySpec::Action action, const char* id, const char* label, float weight) {
  return {action, id, label, "", weight};
}

unsigned decode(std::string_view c) {
  auto b = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(c[i])); };
  if (c.size() == 1) return b(0);
  if (c.size() == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (c.size() == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return 0xFFFD;
}

}  // namespace

std::string utf8FromCodepoint(unsigned cp) {
  std::string out;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string upperLetter(std::string_view letter) {
  unsigned cp = decode(letter);
  if (cp >= 'a' && cp <= 'z') return utf8FromCodepoint(cp - 32);
  if (cp >= 0x0430 && cp <= 0x044F) return utf8FromCodepoint(cp - 0x20);  // а–я → А–Я
  if (cp == 0x0451) return utf8FromCodepoint(0x0401);                      // ё → Ё
  return std::string(letter);
}

void eraseLastCharacter(std::string& text) {
  if (text.empty()) return;
  size_t cut = text.size() - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

std::vector<std::vector<KeySpec>> keyboardRows(KeyboardLayer layer, bool shift) {
  using A = KeySpec::Action;
  std::vector<std::vector<KeySpec>> rows(5);
  addLetters(rows[0], "1234567890", false);
  switch (layer) {
    case KeyboardLayer::Latin:
      addLetters(rows[1], "qwertyuiop", shift);
      addLetters(rows[2], "asdfghjkl", shift);
      rows[3].push_back(special(A::Shift, "osk.shift", "Aa", 1.5f));
      addLetters(rows[3], "zxcvbnm", shift);
      rows[3].push_back(special(A::Back, "osk.back", "", 1.5f));
      rows[4] = {special(A::Symbols, "osk.symbols", "?123", 1.5f), special(A::Script, "osk.script", "РУС", 1.5f)};
      addLetters(rows[4], "/", false);
      rows[4].push_back({A::Space, "osk.space", "", " ", 3.5f});
      addLetters(rows[4], ".", false);
      break;
    case KeyboardLayer::Cyrillic:
      addLetters(rows[1], "йцукенгшщзхъ", shift);
      addLetters(rows[2], "фывапролджэ", shift);
      rows[3].push_back(special(A::Shift, "osk.shift", "Аа", 1.5f));
      addLetters(rows[3], "ячсмитьбю", shift);
      rows[3].push_back(special(A::Back, "osk.back", "", 1.5f));
      rows[4] = {special(A::Symbols, "osk.symbols", "?123", 1.5f), special(A::Script, "osk.script", "LAT", 1.5f)};
      addLetters(rows[4], ",", false);
      rows[4].push_back({A::Space, "osk.space", "", " ", 4.f});
      addLetters(rows[4], ".", false);
      break;
    case KeyboardLayer::Symbols:
      addLetters(rows[1], "-_=+()[]{}", false);
      addLetters(rows[2], "@#$%&*!?\"'", false);
      addLetters(rows[3], "\xE2\x84\x96,;:/\\|<>", false);  // № first: the short-comment template uses it
      rows[3].push_back(special(A::Back, "osk.back", "", 1.5f));
      rows[4] = {special(A::Letters, "osk.letters", "ABC", 2.f)};
      addLetters(rows[4], "~`", false);
      rows[4].push_back({A::Space, "osk.space", "", " ", 3.5f});
      addLetters(rows[4], ".", false);
      break;
  }
  rows[4].push_back(special(A::Done, "osk.done", "OK", 2.f));
  return rows;
}

void OnScreenKeyboard::reset(bool digits_first) {
  letters_ = KeyboardLayer::Latin;
  layer_ = digits_first ? KeyboardLayer::Symbols : KeyboardLayer::Latin;
  shift_ = false;
}

float OnScreenKeyboard::keyHeight(const UiContext& ctx, float width) const {
  // Keys as tall as they are wide on a wide screen, never below the touch minimum.
  return std::clamp(width / 12.f, ctx.px(ctx.theme.touch), ctx.px(2.6f));
}

float OnScreenKeyboard::height(const UiContext& ctx, float width) const {
  float key_h = keyHeight(ctx, width);
  return ctx.px(kPadEm) * 2.f + key_h * 5.f + ctx.px(kGapEm) * 4.f;
}

void OnScreenKeyboard::press(const KeySpec& key, std::string& text, bool& done) {
  using A = KeySpec::Action;
  switch (key.action) {
    case A::Insert:
    case A::Space:
      text += key.text;
      if (key.action == A::Insert && layer_ != KeyboardLayer::Symbols) shift_ = false;  // one letter
      break;
    case A::Shift:
      shift_ = !shift_;
      break;
    case A::Back:
      eraseLastCharacter(text);
      break;
    case A::Symbols:
      layer_ = KeyboardLayer::Symbols;
      shift_ = false;
      break;
    case A::Letters:
      layer_ = letters_;
      break;
    case A::Script:
      layer_ = layer_ == KeyboardLayer::Cyrillic ? KeyboardLayer::Latin : KeyboardLayer::Cyrillic;
      letters_ = layer_;
      shift_ = false;
      break;
    case A::Done:
      done = true;
      break;
  }
}

bool OnScreenKeyboard::draw(UiContext& ctx, ImVec2 min, float width, std::string& text) {
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float total_h = height(ctx, width);
  draw->AddRectFilled(min, ImVec2(min.x + width, min.y + total_h), theme.color.rail);
  draw->AddLine(min, ImVec2(min.x + width, min.y), theme.color.border, std::max(1.f, ctx.px(theme.border)));

  bool done = false;
  float pad = ctx.px(kPadEm);
  float gap = ctx.px(kGapEm);
  float key_h = keyHeight(ctx, width);
  float inner = width - 2.f * pad;
  std::vector<std::vector<KeySpec>> rows = keyboardRows(layer_, shift_);
  // One key unit for all rows: the widest row fills the width, the others are centred.
  float unit = inner;
  for (const auto& row : rows) {
    float units = 0.f;
    for (const KeySpec& key : row) units += key.weight;
    unit = std::min(unit, (inner - gap * static_cast<float>(row.size() - 1)) / units);
  }
  float y = min.y + pad;
  for (const auto& row : rows) {
    float row_w = gap * static_cast<float>(row.size() - 1);
    for (const KeySpec& key : row) row_w += unit * key.weight;
    float x = min.x + pad + (inner - row_w) * 0.5f;
    for (const KeySpec& key : row) {
      float w = unit * key.weight;
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      using A = KeySpec::Action;
      Look look = key.action == A::Done ? Look::Primary
                  : (key.action == A::Shift && shift_) ? Look::Selected
                                                       : Look::Secondary;
      ImFont* font = key.action == A::Insert ? theme.fonts->price : theme.fonts->bold;
      if (button(ctx, key.id, key.label, ImVec2(w, key_h), look, true, font)) press(key, text, done);
      if (key.action == A::Back) {
        drawGlyph(draw, Glyph::Back, ImVec2(x + w * 0.5f, y + key_h * 0.5f), key_h * 0.32f, theme.color.text,
                  std::max(2.f, ctx.px(0.1f)));
      }
      x += w + gap;
    }
    y += key_h + gap;
  }

  // A physical keyboard, when there is one: its characters, Backspace and Enter.
  ImGuiIO& io = ImGui::GetIO();
  for (ImWchar c : io.InputQueueCharacters) {
    if (c >= 0x20 && c != 0x7F) text += utf8FromCodepoint(c);
  }
  io.InputQueueCharacters.resize(0);  // consumed: nothing else reads them
  int backspace = io.KeyMap[ImGuiKey_Backspace];
  if (backspace >= 0 && ImGui::IsKeyPressed(backspace)) eraseLastCharacter(text);
  for (ImGuiKey key : {ImGuiKey_Enter, ImGuiKey_KeyPadEnter}) {
    int index = io.KeyMap[key];
    if (index >= 0 && ImGui::IsKeyPressed(index, false)) done = true;
  }
  return done;
}

}  // namespace kiosk::ui
