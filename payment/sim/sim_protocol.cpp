#include "payment/sim/sim_protocol.h"

#include "payment/journal/draft_json.h"

namespace payment::sim {

using nlohmann::json;

namespace {

std::optional<PaymentResult::Kind> kindFromName(const std::string& name) {
  for (auto kind : {PaymentResult::Kind::Approved, PaymentResult::Kind::Declined, PaymentResult::Kind::Cancelled,
                    PaymentResult::Kind::Unknown}) {
    if (name == resultKindName(kind)) return kind;
  }
  return std::nullopt;
}

}  // namespace

json resultToJson(const PaymentResult& r) {
  return {{"kind", resultKindName(r.kind)},
          {"amount", r.amount.kopecks()},
          {"tx", journal::transactionToJson(r.transaction)},
          {"slip", r.slip},
          {"code", r.code},
          {"text", r.text}};
}

std::optional<PaymentResult> resultFromJson(const json& j, std::string& error) {
  try {
    PaymentResult r;
    auto kind = kindFromName(j.at("kind").get<std::string>());
    if (!kind) {
      error = "unknown result kind";
      return std::nullopt;
    }
    r.kind = *kind;
    r.amount = kiosk::Money::kopecks(j.at("amount").get<int64_t>());
    auto tx = journal::transactionFromJson(j.at("tx"), error);
    if (!tx) return std::nullopt;
    r.transaction = *tx;
    r.slip = j.at("slip").get<std::string>();
    r.code = j.at("code").get<std::string>();
    r.text = j.at("text").get<std::string>();
    return r;
  } catch (const json::exception& e) {
    error = std::string("bad result: ") + e.what();
    return std::nullopt;
  }
}

json progressToJson(const TerminalProgress& p) {
  return {{"key", p.message_key}, {"text", p.terminal_text}, {"cancellable", p.cancellable}};
}

std::optional<TerminalProgress> progressFromJson(const json& j, std::string& error) {
  try {
    return TerminalProgress{j.at("key").get<std::string>(), j.at("text").get<std::string>(),
                            j.at("cancellable").get<bool>()};
  } catch (const json::exception& e) {
    error = std::string("bad progress: ") + e.what();
    return std::nullopt;
  }
}

json ledgerToJson(const std::vector<LedgerEntry>& ledger) {
  json out = json::array();
  for (const auto& e : ledger) {
    out.push_back({{"op_ref", e.op_ref},
                   {"external_id", e.external_id},
                   {"amount", e.amount.kopecks()},
                   {"state", ledgerStateName(e.state)},
                   {"tx", journal::transactionToJson(e.transaction)},
                   {"decline_code", e.decline_code},
                   {"charges", e.charges},
                   {"purchase_requests", e.purchase_requests},
                   {"recover_requests", e.recover_requests},
                   {"confirms", e.confirms},
                   {"reversals", e.reversals},
                   {"refunds", e.refunds}});
  }
  return out;
}

std::optional<std::vector<LedgerEntry>> ledgerFromJson(const json& j, std::string& error) {
  try {
    std::vector<LedgerEntry> out;
    for (const auto& item : j) {
      LedgerEntry e;
      e.op_ref = item.at("op_ref").get<std::string>();
      e.external_id = item.at("external_id").get<std::string>();
      e.amount = kiosk::Money::kopecks(item.at("amount").get<int64_t>());
      auto state = ledgerStateFromName(item.at("state").get<std::string>());
      if (!state) {
        error = "unknown ledger state";
        return std::nullopt;
      }
      e.state = *state;
      auto tx = journal::transactionFromJson(item.at("tx"), error);
      if (!tx) return std::nullopt;
      e.transaction = *tx;
      e.decline_code = item.at("decline_code").get<std::string>();
      e.charges = item.at("charges").get<int>();
      e.purchase_requests = item.at("purchase_requests").get<int>();
      e.recover_requests = item.at("recover_requests").get<int>();
      e.confirms = item.at("confirms").get<int>();
      e.reversals = item.at("reversals").get<int>();
      e.refunds = item.at("refunds").get<int>();
      out.push_back(std::move(e));
    }
    return out;
  } catch (const json::exception& e) {
    error = std::string("bad ledger: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace payment::sim
