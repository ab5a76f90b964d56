// kiosk [--demo] [--config PATH] [--windowed WxH] [--script FILE] [--screenshots DIR] [--assets DIR] [--version]
// Starts the runtime (services, in-process simulators in demo mode) and runs the guest UI over it.
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/app_options.h"
#include "kiosk/app/kiosk_app.h"
#include "kiosk/runtime/runtime.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.0.0"
#endif
#ifndef KIOSK_DEFAULT_ASSETS_DIR
#define KIOSK_DEFAULT_ASSETS_DIR "assets"
#endif

int main(int argc, char** argv) {
  using namespace kiosk;
  std::vector<std::string> args(argv + 1, argv + argc);
  app::AppOptions options;
  std::string error = app::parseAppOptions(args, options);
  if (!error.empty()) {
    std::fprintf(stderr, "kiosk: %s\n%s", error.c_str(), app::appUsage());
    return 2;
  }
  if (options.help) {
    std::fputs(app::appUsage(), stdout);
    return 0;
  }
  if (options.version) {
    std::printf("kiosk %s\n", KIOSK_VERSION);
    return 0;
  }

  RuntimeOptions runtime_options;
  runtime_options.demo = options.demo;
  runtime_options.config_path = options.config_path;
  runtime_options.assets_dir = options.assets_dir.empty() ? KIOSK_DEFAULT_ASSETS_DIR : options.assets_dir;
  std::unique_ptr<Runtime> runtime = Runtime::start(runtime_options, error);
  if (!runtime) {
    std::fprintf(stderr, "kiosk: %s\n", error.c_str());
    return 2;
  }
  app::KioskApp kiosk_app(*runtime, options);
  // The runtime's simulators take a script's "sim …" / "procart …" lines through KioskApp::setScriptHook();
  // the runtime does not offer such a hook yet (kiosk/runtime/runtime.h), so those lines fail a script for now.
  return kiosk_app.run();
}
