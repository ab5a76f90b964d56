#include "tests/drivers/vtk_wire.h"

#include <cstdio>
#include <stdexcept>

namespace vtkemu {

namespace {

constexpr size_t kMaxValue = 0xFFFF;   // the longest length form is 0x82 NN NN
constexpr size_t kMaxTagBytes = 4;     // the tag must fit a uint32_t

uint8_t byteAt(std::string_view bytes, size_t i) { return static_cast<uint8_t>(bytes[i]); }

uint16_t be16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>((byteAt(bytes, at) << 8) | byteAt(bytes, at + 1));
}

void appendBe16(std::string& out, size_t value) {
  out.push_back(static_cast<char>((value >> 8) & 0xFF));
  out.push_back(static_cast<char>(value & 0xFF));
}

// The tag's bytes, most significant first (a one-byte tag 0x00 is the single byte 0x00).
std::string tagBytes(uint32_t tag) {
  std::string out;
  bool started = false;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto b = static_cast<uint8_t>((tag >> shift) & 0xFF);
    if (!started && b == 0 && shift > 0) continue;
    started = true;
    out.push_back(static_cast<char>(b));
  }
  return out;
}

// Empty when `bytes` is one well-formed primitive tag, else the reason.
std::string tagProblem(std::string_view bytes) {
  const uint8_t first = byteAt(bytes, 0);
  if (first & 0x20) return "constructed tag " + hexBytes(bytes) + " (VTK parameters are primitive)";
  const bool multi = (first & 0x1F) == 0x1F;
  if (!multi) return bytes.size() == 1 ? "" : "tag " + hexBytes(bytes) + " has bytes after a one-byte tag";
  if (bytes.size() < 2) return "tag " + hexBytes(bytes) + " ends where its next byte should be";
  for (size_t i = 1; i + 1 < bytes.size(); ++i)
    if (!(byteAt(bytes, i) & 0x80)) return "tag " + hexBytes(bytes) + " ends before its last byte";
  if (byteAt(bytes, bytes.size() - 1) & 0x80) return "tag " + hexBytes(bytes) + " ends on a continuation byte";
  return "";
}

void appendLength(std::string& out, size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<char>(length));
  } else if (length <= 0xFF) {
    out.push_back(static_cast<char>(0x81));
    out.push_back(static_cast<char>(length));
  } else {
    out.push_back(static_cast<char>(0x82));
    appendBe16(out, length);
  }
}

