// kiosk-ui-preview: the kiosk UI in a window over PreviewRuntime (a test double: C++ test menu, made-up pictures,
// a terminal moved by "sim …" script lines). Same options as `kiosk`; --demo and --config are ignored.
//   kiosk-ui-preview --windowed 540x960
//   SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software kiosk-ui-preview --script S --screenshots DIR
//   kiosk-ui-preview --big-menu 10000   (10,000 dishes, 500 distinct pictures: memory and frame-time checks)
#include <cstdio>
#include <string>
#include <vector>

#include "../support/ui_test_menu.h"
#include "kiosk/app/app_options.h"
#include "kiosk/app/kiosk_app.h"
#include "preview_runtime.h"

int main(int argc, char** argv) {
  using namespace kiosk;
  std::vector<std::string> args;
  int big_menu = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--big-menu" && i + 1 < argc) {
      big_menu = std::stoi(argv[++i]);
    } else {
      args.push_back(arg);
    }
  }
  app::AppOptions options;
  std::string error = app::parseAppOptions(args, options);
  if (!error.empty()) {
    std::fprintf(stderr, "kiosk-ui-preview: %s\n%s  --big-menu N      a generated menu of N dishes\n", error.c_str(),
                 app::appUsage());
    return 2;
  }
  if (options.help || options.version) {
    std::puts("kiosk-ui-preview (UI test double; see tests/ui/preview/preview_runtime.h)");
    return 0;
  }
  std::string assets = options.assets_dir.empty() ? KIOSK_ASSETS_DIR : options.assets_dir;
  uitest::PreviewRuntime runtime(assets, big_menu > 0 ? uitest::bigMenuIndex(big_menu, 40) : uitest::uiTestIndex());
  if (!runtime.loadError().empty()) {
    std::fprintf(stderr, "kiosk-ui-preview: %s\n", runtime.loadError().c_str());
    return 2;
  }
  app::KioskApp kiosk_app(runtime, options);
  kiosk_app.setScriptHook([&runtime](const std::string& line) { return runtime.hook(line); });
  return kiosk_app.run();
}
