#pragma once
// A generated menu file (the emulator's /getmenu shape) of `dishes` dishes spread over 40 categories, with
// `images` distinct (made-up) image references — 0: the demo's own pictures, cycled — built from the demo menu's modifier and combo schemes so the codec and the
// index see realistic entries. For benchmarks only.
#include <string>

namespace kiosk::bench {

std::string bigMenuFile(const std::string& demo_menu_path, int dishes, int images);

}  // namespace kiosk::bench
