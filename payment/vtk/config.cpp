#include "payment/vtk/config.h"

#include <set>

namespace payment::vtk {

namespace {

bool readInt(const nlohmann::json& json, const char* key, int min, int max, int& out, std::string& error) {
  auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_number_integer()) {
    error = std::string("\"") + key + "\": expected an integer " + std::to_string(min) + ".." + std::to_string(max) +
            ", got " + it->dump();
    return false;
  }
  const auto value = it->get<int64_t>();
  if (value < min || value > max) {
    error = std::string("\"") + key + "\": " + std::to_string(value) + " is outside " + std::to_string(min) + ".." +
            std::to_string(max);
    return false;
  }
  out = static_cast<int>(value);
  return true;
}

bool readString(const nlohmann::json& json, const char* key, std::string& out, std::string& error) {
  auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_string()) {
    error = std::string("\"") + key + "\": expected a string, got " + it->dump();
    return false;
  }
  out = it->get<std::string>();
  return true;
}

}  // namespace

std::optional<VtkConfig> VtkConfig::fromJson(const nlohmann::json& json, std::string& error) {
  if (!json.is_object()) {
    error = "VTK terminal settings: expected a JSON object";
    return std::nullopt;
  }
  static const std::set<std::string> known = {
      "host",          "port",        "connect_timeout_ms",   "operation_timeout_ms", "keepalive_s",
      "dead_grace_ms", "answer_grace_ms", "handshake_timeout_ms", "product_id",        "product_name"};
  // Earlier versions had their own FIN and ABR timeouts; the specification bounds both by the operation timeout.
  static const std::set<std::string> retired = {"fin_timeout_ms", "abort_timeout_ms"};
  VtkConfig config;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (retired.count(it.key())) {
      config.notes.push_back("\"" + it.key() + "\" is ignored: the FIN answer and the answer to ABR are bounded by the " +
                             "operation timeout (operation_timeout_ms, or the terminal's tag 0x06)");
      continue;
    }
    if (!known.count(it.key())) {
      error = "\"" + it.key() + "\": unknown key in the VTK terminal settings";
      return std::nullopt;
    }
  }
  if (!readString(json, "host", config.host, error)) return std::nullopt;
  if (config.host.empty()) {
    error = "\"host\": required (the terminal's IP address or name)";
    return std::nullopt;
  }
  int port = config.port;
  if (!readInt(json, "port", 1, 65535, port, error)) return std::nullopt;
  config.port = static_cast<uint16_t>(port);
  const int kHour = 3600 * 1000;
  if (!readInt(json, "connect_timeout_ms", 1, kHour, config.connect_timeout_ms, error)) return std::nullopt;
  if (!readInt(json, "operation_timeout_ms", 1, kHour, config.operation_timeout_ms, error)) return std::nullopt;
  if (!readInt(json, "keepalive_s", 1, 3600, config.keepalive_s, error)) return std::nullopt;
  if (!readInt(json, "dead_grace_ms", 0, kHour, config.dead_grace_ms, error)) return std::nullopt;
  if (!readInt(json, "answer_grace_ms", 0, kHour, config.answer_grace_ms, error)) return std::nullopt;
  if (!readInt(json, "handshake_timeout_ms", 1, kHour, config.handshake_timeout_ms, error)) return std::nullopt;
  if (!readString(json, "product_id", config.product_id, error)) return std::nullopt;
  if (!readString(json, "product_name", config.product_name, error)) return std::nullopt;
  if (config.product_id.size() > 64 || config.product_name.size() > 255) {
    error = config.product_id.size() > 64 ? "\"product_id\": longer than 64 bytes"
                                          : "\"product_name\": longer than 255 bytes";
    return std::nullopt;
  }
  return config;
}

}  // namespace payment::vtk
