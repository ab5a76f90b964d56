#pragma once
// The simulated terminal's wire protocol: one JSON object per line over loopback TCP, one operation per
// connection. Documented in docs/PAYMENT.md ("Simulated terminal").
//
//   kiosk → device  {"op":"purchase","op_ref":"…","external_id":"…","amount":38900}
//   device → kiosk  {"progress":{"key":"payment.insert_card","text":"PRESENT CARD","cancellable":true}}   (0..n)
//   kiosk → device  {"op":"cancel"}                                   (optional, while cancellable)
//   device → kiosk  {"result":{"kind":"approved","amount":38900,"tx":{…},"slip":"…","code":"00","text":"…"}}
//   confirm / reverse / refund / recover: {"op":…,"op_ref":…,"amount":…} → {"result":{…}}
//   reconcile → {"reconcile":{"kind":"done","text":"…"}};  status → {"status":{"reachable":true,"text":"ready"}}
//   script (tests, demo) {"op":"script","purchase":["decline:51"],"default":"approve","confirm":[],"reverse":["fail"],
//                         "step_ms":0} → {"ok":true} | {"error":"…"}
//   ledger → {"ledger":[{…}]}
// A malformed request gets {"error":"…"} and the connection is closed.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "payment/sim/sim_device.h"
#include "payment/terminal.h"

namespace payment::sim {

nlohmann::json resultToJson(const PaymentResult& result);
std::optional<PaymentResult> resultFromJson(const nlohmann::json& json, std::string& error);

nlohmann::json progressToJson(const TerminalProgress& progress);
std::optional<TerminalProgress> progressFromJson(const nlohmann::json& json, std::string& error);

nlohmann::json ledgerToJson(const std::vector<LedgerEntry>& ledger);
std::optional<std::vector<LedgerEntry>> ledgerFromJson(const nlohmann::json& json, std::string& error);

}  // namespace payment::sim
