// Opening hours: parsing, formatting, and "is it open now?" including ranges past midnight.
#include "kiosk/ops/opening_hours.h"

#include <catch2/catch.hpp>

using namespace kiosk::ops;

namespace {
constexpr int kMon = 0, kTue = 1, kSat = 5, kSun = 6;
int at(int h, int m) { return h * 60 + m; }
}  // namespace

TEST_CASE("day hours parse and format back") {
  std::string why;
  for (const char* text : {"09:00-22:00", "00:00-24:00", "18:30-02:15", "closed"}) {
    auto hours = parseDayHours(text, why);
    REQUIRE(hours);
    CHECK(formatDayHours(*hours) == text);
  }
  for (const char* text : {"", "9:00-22:00", "09:00", "09:00-22:60", "24:00-10:00", "08:00-08:00", "09:00-25:00",
                           "open", "09.00-22.00", "09:00 - 22:00"}) {
    INFO(text);
    CHECK_FALSE(parseDayHours(text, why));
  }
}

TEST_CASE("open within the day's range, closed outside it") {
  WeeklyHours week;
  week.days[kMon] = {false, at(9, 0), at(22, 0)};
  CHECK_FALSE(isOpenAt(week, kMon, at(8, 59)));
  CHECK(isOpenAt(week, kMon, at(9, 0)));
  CHECK(isOpenAt(week, kMon, at(21, 59)));
  CHECK_FALSE(isOpenAt(week, kMon, at(22, 0)));
  CHECK(isOpenAt(week, kTue, at(3, 0)));  // default: open all day
}

TEST_CASE("a range past midnight opens the next morning too") {
  WeeklyHours week;
  for (auto& day : week.days) day = {true, 0, 0};
  week.days[kSat] = {false, at(18, 0), at(2, 0)};
  CHECK(isOpenAt(week, kSat, at(23, 30)));
  CHECK(isOpenAt(week, kSun, at(1, 59)));
  CHECK_FALSE(isOpenAt(week, kSun, at(2, 0)));
  CHECK_FALSE(isOpenAt(week, kSat, at(1, 0)));  // Friday is closed
  week.days[kSun] = {false, at(18, 0), at(2, 0)};
  CHECK(isOpenAt(week, kMon, at(0, 30)));  // Sunday night runs into Monday: the week wraps
}

TEST_CASE("closed days and bad arguments") {
  WeeklyHours week;
  week.days[kSun] = {true, 0, 0};
  CHECK_FALSE(isOpenAt(week, kSun, at(12, 0)));
  CHECK_FALSE(isOpenAt(week, 7, at(12, 0)));
  CHECK_FALSE(isOpenAt(week, kMon, 24 * 60));
  CHECK_FALSE(isOpenAt(week, -1, 0));
  CHECK(isOpenNow(WeeklyHours{}));
}
