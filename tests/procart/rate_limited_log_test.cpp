// The warning limiter alone, on a clock the test moves: the first lines of a window are written, the rest counted,
// and one line per window tells how many were held back.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/procart/rate_limited_log.h"
#include "test_support.h"

using kiosk::procart::RateLimitedLog;
using namespace std::chrono_literals;

namespace {

size_t linesWith(const procart_test::LogCapture& log, const std::string& text) {
  auto lines = log.lines();
  auto has = [&](const std::string& line) { return line.find(text) != std::string::npos; };
  return static_cast<size_t>(std::count_if(lines.begin(), lines.end(), has));
}

}  // namespace

TEST_CASE("rate-limited log: 5,000 warnings in a burst write the first few, then one line with the count") {
  procart_test::LogCapture log;
  RateLimitedLog warnings("callback", /*burst=*/10, 60s);
  const auto t0 = RateLimitedLog::Clock::now();
  for (int i = 0; i < 5000; ++i) warnings.warn("rejected: wrong secret", t0 + std::chrono::milliseconds(i));
  CHECK(linesWith(log, "rejected: wrong secret") == 10);
  CHECK(warnings.heldBack() == 4990);

  warnings.flush(t0 + 30s);  // the window is not over: nothing yet
  CHECK(linesWith(log, "more like these") == 0);
  warnings.flush(t0 + 60s);
  CHECK(linesWith(log, "… and 4990 more like these within 60 s") == 1);
  CHECK(warnings.heldBack() == 0);
  warnings.flush(t0 + 200s);  // said once only
  CHECK(linesWith(log, "more like these") == 1);
  CHECK(log.lines().size() == 11);
}

TEST_CASE("rate-limited log: a warning after the window summarises it and starts a new one") {
  procart_test::LogCapture log;
  RateLimitedLog warnings("callback", /*burst=*/2, 60s);
  const auto t0 = RateLimitedLog::Clock::now();
  for (int i = 0; i < 5; ++i) warnings.warn("refused", t0);
  warnings.warn("refused again", t0 + 61s);  // no flush() came in between
  auto lines = log.lines();
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "callback: refused");
  CHECK(lines[1] == "callback: refused");
  CHECK(lines[2].find("… and 3 more like these") != std::string::npos);
  CHECK(lines[3] == "callback: refused again");
}

TEST_CASE("rate-limited log: finish() tells what the current window held back; a quiet window says nothing") {
  procart_test::LogCapture log;
  RateLimitedLog warnings("callback", /*burst=*/1, 60s);
  const auto t0 = RateLimitedLog::Clock::now();
  warnings.warn("one", t0);
  warnings.finish();  // nothing held back
  CHECK(log.lines().size() == 1);
  warnings.warn("two", t0 + 1s);
  warnings.warn("three", t0 + 2s);
  warnings.finish();
  auto lines = log.lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[1] == "callback: two");
  CHECK(lines[2].find("… and 1 more like these") != std::string::npos);
}
