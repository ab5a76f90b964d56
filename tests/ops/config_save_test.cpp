// Saving: atomic, mode 0600 for secrets, and load(save(config)) == config.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "kiosk/ops/config.h"
#include "kiosk/ops/pin.h"
#include "tests/ops/test_files.h"
#include "tests/ops/valid_config.h"

using namespace kiosk::ops;
using ops_test::TempDir;

namespace {

// A config where every value differs from the default.
KioskConfig everythingChanged() {
  KioskConfig c;
  c.kiosk_id = "Hall-3";
  c.log_level = kiosk::log::Level::Warn;
  c.procart.url = "https://procart.example.ru:8443/api/v3";
  c.procart.token = "3f2c8a7e-1b4d-4c6f-9a8e-7d5b3c1a2f00";
  c.procart.token_location = TokenLocation::Header;
  c.procart.token_header = "X-Token";
  c.procart.connect_timeout_ms = 1500;
  c.procart.request_timeout_ms = 9000;
  c.procart.menu_timeout_ms = 45000;
  c.procart.menu_refresh_s = 600;
  c.procart.status_poll_s = 2;
  c.callback.listen_address = "::";
  c.callback.listen_port = 0;
  c.callback.public_url = "http://[fd00::21]:9181";
  c.callback.allow_from = {"procart", "10.0.1.0/24", "fd00::/8"};
  c.callback.secret = "s3cr3t-s3cr3t-s3cr3t";
  c.order.eat_in_category_id = "10";
  c.order.take_away_category_id = "11";
  c.order.offer_eat_in = false;
  c.order.ask_table_number = true;
  c.order.table_code = "Т-1";
  c.order.short_comment_template = "№{number} «Киоск»";
  c.order.currency_id = "1003";
  c.terminal.driver = TerminalDriver::SbPilot;
  c.terminal.params = {{"working_dir", "/opt/sb_pilot"}, {"profile", {{"encoding", "koi8-r"}, {"lines", {1, 2, 3}}}}};
  c.ui.languages = {kiosk::Lang::En};
  c.ui.default_language = kiosk::Lang::En;
  c.ui.place_name = {"Пышечная", "Pyshechnaya \"Cafe\""};
  c.ui.idle_prompt_s = 30;
  c.ui.idle_reset_s = 20;
  c.ui.done_reset_s = 10;
  c.ui.upsell_enabled = false;
  c.ui.upsell_rules = {{"drinks", {"drinks", "juices"}, "upsell.add_drink"}, {"desserts", {}, "upsell.sweet"}};
  c.ui.accessibility_default = true;
  c.ui.opening_hours.days[0] = {false, 8 * 60 + 30, 23 * 60};
  c.ui.opening_hours.days[4] = {false, 18 * 60, 3 * 60};
  c.ui.opening_hours.days[6] = {true, 0, 0};
  c.ui.out_of_order = true;
  c.paths.cache_dir = "/run/kiosk/cache";
  c.paths.state_dir = "/data/kiosk";
  c.health.listen = "[::1]:9300";
  c.pins.staff = hashPin("2580");
  c.pins.admin = hashPin("147369");
  return c;
}

}  // namespace

TEST_CASE("save then load gives back the same config, with no problem") {
  TempDir dir;
  KioskConfig original = everythingChanged();
  REQUIRE(saveConfig(original, dir.file("kiosk.json")).empty());
  REQUIRE(saveSecrets(original, dir.file("secrets.json")).empty());

  ConfigLoad load = loadConfig(dir.file("kiosk.json"));
  std::string all;
  for (const auto& p : load.problems) all += describe(p) + "\n";
  INFO(all);
  CHECK(load.problems.empty());
  CHECK(load.config == original);
  CHECK(verifyPin("2580", load.config.pins.staff));

  // And the defaults round-trip too (they need configuration, but lose nothing).
  REQUIRE(saveConfig(KioskConfig{}, dir.file("kiosk.json")).empty());
  REQUIRE(saveSecrets(KioskConfig{}, dir.file("secrets.json")).empty());
  CHECK(loadConfig(dir.file("kiosk.json")).config == KioskConfig{});
}

