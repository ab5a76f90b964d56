#include "kiosk/procart/rate_limited_log.h"

#include "kiosk/common/log.h"

namespace kiosk::procart {

RateLimitedLog::RateLimitedLog(std::string component, size_t burst, std::chrono::seconds window)
    : component_(std::move(component)), burst_(burst), window_(window) {}

void RateLimitedLog::warn(const std::string& line, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (window_open_ && now - window_start_ >= window_) {
    summarise();
    window_open_ = false;
  }
  if (!window_open_) {
    window_open_ = true;
    window_start_ = now;
    written_ = 0;
    held_back_ = 0;
  }
  if (written_ < burst_) {
    ++written_;
    log::warn(component_, line);
  } else {
    ++held_back_;
  }
}

void RateLimitedLog::flush(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (window_open_ && now - window_start_ >= window_) {
    summarise();
    window_open_ = false;
  }
}

void RateLimitedLog::finish() {
  std::lock_guard lock(mutex_);
  summarise();
  window_open_ = false;
}

size_t RateLimitedLog::heldBack() const {
  std::lock_guard lock(mutex_);
  return held_back_;
}

void RateLimitedLog::summarise() {
  if (held_back_ == 0) return;
  log::warn(component_, "… and ", held_back_, " more like these within ",
            std::chrono::duration_cast<std::chrono::seconds>(window_).count(), " s, not logged one by one",
            " (the counters have them all)");
  held_back_ = 0;
}

}  // namespace kiosk::procart