void appendTlv(std::string& out, uint32_t tag, const std::string& value) {
  const std::string tb = tagBytes(tag);
  if (auto problem = tagProblem(tb); !problem.empty()) throw std::invalid_argument(problem);
  if (value.size() > kMaxValue)
    throw std::invalid_argument("value of tag " + hexBytes(tb) + " is " + std::to_string(value.size()) +
                                " bytes, more than a 0x82 length can say");
  out += tb;
  appendLength(out, value.size());
  out += value;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int digits(std::string_view text, size_t at, size_t count) {
  int value = 0;
  for (size_t i = 0; i < count; ++i) value = value * 10 + (text[at + i] - '0');
  return value;
}

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

ReadResult error(std::string reason) {
  ReadResult r;
  r.status = ReadResult::Status::Error;
  r.error = std::move(reason);
  return r;
}

// The discriminator and TLVs of a frame whose length field said `length`, starting at `at`.
ReadResult readBody(std::string_view bytes, size_t at, size_t length, size_t consumed) {
  ReadResult r;
  r.discriminator = be16(bytes, at);
  if (auto problem = decodeTlvs(bytes.substr(at + 2, length - 2), r.message); !problem.empty())
    return error(problem);
  r.status = ReadResult::Status::Message;
  r.consumed = consumed;
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Message
// ---------------------------------------------------------------------------------------------------------------

const std::string* Message::find(uint32_t tag) const {
  if (tag == tags::kName) return &name;
  for (const auto& p : params)
    if (p.tag == tag) return &p.value;
  return nullptr;
}

std::optional<int64_t> Message::number(uint32_t tag) const {
  const std::string* value = find(tag);
  if (!value) return std::nullopt;
  return parseDecimal(*value);
}

Message& Message::set(uint32_t tag, std::string value) {
  if (tag == tags::kName) {
    name = std::move(value);
    return *this;
  }
  for (auto& p : params) {
    if (p.tag == tag) {
      p.value = std::move(value);
      return *this;
    }
  }
  params.push_back({tag, std::move(value)});
  return *this;
}

std::optional<int64_t> parseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!isDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string localTimeProblem(std::string_view text) {
  if (text.size() != 20)
    return "local time \"" + std::string(text) + "\" is " + std::to_string(text.size()) +
           " bytes, not the 20 of YYYYMMDDThhmmss+hhmm";
  for (size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19})
    if (!isDigit(text[i])) return "local time \"" + std::string(text) + "\" has a non-digit at " + std::to_string(i);
  if (text[8] != 'T') return "local time \"" + std::string(text) + "\" lacks the 'T' between date and time";
  if (text[15] != '+' && text[15] != '-')
    return "local time \"" + std::string(text) + "\" lacks the '+' or '-' of its UTC offset";
  const int year = digits(text, 0, 4), month = digits(text, 4, 2), day = digits(text, 6, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return "local time \"" + std::string(text) + "\" is not a calendar date";
  if (digits(text, 9, 2) > 23 || digits(text, 11, 2) > 59 || digits(text, 13, 2) > 59)
    return "local time \"" + std::string(text) + "\" is not a time of day";
  if (digits(text, 16, 2) > 14 || digits(text, 18, 2) > 59)
    return "local time \"" + std::string(text) + "\" has an impossible UTC offset";
  return "";
}

// ---------------------------------------------------------------------------------------------------------------
// TLV
// ---------------------------------------------------------------------------------------------------------------

std::string encodeTlvs(const Message& message) {
  if (message.name.empty()) throw std::invalid_argument("a message needs a name (tag 0x01)");
  std::string out;
  appendTlv(out, tags::kName, message.name);
  for (const auto& p : message.params) {
    if (p.tag == tags::kName) throw std::invalid_argument("tag 0x01 belongs in Message::name, not in params");
    appendTlv(out, p.tag, p.value);
  }
  return out;
}

std::string decodeTlvs(std::string_view bytes, Message& out) {
  Message m;
  bool named = false;
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t tag_start = i;
    // Tag: one byte, or a lead byte with the low five bits set followed by bytes with bit 8 set, then one without.
    size_t tag_end = i + 1;
    if ((byteAt(bytes, i) & 0x1F) == 0x1F) {
      while (tag_end < bytes.size() && (byteAt(bytes, tag_end) & 0x80)) ++tag_end;
      ++tag_end;  // the last tag byte, bit 8 clear
      if (tag_end > bytes.size()) return "tag at offset " + std::to_string(tag_start) + " runs past the end";
    }
    const std::string_view tb = bytes.substr(tag_start, tag_end - tag_start);
    if (tb.size() > kMaxTagBytes) return "tag " + hexBytes(tb) + " is longer than " + std::to_string(kMaxTagBytes);
    if (auto problem = tagProblem(tb); !problem.empty()) return problem;
    uint32_t tag = 0;
    for (char c : tb) tag = (tag << 8) | static_cast<uint8_t>(c);
    i = tag_end;

    // Length: short form, 0x81 NN or 0x82 NN NN.
    if (i >= bytes.size()) return "tag " + hexBytes(tb) + " has no length";
    const uint8_t first = byteAt(bytes, i++);
    size_t length = first;
    if (first == 0x81 || first == 0x82) {
      const size_t n = first == 0x81 ? 1 : 2;
      if (i + n > bytes.size()) return "length of tag " + hexBytes(tb) + " runs past the end";
      length = n == 1 ? byteAt(bytes, i) : be16(bytes, i);
      i += n;
    } else if (first >= 0x80) {
      return "tag " + hexBytes(tb) + " has length byte " + hex(first, 2) + " (only short, 0x81 and 0x82 forms)";
    }
    if (length > bytes.size() - i)
      return "value of tag " + hexBytes(tb) + " claims " + std::to_string(length) + " bytes, " +
             std::to_string(bytes.size() - i) + " remain";
    std::string value(bytes.substr(i, length));
    i += length;

    if (tag == tags::kName) {
      if (named) return "two message names (tag 0x01)";
      if (value.empty()) return "empty message name (tag 0x01)";
      named = true;
      m.name = std::move(value);
    } else {
      m.params.push_back({tag, std::move(value)});
    }
  }
  if (!named) return "no message name (tag 0x01)";
  out = std::move(m);
  return "";
}

// ---------------------------------------------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------------------------------------------

uint16_t crc16Ccitt(std::string_view bytes) {
  uint16_t crc = 0xFFFF;
  for (char c : bytes) {
    crc ^= static_cast<uint16_t>(static_cast<uint8_t>(c) << 8);
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc & 0x8000) ? static_cast<uint16_t>((crc << 1) ^ 0x1021) : static_cast<uint16_t>(crc << 1);
  }
  return crc;
}

