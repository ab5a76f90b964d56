#pragma once
// `kiosk --set-pin staff|admin [--config PATH]`: reads a new PIN from stdin and stores its hash in the secrets file.
// The default config has no PIN, so staff entry stays closed until someone with access to the machine runs this.
#include <iosfwd>
#include <string>

namespace kiosk::ops {

inline constexpr const char* kKioskUser = "procart-kiosk";  // owner of a secrets file created by root

// Reads the PIN from the first line of `in` (and, with `confirm`, the same PIN again from the second), checks it,
// and writes its hash into `secrets_path`, keeping the other secrets. A secrets file that cannot be read or
// parsed is left alone. When the file has no callback secret yet, one is generated.
// Returns the exit code: 0 done, 1 refused (the reason on `err`), 2 usage (unknown role).
int runSetPin(const std::string& role, const std::string& secrets_path, std::istream& in, std::ostream& out,
              std::ostream& err, bool confirm = false);

// The same on the process's stdin; when stdin is a terminal the echo is off and the PIN is asked twice.
int runSetPinFromStdin(const std::string& role, const std::string& secrets_path);

}  // namespace kiosk::ops
