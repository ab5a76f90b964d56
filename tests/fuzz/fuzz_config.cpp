// Fuzz target: the kiosk's two settings files → loadConfig (files on disk) and parseConfigText (the staff screen).
// The input is kiosk.json, optionally followed by a NUL byte and secrets.json.
// Properties: nothing throws or crashes; every problem names its file and says why; a config that loaded is
// saved and read back to the same config (the staff screen saves what it loaded: a lossy round trip would
// change settings nobody touched).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ops/config.h"
#include "tests/fuzz/fuzz_support.h"

namespace ops = kiosk::ops;

namespace {

void checkProblems(const std::vector<ops::ConfigProblem>& problems) {
  for (const auto& p : problems) {
    FUZZ_CHECK(!p.why.empty(), "a config problem without a reason at key '" + p.key + "'");
    FUZZ_CHECK(!ops::describe(p).empty(), "an empty problem description");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kiosk_fuzz::quietLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\0');
  std::string_view config_text = input.substr(0, split);
  std::string_view secrets_text = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);

  // The staff screen's path: text only.
  ops::KioskConfig parsed;
  std::vector<ops::ConfigProblem> parse_problems;
  ops::parseConfigText(std::string(config_text), parsed, parse_problems);
  checkProblems(parse_problems);
  checkProblems(ops::validateConfig(parsed));

  // Save → read back gives the same settings.
  ops::KioskConfig reread;
  std::vector<ops::ConfigProblem> reread_problems;
  ops::parseConfigText(ops::configToText(parsed), reread, reread_problems);
  FUZZ_CHECK(reread == parsed, "configToText → parseConfigText changed the settings");

  // The start-up path: both files from disk (secrets.json with the mode loadConfig insists on).
  const std::string& dir = kiosk_fuzz::scratchDir();
  const std::string config_path = dir + "/kiosk.json";
  const std::string secrets_path = dir + "/secrets.json";
  kiosk_fuzz::writeFile(config_path, config_text, 0644);
  kiosk_fuzz::writeFile(secrets_path, secrets_text, 0600);
  ops::LoadOptions options;
  options.secrets_path = secrets_path;
  options.check_terminal = [](ops::TerminalDriver, const nlohmann::json& params) {
    return params.is_object() ? std::string() : std::string("params must be an object");
  };
  ops::ConfigLoad load = ops::loadConfig(config_path, options);
  checkProblems(load.problems);
  (void)load.needsConfiguration();
  (void)ops::secretsToText(load.config);
  return 0;
}
