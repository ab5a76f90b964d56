#include "payment/sbpilot/profile.h"

#include <algorithm>
#include <set>

namespace payment::sbpilot {

namespace {

using Kind = PaymentResult::Kind;

bool checkKeys(const nlohmann::json& json, const std::string& path, const std::set<std::string>& known,
               std::string& error) {
  if (!json.is_object()) {
    error = path + ": expected a JSON object";
    return false;
  }
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (!known.count(it.key())) {
      error = path + "." + it.key() + ": unknown key";
      return false;
    }
  }
  return true;
}

bool readString(const nlohmann::json& json, const std::string& path, const char* key, std::string& out,
                std::string& error) {
  auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_string()) {
    error = path + "." + key + ": expected a string, got " + it->dump();
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool readInt(const nlohmann::json& json, const std::string& path, const char* key, int min, int max, int& out,
             std::string& error) {
  auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_number_integer() || it->get<int64_t>() < min || it->get<int64_t>() > max) {
    error = path + "." + key + ": expected an integer " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
            it->dump();
    return false;
  }
  out = static_cast<int>(it->get<int64_t>());
  return true;
}

bool readStringList(const nlohmann::json& json, const std::string& path, const char* key,
                    std::vector<std::string>& out, std::string& error) {
  auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_array()) {
    error = path + "." + key + ": expected an array of strings";
    return false;
  }
  std::vector<std::string> values;
  for (size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) {
      error = path + "." + key + "[" + std::to_string(i) + "]: expected a string, got " + (*it)[i].dump();
      return false;
    }
    values.push_back((*it)[i].get<std::string>());
  }
  out = std::move(values);
  return true;
}

bool checkPlaceholders(const std::vector<std::string>& args, const std::string& path,
                       const std::set<std::string>& allowed, const std::set<std::string>& required, std::string& error);

// Placeholders allowed in an argument template, and which must appear.
bool checkTemplate(const std::vector<std::string>& args, const std::string& path, const std::set<std::string>& allowed,
                   const std::set<std::string>& required, std::string& error) {
  if (args.empty()) {
    error = path + ": must not be empty (the first argument is the operation code)";
    return false;
  }
  return checkPlaceholders(args, path, allowed, required, error);
}

// The same, for a template that may be empty ([] = the operation is not available).
bool checkOptionalTemplate(const std::vector<std::string>& args, const std::string& path,
                           const std::set<std::string>& allowed, const std::set<std::string>& required,
                           std::string& error) {
  return args.empty() || checkPlaceholders(args, path, allowed, required, error);
}

bool checkPlaceholders(const std::vector<std::string>& args, const std::string& path,
                       const std::set<std::string>& allowed, const std::set<std::string>& required,
                       std::string& error) {
  std::set<std::string> seen;
  for (const auto& arg : args) {
    size_t pos = 0;
    while ((pos = arg.find('{', pos)) != std::string::npos) {
      const size_t end = arg.find('}', pos);
      if (end == std::string::npos) {
        error = path + ": unclosed placeholder in \"" + arg + "\"";
        return false;
      }
      const std::string name = arg.substr(pos, end - pos + 1);
      if (!allowed.count(name)) {
        std::string names;
        for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
        error = path + ": unknown placeholder " + name + " (allowed here: " + (names.empty() ? "none" : names) + ")";
        return false;
      }
      seen.insert(name);
      pos = end + 1;
    }
  }
  for (const auto& name : required) {
    if (!seen.count(name)) {
      error = path + ": must contain " + name;
      return false;
    }
  }
  return true;
}

bool mentions(const std::vector<std::string>& args, const std::string& placeholder) {
  for (const auto& arg : args)
    if (arg.find(placeholder) != std::string::npos) return true;
  return false;
}

bool validFileName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

}  // namespace

std::map<std::string, CodeMeaning> SbPilotProfile::defaultCodes() {
  return {
      {"2000", {Kind::Cancelled, "cancelled on the pin-pad"}},
      {"2002", {Kind::Cancelled, "PIN entry timed out"}},
      {"4119", {Kind::Declined, "no link to the bank"}},
      {"4130", {Kind::Declined, "terminal memory full: run the day close (сверка итогов)"}},
      {"4134", {Kind::Declined, "no day close for over 5 days: run the day close (сверка итогов)"}},
      {"4118", {Kind::Declined, "operations not found"}},
  };
}

