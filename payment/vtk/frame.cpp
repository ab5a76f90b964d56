#include "payment/vtk/frame.h"

#include <cstdio>

namespace payment::vtk {

std::string encodeFrame(uint16_t discriminator, const VtkMessage& message) {
  const std::string tlv = encodeMessage(message);
  if (tlv.empty()) return {};
  const size_t length = tlv.size() + 2;
  if (length > 0xFFFF) return {};
  std::string frame;
  frame.reserve(length + 2);
  frame.push_back(static_cast<char>(length >> 8));
  frame.push_back(static_cast<char>(length & 0xFF));
  frame.push_back(static_cast<char>(discriminator >> 8));
  frame.push_back(static_cast<char>(discriminator & 0xFF));
  frame += tlv;
  return frame;
}

size_t FrameReader::expectedFrameSize() const {
  if (buffer_.size() < 2) return 0;
  return 2 + ((static_cast<uint8_t>(buffer_[0]) << 8) | static_cast<uint8_t>(buffer_[1]));
}

FrameReader::Status FrameReader::next(VtkMessage& out, std::string& error) {
  if (buffer_.size() < 2) return Status::NeedMore;
  const size_t length = (static_cast<uint8_t>(buffer_[0]) << 8) | static_cast<uint8_t>(buffer_[1]);
  if (length < 2) {
    error = "frame length " + std::to_string(length) + " is shorter than the discriminator";
    return Status::Error;
  }
  if (buffer_.size() < 2 + length) return Status::NeedMore;
  const uint16_t discriminator =
      static_cast<uint16_t>((static_cast<uint8_t>(buffer_[2]) << 8) | static_cast<uint8_t>(buffer_[3]));
  if (discriminator != expected_) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "frame discriminator 0x%04X, expected 0x%04X", discriminator, expected_);
    error = buf;
    return Status::Error;
  }
  std::string decode_error;
  auto message = decodeMessage(std::string_view(buffer_).substr(4, length - 2), decode_error);
  if (!message) {
    error = "malformed frame: " + decode_error;
    return Status::Error;
  }
  buffer_.erase(0, 2 + length);
  out = std::move(*message);
  return Status::Message;
}

}  // namespace payment::vtk
