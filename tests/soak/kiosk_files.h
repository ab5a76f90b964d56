#pragma once
// The kiosk.json and secrets.json the soak's kiosk runs with (docs/CONFIGURATION.md): ProCart = the round's
// emulator, terminal = the round's terminal peer (its "terminal" section), no health endpoint, short timeouts.
#include <string>

#include <nlohmann/json.hpp>

namespace soak {

struct KioskFiles {
  std::string config_path;   // secrets.json is written next to it
  std::string procart_url;
  std::string token;
  nlohmann::json terminal;  // {"driver": …, "params": {…}} (TerminalPeer::kioskTerminal)
  std::string state_dir;
  std::string cache_dir;
};

// "" or what failed.
std::string writeKioskFiles(const KioskFiles& files);

}  // namespace soak
