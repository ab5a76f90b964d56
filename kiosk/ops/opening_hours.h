#pragma once
// Opening hours per weekday, written "09:00-22:00" (or "closed") in the config. A range whose end is not after
// its start runs past midnight: "18:00-02:00" on Friday also opens Saturday 00:00–02:00.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::ops {

struct DayHours {
  bool closed = false;
  int open_minute = 0;         // minutes after midnight, 0..1439
  int close_minute = 24 * 60;  // 1..1440; ≤ open_minute means the next day
  bool operator==(const DayHours&) const = default;
};

// Index 0 = Monday … 6 = Sunday (ISO order; tm_wday needs (tm_wday + 6) % 7).
struct WeeklyHours {
  std::array<DayHours, 7> days{};
  bool operator==(const WeeklyHours&) const = default;
};

// "mon", "tue", … "sun".
const char* weekdayKey(int weekday);
// "09:00-22:00" / "closed" / "00:00-24:00" → DayHours; nullopt (and `why`) for anything else.
std::optional<DayHours> parseDayHours(std::string_view text, std::string& why);
std::string formatDayHours(const DayHours& hours);

// Is the kiosk open at `minute` (0..1439) of `weekday` (0 = Monday)? Counts the previous day's overnight range.
bool isOpenAt(const WeeklyHours& hours, int weekday, int minute);
// The same for local time now.
bool isOpenNow(const WeeklyHours& hours);

}  // namespace kiosk::ops
