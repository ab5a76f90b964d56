#include <catch2/catch.hpp>

#include "kiosk/app/app_options.h"

using kiosk::app::AppOptions;
using kiosk::app::parseAppOptions;

TEST_CASE("the kiosk's options parse; bad ones are refused with a reason") {
  AppOptions o;
  CHECK(parseAppOptions({"--demo", "--windowed", "540x960", "--script", "s.txt", "--screenshots", "out"}, o).empty());
  CHECK(o.demo);
  CHECK(o.windowed);
  CHECK(o.width == 540);
  CHECK(o.height == 960);
  CHECK(o.script_path == "s.txt");
  CHECK(o.screenshots_dir == "out");

  CHECK(parseAppOptions({}, o).empty());
  CHECK_FALSE(o.windowed);  // fullscreen by default

  CHECK(parseAppOptions({"--windowed", "big"}, o).find("--windowed") != std::string::npos);
  CHECK(parseAppOptions({"--windowed", "10x10"}, o).find("--windowed") != std::string::npos);
  CHECK(parseAppOptions({"--config"}, o) == "--config needs a path");
  CHECK(parseAppOptions({"--fullscreen"}, o) == "unknown option --fullscreen");
  CHECK(parseAppOptions({"--screenshots", "dir"}, o) == "--screenshots needs --script");
  CHECK(parseAppOptions({"--ui-scale", "9"}, o).find("--ui-scale") != std::string::npos);
  CHECK(parseAppOptions({"--ui-scale", "1.25", "--max-seconds", "3", "--frame-stats", "--version"}, o).empty());
  CHECK(o.ui_scale == Approx(1.25f));
  CHECK(o.max_seconds == 3.0);
  CHECK(o.frame_stats);
  CHECK(o.version);
}