namespace {
bool listed(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}
}  // namespace

bool SbPilotProfile::isApproved(const std::string& code) const { return listed(approved_codes, code); }
bool SbPilotProfile::cancelFallsBack(const std::string& code) const { return listed(cancel_fallback_codes, code); }
bool SbPilotProfile::lookupAbsent(const std::string& code) const { return listed(lookup_absent_codes, code); }

std::optional<SbPilotProfile> SbPilotProfile::fromJson(const nlohmann::json& json, std::string& error) {
  const std::string path = "profile";
  if (json.is_object() && json.contains("lines")) {
    // Earlier versions counted lines from 1 and had the rows wrong; guessing what an old profile meant would be
    // worse than saying so.
    error = path + ".lines: replaced by " + path + ".rows, which counts the first line (\"<code>,<text>\") as row 0 " +
            "— check each number against your module's e file (docs/PAYMENT-DRIVERS.md)";
    return std::nullopt;
  }
  if (!checkKeys(json, path,
                 {"result_file", "slip_file", "encoding", "purchase_args", "cancel_args", "return_args",
                  "lookup_args", "reconcile_args", "approved_codes", "cancel_fallback_codes", "lookup_absent_codes",
                  "stdout_code_prefix", "rows", "codes"},
                 error))
    return std::nullopt;
  SbPilotProfile p;
  if (!readString(json, path, "result_file", p.result_file, error) ||
      !readString(json, path, "slip_file", p.slip_file, error) ||
      !readString(json, path, "encoding", p.encoding, error) ||
      !readStringList(json, path, "purchase_args", p.purchase_args, error) ||
      !readStringList(json, path, "cancel_args", p.cancel_args, error) ||
      !readStringList(json, path, "return_args", p.return_args, error) ||
      !readStringList(json, path, "lookup_args", p.lookup_args, error) ||
      !readStringList(json, path, "reconcile_args", p.reconcile_args, error) ||
      !readStringList(json, path, "approved_codes", p.approved_codes, error) ||
      !readStringList(json, path, "cancel_fallback_codes", p.cancel_fallback_codes, error) ||
      !readStringList(json, path, "lookup_absent_codes", p.lookup_absent_codes, error) ||
      !readString(json, path, "stdout_code_prefix", p.stdout_code_prefix, error))
    return std::nullopt;
  if (!validFileName(p.result_file)) {
    error = path + ".result_file: expected a plain file name, got \"" + p.result_file + "\"";
    return std::nullopt;
  }
  if (!validFileName(p.slip_file)) {
    error = path + ".slip_file: expected a plain file name, got \"" + p.slip_file + "\"";
    return std::nullopt;
  }
  if (p.encoding != "koi8-r" && p.encoding != "utf-8") {
    error = path + ".encoding: expected \"koi8-r\" or \"utf-8\", got \"" + p.encoding + "\"";
    return std::nullopt;
  }
  if (p.approved_codes.empty()) {
    error = path + ".approved_codes: must list at least one code";
    return std::nullopt;
  }
  if (!checkTemplate(p.purchase_args, path + ".purchase_args", {"{amount}", "{request_id}"}, {"{amount}"}, error) ||
      !checkTemplate(p.cancel_args, path + ".cancel_args", {"{amount}", "{rrn}"}, {"{rrn}"}, error) ||
      !checkTemplate(p.return_args, path + ".return_args", {"{amount}", "{rrn}"}, {"{rrn}"}, error) ||
      !checkOptionalTemplate(p.lookup_args, path + ".lookup_args", {"{request_id}"}, {"{request_id}"}, error) ||
      !checkTemplate(p.reconcile_args, path + ".reconcile_args", {}, {}, error))
    return std::nullopt;
  if (!p.lookup_args.empty() && !mentions(p.purchase_args, "{request_id}")) {
    error = path + ".lookup_args: a lookup needs the purchase to carry {request_id} (purchase_args), or set it to []";
    return std::nullopt;
  }

  if (auto it = json.find("rows"); it != json.end()) {
    const std::string rp = path + ".rows";
    if (!checkKeys(*it, rp,
                   {"card_mask", "auth_code", "operation_number", "card_type", "terminal_id", "date_time", "rrn",
                    "card_hash", "merchant_id", "request_id"},
                   error))
      return std::nullopt;
    auto& r = p.rows;
    if (!readInt(*it, rp, "card_mask", 0, 64, r.card_mask, error) ||
        !readInt(*it, rp, "auth_code", 0, 64, r.auth_code, error) ||
        !readInt(*it, rp, "operation_number", 0, 64, r.operation_number, error) ||
        !readInt(*it, rp, "card_type", 0, 64, r.card_type, error) ||
        !readInt(*it, rp, "terminal_id", 0, 64, r.terminal_id, error) ||
        !readInt(*it, rp, "date_time", 0, 64, r.date_time, error) || !readInt(*it, rp, "rrn", 0, 64, r.rrn, error) ||
        !readInt(*it, rp, "card_hash", 0, 64, r.card_hash, error) ||
        !readInt(*it, rp, "merchant_id", 0, 64, r.merchant_id, error) ||
        !readInt(*it, rp, "request_id", 0, 64, r.request_id, error))
      return std::nullopt;
  }
  if (p.rows.rrn == 0) {
    error = path + ".rows.rrn: required — without the RRN a payment cannot be undone";
    return std::nullopt;
  }

  if (auto it = json.find("codes"); it != json.end()) {
    const std::string cp = path + ".codes";
    if (!it->is_object()) {
      error = cp + ": expected an object of code → {kind, text}";
      return std::nullopt;
    }
    for (auto entry = it->begin(); entry != it->end(); ++entry) {
      const std::string ep = cp + "." + entry.key();
      if (!checkKeys(entry.value(), ep, {"kind", "text"}, error)) return std::nullopt;
      std::string kind = "declined";
      CodeMeaning meaning;
      if (!readString(entry.value(), ep, "kind", kind, error) ||
          !readString(entry.value(), ep, "text", meaning.text, error))
        return std::nullopt;
      if (kind == "declined") meaning.kind = Kind::Declined;
      else if (kind == "cancelled") meaning.kind = Kind::Cancelled;
      else if (kind == "unknown") meaning.kind = Kind::Unknown;
      else {
        error = ep + ".kind: expected \"declined\", \"cancelled\" or \"unknown\", got \"" + kind + "\"";
        return std::nullopt;
      }
      if (p.isApproved(entry.key())) {
        error = ep + ": is listed in approved_codes too";
        return std::nullopt;
      }
      p.codes[entry.key()] = std::move(meaning);
    }
  }
  return p;
}

