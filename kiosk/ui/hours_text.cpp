#include "kiosk/ui/hours_text.h"

#include <ctime>

namespace kiosk::ui {

std::string dayHoursText(UiContext& ctx, const ops::DayHours& hours) {
  if (hours.closed) return ctx.t("hours.closed");
  if (hours.open_minute == 0 && hours.close_minute >= 24 * 60) return ctx.t("hours.all_day");
  std::string text = ops::formatDayHours(hours);  // "09:00-22:00"
  size_t dash = text.find('-');
  if (dash != std::string::npos) text.replace(dash, 1, "\xE2\x80\x93");  // an en dash reads better
  return text;
}

std::string weekdayName(UiContext& ctx, int weekday) {
  static const char* const kKeys[7] = {"hours.mon", "hours.tue", "hours.wed", "hours.thu",
                                       "hours.fri", "hours.sat", "hours.sun"};
  return ctx.t(kKeys[(weekday % 7 + 7) % 7]);
}

int todayWeekday() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return (local.tm_wday + 6) % 7;
}

bool alwaysOpen(const ops::WeeklyHours& hours) {
  for (const ops::DayHours& day : hours.days) {
    if (day.closed || day.open_minute != 0 || day.close_minute < 24 * 60) return false;
  }
  return true;
}

}  // namespace kiosk::ui
