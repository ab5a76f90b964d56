#pragma once
// VTK over a serial line (115200 8N1): a pure codec, not used by the TCP driver.
//
// Layout (VTK v1.12, section 2, checked against frames captured from a real terminal):
//   0x1F | length (2 bytes, big-endian, counts discriminator + TLVs) | discriminator (2) | TLVs | CRC (2, big-endian)
// CRC16-CCITT: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR; computed over every byte before
// it, the start byte 0x1F included (that is how the specification's examples and real terminals' frames verify).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace payment::vtk {

constexpr uint8_t kSerialStart = 0x1F;

// CRC16-CCITT (the "FALSE" variant: init 0xFFFF, poly 0x1021, MSB first).
uint16_t crc16Ccitt(std::string_view bytes, uint16_t init = 0xFFFF);

// Wraps discriminator + TLV bytes (`body`) into a serial frame. Empty when the body exceeds 0xFFFF bytes.
std::string encodeSerialFrame(std::string_view body);

struct SerialDecodeResult {
  std::string body;       // discriminator + TLVs
  size_t consumed = 0;    // bytes of the input the frame took
  std::string error;      // empty on success
  bool incomplete = false;  // not enough bytes yet (error is empty then too)
  bool ok() const { return error.empty() && !incomplete; }
};

// Decodes the first frame at the start of `bytes` (which must begin with the start byte).
SerialDecodeResult decodeSerialFrame(std::string_view bytes);

}  // namespace payment::vtk
