#include "kiosk/ops/set_pin_command.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <pwd.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "kiosk/ops/config.h"
#include "kiosk/ops/config_parse.h"
#include "kiosk/ops/pin.h"

namespace kiosk::ops {
namespace {

// Wipes the PIN text when it goes out of scope.
struct SecretLine {
  std::string text;
  ~SecretLine() {
    if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
  }
};

bool readLine(std::istream& in, SecretLine& line) {
  if (!std::getline(in, line.text)) return false;
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  return true;
}

std::string randomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) return {};
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
  return out;
}

// A secrets file created by root belongs to the kiosk user, or the kiosk could not read it.
void handToKioskUser(const std::string& path, std::ostream& err) {
  if (::geteuid() != 0) return;
  passwd* user = ::getpwnam(kKioskUser);
  if (!user) return;
  if (::chown(path.c_str(), user->pw_uid, user->pw_gid) != 0) {
    err << "warning: cannot give " << path << " to " << kKioskUser << ": " << std::strerror(errno) << "\n";
  }
}

}  // namespace

int runSetPin(const std::string& role_name, const std::string& secrets_path, std::istream& in, std::ostream& out,
              std::ostream& err, bool confirm) {
  StaffRole role{};
  if (!parseRole(role_name, role)) {
    err << "usage: kiosk --set-pin staff|admin   (the PIN is read from stdin)\n";
    return 2;
  }

  // Start from the secrets already there, so that the token and the other PIN survive.
  KioskConfig secrets;
  struct stat st {};
  bool existed = ::stat(secrets_path.c_str(), &st) == 0;
  if (existed) {
    std::vector<ConfigProblem> problems;
    auto text = readConfigFile(secrets_path);
    if (text) {
      parseSecretsText(*text, secrets, problems, secrets_path);
    } else {
      problems.push_back({"", text.error(), Severity::Error, secrets_path});
    }
    bool broken = false;
    for (const auto& problem : problems) {
      err << describe(problem) << "\n";
      broken = broken || problem.severity == Severity::Error;
    }
    if (broken) {
      err << "refusing to rewrite " << secrets_path << ": fix the problems above first\n";
      return 1;
    }
  }

  SecretLine pin, again;
  if (!readLine(in, pin)) {
    err << "no PIN on stdin\n";
    return 1;
  }
  if (confirm && (!readLine(in, again) || again.text != pin.text)) {
    err << "the two PINs differ; nothing changed\n";
    return 1;
  }
  std::string why = checkNewPin(pin.text);
  if (!why.empty()) {
    err << "PIN refused: " << why << "; nothing changed\n";
    return 1;
  }
  std::string hash = hashPin(pin.text);
  if (hash.empty()) {
    err << "cannot hash the PIN (no random numbers from the system); nothing changed\n";
    return 1;
  }
  (role == StaffRole::Admin ? secrets.pins.admin : secrets.pins.staff) = hash;
  if (secrets.callback.secret.empty()) {
    secrets.callback.secret = randomHex(16);
    out << "generated a callback secret\n";
  }

  std::string error = saveSecrets(secrets, secrets_path);
  if (!error.empty()) {
    err << error << "\n";
    return 1;
  }
  if (!existed) handToKioskUser(secrets_path, err);
  out << "the " << roleName(role) << " PIN is set in " << secrets_path << " (a running kiosk reads it on restart)\n";
  return 0;
}

int runSetPinFromStdin(const std::string& role, const std::string& secrets_path) {
  termios saved{};
  bool terminal = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (!terminal) return runSetPin(role, secrets_path, std::cin, std::cout, std::cerr, false);

  termios quiet = saved;
  quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::cerr << "New " << role << " PIN, then the same again (not shown): " << std::flush;
  int code = runSetPin(role, secrets_path, std::cin, std::cout, std::cerr, true);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  return code;
}

}  // namespace kiosk::ops
