#pragma once
// The VTK wire format as the test terminal reads and writes it, written from the specification's facts
// (/work/shared/payment-terminals.md) and a real terminal's captured frames, independently of the kiosk's driver:
// an emulator that shared the driver's codec would agree with the driver's mistakes.
//
//   TLV        primitive BER-TLV: tag (one byte, or 0x?F-led multi-byte), length (short, 0x81 NN, 0x82 NN NN), value
//   TCP frame  length (2 bytes BE, counts discriminator + TLVs) | discriminator (2 bytes) | TLVs
//   serial     0x1F | length | discriminator | TLVs | CRC16-CCITT (2 bytes BE) over everything before it,
//              the start byte included
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtkemu {

inline constexpr uint16_t kKioskToTerminal = 0x96FB;  // "VMC → POS"
inline constexpr uint16_t kTerminalToKiosk = 0x97FB;  // "POS → VMC"
inline constexpr uint8_t kSerialStart = 0x1F;

// The tags the terminal knows; any other tag is carried along and ignored.
namespace tags {
inline constexpr uint32_t kName = 0x01;             // message name, 3 ASCII letters
inline constexpr uint32_t kOperation = 0x03;        // operation number, decimal ASCII
inline constexpr uint32_t kAmount = 0x04;           // minor units, decimal ASCII
inline constexpr uint32_t kKeepAlive = 0x05;        // seconds
inline constexpr uint32_t kOperationTimeout = 0x06; // seconds
inline constexpr uint32_t kEventName = 0x07;        // a vending event sent by the kiosk (CSAPP, CSDEN)
inline constexpr uint32_t kEventNumber = 0x08;
inline constexpr uint32_t kQrData = 0x0A;
inline constexpr uint32_t kLocalTime = 0x11;        // YYYYMMDDThhmmss±hhmm
inline constexpr uint32_t kReceipt = 0x13;          // bank receipt, LF-separated KEY:VALUE lines
}  // namespace tags

struct Param {
  uint32_t tag = 0;  // the tag's bytes, big-endian: 0x04, or 0x9F8102 for the three bytes 9F 81 02
  std::string value;
};

struct Message {
  std::string name;          // tag 0x01, always encoded first
  std::vector<Param> params; // every other tag, in wire order

  Message() = default;
  explicit Message(std::string message_name) : name(std::move(message_name)) {}

  // The first value of `tag` (0x01 is the name), or null.
  const std::string* find(uint32_t tag) const;
  // The value of `tag` read as a strict non-negative decimal number ("0", "38900"); nullopt if absent or not that.
  std::optional<int64_t> number(uint32_t tag) const;
  // Replaces the first value of `tag` or appends it.
  Message& set(uint32_t tag, std::string value);
  Message& setNumber(uint32_t tag, int64_t value) { return set(tag, std::to_string(value)); }
};

// Strict non-negative decimal ASCII: digits only, at least one, at most 18 (no sign, no spaces).
std::optional<int64_t> parseDecimal(std::string_view text);

// Local time (tag 0x11), exactly YYYYMMDDThhmmss±hhmm with a real calendar date and time. Empty when valid,
// else the reason.
std::string localTimeProblem(std::string_view text);

// ---- TLV ----

// Name first, then the params. Throws std::invalid_argument on a message it cannot encode (no name, a malformed
// tag, a value longer than 0xFFFF bytes).
std::string encodeTlvs(const Message& message);
// All of `bytes` as TLVs. Empty string on success, else the reason; `out` is filled only on success.
std::string decodeTlvs(std::string_view bytes, Message& out);

// ---- Frames ----

struct ReadResult {
  enum class Status { NeedMore, Message, Error };
  Status status = Status::NeedMore;
  uint16_t discriminator = 0;
  Message message;
  std::string error;  // Error: the reason
  size_t consumed = 0; // Message: bytes the frame took from the front of the input
};

// Throws std::invalid_argument as encodeTlvs does, or when the frame would not fit its 2-byte length.
std::string encodeTcpFrame(uint16_t discriminator, const Message& message);
std::string encodeSerialFrame(uint16_t discriminator, const Message& message);

// One frame from the front of `bytes` (more may follow).
ReadResult readTcpFrame(std::string_view bytes);
ReadResult readSerialFrame(std::string_view bytes);

// CRC16-CCITT: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR.
uint16_t crc16Ccitt(std::string_view bytes);

// TCP frames from a byte stream, delivered as they complete. A frame whose discriminator is not `expected`
// is an error. After an error the stream has lost its framing: every later call reports the same error.
class TcpFrameReader {
 public:
  explicit TcpFrameReader(uint16_t expected) : expected_(expected) {}
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  ReadResult next();
  void reset() {
    buffer_.clear();
    error_.clear();
  }

 private:
  uint16_t expected_;
  std::string buffer_;
  std::string error_;
};

// "0x96FB", "0x0B" — for error texts and test failure messages.
std::string hex(uint32_t value, int digits);
// "1F 00 0A 96 FB"
std::string hexBytes(std::string_view bytes);

}  // namespace vtkemu