std::string encodeTcpFrame(uint16_t discriminator, const Message& message) {
  const std::string tlvs = encodeTlvs(message);
  if (tlvs.size() + 2 > 0xFFFF)
    throw std::invalid_argument("frame of " + std::to_string(tlvs.size() + 2) + " bytes exceeds the 2-byte length");
  std::string out;
  appendBe16(out, tlvs.size() + 2);
  appendBe16(out, discriminator);
  return out + tlvs;
}

std::string encodeSerialFrame(uint16_t discriminator, const Message& message) {
  std::string out(1, static_cast<char>(kSerialStart));
  out += encodeTcpFrame(discriminator, message);
  appendBe16(out, crc16Ccitt(out));  // from the start byte on
  return out;
}

ReadResult readTcpFrame(std::string_view bytes) {
  if (bytes.size() < 2) return {};
  const size_t length = be16(bytes, 0);
  if (length < 2) return error("frame length " + std::to_string(length) + " leaves no room for the discriminator");
  if (bytes.size() < 2 + length) return {};
  return readBody(bytes, 2, length, 2 + length);
}

ReadResult readSerialFrame(std::string_view bytes) {
  if (bytes.empty()) return {};
  if (byteAt(bytes, 0) != kSerialStart) return error("frame starts with " + hex(byteAt(bytes, 0), 2) + ", not 0x1F");
  if (bytes.size() < 3) return {};
  const size_t length = be16(bytes, 1);
  if (length < 2) return error("frame length " + std::to_string(length) + " leaves no room for the discriminator");
  const size_t total = 1 + 2 + length + 2;
  if (bytes.size() < total) return {};
  const uint16_t computed = crc16Ccitt(bytes.substr(0, total - 2));
  const uint16_t carried = be16(bytes, total - 2);
  if (computed != carried) return error("CRC " + hex(carried, 4) + " in the frame, " + hex(computed, 4) + " computed");
  return readBody(bytes, 3, length, total);
}

ReadResult TcpFrameReader::next() {
  if (!error_.empty()) return error(error_);
  ReadResult r = readTcpFrame(buffer_);
  if (r.status == ReadResult::Status::Message && r.discriminator != expected_)
    r = error("discriminator " + hex(r.discriminator, 4) + ", expected " + hex(expected_, 4));
  if (r.status == ReadResult::Status::Error) error_ = r.error;
  if (r.status == ReadResult::Status::Message) buffer_.erase(0, r.consumed);
  return r;
}

std::string hex(uint32_t value, int digits) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%0*X", digits, value);
  return text;
}

std::string hexBytes(std::string_view bytes) {
  std::string out;
  char text[4];
  for (char c : bytes) {
    std::snprintf(text, sizeof text, "%02X", static_cast<uint8_t>(c));
    if (!out.empty()) out += ' ';
    out += text;
  }
  return out;
}

}  // namespace vtkemu
