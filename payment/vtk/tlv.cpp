#include "payment/vtk/tlv.h"

#include <cstdio>

namespace payment::vtk {

namespace {

std::string at(size_t offset, const char* what) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "TLV at byte %zu: %s", offset, what);
  return buf;
}

}  // namespace

bool appendTlv(std::string& out, uint32_t tag, std::string_view value) {
  if (tag == 0 || tag >= 0x1F || value.size() > kMaxTlvValue) return false;
  out.push_back(static_cast<char>(tag));
  const size_t n = value.size();
  if (n < 0x80) {
    out.push_back(static_cast<char>(n));
  } else if (n <= 0xFF) {
    out.push_back(static_cast<char>(0x81));
    out.push_back(static_cast<char>(n));
  } else {
    out.push_back(static_cast<char>(0x82));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
  }
  out.append(value);
  return true;
}

TlvParseResult parseTlvs(std::string_view bytes) {
  TlvParseResult result;
  auto byteAt = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t start = pos;
    // Tag: one byte, or BER multi-byte form (low five bits all set, then bytes with the high bit as "more").
    uint32_t tag = byteAt(pos++);
    if ((tag & 0x1F) == 0x1F) {
      int extra = 0;
      while (true) {
        if (pos >= bytes.size()) {
          result.error = at(start, "tag runs past the end");
          return result;
        }
        const uint8_t b = byteAt(pos++);
        tag = (tag << 8) | b;
        if (++extra > 3) {
          result.error = at(start, "tag longer than 4 bytes");
          return result;
        }
        if ((b & 0x80) == 0) break;
      }
    }
    if (pos >= bytes.size()) {
      result.error = at(start, "length byte missing");
      return result;
    }
    size_t length = byteAt(pos++);
    if (length == 0x80) {
      result.error = at(start, "indefinite length is not allowed in a primitive TLV");
      return result;
    }
    if (length > 0x80) {
      const size_t count = length & 0x7F;
      if (count > 2) {
        result.error = at(start, "length form longer than 2 bytes");
        return result;
      }
      if (pos + count > bytes.size()) {
        result.error = at(start, "length bytes run past the end");
        return result;
      }
      length = 0;
      for (size_t i = 0; i < count; ++i) length = (length << 8) | byteAt(pos++);
    }
    if (length > bytes.size() - pos) {
      char what[96];
      std::snprintf(what, sizeof what, "value of %zu bytes but only %zu remain", length, bytes.size() - pos);
      result.error = at(start, what);
      return result;
    }
    result.params.push_back({tag, std::string(bytes.substr(pos, length))});
    pos += length;
  }
  return result;
}

}  // namespace payment::vtk
