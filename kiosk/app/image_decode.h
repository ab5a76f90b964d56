#pragma once
// Decoding one menu image, treated as untrusted input: a size limit on the file and on the pixel count (checked
// from the header before decoding), then RGBA pixels bounded by the box the UI draws them in — never kept at full
// resolution: scaled down so that they still cover the box, cropped around the centre to at most two boxes each
// way, and fitted into the renderer's largest texture. Runs on the image worker thread (stb_image is not hardened:
// never on the UI thread). Only PNG and JPEG are decoded (what menus use; stb_image's other decoders have known
// defects), and JPEGs that would trip a known stb_image defect are refused.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/common/expected.h"

namespace kiosk::app {

struct DecodeLimits {
  size_t max_file_bytes = 8u << 20;     // 8 MB
  int64_t max_pixels = 16'000'000;      // 16 MP
  int box_width = 512;                  // scaled down so that it still covers this box
  int box_height = 512;
  int max_width = 0;                    // the renderer's largest texture (0: no limit)
  int max_height = 0;
};

// The UI shows a picture "covering" its box: scaled to fill it, the overhang cut off evenly on both sides. Beyond
// this many boxes, the overhang is cut off at decoding: a box of another shape (a square cart thumbnail, a wide
// tile) still finds the crop it shows, and a 4000×500 banner costs no more than two boxes of texture.
constexpr int kKeptBoxes = 2;

struct DecodedImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;  // width × height × 4
};

Expected<DecodedImage, std::string> decodeImage(std::string_view bytes, const DecodeLimits& limits);

// Encodes RGBA pixels as PNG (screenshots, test images). Empty on failure.
std::string encodePng(const unsigned char* rgba, int width, int height, int stride_bytes);

}  // namespace kiosk::app
