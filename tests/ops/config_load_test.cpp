// Loading kiosk.json + secrets.json: the valid case, and every way a file can be unusable.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "kiosk/ops/config.h"
#include "tests/ops/test_files.h"
#include "tests/ops/valid_config.h"

using namespace kiosk::ops;
using ops_test::TempDir;
using ops_test::writeFile;

namespace {

struct Files {
  TempDir dir;
  std::string config = dir.file("kiosk.json");
  std::string secrets = dir.file("secrets.json");
  Files(const std::string& config_text = ops_test::kValidConfigJson,
        const std::string& secrets_text = ops_test::kValidSecretsJson) {
    writeFile(config, config_text);
    writeFile(secrets, secrets_text, 0600);
  }
};

const ConfigProblem* findProblem(const ConfigLoad& load, const std::string& key) {
  auto it =
      std::find_if(load.problems.begin(), load.problems.end(), [&](const ConfigProblem& p) { return p.key == key; });
  return it == load.problems.end() ? nullptr : &*it;
}

std::string allProblems(const ConfigLoad& load) {
  std::string out;
  for (const auto& p : load.problems) out += describe(p) + "\n";
  return out;
}

}  // namespace

TEST_CASE("a complete valid config loads every value with no problem") {
  Files files;
  auto load = loadConfig(files.config);
  INFO(allProblems(load));
  CHECK(load.problems.empty());
  CHECK_FALSE(load.needsConfiguration());
  CHECK(load.secrets_path == files.secrets);  // found next to the config file

  const KioskConfig& c = load.config;
  CHECK(c.kiosk_id == "K2");
  CHECK(c.log_level == kiosk::log::Level::Debug);
  CHECK(c.procart.url == "http://10.0.0.5:11111/api/v3");  // trailing '/' dropped
  CHECK(c.procart.token == "3f2c8a7e-1b4d-4c6f-9a8e-7d5b3c1a2f00");
  CHECK(c.procart.token_location == TokenLocation::Header);
  CHECK(c.procart.token_header == "X-Procart-Token");
  CHECK(c.procart.connect_timeout_ms == 2000);
  CHECK(c.procart.menu_refresh_s == 300);
  CHECK(c.callback.listen_address == "10.0.0.21");
  CHECK(c.callback.listen_port == 9200);
  CHECK(c.callback.public_url == "http://kiosk2.local:9200");
  CHECK(c.callback.allow_from == std::vector<std::string>{"procart", "10.0.1.0/24", "10.0.0.7"});
  CHECK(c.callback.secret == "0123456789abcdef0123");
  CHECK(c.order.take_away_category_id == "1002");  // an integer id becomes a string
  CHECK(c.order.ask_table_number);
  CHECK(c.order.short_comment_template == "Киоск 2 №{number}");
  CHECK(c.order.currency_id == "5");
  CHECK(c.terminal.driver == TerminalDriver::Vtk);
  CHECK(c.terminal.params["host"] == "10.0.0.50");
  CHECK(c.terminal.params["nested"]["a"][1] == 2);
  CHECK(c.ui.languages == std::vector<kiosk::Lang>{kiosk::Lang::En, kiosk::Lang::Ru});
  CHECK(c.ui.default_language == kiosk::Lang::En);
  CHECK(c.ui.place_name.ru == "Бургерная на Невском");
  CHECK(c.ui.idle_prompt_s == 60);
  CHECK_FALSE(c.ui.upsell_enabled);
  REQUIRE(c.ui.upsell_rules.size() == 2);
  CHECK(c.ui.upsell_rules[0].unless_cart_has_category_ids == std::vector<std::string>{"drinks", "42"});
  CHECK(c.ui.upsell_rules[1].suggest_category_id == "7");
  CHECK(c.ui.upsell_rules[1].message_key == "upsell.add_drink");  // default message
  CHECK(c.ui.opening_hours.days[0] == DayHours{false, 9 * 60, 22 * 60});
  CHECK(c.ui.opening_hours.days[4] == DayHours{false, 10 * 60, 2 * 60});
  CHECK(c.ui.opening_hours.days[6].closed);
  CHECK(c.ui.opening_hours.days[1] == DayHours{});  // not given: open all day
  CHECK(c.ui.accessibility_default);
  CHECK(c.ui.out_of_order);
  CHECK(c.paths.state_dir == "/srv/kiosk-state");
  CHECK(c.health.listen == "127.0.0.1:9190");
}

