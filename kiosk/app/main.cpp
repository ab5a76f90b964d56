// kiosk [--demo] [--config PATH] [--windowed WxH] [--script FILE] [--screenshots DIR] … (app_options.h)
// Starts the runtime (services, in-process simulators in demo mode) and runs the guest UI over it.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/app/app_options.h"
#include "kiosk/app/kiosk_app.h"
#include "kiosk/ops/config.h"
#include "kiosk/ops/set_pin_command.h"
#include "kiosk/ops/version.h"
#include "kiosk/runtime/runtime.h"

#ifndef KIOSK_DEFAULT_ASSETS_DIR
#define KIOSK_DEFAULT_ASSETS_DIR "assets"
#endif

namespace {

// Installed (/usr/bin/kiosk): /usr/share/procart-kiosk. Run from the build tree: the source tree's assets/.
std::string defaultAssetsDir() {
  std::error_code error;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "procart-kiosk";
    if (std::filesystem::exists(installed / "i18n", error)) return installed.string();
  }
  return KIOSK_DEFAULT_ASSETS_DIR;
}

}  // namespace

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
    std::printf("kiosk %s\n", ops::kioskVersion());
    return 0;
  }
  if (!options.set_pin_role.empty()) {
    std::string config_path = options.config_path.empty() ? ops::kDefaultConfigPath : options.config_path;
    return ops::runSetPinFromStdin(options.set_pin_role, ops::defaultSecretsPath(config_path));
  }

  RuntimeOptions runtime_options;
  runtime_options.demo = options.demo;
  runtime_options.demo_procart_offline = options.demo_procart_offline;
  runtime_options.demo_menu_file = options.demo_menu_file;
  runtime_options.config_path = options.config_path;
  runtime_options.assets_dir = options.assets_dir.empty() ? defaultAssetsDir() : options.assets_dir;
  runtime_options.state_dir = options.state_dir;
  runtime_options.cache_dir = options.cache_dir;
  std::unique_ptr<Runtime> runtime = Runtime::start(runtime_options, error);
  if (!runtime) {
    std::fprintf(stderr, "kiosk: %s\n", error.c_str());
    return 2;
  }
  app::KioskApp kiosk_app(*runtime, options);
  kiosk_app.setScriptHook([&runtime](const std::string& line) { return runtime->scriptCommand(line); });
  return kiosk_app.run();
}
