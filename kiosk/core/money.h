#pragma once
// Money as an integer number of kopecks. No floating point anywhere a sum is computed.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/lang.h"

namespace kiosk {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money kopecks(int64_t k) { return Money(k); }
  static constexpr Money rubles(int64_t r) { return Money(r * 100); }

  constexpr int64_t kopecks() const { return kopecks_; }

  constexpr Money operator+(Money o) const { return Money(kopecks_ + o.kopecks_); }
  constexpr Money operator-(Money o) const { return Money(kopecks_ - o.kopecks_); }
  constexpr Money operator*(int64_t n) const { return Money(kopecks_ * n); }
  constexpr Money operator-() const { return Money(-kopecks_); }
  constexpr Money& operator+=(Money o) { kopecks_ += o.kopecks_; return *this; }
  constexpr Money& operator-=(Money o) { kopecks_ -= o.kopecks_; return *this; }
  constexpr auto operator<=>(const Money&) const = default;

  // Wire form: "389.00", "-12.50".
  std::string toDecimal() const;
  // Parses "389", "389.5", "389.50", "-1.05", " 389.00 " (no exponent, at most 2 decimals; a third
  // decimal digit is accepted only when it is 0). nullopt for anything else.
  static std::optional<Money> parseDecimal(std::string_view text);
  // For JSON numbers: rounds half away from zero to the kopeck; nullopt for NaN/inf/out of range.
  static std::optional<Money> fromDouble(double rubles);

  // Guest-facing: ru "1 234,50 ₽" (the spaces are U+00A0 no-break spaces), en "₽1,234.50".
  // Kopecks are always shown: "389,00 ₽" / "₽389.00". Negative: "−" prefix ("-" ASCII) before the number.
  std::string format(Lang lang) const;

 private:
  constexpr explicit Money(int64_t k) : kopecks_(k) {}
  int64_t kopecks_ = 0;
};

}  // namespace kiosk
