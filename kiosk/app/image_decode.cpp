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

  // Cover the box: the larger of the two scale factors (the smaller side fills it), never enlarging.
  const int box_w = std::max(limits.box_width, 1), box_h = std::max(limits.box_height, 1);
  const double scale =
      std::min(1.0, std::max(static_cast<double>(box_w) / width, static_cast<double>(box_h) / height));
  // The centred part worth keeping, in source pixels: at most kKeptBoxes boxes each way once scaled.
  const int keep_w = std::min(width, static_cast<int>(std::ceil(kKeptBoxes * box_w / scale)));
  const int keep_h = std::min(height, static_cast<int>(std::ceil(kKeptBoxes * box_h / scale)));
  int out_w = std::clamp(static_cast<int>(std::ceil(keep_w * scale)), 1, kKeptBoxes * box_w);
  int out_h = std::clamp(static_cast<int>(std::ceil(keep_h * scale)), 1, kKeptBoxes * box_h);
  // Larger than the renderer takes (a GPU's 2048 or 4096): smaller still, keeping the shape.
  double fit = 1.0;
  if (limits.max_width > 0 && out_w > limits.max_width) fit = static_cast<double>(limits.max_width) / out_w;
  if (limits.max_height > 0 && out_h > limits.max_height) {
    fit = std::min(fit, static_cast<double>(limits.max_height) / out_h);
  }
  if (fit < 1.0) {
    out_w = std::max(1, static_cast<int>(std::lround(out_w * fit)));
    out_h = std::max(1, static_cast<int>(std::lround(out_h * fit)));
  }

  const size_t stride = static_cast<size_t>(width) * 4;
  const unsigned char* kept = decoded.get() + static_cast<size_t>((height - keep_h) / 2) * stride +
                              static_cast<size_t>((width - keep_w) / 2) * 4;
  DecodedImage out;
  out.width = out_w;
  out.height = out_h;
  out.rgba.resize(static_cast<size_t>(out_w) * out_h * 4);
  const size_t row = static_cast<size_t>(out_w) * 4;
  if (out_w == keep_w && out_h == keep_h) {  // nothing to scale: the kept rows as they are
    for (int y = 0; y < out_h; ++y) std::copy_n(kept + y * stride, row, out.rgba.data() + y * row);
    return out;
  }
  if (!stbir_resize_uint8(kept, keep_w, keep_h, static_cast<int>(stride), out.rgba.data(), out_w, out_h, 0, 4)) {
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
