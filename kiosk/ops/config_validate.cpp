// Validation of a config held in memory (edited by the staff screen): the schema's checks run on the values
// themselves, then the rules across keys. Loading applies the same checks while reading.
#include "kiosk/ops/config_parse.h"
#include "kiosk/ops/config_schema.h"

namespace kiosk::ops {
namespace {

class Checker {
 public:
  explicit Checker(std::vector<ConfigProblem>& problems) : problems_(problems) {}

  template <class F>
  void section(const char* name, F visit_keys) {
    path_.push_back(name);
    visit_keys();
    path_.pop_back();
  }
  void text(const char* name, std::string& value, std::string (*check)(std::string&)) {
    std::string copy = value;
    std::string why = check(copy);
    if (!why.empty()) error(keyOf(name), why);
  }
  void id(const char* name, std::string& value, std::string (*check)(std::string&)) { text(name, value, check); }
  void integer(const char* name, int& value, int min, int max) {
    if (value < min || value > max) {
      error(keyOf(name), std::to_string(value) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    }
  }
  void flag(const char*, bool&) {}

  template <class E>
  void choice(const char* name, E& value, const std::vector<schema::Word<E>>& words) {
    for (const auto& word : words) {
      if (word.value == value) return;
    }
    error(keyOf(name), "not one of the allowed values");
  }

  template <class T>
  void custom(const char* name, T& value, const schema::Custom<T>& codec) {
    // A custom value is checked by writing it and reading it back through its own codec.
    auto text = codec.write(value).dump(-1, ' ', false, schema::OrderedJson::error_handler_t::replace);
    schema::Report report;
    T scratch = value;
    codec.read(schema::Json::parse(text), scratch, report);
    for (auto& item : report.items) problems_.push_back({keyOf(name) + item.subkey, item.why, item.severity, ""});
  }

 private:
  std::string keyOf(const char* name) const {
    std::string key;
    for (const auto& part : path_) key += part + ".";
    return key + name;
  }
  void error(std::string key, std::string why) {
    problems_.push_back({std::move(key), std::move(why), Severity::Error, ""});
  }

  std::vector<ConfigProblem>& problems_;
  std::vector<std::string> path_;
};

}  // namespace

std::vector<ConfigProblem> validateConfig(const KioskConfig& config, const TerminalParamsCheck& check_terminal) {
  std::vector<ConfigProblem> problems;
  KioskConfig copy = config;  // the visitor takes mutable references; the checker changes nothing
  Checker checker(problems);
  schema::visitConfig(checker, copy);
  schema::visitSecrets(checker, copy);
  checkAcrossKeys(config, problems, "", "", check_terminal);
  return problems;
}

}  // namespace kiosk::ops
