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

}  // namespace

Expected<DecodedImage, std::string> decodeImage(std::string_view bytes, const DecodeLimits& limits) {
  if (bytes.empty()) return Unexpected(std::string("empty file"));
  if (bytes.size() > limits.max_file_bytes) {
    return Unexpected("file too large: " + std::to_string(bytes.size()) + " bytes (limit " +
                      std::to_string(limits.max_file_bytes) + ")");
  }
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  int length = static_cast<int>(bytes.size());
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &width, &height, &channels)) {
    const char* reason = stbi_failure_reason();
    return Unexpected(std::string("not a readable image: ") + (reason ? reason : "unknown format"));
  }
  if (width <= 0 || height <= 0) return Unexpected(std::string("image without pixels"));
  int64_t pixels = static_cast<int64_t>(width) * height;
  if (pixels > limits.max_pixels) {
    return Unexpected("image too large: " + std::to_string(width) + "x" + std::to_string(height) + " (limit " +
                      std::to_string(limits.max_pixels) + " pixels)");
  }
  std::unique_ptr<unsigned char, StbFree> decoded(stbi_load_from_memory(data, length, &width, &height, &channels, 4));
  if (!decoded) {
    const char* reason = stbi_failure_reason();
    return Unexpected(std::string("could not decode: ") + (reason ? reason : "unknown error"));
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
    return Unexpected(std::string("could not scale the image"));
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
