#include "payment/vtk/serial_frame.h"

#include <cstdio>

namespace payment::vtk {

uint16_t crc16Ccitt(std::string_view bytes, uint16_t init) {
  uint16_t crc = init;
  for (unsigned char byte : bytes) {
    crc ^= static_cast<uint16_t>(byte << 8);
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc & 0x8000) ? static_cast<uint16_t>((crc << 1) ^ 0x1021) : static_cast<uint16_t>(crc << 1);
  }
  return crc;
}

std::string encodeSerialFrame(std::string_view body) {
  if (body.size() > 0xFFFF) return {};
  std::string frame(1, static_cast<char>(kSerialStart));
  frame.push_back(static_cast<char>(body.size() >> 8));
  frame.push_back(static_cast<char>(body.size() & 0xFF));
  frame.append(body);
  const uint16_t crc = crc16Ccitt(frame);  // from the start byte on
  frame.push_back(static_cast<char>(crc >> 8));
  frame.push_back(static_cast<char>(crc & 0xFF));
  return frame;
}

SerialDecodeResult decodeSerialFrame(std::string_view bytes) {
  SerialDecodeResult result;
  if (bytes.empty()) {
    result.incomplete = true;
    return result;
  }
  if (static_cast<uint8_t>(bytes[0]) != kSerialStart) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "serial frame starts with 0x%02X, expected 0x1F",
                  static_cast<uint8_t>(bytes[0]));
    result.error = buf;
    return result;
  }
  if (bytes.size() < 3) {
    result.incomplete = true;
    return result;
  }
  const size_t length = (static_cast<uint8_t>(bytes[1]) << 8) | static_cast<uint8_t>(bytes[2]);
  const size_t total = 1 + 2 + length + 2;
  if (bytes.size() < total) {
    result.incomplete = true;
    return result;
  }
  const uint16_t expected = crc16Ccitt(bytes.substr(0, 3 + length));
  const uint16_t received =
      static_cast<uint16_t>((static_cast<uint8_t>(bytes[3 + length]) << 8) | static_cast<uint8_t>(bytes[4 + length]));
  if (expected != received) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "serial frame CRC 0x%04X, computed 0x%04X", received, expected);
    result.error = buf;
    return result;
  }
  result.body = std::string(bytes.substr(3, length));
  result.consumed = total;
  return result;
}

}  // namespace payment::vtk
