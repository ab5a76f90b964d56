// Untrusted images: limits before decoding, scaling down to the display box, clear errors, no crash.
#include <catch2/catch.hpp>

#include <vector>

#include "kiosk/app/image_decode.h"
#include "preview/preview_images.h"

using kiosk::app::DecodeLimits;
using kiosk::app::decodeImage;

namespace {

std::string png(int w, int h) {
  std::vector<unsigned char> rgba(static_cast<size_t>(w) * h * 4, 200);
  return kiosk::app::encodePng(rgba.data(), w, h, w * 4);
}

}  // namespace

TEST_CASE("a picture is scaled down to cover the box, never enlarged") {
  DecodeLimits limits;
  limits.box_width = 200;
  limits.box_height = 100;
  auto big = decodeImage(png(800, 600), limits);
  REQUIRE(big.ok());
  CHECK(big->width == 200);   // 800 × 0.25
  CHECK(big->height == 150);  // covers the 100-high box
  CHECK(big->rgba.size() == 200u * 150u * 4u);
  auto small = decodeImage(png(50, 40), limits);
  REQUIRE(small.ok());
  CHECK(small->width == 50);
  CHECK(small->height == 40);
}

TEST_CASE("too many pixels is refused from the header, before decoding") {
  DecodeLimits limits;
  limits.max_pixels = 1000;
  auto result = decodeImage(png(40, 30), limits);  // 1200 pixels
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().find("too large") != std::string::npos);
}

TEST_CASE("a file over the size limit is refused") {
  DecodeLimits limits;
  limits.max_file_bytes = 100;
  auto result = decodeImage(png(64, 64), limits);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().find("file too large") != std::string::npos);
}

TEST_CASE("garbage, truncated and empty files give an error, not a crash") {
  DecodeLimits limits;
  CHECK_FALSE(decodeImage("", limits).ok());
  CHECK_FALSE(decodeImage("\x89PNG\r\n\x1a\n garbage", limits).ok());
  std::string truncated = png(64, 64);
  truncated.resize(truncated.size() / 2);
  CHECK_FALSE(decodeImage(truncated, limits).ok());
  std::string noise(5000, '\0');
  for (size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919) & 0xFF);
  CHECK_FALSE(decodeImage(noise, limits).ok());
}

TEST_CASE("the preview's made-up pictures decode") {
  auto bytes = kiosk::uitest::previewImageBytes("img/burger.png", 320, 240);
  REQUIRE(bytes.ok());
  auto image = decodeImage(*bytes, DecodeLimits{});
  REQUIRE(image.ok());
  CHECK(image->width == 320);
  CHECK_FALSE(kiosk::uitest::previewImageBytes("img/missing.png").ok());
  auto broken = kiosk::uitest::previewImageBytes("img/broken.png");
  REQUIRE(broken.ok());
  CHECK_FALSE(decodeImage(*broken, DecodeLimits{}).ok());
}