std::optional<SbPilotConfig> SbPilotConfig::fromJson(const nlohmann::json& json, std::string& error) {
  const std::string path = "sbpilot";
  if (!checkKeys(json, path, {"program", "working_dir", "timeout_ms", "kill_grace_ms", "run_marker", "profile"},
                 error))
    return std::nullopt;
  SbPilotConfig c;
  if (!readString(json, path, "program", c.program, error) ||
      !readString(json, path, "working_dir", c.working_dir, error) ||
      !readInt(json, path, "timeout_ms", 1, 3600 * 1000, c.timeout_ms, error) ||
      !readInt(json, path, "kill_grace_ms", 0, 60 * 1000, c.kill_grace_ms, error) ||
      !readString(json, path, "run_marker", c.run_marker, error))
    return std::nullopt;
  if (c.program.empty()) {
    error = path + ".program: required (path to the sb_pilot executable)";
    return std::nullopt;
  }
  if (c.working_dir.empty()) {
    error = path + ".working_dir: required (the directory with pinpad.ini)";
    return std::nullopt;
  }
  if (!validFileName(c.run_marker)) {
    error = path + ".run_marker: expected a plain file name";
    return std::nullopt;
  }
  if (auto it = json.find("profile"); it != json.end()) {
    auto profile = SbPilotProfile::fromJson(*it, error);
    if (!profile) {
      error = path + "." + error;
      return std::nullopt;
    }
    c.profile = std::move(*profile);
  }
  if (c.run_marker == c.profile.result_file || c.run_marker == c.profile.slip_file) {
    error = path + ".run_marker: must differ from the result and slip file names";
    return std::nullopt;
  }
  return c;
}

}  // namespace payment::sbpilot
