#pragma once
// Local time for tag 0x11 (VTK v1.12 §3.17) and the rule for when the kiosk must send it.
//
// Format: exactly "YYYYMMDDThhmmss±hhmm", e.g. "20210514T105924+0300" (20 bytes, seconds included).
// A terminal whose clock is not set sends a local time whose first byte is not '2'. From then on the kiosk puts its own
// current time into every message it sends — keep-alives included, computed per message — until the terminal sends an
// IDL or DIS without 0x11, or with a time that starts with '2'.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace payment::vtk {

// `when` in the process's local time zone, as tag 0x11 wants it.
std::string formatLocalTime(std::time_t when);
// The current local time in that format.
std::string currentLocalTime();
// True when `text` has exactly the shape "YYYYMMDDThhmmss±hhmm" with a valid date, time and offset.
bool isValidLocalTime(std::string_view text);

// What a message from the terminal says about its clock: true = "send your time", false = "stop sending it",
// nullopt = no change. `message_name` is the message's tag 0x01; `local_time` its tag 0x11 (nullptr when absent).
std::optional<bool> clockRuleFrom(std::string_view message_name, const std::string* local_time);

}  // namespace payment::vtk