TEST_CASE("a missing config file gives the defaults and says so") {
  TempDir dir;
  auto load = loadConfig(dir.file("nope.json"));
  CHECK(load.needsConfiguration());
  CHECK(load.config == KioskConfig{});
  auto* problem = findProblem(load, "");
  REQUIRE(problem != nullptr);
  CHECK(problem->file == dir.file("nope.json"));
  CHECK(problem->why == "cannot open: No such file or directory");
  // The required values are named too, so the staff screen can list what to fill in.
  CHECK(findProblem(load, "procart.token") != nullptr);
  CHECK(findProblem(load, "order.currency_id") != nullptr);
  CHECK(findProblem(load, "terminal.driver") != nullptr);
}

TEST_CASE("an unreadable config file is reported, not fatal") {
  Files files;
  if (::geteuid() != 0) {
    ::chmod(files.config.c_str(), 0000);
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    CHECK(load.config.kiosk_id == "K1");
    auto* problem = findProblem(load, "");
    REQUIRE(problem != nullptr);
    CHECK(problem->why == "cannot open: Permission denied");
  } else {
    // Root reads anything: check as an unprivileged user ("nobody") in a child process instead.
    ::chmod(files.dir.path().c_str(), 0755);
    ::chmod(files.config.c_str(), 0000);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
      auto load = loadConfig(files.config);
      auto* problem = findProblem(load, "");
      bool ok = load.needsConfiguration() && load.config.kiosk_id == "K1" && problem &&
                problem->why == "cannot open: Permission denied";
      ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // 3: could not drop privileges; 1: wrong result
  }
  // A directory where the file should be cannot be read by anyone.
  TempDir other;
  std::string as_directory = other.file("kiosk.json");
  ::mkdir(as_directory.c_str(), 0755);
  auto load = loadConfig(as_directory, LoadOptions{files.secrets, {}});
  CHECK(load.needsConfiguration());
  auto* problem = findProblem(load, "");
  REQUIRE(problem != nullptr);
  CHECK(problem->file == as_directory);
  CHECK(problem->why == "is a directory, not a file");
  CHECK(load.config.procart.token == "3f2c8a7e-1b4d-4c6f-9a8e-7d5b3c1a2f00");  // the secrets still load
}

TEST_CASE("a file that is not JSON gives the defaults and the position of the error") {
  SECTION("syntax error") {
    Files files("{\n  \"kiosk_id\": \"K2\",\n  \"log_level\" \"debug\"\n}\n");
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    CHECK(load.config.kiosk_id == "K1");  // nothing half-applied
    auto* problem = findProblem(load, "");
    REQUIRE(problem != nullptr);
    CHECK(problem->why.find("not valid JSON") == 0);
    CHECK(problem->why.find("line 3") != std::string::npos);
  }
  SECTION("empty") {
    Files files("  \n");
    auto load = loadConfig(files.config);
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->why == "empty file: expected a JSON object");
  }
  SECTION("not an object") {
    Files files("[1, 2, 3]");
    auto load = loadConfig(files.config);
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->why == "expected a JSON object at the top, got a list");
  }
  SECTION("binary garbage") {
    Files files(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    CHECK(load.config.kiosk_id == "K1");
  }
  SECTION("too large") {
    Files files(std::string(2 << 20, ' '));
    auto load = loadConfig(files.config);
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->why == "larger than 1024 KiB");
  }
}

