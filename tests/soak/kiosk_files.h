#pragma once
// The kiosk.json and secrets.json the soak's kiosk runs with (docs/CONFIGURATION.md): ProCart = the round's
// emulator, terminal = the driver's simulated terminal over loopback, no health endpoint, short timeouts.
#include <string>

namespace soak {

struct KioskFiles {
  std::string config_path;   // secrets.json is written next to it
  std::string procart_url;
  std::string token;
  int terminal_port = 0;
  std::string state_dir;
  std::string cache_dir;
};

// "" or what failed.
std::string writeKioskFiles(const KioskFiles& files);

}  // namespace soak
