// Big menu photos are bounded where they are decoded: scaled to cover the box, the overhang beyond two boxes cut
// off evenly, never larger than the renderer's largest texture; the loader hands the renderer's limit to the
// decoder and counts what the last frame asked for (the e2e scripts' pictures-ready / pictures-broken).
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/image_decode.h"
#include "kiosk/app/image_loader.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::ui::ImageSize;
using kiosk::ui::ImageView;

namespace {

// A w×h PNG whose red channel is the column (0 at the left, 255 at the right) and green the row.
std::string ramp(int w, int h) {
  std::vector<unsigned char> rgba(static_cast<size_t>(w) * h * 4);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      unsigned char* p = &rgba[(static_cast<size_t>(y) * w + x) * 4];
      p[0] = static_cast<unsigned char>(x * 255 / (w - 1));
      p[1] = static_cast<unsigned char>(y * 255 / (h - 1));
      p[2] = 100;
      p[3] = 255;
    }
  }
  return encodePng(rgba.data(), w, h, w * 4);
}

int red(const DecodedImage& image, int x, int y) { return image.rgba[(static_cast<size_t>(y) * image.width + x) * 4]; }
int green(const DecodedImage& image, int x, int y) {
  return image.rgba[(static_cast<size_t>(y) * image.width + x) * 4 + 1];
}

DecodeLimits box(int w, int h) {
  DecodeLimits limits;
  limits.box_width = w;
  limits.box_height = h;
  return limits;
}

}  // namespace

TEST_CASE("a 4000×500 banner keeps two boxes of its middle, cut evenly from both sides") {
  auto image = decodeImage(ramp(4000, 500), box(388, 258));
  REQUIRE(image.ok());
  // Scaled by 258/500 to cover the box's height: 2064 wide, of which two box widths (776) stay.
  CHECK(image->width == 776);
  CHECK(image->height == 258);
  // The kept columns are source 1248 … 2751 of 4000: red 79 … 175, and the middle is the middle.
  CHECK(red(*image, 0, 129) == Approx(79).margin(3));
  CHECK(red(*image, image->width - 1, 129) == Approx(175).margin(3));
  CHECK(red(*image, image->width / 2, 129) == Approx(127).margin(2));
  CHECK(green(*image, 10, 0) <= 2);  // nothing cut from the top: the height is what covers the box
}

TEST_CASE("a tall 400×1000 photo fills the box's width and keeps two box heights of its middle") {
  auto image = decodeImage(ramp(400, 1000), box(388, 258));
  REQUIRE(image.ok());
  CHECK(image->width == 388);
  CHECK(image->height == 516);  // 532 source rows (two boxes at 0.97) of 1000, from row 234
  CHECK(green(*image, 200, image->height / 2) == Approx(127).margin(2));
  CHECK(green(*image, 200, 0) == Approx(60).margin(3));
  CHECK(red(*image, 0, 100) <= 2);
}

TEST_CASE("decoded photos stay within the renderer's largest texture, keeping their shape") {
  DecodeLimits large = box(1080, 960);
  large.max_width = large.max_height = 512;
  auto square = decodeImage(ramp(4000, 4000), large);
  REQUIRE(square.ok());
  CHECK(square->width == 512);
  CHECK(square->height == 512);

  DecodeLimits wide = box(1080, 960);
  wide.max_width = 2048;
  auto banner = decodeImage(ramp(4000, 500), wide);  // never enlarged: 4000×500, two boxes (2160) of it kept
  REQUIRE(banner.ok());
  CHECK(banner->width == 2048);
  CHECK(banner->height == 474);
  CHECK(red(*banner, banner->width / 2, 200) == Approx(127).margin(2));
}

TEST_CASE("whatever its shape, a decoded photo costs at most four boxes of pixels") {
  const int sizes[][2] = {{600, 600}, {1080, 1440}, {400, 1000}, {4000, 4000}, {1000, 400}, {4000, 500},
                          {384, 512}, {512, 384},   {3000, 40},  {40, 3000},   {1, 1}};
  for (const auto& size : sizes) {
    for (const DecodeLimits& limits : {box(388, 258), box(1080, 960)}) {
      auto image = decodeImage(ramp(std::max(size[0], 2), std::max(size[1], 2)), limits);
      REQUIRE(image.ok());
      INFO(size[0] << "x" << size[1] << " for a " << limits.box_width << "x" << limits.box_height << " box");
      CHECK(static_cast<int64_t>(image->width) * image->height <=
            4 * static_cast<int64_t>(limits.box_width) * limits.box_height);
      CHECK(image->rgba.size() == static_cast<size_t>(image->width) * image->height * 4);
    }
  }
}

namespace {

// Answers at once with a ramp of the size the reference names ("600x600"), or an error for "broken".
class SizedSource : public ImageBytesSource {
 public:
  void fetch(const std::string& ref, std::function<void(Expected<std::string, std::string>)> done) override {
    int w = 0, h = 0;
    if (std::sscanf(ref.c_str(), "%dx%d", &w, &h) != 2) return done(Unexpected{std::string("no such picture")});
    done(ramp(w, h));
  }
};

class SizeRecorder : public TextureFactory {
 public:
  ImTextureID create(const unsigned char*, int width, int height) override {
    sizes.emplace_back(width, height);
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(sizes.size()));
  }
  void destroy(ImTextureID) override {}
  std::vector<std::pair<int, int>> sizes;
};

}  // namespace

TEST_CASE("the loader decodes within the renderer's limit and counts what the last frame asked for") {
  SizedSource source;
  SizeRecorder textures;
  ImageLoaderLimits limits = ImageLoaderLimits::forDisplay(1080, 1920);
  limits.max_texture_width = limits.max_texture_height = 700;
  ImageLoader loader(source, textures, limits);
  const std::vector<std::string> refs = {"4000x4000", "1080x1440", "broken"};
  int64_t now = 0;
  for (int i = 0; i < 2000; ++i) {
    for (const std::string& ref : refs) loader.get(ref, ImageSize::Large);
    loader.frame(now += 16);
    ImageLoader::FrameCounts counts = loader.lastFrame();
    if (counts.loading == 0 && counts.ready + counts.broken == 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ImageLoader::FrameCounts counts = loader.lastFrame();
  CHECK(counts.ready == 2);
  CHECK(counts.broken == 1);
  CHECK(counts.loading == 0);
  REQUIRE(textures.sizes.size() == 2);
  for (auto [w, h] : textures.sizes) {
    CHECK(w <= 700);
    CHECK(h <= 700);
  }
  // A frame that asks for nothing counts nothing.
  loader.frame(now += 16);
  CHECK(loader.lastFrame().ready == 0);
}
