#include "kiosk/app/image_decode.h"

#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace kiosk::app {
namespace {

struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};

void appendToString(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

// stb_image (2.27 in Debian 12) is not hardened against hostile files, and menu images come over the network. Only
// the two formats menus use reach it; its other decoders (GIF, BMP, PSD, PIC, PNM, HDR, TGA) carry known defects.
bool isPngOrJpeg(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8) || bytes.substr(0, 3) == "\xFF\xD8\xFF";
}

// Walks a JPEG's marker segments as stb_image reads them and returns why it must not be decoded ("" when fine).
// Two stb_image 2.27 defects found by tests/fuzz/fuzz_image (docs/FUZZING.md), both memory errors:
//  - a DHT segment declaring more than 256 codes makes it write past its Huffman tables;
//  - a scan that uses a Huffman table no DHT defined makes it index its tables with garbage.
std::string jpegDefect(std::string_view bytes) {
  // Past the end of the data stb reads zeros; so does this.
  auto byte = [&](size_t at) {
    return at < bytes.size() ? static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) : 0u;
  };
  bool defined[2][4] = {};  // [0 = DC, 1 = AC][table id]
  size_t at = 2;            // after SOI
  while (at + 1 < bytes.size()) {
    if (byte(at) != 0xFF) {  // entropy-coded data between markers
      ++at;
      continue;
    }
    const unsigned marker = byte(at + 1);
    if (marker == 0x00 || marker == 0xFF || (marker >= 0xD0 && marker <= 0xD7)) {  // stuffing, fill, restart
      ++at;
      continue;
    }
    if (marker == 0xD9 || at + 4 > bytes.size()) return {};  // end of image, or cut short (stb says so itself)
    const size_t length = byte(at + 2) << 8 | byte(at + 3);
    if (marker == 0xC4) {  // DHT: tables one after the other while the declared length lasts, as stb reads them
      long left = static_cast<long>(length) - 2;
      for (size_t table = at + 4; left > 0 && table < bytes.size();) {
        const unsigned kind = byte(table) >> 4, id = byte(table) & 15;
        size_t codes = 0;
        for (size_t i = 1; i <= 16; ++i) codes += byte(table + i);
        if (codes > 256) return "JPEG Huffman table declares " + std::to_string(codes) + " codes (at most 256)";
        if (kind <= 1 && id <= 3) defined[kind][id] = true;
        left -= static_cast<long>(17 + codes);
        table += 17 + codes;
      }
    } else if (marker == 0xDA) {  // SOS: components (id, DC table << 4 | AC table), then spectral start and end
      const size_t components = byte(at + 4);
      const unsigned spectral_start = byte(at + 5 + 2 * components), spectral_end = byte(at + 6 + 2 * components);
      for (size_t i = 0; i < components; ++i) {
        const unsigned dc = byte(at + 6 + 2 * i) >> 4, ac = byte(at + 6 + 2 * i) & 15;
        if (spectral_start == 0 && dc <= 3 && !defined[0][dc]) return "JPEG scan uses an undefined DC Huffman table";
        if (spectral_end > 0 && ac <= 3 && !defined[1][ac]) return "JPEG scan uses an undefined AC Huffman table";
      }
    }
    at += 2 + std::max<size_t>(length, 2);
  }
  return {};
}

}  // namespace

Expected<DecodedImage, std::string> decodeImage(std::string_view bytes, const DecodeLimits& limits) {
  if (bytes.empty()) return Unexpected{std::string("empty file")};
  if (bytes.size() > limits.max_file_bytes) {
    return Unexpected{"file too large: " + std::to_string(bytes.size()) + " bytes (limit " +
                      std::to_string(limits.max_file_bytes) + ")"};
  }
  if (!isPngOrJpeg(bytes)) return Unexpected{std::string("not a PNG or JPEG image")};
  if (bytes[0] == '\xFF') {
    if (std::string defect = jpegDefect(bytes); !defect.empty()) return Unexpected{"damaged image: " + defect};
  }
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  int length = static_cast<int>(bytes.size());
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &width, &height, &channels)) {
    const char* reason = stbi_failure_reason();
    return Unexpected{std::string("not a readable image: ") + (reason ? reason : "unknown format")};
  }
  if (width <= 0 || height <= 0) return Unexpected{std::string("image without pixels")};
  int64_t pixels = static_cast<int64_t>(width) * height;
  if (pixels > limits.max_pixels) {
    return Unexpected{"image too large: " + std::to_string(width) + "x" + std::to_string(height) + " (limit " +
                      std::to_string(limits.max_pixels) + " pixels)"};
  }
  std::unique_ptr<unsigned char, StbFree> decoded(stbi_load_from_memory(data, length, &width, &height, &channels, 4));
  if (!decoded) {
    const char* reason = stbi_failure_reason();
    return Unexpected{std::string("could not decode: ") + (reason ? reason : "unknown error")};
  }

  // Cover the box: the smaller of the two scale factors that fill it, never enlarging.
  double scale = std::max(static_cast<double>(std::max(limits.box_width, 1)) / width,
                          static_cast<double>(std::max(limits.box_height, 1)) / height);
  DecodedImage out;
  if (scale >= 1.0) {
    out.width = width;
    out.height = height;
    out.rgba.assign(decoded.get(), decoded.get() + static_cast<size_t>(pixels) * 4);
    return out;
  }
  out.width = std::max(1, static_cast<int>(std::ceil(width * scale)));
  out.height = std::max(1, static_cast<int>(std::ceil(height * scale)));
  out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
  if (!stbir_resize_uint8(decoded.get(), width, height, 0, out.rgba.data(), out.width, out.height, 0, 4)) {
    return Unexpected{std::string("could not scale the image")};
  }
  return out;
}

std::string encodePng(const unsigned char* rgba, int width, int height, int stride_bytes) {
  std::string png;
  if (!rgba || width <= 0 || height <= 0) return png;
  if (!stbi_write_png_to_func(appendToString, &png, width, height, 4, rgba, stride_bytes)) png.clear();
  return png;
}

}  // namespace kiosk::app
