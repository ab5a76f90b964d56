#include "kiosk/core/menu_index.h"

namespace kiosk {

// Works on UTF-8 bytes directly: the Cyrillic capitals sit in two byte ranges whose lower-case forms are a fixed
// offset away, so no locale (and no allocation per character) is needed.
std::string foldCase(std::string_view utf8) {
  std::string out(utf8);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + ('a' - 'A'));
    } else if (c == 0xD0 && i + 1 < out.size()) {
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x8F) {         // Ѐ–Џ (U+0400–040F, incl. Ё) → ѐ–џ (U+0450–045F)
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(next + 0x10);
      } else if (next >= 0x90 && next <= 0x9F) {  // А–П → а–п
        out[i + 1] = static_cast<char>(next + 0x20);
      } else if (next >= 0xA0 && next <= 0xAF) {  // Р–Я → р–я
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(next - 0x20);
      }
      ++i;
    }
  }
  return out;
}

}  // namespace kiosk
