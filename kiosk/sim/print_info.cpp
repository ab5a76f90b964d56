#include "kiosk/sim/print_info.h"

#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

// Byte offset after the first `chars` UTF-8 characters of `s`.
size_t bytesForChars(std::string_view s, size_t chars) {
  size_t i = 0, seen = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) return i;
      ++seen;
    }
    ++i;
  }
  return i;
}

void wrapParagraph(std::string_view paragraph, size_t width, std::vector<std::string>& out) {
  std::string line;
  auto flush = [&] {
    out.push_back(line);
    line.clear();
  };
  while (!paragraph.empty()) {
    while (!paragraph.empty() && paragraph.front() == ' ') paragraph.remove_prefix(1);
    if (paragraph.empty()) break;
    size_t space = paragraph.find(' ');
    std::string_view word = paragraph.substr(0, space);
    paragraph = space == std::string_view::npos ? std::string_view() : paragraph.substr(space);
    while (utf8Length(word) > width) {  // a word longer than a line: cut it
      if (!line.empty()) flush();
      size_t cut = bytesForChars(word, width);
      out.emplace_back(word.substr(0, cut));
      word.remove_prefix(cut);
    }
    if (word.empty()) continue;
    size_t needed = utf8Length(line) + (line.empty() ? 0 : 1) + utf8Length(word);
    if (needed > width) flush();
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty() || out.empty()) flush();
}

}  // namespace

std::vector<std::string> splitPrintLines(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  if (text.empty() || width == 0) return lines;
  while (true) {
    size_t nl = text.find('\n');
    std::string_view paragraph = text.substr(0, nl);
    if (!paragraph.empty() && paragraph.back() == '\r') paragraph.remove_suffix(1);
    if (paragraph.find_first_not_of(' ') == std::string_view::npos) {
      lines.emplace_back();
    } else {
      std::vector<std::string> wrapped;
      wrapParagraph(paragraph, width, wrapped);
      lines.insert(lines.end(), wrapped.begin(), wrapped.end());
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace procart_sim
