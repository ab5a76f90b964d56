#include <catch2/catch.hpp>

#include "kiosk/core/money.h"

using kiosk::Lang;
using kiosk::Money;

TEST_CASE("Money parses the decimal forms ProCart may send") {
  CHECK(Money::parseDecimal("389")->kopecks() == 38900);
  CHECK(Money::parseDecimal("389.5")->kopecks() == 38950);
  CHECK(Money::parseDecimal("389.50")->kopecks() == 38950);
  CHECK(Money::parseDecimal(" 389.00 ")->kopecks() == 38900);
  CHECK(Money::parseDecimal("-1.05")->kopecks() == -105);
  CHECK(Money::parseDecimal("0.07")->kopecks() == 7);
  CHECK(Money::parseDecimal("12,30")->kopecks() == 1230);
  CHECK(Money::parseDecimal("1.230")->kopecks() == 123);
  CHECK(Money::parseDecimal(".5")->kopecks() == 50);
}

TEST_CASE("Money refuses what is not an amount") {
  for (const char* bad : {"", "-", ".", "abc", "1.234", "1e3", "12.3.4", "1 000", "99999999999999999999", "1.2x"}) {
    INFO(bad);
    CHECK_FALSE(Money::parseDecimal(bad).has_value());
  }
}

TEST_CASE("Money from JSON doubles rounds to the kopeck without drift") {
  CHECK(Money::fromDouble(12.34)->kopecks() == 1234);
  CHECK(Money::fromDouble(0.1 + 0.2)->kopecks() == 30);
  CHECK(Money::fromDouble(-0.005)->kopecks() == -1);
  CHECK_FALSE(Money::fromDouble(1.0 / 0.0).has_value());
}

TEST_CASE("Money writes the wire form with two decimals") {
  CHECK(Money::kopecks(38900).toDecimal() == "389.00");
  CHECK(Money::kopecks(5).toDecimal() == "0.05");
  CHECK(Money::kopecks(-1250).toDecimal() == "-12.50");
}

TEST_CASE("Money formats for guests in Russian and English") {
  CHECK(Money::kopecks(123450).format(Lang::Ru) == "1\u00A0234,50\u00A0₽");
  CHECK(Money::kopecks(123450).format(Lang::En) == "₽1,234.50");
  CHECK(Money::kopecks(38900).format(Lang::Ru) == "389,00\u00A0₽");
  CHECK(Money::kopecks(100000000).format(Lang::En) == "₽1,000,000.00");
  CHECK(Money::kopecks(-50).format(Lang::En) == "-₽0.50");
}

TEST_CASE("Money arithmetic stays in integers") {
  Money sum;
  for (int i = 0; i < 10; ++i) sum += Money::kopecks(10);
  CHECK(sum == Money::rubles(1));
  CHECK((Money::rubles(3) * 3 - Money::kopecks(1)).kopecks() == 899);
}
