#include "kiosk/app/screenshot.h"

#include <SDL.h>

#include <vector>

#include "kiosk/app/image_decode.h"
#include "kiosk/common/atomic_file.h"

namespace kiosk::app {

std::string writeScreenshot(SDL_Renderer* renderer, const std::string& path) {
  int width = 0, height = 0;
  if (SDL_GetRendererOutputSize(renderer, &width, &height) != 0 || width <= 0 || height <= 0) {
    return std::string("no picture to read: ") + SDL_GetError();
  }
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), width * 4) != 0) {
    return std::string("could not read the picture: ") + SDL_GetError();
  }
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the screen is opaque
  std::string png = encodePng(pixels.data(), width, height, width * 4);
  if (png.empty()) return "could not encode the PNG";
  return files::writeAtomically(path, png);
}

}  // namespace kiosk::app
