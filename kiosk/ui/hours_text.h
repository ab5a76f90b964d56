#pragma once
// Opening hours in words, for the "closed" screen and the staff screen: "09:00–22:00", "closed" (localised),
// weekday names, and which weekday it is now (local time).
#include <string>

#include "kiosk/ops/opening_hours.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

std::string dayHoursText(UiContext& ctx, const ops::DayHours& hours);
std::string weekdayName(UiContext& ctx, int weekday);  // 0 = Monday
int todayWeekday();                                    // 0 = Monday, local time
// True when every day is open around the clock (nothing worth listing).
bool alwaysOpen(const ops::WeeklyHours& hours);

}  // namespace kiosk::ui
