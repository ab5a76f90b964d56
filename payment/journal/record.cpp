#include "payment/journal/record.h"

#include <array>
#include <climits>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "payment/journal/crc32.h"
#include "payment/journal/draft_json.h"

namespace payment::journal {

using nlohmann::json;

namespace {

struct TypeName {
  RecordType type;
  const char* name;
};
constexpr std::array<TypeName, 16> kTypeNames{{
    {RecordType::Intent, "intent"},
    {RecordType::Approved, "approved"},
    {RecordType::Declined, "declined"},
    {RecordType::Cancelled, "cancelled"},
    {RecordType::Unknown, "unknown"},
    {RecordType::Abandoned, "abandoned"},
    {RecordType::Posting, "posting"},
    {RecordType::Posted, "posted"},
    {RecordType::PostFailed, "post_failed"},
    {RecordType::Confirmed, "confirmed"},
    {RecordType::ConfirmFailed, "confirm_failed"},
    {RecordType::ReversalRequested, "reversal_requested"},
    {RecordType::Reversed, "reversed"},
    {RecordType::ReversalFailed, "reversal_failed"},
    {RecordType::Closed, "closed"},
    {RecordType::Check, "check"},
}};

std::string hex8(uint32_t value) {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", value);
  return buffer;
}

std::optional<uint32_t> parseHex8(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  uint32_t value = 0;
  for (char c : text) {
    value <<= 4;
    if (c >= '0' && c <= '9') value |= static_cast<uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<uint32_t>(c - 'a' + 10);
    else return std::nullopt;
  }
  return value;
}

}  // namespace

const char* recordTypeName(RecordType type) {
  for (const auto& entry : kTypeNames) {
    if (entry.type == type) return entry.name;
  }
  return "?";
}

std::optional<RecordType> recordTypeFromName(std::string_view name) {
  for (const auto& entry : kTypeNames) {
    if (name == entry.name) return entry.type;
  }
  return std::nullopt;
}

JournalRecord makeRecord(RecordType type, std::string external_id, std::string text) {
  JournalRecord r;
  r.type = type;
  r.external_id = std::move(external_id);
  r.text = std::move(text);
  return r;
}

std::string encodePayload(const JournalRecord& r) {
  json j = {{"t", recordTypeName(r.type)}, {"at", r.at}};
  if (r.type != RecordType::Check) j["id"] = r.external_id;
  switch (r.type) {
    case RecordType::Intent:
      j["amount"] = r.amount.kopecks();
      j["digest"] = r.cart_digest;
      j["op"] = r.op_ref;
      j["driver"] = r.driver;
      j["currency"] = r.currency_id;
      j["draft"] = draftToJson(r.draft);
      break;
    case RecordType::Approved:
      j["amount"] = r.amount.kopecks();
      j["tx"] = transactionToJson(r.transaction);
      j["slip"] = r.slip;
      break;
    case RecordType::Declined:
      j["code"] = r.code;
      j["text"] = r.text;
      break;
    case RecordType::Posting:
      j["attempt"] = r.attempt;
      break;
    case RecordType::Posted:
      j["guid"] = r.guid;
      j["number"] = r.number;
      j["found"] = r.found_by_lookup;
      if (r.by_staff) j["staff"] = true;
      break;
    case RecordType::PostFailed:
      j["refused"] = r.refused;
      j["text"] = r.text;
      break;
    case RecordType::ReversalRequested:
      if (r.by_staff) j["staff"] = true;
      j["text"] = r.text;
      break;
    case RecordType::Cancelled:
    case RecordType::Unknown:
    case RecordType::Abandoned:
    case RecordType::ConfirmFailed:
    case RecordType::ReversalFailed:
    case RecordType::Closed:
    case RecordType::Confirmed:
    case RecordType::Reversed:
      j["text"] = r.text;
      break;
    case RecordType::Check:
      break;
  }
  if (r.core && r.type != RecordType::Intent && r.type != RecordType::Check) {
    json k = {{"amount", r.core->amount.kopecks()},
              {"op", r.core->op_ref},
              {"driver", r.core->driver},
              {"currency", r.core->currency_id}};
    if (r.core->paid) {
      k["paid"] = r.core->paid_amount.kopecks();
      k["tx"] = transactionToJson(r.core->paid_transaction);
    }
    j["k"] = std::move(k);
  }
  // Invalid UTF-8 (a terminal may send anything in its texts) is replaced, never a reason to lose a record.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<JournalRecord> decodePayload(std::string_view payload, std::string& error) {
  json j = json::parse(payload, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "payload is not a JSON object";
    return std::nullopt;
  }
  try {
    JournalRecord r;
    auto type = recordTypeFromName(j.at("t").get<std::string>());
    if (!type) {
      error = "unknown record type " + j.at("t").get<std::string>();
      return std::nullopt;
    }
    r.type = *type;
    r.at = j.value("at", "");
    if (r.type != RecordType::Check) r.external_id = j.at("id").get<std::string>();
    switch (r.type) {
      case RecordType::Intent: {
        r.amount = kiosk::Money::kopecks(integerAt(j, "amount"));
        r.cart_digest = j.at("digest").get<std::string>();
        r.op_ref = j.at("op").get<std::string>();
        r.driver = j.at("driver").get<std::string>();
        r.currency_id = j.at("currency").get<std::string>();
        auto draft = draftFromJson(j.at("draft"), error);
        if (!draft) return std::nullopt;
        r.draft = std::move(*draft);
        break;
      }
      case RecordType::Approved: {
        r.amount = kiosk::Money::kopecks(integerAt(j, "amount"));
        auto tx = transactionFromJson(j.at("tx"), error);
        if (!tx) return std::nullopt;
        r.transaction = std::move(*tx);
        r.slip = j.at("slip").get<std::string>();
        break;
      }
      case RecordType::Declined:
        r.code = j.at("code").get<std::string>();
        r.text = j.at("text").get<std::string>();
        break;
      case RecordType::Posting:
        r.attempt = static_cast<int>(integerAt(j, "attempt", INT_MIN, INT_MAX));
        break;
      case RecordType::Posted:
        r.guid = j.at("guid").get<std::string>();
        r.number = j.at("number").get<std::string>();
        r.found_by_lookup = j.at("found").get<bool>();
        r.by_staff = j.value("staff", false);  // absent in records written before staff decisions existed
        break;
      case RecordType::PostFailed:
        r.refused = j.at("refused").get<bool>();
        r.text = j.at("text").get<std::string>();
        break;
      case RecordType::ReversalRequested:
        r.text = j.value("text", "");
        r.by_staff = j.value("staff", false);
        break;
      case RecordType::Check:
        break;
      default:
        r.text = j.value("text", "");
        break;
    }
    if (auto k = j.find("k"); k != j.end() && r.type != RecordType::Intent && r.type != RecordType::Check) {
      RecordCore core;
      core.amount = kiosk::Money::kopecks(integerAt(*k, "amount"));
      core.op_ref = k->at("op").get<std::string>();
      core.driver = k->at("driver").get<std::string>();
      core.currency_id = k->at("currency").get<std::string>();
      if (k->contains("paid")) {
        core.paid = true;
        core.paid_amount = kiosk::Money::kopecks(integerAt(*k, "paid"));
        auto tx = transactionFromJson(k->at("tx"), error);
        if (!tx) return std::nullopt;
        core.paid_transaction = std::move(*tx);
      }
      r.core = std::move(core);
    }
    return r;
  } catch (const json::exception& e) {
    error = std::string("bad record: ") + e.what();
    return std::nullopt;
  }
}

std::string encodeFrame(const JournalRecord& record) {
  std::string payload = encodePayload(record);
  std::string frame = "J1 " + hex8(static_cast<uint32_t>(payload.size())) + " " + hex8(crc32(payload)) + " ";
  frame += payload;
  frame += '\n';
  return frame;
}

ParsedFrame parseFrame(std::string_view data, size_t offset) {
  ParsedFrame out;
  std::string_view rest = data.substr(offset);
  // A partial header is only "incomplete" when what is there agrees with a header so far.
  if (rest.size() < kFrameHeaderSize) {
    bool prefix_ok = rest.substr(0, 3) == std::string_view("J1 ").substr(0, std::min<size_t>(3, rest.size()));
    out.status = prefix_ok ? FrameStatus::Incomplete : FrameStatus::Corrupt;
    out.error = prefix_ok ? "record header cut short" : "bad record header";
    return out;
  }
  auto length = parseHex8(rest.substr(3, 8));
  auto crc = parseHex8(rest.substr(12, 8));
  if (rest.substr(0, 3) != "J1 " || rest[11] != ' ' || rest[20] != ' ' || !length || !crc) {
    out.error = "bad record header";
    return out;
  }
  size_t total = kFrameHeaderSize + *length + 1;
  if (rest.size() < total) {
    out.status = FrameStatus::Incomplete;
    out.error = "record cut short (" + std::to_string(rest.size()) + " of " + std::to_string(total) + " bytes)";
    return out;
  }
  std::string_view payload = rest.substr(kFrameHeaderSize, *length);
  if (rest[total - 1] != '\n') {
    out.error = "record does not end with a newline";
    return out;
  }
  if (crc32(payload) != *crc) {
    out.error = "checksum mismatch";
    return out;
  }
  out.status = FrameStatus::Ok;
  out.size = total;
  out.payload = std::string(payload);
  return out;
}

std::string localTimestamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  return buffer;
}

}  // namespace payment::journal
