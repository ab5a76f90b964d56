#include "payment/card_data.h"

namespace payment {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

size_t longestDigitRun(std::string_view text) {
  size_t best = 0, run = 0;
  for (char c : text) {
    run = isDigit(c) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

}  // namespace

bool looksLikeFullPan(std::string_view mask) { return longestDigitRun(mask) >= 13; }

std::string maskPanRuns(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!isDigit(text[i])) {
      out += text[i++];
      continue;
    }
    size_t start = i;
    while (i < text.size() && isDigit(text[i])) ++i;
    size_t length = i - start;
    if (length >= 13 && length <= 19) {
      out.append(length - 4, '*');
      out.append(text.substr(i - 4, 4));
    } else {
      out.append(text.substr(start, length));
    }
  }
  return out;
}

}  // namespace payment
