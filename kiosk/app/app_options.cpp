#include "kiosk/app/app_options.h"

#include <charconv>
#include <cstdlib>

namespace kiosk::app {
namespace {

bool parseInt(const std::string& text, int& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// "1080x1920" → width, height (each 200..10000).
bool parseSize(const std::string& text, int& width, int& height) {
  size_t x = text.find_first_of("xX");
  if (x == std::string::npos) return false;
  if (!parseInt(text.substr(0, x), width) || !parseInt(text.substr(x + 1), height)) return false;
  return width >= 200 && height >= 200 && width <= 10000 && height <= 10000;
}

bool parseNumber(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

}  // namespace

const char* appUsage() {
  return "usage: kiosk [--demo] [--config PATH] [--windowed WxH] [--script FILE] [--screenshots DIR]\n"
         "             [--assets DIR] [--ui-scale F] [--font-dir DIR] [--frame-stats] [--max-seconds N]\n"
         "             [--demo-procart-offline] [--demo-menu FILE] [--state-dir DIR] [--cache-dir DIR] [--set-pin staff|admin]\n"
         "             [--version] [--help]\n"
         "  --demo            embedded ProCart emulator and simulated card terminal\n"
         "  --demo-procart-offline  demo with the emulator down until a script's `procart start`\n"
         "  --demo-menu FILE  demo with this menu file (the emulator's format) and its images/ beside it\n"
         "  --config PATH     settings file (default /etc/procart-kiosk/kiosk.json)\n"
         "  --state-dir DIR   payment journal here instead of paths.state_dir\n"
         "  --cache-dir DIR   menu and image cache here instead of paths.cache_dir\n"
         "  --set-pin ROLE    read a new staff|admin PIN from stdin, store its hash in the secrets file, exit\n"
         "  --windowed WxH    a window of this size instead of fullscreen (development)\n"
         "  --script FILE     replay a script of taps, waits and checks; exit 0 when it passes\n"
         "  --screenshots DIR where the script's `screenshot NAME` writes NAME.png\n";
}

std::string parseAppOptions(const std::vector<std::string>& args, AppOptions& out) {
  out = AppOptions{};
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string& into) -> bool {
      if (i + 1 >= args.size() || args[i + 1].empty()) return false;
      into = args[++i];
      return true;
    };
    std::string text;
    if (arg == "--demo") {
      out.demo = true;
    } else if (arg == "--version") {
      out.version = true;
    } else if (arg == "--help" || arg == "-h") {
      out.help = true;
    } else if (arg == "--frame-stats") {
      out.frame_stats = true;
    } else if (arg == "--demo-procart-offline") {
      out.demo = true;
      out.demo_procart_offline = true;
    } else if (arg == "--demo-menu") {
      out.demo = true;
      if (!value(out.demo_menu_file)) return "--demo-menu needs a menu file";
    } else if (arg == "--state-dir") {
      if (!value(out.state_dir)) return "--state-dir needs a directory";
    } else if (arg == "--cache-dir") {
      if (!value(out.cache_dir)) return "--cache-dir needs a directory";
    } else if (arg == "--set-pin") {
      if (!value(out.set_pin_role) || (out.set_pin_role != "staff" && out.set_pin_role != "admin"))
        return "--set-pin needs a role: staff or admin";
    } else if (arg == "--config") {
      if (!value(out.config_path)) return "--config needs a path";
    } else if (arg == "--script") {
      if (!value(out.script_path)) return "--script needs a file";
    } else if (arg == "--screenshots") {
      if (!value(out.screenshots_dir)) return "--screenshots needs a directory";
    } else if (arg == "--assets") {
      if (!value(out.assets_dir)) return "--assets needs a directory";
    } else if (arg == "--font-dir") {
      if (!value(out.font_dir)) return "--font-dir needs a directory";
    } else if (arg == "--windowed") {
      if (!value(text) || !parseSize(text, out.width, out.height)) {
        return "--windowed needs a size such as 1080x1920 (each side 200..10000)";
      }
      out.windowed = true;
    } else if (arg == "--ui-scale") {
      double scale = 0;
      if (!value(text) || !parseNumber(text, scale) || scale < 0.25 || scale > 4.0) {
        return "--ui-scale needs a number between 0.25 and 4";
      }
      out.ui_scale = static_cast<float>(scale);
    } else if (arg == "--max-seconds") {
      if (!value(text) || !parseNumber(text, out.max_seconds) || out.max_seconds <= 0) {
        return "--max-seconds needs a positive number";
      }
    } else {
      return "unknown option " + arg;
    }
  }
  if (!out.screenshots_dir.empty() && out.script_path.empty()) return "--screenshots needs --script";
  return {};
}

}  // namespace kiosk::app
