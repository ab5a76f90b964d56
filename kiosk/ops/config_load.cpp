// Loading both files, and the rules that span several keys.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>

#include "kiosk/common/expected.h"
#include "kiosk/ops/config_parse.h"
#include "kiosk/ops/net_address.h"

namespace kiosk::ops {
namespace {

constexpr size_t kMaxFileBytes = 1 << 20;  // a config is a few kilobytes; anything huge is a mistake

}  // namespace

Expected<std::string, std::string> readConfigFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Unexpected{std::string("cannot open: ") + std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    std::string why = std::string("cannot stat: ") + std::strerror(errno);
    ::close(fd);
    return Unexpected{why};
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Unexpected{std::string("is a directory, not a file")};
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Unexpected{std::string("not a regular file")};
  }
  if (static_cast<size_t>(st.st_size) > kMaxFileBytes) {
    ::close(fd);
    return Unexpected{"larger than " + std::to_string(kMaxFileBytes / 1024) + " KiB"};
  }
  std::string text;
  char buffer[8192];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string why = std::string("cannot read: ") + std::strerror(errno);
      ::close(fd);
      return Unexpected{why};
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxFileBytes) {
      ::close(fd);
      return Unexpected{"larger than " + std::to_string(kMaxFileBytes / 1024) + " KiB"};
    }
  }
  ::close(fd);
  return text;
}

namespace {

// "a" equals "b" or lies inside it.
bool sameOrInside(const std::string& a, const std::string& b) {
  return a == b || (a.size() > b.size() && a.compare(0, b.size(), b) == 0 && (b == "/" || a[b.size()] == '/'));
}

}  // namespace

std::string describe(const ConfigProblem& problem) {
  std::string out;
  if (!problem.file.empty()) out += problem.file + ": ";
  if (!problem.key.empty()) out += problem.key + ": ";
  out += problem.why;
  out += problem.severity == Severity::Error ? " (error)" : " (warning)";
  return out;
}

bool ConfigLoad::needsConfiguration() const {
  for (const auto& problem : problems) {
    if (problem.severity == Severity::Error) return true;
  }
  return false;
}

std::vector<ConfigProblem> ConfigLoad::errors() const {
  std::vector<ConfigProblem> out;
  for (const auto& problem : problems) {
    if (problem.severity == Severity::Error) out.push_back(problem);
  }
  return out;
}

std::string defaultSecretsPath(const std::string& config_path) {
  auto parent = std::filesystem::path(config_path).parent_path();
  return (parent.empty() ? std::filesystem::path(kSecretsFileName) : parent / kSecretsFileName).string();
}

void checkAcrossKeys(const KioskConfig& c, std::vector<ConfigProblem>& problems, const std::string& config_file,
                     const std::string& secrets_file, const TerminalParamsCheck& check_terminal) {
  auto error = [&](const std::string& file, std::string key, std::string why) {
    problems.push_back({std::move(key), std::move(why), Severity::Error, file});
  };
  auto warn = [&](const std::string& file, std::string key, std::string why) {
    problems.push_back({std::move(key), std::move(why), Severity::Warning, file});
  };

  // Required: without these no order can be taken.
  if (c.procart.token.empty()) {
    error(secrets_file, "procart.token", "not set: this kiosk's ProCart token (from ProCart's settings file)");
  }
  if (c.order.currency_id.empty()) {
    error(config_file, "order.currency_id", "not set: the r_keeper payment type (currency) id for card payments");
  }
  switch (c.terminal.driver) {
    case TerminalDriver::None:
      error(config_file, "terminal.driver", "not set: choose \"vtk\", \"sbpilot\" or \"sim\"");
      break;
    case TerminalDriver::Sim:
      warn(config_file, "terminal.driver", "\"sim\": the simulated terminal takes no real payment");
      break;
    default:
      break;
  }
  if (c.terminal.driver != TerminalDriver::None && check_terminal) {
    std::string why;
    try {
      why = check_terminal(c.terminal.driver, c.terminal.params);
    } catch (const std::exception& e) {
      why = std::string("the driver's check failed: ") + e.what();
    }
    if (!why.empty()) error(config_file, "terminal.params", why);
  }

  if (!c.order.offer_eat_in && !c.order.offer_take_away) {
    error(config_file, "order.offer_take_away", "at least one of order.offer_eat_in and order.offer_take_away");
  }
  if (c.order.offer_eat_in && c.order.offer_take_away) {
    if (c.order.eat_in_category_id.empty()) {
      warn(config_file, "order.eat_in_category_id",
           "empty: staff cannot tell eat-in orders from take-away in r_keeper");
    }
    if (c.order.take_away_category_id.empty()) {
      warn(config_file, "order.take_away_category_id",
           "empty: staff cannot tell take-away orders from eat-in in r_keeper");
    }
  }

  if (std::find(c.ui.languages.begin(), c.ui.languages.end(), c.ui.default_language) == c.ui.languages.end()) {
    error(config_file, "ui.default_language", "must be one of ui.languages");
  }

  if (sameOrInside(c.paths.state_dir, c.paths.cache_dir) || sameOrInside(c.paths.cache_dir, c.paths.state_dir)) {
    error(config_file, "paths.state_dir", "must not be, or lie inside, paths.cache_dir (a cache may be wiped)");
  }

  std::string why;
  auto health = c.health.listen.empty() ? std::nullopt : parseListenAddress(c.health.listen, why);
  if (health && health->port != 0 && health->port == c.callback.listen_port) {
    error(config_file, "health.listen", "port " + std::to_string(health->port) + " is already callback.listen_port");
  }

  if (c.callback.secret.empty()) {
    warn(secrets_file, "callback.secret",
         "not set: a random secret is made at each start (the callback URL changes with it); set one to keep it stable");
  }
}

ConfigLoad loadConfig(const std::string& config_path, const LoadOptions& options) {
  ConfigLoad out;
  out.config_path = config_path;
  out.secrets_path = options.secrets_path.empty() ? defaultSecretsPath(config_path) : options.secrets_path;

  auto config_text = readConfigFile(config_path);
  if (config_text) {
    parseConfigText(*config_text, out.config, out.problems, config_path);
  } else {
    out.problems.push_back({"", config_text.error(), Severity::Error, config_path});
  }

  auto secrets_text = readConfigFile(out.secrets_path);
  if (secrets_text) {
    struct stat st {};
    if (::stat(out.secrets_path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      out.problems.push_back({"", std::string("other users may read it (mode ") + mode + "): chmod 600 it",
                              Severity::Warning, out.secrets_path});
    }
    parseSecretsText(*secrets_text, out.config, out.problems, out.secrets_path);
  } else {
    out.problems.push_back({"", secrets_text.error(), Severity::Error, out.secrets_path});
  }

  checkAcrossKeys(out.config, out.problems, config_path, out.secrets_path, options.check_terminal);
  // A health address refused across keys (the callback's port) is not used: the endpoint would never start. The
  // default takes its place, and the problem line says so.
  for (ConfigProblem& problem : out.problems) {
    if (problem.key != "health.listen" || problem.severity != Severity::Error) continue;
    const std::string fallback = KioskConfig{}.health.listen;
    if (out.config.health.listen != fallback) {
      out.config.health.listen = fallback;
      problem.why += "; " + fallback + " is used instead";
    }
  }
  return out;
}

}  // namespace kiosk::ops
