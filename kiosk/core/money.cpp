#include "kiosk/core/money.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace kiosk {
namespace {

// Largest kopeck value we accept from text or doubles: 10^15 kopecks is far above any order and far below int64.
constexpr int64_t kMaxKopecks = 1'000'000'000'000'000LL;

std::string groupThousands(int64_t whole, const char* separator) {
  std::string digits = std::to_string(whole);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(0, separator);
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

std::string twoDigits(int64_t n) { return n < 10 ? "0" + std::to_string(n) : std::to_string(n); }

}  // namespace

std::string Money::toDecimal() const {
  int64_t abs = kopecks_ < 0 ? -kopecks_ : kopecks_;
  return (kopecks_ < 0 ? "-" : "") + std::to_string(abs / 100) + "." + twoDigits(abs % 100);
}

std::optional<Money> Money::parseDecimal(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int64_t whole = 0;
  size_t i = 0;
  size_t whole_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole_digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMaxKopecks / 100) return std::nullopt;
  }
  int64_t fraction = 0;
  size_t fraction_digits = 0;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++fraction_digits) {
      int digit = text[i] - '0';
      if (fraction_digits < 2) {
        fraction = fraction * 10 + digit;
      } else if (digit != 0) {
        return std::nullopt;  // sub-kopeck amounts are not money we can charge
      }
    }
    if (fraction_digits == 0 && whole_digits == 0) return std::nullopt;
  }
  if (i != text.size() || (whole_digits == 0 && fraction_digits == 0)) return std::nullopt;
  if (fraction_digits == 1) fraction *= 10;
  int64_t k = whole * 100 + fraction;
  return Money(negative ? -k : k);
}

std::optional<Money> Money::fromDouble(double rubles) {
  if (!std::isfinite(rubles)) return std::nullopt;
  double k = std::round(rubles * 100.0);  // round() is half away from zero
  if (std::fabs(k) > static_cast<double>(kMaxKopecks)) return std::nullopt;
  return Money(static_cast<int64_t>(k));
}

std::string Money::format(Lang lang) const {
  int64_t abs = kopecks_ < 0 ? -kopecks_ : kopecks_;
  const char* sign = kopecks_ < 0 ? "-" : "";
  if (lang == Lang::Ru) {
    // "1 234,50 ₽" with no-break spaces, so a price never wraps between the digits and the sign.
    return sign + groupThousands(abs / 100, "\u00A0") + "," + twoDigits(abs % 100) + "\u00A0₽";
  }
  return std::string(sign) + "₽" + groupThousands(abs / 100, ",") + "." + twoDigits(abs % 100);
}

}  // namespace kiosk
