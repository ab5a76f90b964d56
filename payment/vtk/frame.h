#pragma once
// VTK over TCP: every message is a frame of
//   2 bytes  length, big-endian: counts the discriminator and the TLV bytes that follow it
//   2 bytes  discriminator: 0x96FB kiosk (VMC) → terminal (POS), 0x97FB terminal → kiosk
//   N bytes  TLV parameters, tag 0x01 (message name) among them
// The reader is incremental: feed it whatever recv() returned and take out whole messages.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "payment/vtk/message.h"

namespace payment::vtk {

constexpr uint16_t kVmcToPos = 0x96FB;
constexpr uint16_t kPosToVmc = 0x97FB;

// The whole frame; empty when the message does not fit (length above 0xFFFF or a value too long).
std::string encodeFrame(uint16_t discriminator, const VtkMessage& message);

class FrameReader {
 public:
  explicit FrameReader(uint16_t expected_discriminator) : expected_(expected_discriminator) {}

  void feed(std::string_view bytes) { buffer_.append(bytes); }

  enum class Status { NeedMore, Message, Error };
  // Takes the next complete frame out of the buffer. Error: the stream cannot be trusted any more (bad length,
  // wrong discriminator, malformed TLV); `error` says why and the caller should drop the connection.
  Status next(VtkMessage& out, std::string& error);

  // Bytes of an incomplete frame still waiting (used to tell a truncated frame from a clean close).
  size_t buffered() const { return buffer_.size(); }
  // Length the frame in progress announced (0 when not known yet).
  size_t expectedFrameSize() const;

 private:
  uint16_t expected_;
  std::string buffer_;
};

}  // namespace payment::vtk
