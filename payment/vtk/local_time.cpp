#include "payment/vtk/local_time.h"

#include <cctype>

namespace payment::vtk {

namespace {

bool digits(std::string_view text, size_t from, size_t count) {
  for (size_t i = from; i < from + count; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

int number(std::string_view text, size_t from, size_t count) {
  int value = 0;
  for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

std::string formatLocalTime(std::time_t when) {
  std::tm tm{};
  localtime_r(&when, &tm);
  char buf[40];
  // %z gives "+0300" (or "-0500"): exactly the ±hhmm the protocol wants.
  if (std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S%z", &tm) != 20) return {};
  return buf;
}

std::string currentLocalTime() { return formatLocalTime(std::time(nullptr)); }

bool isValidLocalTime(std::string_view t) {
  if (t.size() != 20 || t[8] != 'T' || (t[15] != '+' && t[15] != '-')) return false;
  if (!digits(t, 0, 8) || !digits(t, 9, 6) || !digits(t, 16, 4)) return false;
  const int month = number(t, 4, 2), day = number(t, 6, 2);
  const int hour = number(t, 9, 2), minute = number(t, 11, 2), second = number(t, 13, 2);
  const int offset_hours = number(t, 16, 2), offset_minutes = number(t, 18, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60 &&
         offset_hours <= 14 && offset_minutes <= 59;
}

std::optional<bool> clockRuleFrom(std::string_view message_name, const std::string* local_time) {
  if (local_time && !local_time->empty()) return (*local_time)[0] != '2';
  // Only an IDL or DIS without the tag says "my clock is set now"; other messages simply don't carry it.
  if (message_name == "IDL" || message_name == "DIS") return false;
  return std::nullopt;
}

}  // namespace payment::vtk
