// The module's memory on disk: ./fake-sb-pilot-state.json, replaced atomically after every change.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "tests/drivers/fake_sb_pilot_files.h"
#include "tests/drivers/fake_sb_pilot_module.h"

namespace fake_sb_pilot {
namespace {

nlohmann::json saleToJson(const Sale& sale) {
  return {{"rrn", sale.rrn}, {"amount", sale.amount}, {"request_id", sale.request_id}, {"day", sale.day},
          {"undone", sale.undone}};
}

Sale saleFromJson(const nlohmann::json& j) {
  return Sale{j.at("rrn").get<std::string>(), j.at("amount").get<long long>(), j.at("request_id").get<std::string>(),
              j.at("day").get<long>(), j.at("undone").get<std::string>()};
}

nlohmann::json eventToJson(const MoneyEvent& event) {
  return {{"op", event.op}, {"amount", event.amount}, {"rrn", event.rrn}, {"request_id", event.request_id},
          {"day", event.day}};
}

MoneyEvent eventFromJson(const nlohmann::json& j) {
  return MoneyEvent{j.at("op").get<std::string>(), j.at("amount").get<long long>(), j.at("rrn").get<std::string>(),
                    j.at("request_id").get<std::string>(), j.at("day").get<long>()};
}

}  // namespace

ModuleState loadState(const std::string& path) {
  const auto text = readWholeFile(path);
  ModuleState state;
  if (!text) return state;
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    state.day = j.at("day").get<long>();
    state.next_operation_number = j.at("next_operation_number").get<long long>();
    state.next_rrn = j.at("next_rrn").get<long long>();
    state.purchases_invoked = j.at("purchases_invoked").get<long long>();
    for (const auto& sale : j.at("sales")) state.sales.push_back(saleFromJson(sale));
    for (const auto& event : j.at("events")) state.events.push_back(eventFromJson(event));
    for (const auto& [id, result] : j.at("results").items()) {
      state.results[id] = {result.at("rows").get<std::vector<std::string>>(), result.at("slip").get<std::string>()};
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + " is not a state this program wrote: " + e.what());
  }
  return state;
}

void saveState(const std::string& path, const ModuleState& state) {
  nlohmann::json j{{"day", state.day},
                   {"next_operation_number", state.next_operation_number},
                   {"next_rrn", state.next_rrn},
                   {"purchases_invoked", state.purchases_invoked},
                   {"sales", nlohmann::json::array()},
                   {"events", nlohmann::json::array()},
                   {"results", nlohmann::json::object()}};
  for (const auto& sale : state.sales) j["sales"].push_back(saleToJson(sale));
  for (const auto& event : state.events) j["events"].push_back(eventToJson(event));
  for (const auto& [id, result] : state.results) j["results"][id] = {{"rows", result.rows}, {"slip", result.slip}};
  replaceFileAtomically(path, j.dump(1) + "\n");
}

}  // namespace fake_sb_pilot
