#pragma once
// Text → KioskConfig for both files (internal to kiosk/ops; the public entry points are in config.h).
#include <string>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/ops/config.h"

namespace kiosk::ops {

// The whole file (≤ 1 MiB), or a precise reason: missing, permission denied, a directory, too large.
Expected<std::string, std::string> readConfigFile(const std::string& path);

// Parses secrets.json text into the secret fields of `config`, appending problems. Problems never quote values.
void parseSecretsText(const std::string& text, KioskConfig& config, std::vector<ConfigProblem>& problems,
                      const std::string& file);

// The rules that span several keys or concern required values (token, currency, terminal driver …).
void checkAcrossKeys(const KioskConfig& config, std::vector<ConfigProblem>& problems, const std::string& config_file,
                     const std::string& secrets_file, const TerminalParamsCheck& check_terminal);

}  // namespace kiosk::ops