TEST_CASE("the config file holds no secret and the secrets file is 0600") {
  TempDir dir;
  KioskConfig config = everythingChanged();
  REQUIRE(saveConfig(config, dir.file("kiosk.json")).empty());
  REQUIRE(saveSecrets(config, dir.file("secrets.json")).empty());
  std::string text = ops_test::readFile(dir.file("kiosk.json"));
  CHECK(text.find(config.procart.token) == std::string::npos);
  CHECK(text.find(config.callback.secret) == std::string::npos);
  CHECK(text.find("pbkdf2") == std::string::npos);
  CHECK(text.find("Пышечная") != std::string::npos);  // readable UTF-8, not \u escapes
  CHECK(ops_test::fileMode(dir.file("kiosk.json")) == 0644);
  CHECK(ops_test::fileMode(dir.file("secrets.json")) == 0600);

  // An existing, too-open secrets file is tightened when saved.
  ::chmod(dir.file("secrets.json").c_str(), 0644);
  REQUIRE(saveSecrets(config, dir.file("secrets.json")).empty());
  CHECK(ops_test::fileMode(dir.file("secrets.json")) == 0600);
}

TEST_CASE("saving replaces the file atomically and leaves no temp file") {
  TempDir dir;
  ops_test::writeFile(dir.file("kiosk.json"), "old content");
  KioskConfig config = everythingChanged();
  REQUIRE(saveConfig(config, dir.file("kiosk.json")).empty());
  int entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
    CHECK(entry.path().filename() == "kiosk.json");
  }
  CHECK(entries == 1);
  CHECK(ops_test::readFile(dir.file("kiosk.json")) == configToText(config));
}

TEST_CASE("saving into a missing directory fails with a reason and no crash") {
  TempDir dir;
  std::string error = saveConfig(KioskConfig{}, dir.file("missing/kiosk.json"));
  CHECK(error.find("cannot create") != std::string::npos);
  CHECK(error.find("No such file or directory") != std::string::npos);
}

TEST_CASE("saving keeps the owner of an existing file") {
  if (::geteuid() != 0) {
    WARN("needs root to chown; skipped");
    return;
  }
  TempDir dir;
  std::string path = dir.file("secrets.json");
  ops_test::writeFile(path, "{}", 0600);
  REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);  // nobody:nogroup, as the kiosk user would own it
  REQUIRE(saveSecrets(everythingChanged(), path).empty());
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK(st.st_uid == 65534u);
  CHECK(st.st_gid == 65534u);
  CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE("the kiosk user can save over a root-owned kiosk.json in its writable directory") {
  if (::geteuid() != 0) {
    WARN("needs root to set up the owners; skipped");
    return;
  }
  TempDir dir;
  std::string path = dir.file("kiosk.json");
  ops_test::writeFile(path, "{}", 0644);                // root-owned, as the package installs it
  REQUIRE(::chown(dir.path().c_str(), 0, 65534) == 0);  // root:<kiosk group>, group-writable, as postinst sets it
  REQUIRE(::chmod(dir.path().c_str(), 02775) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    ::_exit(saveConfig(everythingChanged(), path).empty() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK(st.st_uid == 65534u);
  CHECK(ops_test::readFile(path) == configToText(everythingChanged()));
}

TEST_CASE("validateConfig checks an edited config in memory by the rules of loading") {
  KioskConfig config = everythingChanged();
  CHECK(validateConfig(config).empty());

  config.order.short_comment_template = "Очень длинный комментарий для POS №{number}";
  config.ui.idle_prompt_s = 1;
  config.procart.token.clear();
  config.ui.languages.clear();
  auto problems = validateConfig(config);
  std::vector<std::string> keys;
  for (const auto& p : problems) {
    if (p.severity == Severity::Error) keys.push_back(p.key);
  }
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"order.short_comment_template", "procart.token", "ui.default_language",
                                         "ui.idle_prompt_s", "ui.languages"});

  // Invalid UTF-8 typed into a field does not break saving; validation names it.
  KioskConfig bad = everythingChanged();
  bad.ui.place_name.ru = std::string("\xff\xfe");
  CHECK_FALSE(configToText(bad).empty());
  bool named = false;
  for (const auto& p : validateConfig(bad)) named = named || p.key == "ui.place_name.ru";
  CHECK(named);
}
