#pragma once
// Settings of the VTK driver, read from the kiosk's config file section for the terminal.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace payment::vtk {

struct VtkConfig {
  std::string host;                 // the terminal's address (required)
  uint16_t port = 62801;            // recommended by the specification
  int connect_timeout_ms = 15000;   // specification: 15 s
  // Bounds VRP → VRP answer and FIN → FIN answer (§3.5, §3.6); the terminal may change it with tag 0x06 in any
  // message. Restored on every reconnect.
  int operation_timeout_ms = 60000;
  int keepalive_s = 10;             // IDL keep-alive period; no word for 3×this + dead_grace_ms → the link is dead
  int dead_grace_ms = 8000;         // the "+ 8 s" of the rule above
  int answer_grace_ms = 0;          // extra wait beyond the operation timeout (0: the specification's bound exactly)
  int handshake_timeout_ms = 5000;  // IDL answer on (re)connect
  std::string product_id;           // optional tag 0x09 in VRP
  std::string product_name;         // optional tag 0x0F in VRP (shown on some terminals)
  // Keys of older versions that are read and ignored, with why (logged when the driver starts).
  std::vector<std::string> notes;

  // Reads the JSON object; only "host" is required. Unknown keys and wrong types are errors naming the key,
  // e.g. `"port": expected an integer 1..65535`. nullopt (and `error` set) on any problem.
  static std::optional<VtkConfig> fromJson(const nlohmann::json& json, std::string& error);
};

}  // namespace payment::vtk
