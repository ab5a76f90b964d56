#pragma once
// A VTK message: its name (tag 0x01: "IDL", "VRP", "FIN"…) and the other parameters in arrival order.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "payment/vtk/tlv.h"

namespace payment::vtk {

// Parameter tags of the VTK protocol v1.12 (section 3). Only the ones the kiosk reads or writes.
namespace tag {
constexpr uint32_t kMessageName = 0x01;
constexpr uint32_t kOperationNumber = 0x03;  // decimal ASCII
constexpr uint32_t kAmount = 0x04;           // minor currency units, decimal ASCII
constexpr uint32_t kKeepAlive = 0x05;        // seconds
constexpr uint32_t kOperationTimeout = 0x06; // seconds
constexpr uint32_t kEventName = 0x07;
constexpr uint32_t kEventNumber = 0x08;
constexpr uint32_t kProductId = 0x09;
constexpr uint32_t kQrData = 0x0A;
constexpr uint32_t kProductName = 0x0F;
constexpr uint32_t kLocalTime = 0x11;
constexpr uint32_t kReceipt = 0x13;  // bank receipt, UTF-8, LF-separated lines
}  // namespace tag

// Message names.
namespace msg {
constexpr std::string_view kIdle = "IDL";
constexpr std::string_view kDisabled = "DIS";
constexpr std::string_view kStarted = "STA";
constexpr std::string_view kVendRequest = "VRP";
constexpr std::string_view kFinalise = "FIN";
constexpr std::string_view kAbort = "ABR";
}  // namespace msg

struct VtkMessage {
  std::string name;
  std::vector<TlvParam> params;  // everything but the name

  VtkMessage() = default;
  explicit VtkMessage(std::string_view message_name) : name(message_name) {}

  // First value with this tag, or nullptr.
  const std::string* find(uint32_t tag) const;
  // Adds or replaces the parameter.
  VtkMessage& set(uint32_t tag, std::string value);
  VtkMessage& setNumber(uint32_t tag, int64_t value);
  // The parameter as a non-negative decimal number; nullopt when absent or not a number.
  std::optional<int64_t> number(uint32_t tag) const;

  // "VRP op=12 amount=38900" for logs (never includes the receipt).
  std::string summary() const;
};

// Strict non-negative decimal ("0", "38900"): digits only, at most 18 of them. nullopt otherwise.
std::optional<int64_t> parseDecimal(std::string_view text);

// TLV bytes of the message: the name first, then the parameters in order. Empty when a value is too long.
std::string encodeMessage(const VtkMessage& message);
// Reads TLV bytes into a message; the error names what is wrong (bad TLV, no name).
std::optional<VtkMessage> decodeMessage(std::string_view tlv_bytes, std::string& error);

}  // namespace payment::vtk
