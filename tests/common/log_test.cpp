#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kiosk/common/log.h"

using namespace kiosk;

namespace {
std::vector<std::string> g_lines;
void captureSink(log::Level, std::string_view component, std::string_view message) {
  g_lines.push_back(std::string(component) + ": " + std::string(message));
}
}  // namespace

TEST_CASE("log respects the level and reaches the sink") {
  g_lines.clear();
  log::setSink(captureSink);
  log::setLevel(log::Level::Warn);
  log::info("test", "hidden ", 1);
  log::warn("test", "shown ", 2);
  log::setLevel(log::Level::Info);
  log::setSink(nullptr);
  REQUIRE(g_lines.size() == 1);
  CHECK(g_lines[0] == "test: shown 2");
}

TEST_CASE("redact never shows a whole secret") {
  CHECK(log::redact("") == "(empty)");
  CHECK(log::redact("1234") == "****");
  auto r = log::redact("6f1c2d3e-aaaa-bbbb-cccc-0123456789ab");
  CHECK(r.find("6f1c") == 0);
  CHECK(r.find("0123456789ab") == std::string::npos);
}