TEST_CASE("what a careless operator could put in the files: each a precise line, the kiosk asks for setup") {
  auto json = [] { return nlohmann::json::parse(ops_test::kValidConfigJson, nullptr, true, true); };
  SECTION("/dev/zero as the config file") {
    Files files;
    auto load = loadConfig("/dev/zero", LoadOptions{files.secrets, {}});
    CHECK(load.needsConfiguration());
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->why == "not a regular file");
  }
  SECTION("invalid UTF-8 in a value") {
    auto j = json();
    std::string text = j.dump();
    const std::string from = "\"K2\"";
    text.replace(text.find(from), from.size(), "\"K\xff\xfe\"");
    Files files(text);
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->why.find("not valid JSON") == 0);
    CHECK(load.config.kiosk_id == "K1");
  }
  SECTION("a string of almost a megabyte") {
    auto j = json();
    j["ui"]["place_name"]["ru"] = std::string(900 * 1024, 'a');
    Files files(j.dump());
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    const ConfigProblem* problem = findProblem(load, "ui.place_name.ru");
    REQUIRE(problem != nullptr);
    CHECK(problem->why.size() < 200);  // the line names the key and why, it does not quote the value
  }
  SECTION("control characters in a name") {
    auto j = json();
    j["ui"]["place_name"]["en"] = "Burger\u0007House";
    Files files(j.dump());
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    REQUIRE(findProblem(load, "ui.place_name.en") != nullptr);
  }
  SECTION("a 10,000-character token") {
    Files files(ops_test::kValidConfigJson, R"({"procart": {"token": ")" + std::string(10000, 'f') + R"("}})");
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    const ConfigProblem* problem = findProblem(load, "procart.token");
    REQUIRE(problem != nullptr);
    CHECK(problem->why.find(std::string(100, 'f')) == std::string::npos);  // a secret is never quoted
    CHECK(load.config.procart.token.empty());
  }
  SECTION("a list at the top of the secrets file") {
    Files files(ops_test::kValidConfigJson, "[\"token\"]");
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    bool reported = false;
    for (const auto& p : load.problems) reported |= p.file == files.secrets && p.key.empty();
    CHECK(reported);
  }
}

TEST_CASE("a parse error in the secrets file quotes nothing of the file") {
  Files files(ops_test::kValidConfigJson, "{\"procart\": {\"token\": \"SECRET-TOKEN-VALUE\" \"x\"}}");
  auto load = loadConfig(files.config);
  CHECK(load.needsConfiguration());
  for (const auto& problem : load.problems) {
    CHECK(describe(problem).find("SECRET") == std::string::npos);
  }
}

TEST_CASE("a partly invalid file keeps its valid values and defaults the invalid ones") {
  auto json = nlohmann::json::parse(ops_test::kValidConfigJson, nullptr, true, true);
  json["ui"]["idle_prompt_s"] = 5000;
  json["procart"]["url"] = "ftp://10.0.0.5/api";
  Files files(json.dump());
  auto load = loadConfig(files.config);
  CHECK(load.needsConfiguration());
  CHECK(load.errors().size() == 2);
  CHECK(load.config.ui.idle_prompt_s == UiSettings{}.idle_prompt_s);
  CHECK(load.config.procart.url == ProcartSettings{}.url);
  CHECK(load.config.ui.idle_reset_s == 30);  // its neighbour is kept
  CHECK(load.config.kiosk_id == "K2");
}

TEST_CASE("a health address on the callback's port is refused and not used: the endpoint keeps its default") {
  auto json = nlohmann::json::parse(ops_test::kValidConfigJson, nullptr, true, true);
  json["callback"]["listen_port"] = 9300;
  json["health"]["listen"] = "127.0.0.1:9300";
  Files files(json.dump());
  auto load = loadConfig(files.config);
  const ConfigProblem* problem = findProblem(load, "health.listen");
  REQUIRE(problem);
  CHECK(problem->severity == Severity::Error);
  CHECK(problem->why == "port 9300 is already callback.listen_port; " + HealthSettings{}.listen + " is used instead");
  CHECK(load.config.health.listen == HealthSettings{}.listen);
  CHECK(load.config.callback.listen_port == 9300);
}

