#pragma once
// The kiosk's command line:
//   kiosk [--demo] [--config PATH] [--windowed WxH] [--script FILE] [--screenshots DIR] [--assets DIR]
//         [--ui-scale F] [--font-dir DIR] [--frame-stats] [--max-seconds N] [--version] [--help]
//         [--demo-procart-offline] [--state-dir DIR] [--cache-dir DIR] [--set-pin staff|admin]
#include <string>
#include <vector>

namespace kiosk::app {

struct AppOptions {
  bool demo = false;
  std::string config_path;
  bool windowed = false;
  int width = 1080;  // with --windowed
  int height = 1920;
  std::string script_path;
  std::string screenshots_dir;
  std::string assets_dir;
  float ui_scale = 1.f;            // multiplies the size derived from the display
  std::string font_dir;            // default: Debian's DejaVu fonts
  bool frame_stats = false;        // print CPU time per frame at exit
  double max_seconds = 0.0;        // quit after this long (0: never); for measurements and screenshot runs
  bool demo_procart_offline = false;  // demo with the emulator stopped until a script says "procart start"
  std::string demo_menu_file;        // --demo-menu FILE: the emulator serves this menu (benchmarks, trials)
  std::string state_dir;             // overrides paths.state_dir (journal); demo: a temp dir unless given
  std::string cache_dir;             // overrides paths.cache_dir (menu, images); demo: a temp dir unless given
  std::string set_pin_role;          // --set-pin staff|admin: read a PIN from stdin, store its hash, exit
  bool version = false;
  bool help = false;
};

// Parses argv; returns an error text (empty on success). Nothing is checked on disk here.
std::string parseAppOptions(const std::vector<std::string>& args, AppOptions& out);
const char* appUsage();

}  // namespace kiosk::app
