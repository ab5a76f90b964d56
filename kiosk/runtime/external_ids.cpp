#include "kiosk/runtime/external_ids.h"

#include <cstdio>
#include <ctime>
#include <random>

namespace kiosk {

std::string makeExternalId(const std::string& kiosk_id) {
  static thread_local std::mt19937 random{std::random_device{}()};
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "-%04d%02d%02d-%02d%02d%02d-%06x", local.tm_year + 1900, local.tm_mon + 1,
                local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                static_cast<unsigned>(random() & 0xFFFFFF));
  return kiosk_id + buffer;
}

}  // namespace kiosk