TEST_CASE("unknown keys are warnings and secrets in kiosk.json are refused") {
  auto json = nlohmann::json::parse(ops_test::kValidConfigJson, nullptr, true, true);
  json["ui"]["idle_promt_s"] = 30;  // a typo
  json["colour"] = "red";
  json["procart"]["token"] = "leaked-in-the-wrong-file";
  Files files(json.dump(), R"({"procart": {"token": "good-token"}, "callback": {"secret": ""}, "extra": 1})");
  auto load = loadConfig(files.config);
  INFO(allProblems(load));
  CHECK_FALSE(load.needsConfiguration());
  REQUIRE(findProblem(load, "ui.idle_promt_s") != nullptr);
  CHECK(findProblem(load, "ui.idle_promt_s")->severity == Severity::Warning);
  CHECK(findProblem(load, "ui.idle_promt_s")->why == "unknown key (ignored)");
  CHECK(findProblem(load, "colour") != nullptr);
  REQUIRE(findProblem(load, "procart.token") != nullptr);
  CHECK(findProblem(load, "procart.token")->file == files.config);
  CHECK(findProblem(load, "procart.token")->why.find("secrets file only") != std::string::npos);
  CHECK(load.config.procart.token == "good-token");  // from secrets.json, never from kiosk.json
  CHECK(findProblem(load, "extra") != nullptr);
  CHECK(findProblem(load, "callback.secret")->severity == Severity::Warning);  // callbacks refused, polling works
}

TEST_CASE("a missing or too open secrets file is reported") {
  SECTION("missing") {
    Files files;
    ::unlink(files.secrets.c_str());
    auto load = loadConfig(files.config);
    CHECK(load.needsConfiguration());
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->file == files.secrets);
    REQUIRE(findProblem(load, "procart.token") != nullptr);
    CHECK(findProblem(load, "procart.token")->why.find("not set") == 0);
    CHECK(load.config.kiosk_id == "K2");  // the main file still loads
  }
  SECTION("readable by others") {
    Files files;
    ::chmod(files.secrets.c_str(), 0644);
    auto load = loadConfig(files.config);
    CHECK_FALSE(load.needsConfiguration());
    REQUIRE(findProblem(load, "") != nullptr);
    CHECK(findProblem(load, "")->severity == Severity::Warning);
    CHECK(findProblem(load, "")->why == "other users may read it (mode 0644): chmod 600 it");
  }
  SECTION("an explicit path") {
    Files files;
    TempDir elsewhere;
    std::string path = elsewhere.file("s.json");
    writeFile(path, R"({"procart": {"token": "other-token"}})", 0600);
    auto load = loadConfig(files.config, LoadOptions{path, {}});
    CHECK(load.secrets_path == path);
    CHECK(load.config.procart.token == "other-token");
  }
}

TEST_CASE("the simulated terminal loads with a warning and driver params go through the driver check") {
  auto json = nlohmann::json::parse(ops_test::kValidConfigJson, nullptr, true, true);
  json["terminal"]["driver"] = "sim";
  Files files(json.dump());
  auto load = loadConfig(files.config);
  CHECK_FALSE(load.needsConfiguration());
  REQUIRE(findProblem(load, "terminal.driver") != nullptr);
  CHECK(findProblem(load, "terminal.driver")->severity == Severity::Warning);

  TerminalDriver seen = TerminalDriver::None;
  LoadOptions options;
  options.check_terminal = [&](TerminalDriver driver, const nlohmann::json& params) -> std::string {
    seen = driver;
    return params.contains("scenario") ? "" : "\"scenario\": required";
  };
  load = loadConfig(files.config, options);
  CHECK(seen == TerminalDriver::Sim);
  REQUIRE(findProblem(load, "terminal.params") != nullptr);
  CHECK(findProblem(load, "terminal.params")->why == "\"scenario\": required");
  CHECK(load.needsConfiguration());
}

TEST_CASE("describe() names the file, the key, the reason and the severity") {
  ConfigProblem problem{"order.short_comment_template", "too long", Severity::Error, "/etc/procart-kiosk/kiosk.json"};
  CHECK(describe(problem) == "/etc/procart-kiosk/kiosk.json: order.short_comment_template: too long (error)");
  problem.severity = Severity::Warning;
  problem.file.clear();
  CHECK(describe(problem) == "order.short_comment_template: too long (warning)");
}
