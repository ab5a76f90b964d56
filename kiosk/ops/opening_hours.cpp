#include "kiosk/ops/opening_hours.h"

#include <cstdio>
#include <ctime>

namespace kiosk::ops {
namespace {

// "HH:MM" with HH 00..24 (24 only as "24:00"). -1 when malformed.
int parseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return -1;
  return hours * 60 + minutes;
}

std::string formatClock(int minute) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buffer;
}

}  // namespace

const char* weekdayKey(int weekday) {
  static const char* const kKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return weekday >= 0 && weekday < 7 ? kKeys[weekday] : "?";
}

std::optional<DayHours> parseDayHours(std::string_view text, std::string& why) {
  if (text == "closed") return DayHours{true, 0, 0};
  auto dash = text.find('-');
  if (dash == std::string_view::npos) {
    why = "expected \"HH:MM-HH:MM\" or \"closed\"";
    return std::nullopt;
  }
  int open = parseClock(text.substr(0, dash));
  int close = parseClock(text.substr(dash + 1));
  if (open < 0 || close < 0) {
    why = "expected \"HH:MM-HH:MM\" (00:00..24:00) or \"closed\"";
    return std::nullopt;
  }
  if (open == 24 * 60) {
    why = "opening time 24:00 is not a time of the day";
    return std::nullopt;
  }
  if (open == close) {
    why = "opening and closing times are equal; write \"00:00-24:00\" for all day or \"closed\"";
    return std::nullopt;
  }
  return DayHours{false, open, close};
}

std::string formatDayHours(const DayHours& hours) {
  if (hours.closed) return "closed";
  return formatClock(hours.open_minute) + "-" + formatClock(hours.close_minute);
}

bool isOpenAt(const WeeklyHours& hours, int weekday, int minute) {
  if (weekday < 0 || weekday > 6 || minute < 0 || minute >= 24 * 60) return false;
  const DayHours& today = hours.days[static_cast<size_t>(weekday)];
  if (!today.closed) {
    bool overnight = today.close_minute <= today.open_minute;
    if (minute >= today.open_minute && (overnight || minute < today.close_minute)) return true;
  }
  // Yesterday's range running past midnight.
  const DayHours& yesterday = hours.days[static_cast<size_t>((weekday + 6) % 7)];
  if (!yesterday.closed && yesterday.close_minute <= yesterday.open_minute) {
    return minute < yesterday.close_minute;
  }
  return false;
}

bool isOpenNow(const WeeklyHours& hours) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return isOpenAt(hours, (local.tm_wday + 6) % 7, local.tm_hour * 60 + local.tm_min);
}

}  // namespace kiosk::ops
