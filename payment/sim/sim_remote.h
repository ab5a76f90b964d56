#pragma once
// Control of a device behind a SimTerminalServer from another process or thread (tests, the demo's staff tools).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "payment/sim/sim_device.h"

namespace payment::sim {

// Sends {"op":"script", …fields of `script`…}. "" on success, otherwise the reason.
std::string scriptRemoteDevice(const std::string& host, int port, const nlohmann::json& script);
// The device's ledger; nullopt with `error` when unreachable or malformed.
std::optional<std::vector<LedgerEntry>> remoteLedger(const std::string& host, int port, std::string& error);

}  // namespace payment::sim
