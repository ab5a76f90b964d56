#include "payment/vtk/message.h"

#include <cctype>

namespace payment::vtk {

const std::string* VtkMessage::find(uint32_t t) const {
  for (const auto& p : params)
    if (p.tag == t) return &p.value;
  return nullptr;
}

VtkMessage& VtkMessage::set(uint32_t t, std::string value) {
  for (auto& p : params) {
    if (p.tag == t) {
      p.value = std::move(value);
      return *this;
    }
  }
  params.push_back({t, std::move(value)});
  return *this;
}

VtkMessage& VtkMessage::setNumber(uint32_t t, int64_t value) { return set(t, std::to_string(value)); }

std::optional<int64_t> VtkMessage::number(uint32_t t) const {
  const std::string* v = find(t);
  if (!v) return std::nullopt;
  return parseDecimal(*v);
}

std::string VtkMessage::summary() const {
  std::string out = name.empty() ? std::string("<unnamed>") : name;
  if (auto op = find(tag::kOperationNumber)) out += " op=" + *op;
  if (auto amount = find(tag::kAmount)) out += " amount=" + *amount;
  if (auto timeout = find(tag::kOperationTimeout)) out += " timeout=" + *timeout;
  if (auto event = find(tag::kEventName)) out += " event=" + *event;
  if (find(tag::kReceipt)) out += " +receipt";
  return out;
}

std::optional<int64_t> parseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string encodeMessage(const VtkMessage& message) {
  std::string out;
  if (!appendTlv(out, tag::kMessageName, message.name)) return {};
  for (const auto& p : message.params) {
    if (p.tag == tag::kMessageName) continue;
    if (!appendTlv(out, p.tag, p.value)) return {};
  }
  return out;
}

std::optional<VtkMessage> decodeMessage(std::string_view tlv_bytes, std::string& error) {
  TlvParseResult parsed = parseTlvs(tlv_bytes);
  if (!parsed.ok()) {
    error = parsed.error;
    return std::nullopt;
  }
  VtkMessage message;
  bool named = false;
  for (auto& p : parsed.params) {
    if (p.tag == tag::kMessageName && !named) {
      message.name = std::move(p.value);
      named = true;
    } else {
      message.params.push_back(std::move(p));
    }
  }
  if (!named) {
    error = "message has no name (tag 0x01)";
    return std::nullopt;
  }
  if (message.name.empty() || message.name.size() > 8) {
    error = "message name has " + std::to_string(message.name.size()) + " bytes (expected 3 letters)";
    return std::nullopt;
  }
  for (unsigned char c : message.name) {
    if (!std::isalnum(c)) {
      error = "message name contains a non-alphanumeric byte";
      return std::nullopt;
    }
  }
  return message;
}

}  // namespace payment::vtk
