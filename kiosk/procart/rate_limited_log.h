#pragma once
// Warnings that an outsider can cause by the thousand (refused callbacks): in each window (a minute by default) the
// first `burst` lines are written and the rest only counted; once the window is over, one line says how many were
// held back. 5,000 refusals in a burst thus write `burst` + 1 lines, and the counters still have every one.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace kiosk::procart {

class RateLimitedLog {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimitedLog(std::string component, size_t burst = 10,
                          std::chrono::seconds window = std::chrono::seconds(60));

  // Writes `line` as a warning, unless `burst` lines were written in this window already; then only counts it.
  void warn(const std::string& line, Clock::time_point now = Clock::now());
  // Writes the summary of a window that is over and held lines back (warn() does this too). Call it now and then.
  void flush(Clock::time_point now = Clock::now());
  // Writes the summary of the current window at once, if it held lines back (at shutdown).
  void finish();

  size_t heldBack() const;  // lines held back in the current window

 private:
  void summarise();  // mutex_ held

  const std::string component_;
  const size_t burst_;
  const std::chrono::seconds window_;
  mutable std::mutex mutex_;
  bool window_open_ = false;
  Clock::time_point window_start_{};
  size_t written_ = 0;
  size_t held_back_ = 0;
};

}  // namespace kiosk::procart
