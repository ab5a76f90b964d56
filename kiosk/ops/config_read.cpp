// Reading: walks config_schema.h over parsed JSON. A value of the wrong type or out of range is reported and the
// default stays; unknown keys are reported as warnings; nothing throws.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/ops/config_parse.h"
#include "kiosk/ops/config_schema.h"

namespace kiosk::ops {
namespace {

using schema::Json;

std::string typeName(const Json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "true/false";
  if (value.is_array()) return "a list";
  if (value.is_object()) return "an object";
  return "null";
}

class Reader {
 public:
  Reader(const Json& root, std::vector<ConfigProblem>& problems, std::string file, bool refuse_secrets)
      : problems_(problems), file_(std::move(file)), refuse_secrets_(refuse_secrets) {
    stack_.push_back({&root, "", {}});
  }

  // Reports the unknown keys of the top level; call once after the visit.
  void finish() { reportUnknownKeys(stack_.front()); }

  template <class F>
  void section(const char* name, F visit_keys) {
    const Json* value = find(name);
    if (!value) return;
    if (!value->is_object()) {
      error(keyOf(name), "expected an object, got " + typeName(*value));
      return;
    }
    stack_.push_back({value, keyOf(name), {}});
    visit_keys();
    reportUnknownKeys(stack_.back());
    stack_.pop_back();
  }

  void text(const char* name, std::string& value, std::string (*check)(std::string&)) {
    const Json* json = find(name);
    if (!json) return;
    if (!json->is_string()) {
      error(keyOf(name), "expected a string, got " + typeName(*json));
      return;
    }
    accept(name, json->get<std::string>(), value, check);
  }

  void id(const char* name, std::string& value, std::string (*check)(std::string&)) {
    const Json* json = find(name);
    if (!json) return;
    if (json->is_string()) {
      accept(name, json->get<std::string>(), value, check);
    } else if (json->is_number_integer()) {
      accept(name, json->dump(), value, check);
    } else {
      error(keyOf(name), "expected an id (a string or an integer), got " + typeName(*json));
    }
  }

  void integer(const char* name, int& value, int min, int max) {
    const Json* json = find(name);
    if (!json) return;
    std::string range = std::to_string(min) + ".." + std::to_string(max);
    if (!json->is_number_integer()) {
      error(keyOf(name), "expected a whole number " + range + ", got " + typeName(*json));
      return;
    }
    // Positive numbers arrive as unsigned (possibly beyond int64), negative ones as signed.
    bool fits = json->is_number_unsigned() ? json->get<uint64_t>() <= static_cast<uint64_t>(max) &&
                                                 (min <= 0 || json->get<uint64_t>() >= static_cast<uint64_t>(min))
                                           : json->get<int64_t>() >= min && json->get<int64_t>() <= max;
    if (!fits) {
      error(keyOf(name), json->dump() + " is outside " + range);
      return;
    }
    value = static_cast<int>(json->get<int64_t>());
  }

  void flag(const char* name, bool& value) {
    const Json* json = find(name);
    if (!json) return;
    if (!json->is_boolean()) {
      error(keyOf(name), "expected true or false, got " + typeName(*json));
      return;
    }
    value = json->get<bool>();
  }

  template <class E>
  void choice(const char* name, E& value, const std::vector<schema::Word<E>>& words) {
    const Json* json = find(name);
    if (!json) return;
    std::string expected;
    for (const auto& word : words) expected += std::string(expected.empty() ? "" : ", ") + word.word;
    if (json->is_string()) {
      for (const auto& word : words) {
        if (json->get<std::string>() == word.word) {
          value = word.value;
          return;
        }
      }
    }
    error(keyOf(name), "expected one of: " + expected);
  }

  template <class T>
  void custom(const char* name, T& value, const schema::Custom<T>& codec) {
    const Json* json = find(name);
    if (!json) return;
    schema::Report report;
    T candidate = value;
    bool use = codec.read(*json, candidate, report);
    for (auto& item : report.items) {
      problems_.push_back({keyOf(name) + item.subkey, item.why, item.severity, file_});
    }
    if (use) value = std::move(candidate);
  }

 private:
  struct Frame {
    const Json* object;
    std::string path;
    std::set<std::string> known;
  };

  std::string keyOf(const char* name) const {
    const std::string& path = stack_.back().path;
    return path.empty() ? std::string(name) : path + "." + name;
  }

  const Json* find(const char* name) {
    Frame& frame = stack_.back();
    frame.known.insert(name);
    auto it = frame.object->find(name);
    return it == frame.object->end() ? nullptr : &*it;
  }

  void accept(const char* name, std::string candidate, std::string& value, std::string (*check)(std::string&)) {
    std::string why = check(candidate);
    if (!why.empty()) {
      error(keyOf(name), why);
      return;
    }
    value = std::move(candidate);
  }

  void reportUnknownKeys(const Frame& frame) {
    for (auto it = frame.object->begin(); it != frame.object->end(); ++it) {
      if (frame.known.count(it.key())) continue;
      std::string key = frame.path.empty() ? it.key() : frame.path + "." + it.key();
      bool secret = std::any_of(schema::kSecretKeys.begin(), schema::kSecretKeys.end(),
                                [&](const std::string& s) { return key == s; });
      if (refuse_secrets_ && secret) {
        problems_.push_back({key, "secrets are read from the secrets file only (this file is world-readable); ignored",
                             Severity::Warning, file_});
      } else {
        problems_.push_back({key, "unknown key (ignored)", Severity::Warning, file_});
      }
    }
  }

  void error(const std::string& key, std::string why) {
    problems_.push_back({key, std::move(why), Severity::Error, file_});
  }

  std::vector<Frame> stack_;
  std::vector<ConfigProblem>& problems_;
  std::string file_;
  bool refuse_secrets_;
};

// nlohmann's message names the position and may quote the text around it; only the position is kept, so that no
// secret can reach a log through a parse error.
std::string describeParseError(const std::string& text, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < text.size() && i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "not valid JSON: syntax error at line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The parsed top-level object, or nullopt after reporting why.
std::optional<Json> parseObject(const std::string& text, std::vector<ConfigProblem>& problems,
                                const std::string& file) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    problems.push_back({"", "empty file: expected a JSON object", Severity::Error, file});
    return std::nullopt;
  }
  Json root;
  try {
    root = Json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    problems.push_back({"", describeParseError(text, e.byte), Severity::Error, file});
    return std::nullopt;
  } catch (const std::exception&) {
    problems.push_back({"", "not valid JSON", Severity::Error, file});
    return std::nullopt;
  }
  if (!root.is_object()) {
    problems.push_back({"", "expected a JSON object at the top, got " + typeName(root), Severity::Error, file});
    return std::nullopt;
  }
  return root;
}

}  // namespace

void parseConfigText(const std::string& text, KioskConfig& config, std::vector<ConfigProblem>& problems,
                     const std::string& file) {
  auto root = parseObject(text, problems, file);
  if (!root) return;
  Reader reader(*root, problems, file, /*refuse_secrets=*/true);
  schema::visitConfig(reader, config);
  reader.finish();
}

void parseSecretsText(const std::string& text, KioskConfig& config, std::vector<ConfigProblem>& problems,
                      const std::string& file) {
  auto root = parseObject(text, problems, file);
  if (!root) return;
  Reader reader(*root, problems, file, /*refuse_secrets=*/false);
  schema::visitSecrets(reader, config);
  reader.finish();
}

}  // namespace kiosk::ops
