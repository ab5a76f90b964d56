// Fuzz target: one menu image → kiosk::app::decodeImage (the size checks, stb_image's decoders, the scaling).
// stb_image is compiled into this target from the same Debian header that libstb.so is built from
// (stb_image_impl.cpp), so its code is instrumented too: the app links the prebuilt libstb.so instead.
// Properties: nothing crashes; a decoded image has the size it claims, and fits the limits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/app/image_decode.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kiosk::app::DecodeLimits limits;
  // Far below the kiosk's 16 MP: the decoders run the same code on small images, and a fuzzer that decodes
  // megapixel images of noise makes a few runs a second instead of thousands.
  limits.max_pixels = 256 * 1024;
  limits.box_width = 64;
  limits.box_height = 48;
  auto image = kiosk::app::decodeImage(bytes, limits);
  if (!image) {
    FUZZ_CHECK(!image.error().empty(), "a refused image without a reason");
    return 0;
  }
  FUZZ_CHECK(image->width > 0 && image->height > 0, "a decoded image without pixels");
  FUZZ_CHECK(image->rgba.size() == static_cast<size_t>(image->width) * image->height * 4,
             "pixel buffer size differs from width × height × 4");
  FUZZ_CHECK(static_cast<int64_t>(image->width) * image->height <= limits.max_pixels, "image over the pixel limit");
  return 0;
}
