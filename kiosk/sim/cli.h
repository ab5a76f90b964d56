#pragma once
// The command line of `procart-sim` (see docs/EMULATOR.md).
#include <string>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/sim/emulator.h"

namespace procart_sim {

struct CommandLine {
  Options options;
  std::string host = "127.0.0.1";
  int port = 11111;  // ProCart's default on a local install; 0 = any free port
  bool verbose = false;
  bool help = false;
};

// `args` without the program name. Accepts `--name value` and `--name=value`.
kiosk::Expected<CommandLine, std::string> parseCommandLine(const std::vector<std::string>& args,
                                                           const std::string& default_menu);
std::string usageText();

}  // namespace procart_sim
