#include "tests/drivers/fake_sb_pilot_control.h"

#include <map>

#include "tests/drivers/fake_sb_pilot_files.h"

namespace fake_sb_pilot {
namespace {

const std::map<std::string, Mode>& modesByName() {
  static const std::map<std::string, Mode> modes{
      {"approve", Mode::Approve},
      {"decline", Mode::Decline},
      {"return_code_only", Mode::ReturnCodeOnly},
      {"no_output", Mode::NoOutput},
      {"stale", Mode::Stale},
      {"garbage", Mode::Garbage},
      {"hang", Mode::Hang},
      {"crash_segv", Mode::CrashSegv},
      {"crash_abort", Mode::CrashAbort},
      {"crash_after_approval", Mode::CrashAfterApproval},
      {"crash_after_result", Mode::CrashAfterResult},
      {"lost_answer", Mode::LostAnswer},
  };
  return modes;
}

// The texts the real module shows for the codes payment-terminals.md names; any other code gets a plain "Отказ".
std::string textForCode(const std::string& code) {
  static const std::map<std::string, std::string> texts{
      {"2000", "Операция отменена"},
      {"2002", "Истек таймаут ввода ПИН"},
      {"4119", "Нет связи с банком"},
      {"4130", "Память терминала заполнена"},
      {"4134", "Не было сверки итогов более 5 дней"},
  };
  const auto found = texts.find(code);
  return found == texts.end() ? "Отказ" : found->second;
}

// Codes may be written as strings ("4119") or numbers (4119); either way they must be decimal digits.
std::optional<std::string> codeField(const nlohmann::json& options, const char* name) {
  if (!options.contains(name)) return std::nullopt;
  const auto& value = options.at(name);
  std::string code;
  if (value.is_string()) code = value.get<std::string>();
  else if (value.is_number_integer() && value.get<long long>() >= 0) code = std::to_string(value.get<long long>());
  else throw ControlError(std::string("\"") + name + "\" must be a code (a string or non-negative integer)");
  if (code.empty() || code.size() > 6 || code.find_first_not_of("0123456789") != std::string::npos)
    throw ControlError(std::string("\"") + name + "\" must be 1-6 decimal digits, got \"" + code + "\"");
  return code;
}

bool boolField(const nlohmann::json& options, const char* name, bool fallback) {
  if (!options.contains(name)) return fallback;
  if (!options.at(name).is_boolean()) throw ControlError(std::string("\"") + name + "\" must be true or false");
  return options.at(name).get<bool>();
}

void checkIsObject(const nlohmann::json& value, const std::string& what) {
  if (!value.is_object()) throw ControlError(what + " must be a JSON object");
}

}  // namespace

nlohmann::json parseControlFile(const std::optional<std::string>& text) {
  if (!text) return nlohmann::json::object();
  nlohmann::json file = nlohmann::json::parse(*text, nullptr, false);
  if (file.is_discarded()) throw ControlError("fake-sb-pilot.json is not valid JSON");
  checkIsObject(file, "fake-sb-pilot.json");
  if (file.contains("sequence")) {
    const auto& sequence = file.at("sequence");
    if (!sequence.is_array() || sequence.empty()) throw ControlError("\"sequence\" must be a non-empty array");
    for (const auto& entry : sequence) checkIsObject(entry, "every \"sequence\" entry");
  }
  // Check every combination a run can meet: each invocation's options, and each script entry over them.
  const long invocations = file.contains("sequence") ? static_cast<long>(file.at("sequence").size()) : 1;
  for (long i = 0; i < invocations; ++i) {
    const nlohmann::json options = optionsForInvocation(file, i);
    toControl(options);
    if (options.contains("purchase_script")) {
      const auto& script = options.at("purchase_script");
      if (!script.is_array()) throw ControlError("\"purchase_script\" must be an array");
      for (size_t p = 0; p < script.size(); ++p) toControl(withScriptEntry(options, static_cast<long>(p)));
    }
  }
  return file;
}

nlohmann::json optionsForInvocation(const nlohmann::json& file, long invocation) {
  nlohmann::json options = file;
  options.erase("sequence");
  if (file.contains("sequence")) {
    const auto& sequence = file.at("sequence");
    const size_t index = std::min(static_cast<size_t>(invocation), sequence.size() - 1);
    for (const auto& [key, value] : sequence.at(index).items()) options[key] = value;
  }
  return options;
}

bool usesPurchaseScript(const nlohmann::json& options) {
  return options.contains("purchase_script") && !options.contains("mode");
}

nlohmann::json withScriptEntry(const nlohmann::json& options, long purchase_index) {
  nlohmann::json result = options;
  result["mode"] = "approve";
  const auto& script = options.at("purchase_script");
  if (purchase_index < 0 || static_cast<size_t>(purchase_index) >= script.size()) return result;
  const auto& entry = script.at(static_cast<size_t>(purchase_index));
  if (entry.is_object()) {
    for (const auto& [key, value] : entry.items()) result[key] = value;
  } else if (entry.is_string()) {
    // "decline:4119" = {"mode": "decline", "code": "4119"}
    const std::string text = entry.get<std::string>();
    const auto colon = text.find(':');
    result["mode"] = text.substr(0, colon);
    if (colon != std::string::npos) result["code"] = text.substr(colon + 1);
  } else {
    throw ControlError("a \"purchase_script\" entry must be a mode name (\"decline:4119\") or an object");
  }
  return result;
}

Control toControl(const nlohmann::json& options) {
  Control control;
  if (options.contains("mode")) {
    const auto& mode = options.at("mode");
    const auto found = mode.is_string() ? modesByName().find(mode.get<std::string>()) : modesByName().end();
    if (found == modesByName().end()) throw ControlError("unknown \"mode\": " + mode.dump());
    control.mode = found->second;
  }
  const std::string default_code = control.mode == Mode::ReturnCodeOnly ? "2000" : "4119";
  control.code = codeField(options, "code").value_or(default_code);
  if (options.contains("text") && !options.at("text").is_string()) throw ControlError("\"text\" must be a string");
  control.text = options.contains("text") ? options.at("text").get<std::string>() : textForCode(control.code);
  if (!toKoi8r(control.text)) throw ControlError("\"text\" has a character KOI8-R cannot express");
  if (options.contains("exit_status")) {
    const auto& status = options.at("exit_status");
    if (!status.is_number_integer() || status.get<long long>() < 0 || status.get<long long>() > 255)
      throw ControlError("\"exit_status\" must be an integer 0-255");
    control.exit_status = status.get<int>();
  }
  control.print_return = boolField(options, "print_return", true);
  control.return_code = codeField(options, "return_code");
  if (options.contains("encoding")) {
    const auto& encoding = options.at("encoding");
    if (encoding != "utf-8" && encoding != "koi8-r") throw ControlError("\"encoding\" must be \"utf-8\" or \"koi8-r\"");
    control.utf8 = encoding == "utf-8";
  }
  control.slip_full_pan = boolField(options, "slip_full_pan", false);
  control.spawn_helper = boolField(options, "spawn_helper", false);
  control.ignore_term = boolField(options, "ignore_term", false);
  return control;
}

}  // namespace fake_sb_pilot
