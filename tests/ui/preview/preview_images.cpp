#include "preview_images.h"

#include <cmath>
#include <functional>
#include <vector>

#include "kiosk/app/image_decode.h"

namespace kiosk::uitest {
namespace {

struct Rgb {
  float r, g, b;
};

Rgb fromHue(float hue, float saturation, float value) {
  float c = value * saturation;
  float h = std::fmod(hue, 1.f) * 6.f;
  float x = c * (1.f - std::fabs(std::fmod(h, 2.f) - 1.f));
  Rgb rgb{0, 0, 0};
  if (h < 1) rgb = {c, x, 0};
  else if (h < 2) rgb = {x, c, 0};
  else if (h < 3) rgb = {0, c, x};
  else if (h < 4) rgb = {0, x, c};
  else if (h < 5) rgb = {x, 0, c};
  else rgb = {c, 0, x};
  float m = value - c;
  return {rgb.r + m, rgb.g + m, rgb.b + m};
}

}  // namespace

Expected<std::string, std::string> previewImageBytes(const std::string& ref, int width, int height) {
  if (ref.find("missing") != std::string::npos) return Unexpected{std::string("404 not found")};
  if (ref.find("broken") != std::string::npos) return std::string("\x89PNG\r\n\x1a\n this is not a picture");
  size_t hash = std::hash<std::string>{}(ref);
  // Warm food colours (reds, oranges, browns, a few greens) on a wooden or slate table.
  static const float kFoodHues[] = {0.02f, 0.05f, 0.08f, 0.11f, 0.13f, 0.25f, 0.30f, 0.97f};
  float hue = kFoodHues[hash % 8];
  Rgb table = (hash >> 8) % 2 ? fromHue(0.07f, 0.35f, 0.45f) : fromHue(0.58f, 0.12f, 0.35f);
  Rgb food = fromHue(hue, 0.7f, 0.78f + static_cast<float>((hash >> 4) % 5) * 0.04f);
  Rgb sauce = fromHue(hue + 0.05f, 0.55f, 0.55f);
  std::vector<unsigned char> rgba(static_cast<size_t>(width) * height * 4);
  float cx = width * 0.5f, cy = height * 0.52f;
  float plate = std::min(width, height) * 0.42f;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      float dx = (x - cx) / plate, dy = (y - cy) / plate;
      float d = std::sqrt(dx * dx + dy * dy);
      // table with soft light from the top-left
      float light = 0.85f + 0.3f * (1.f - static_cast<float>(x + y) / static_cast<float>(width + height));
      Rgb c{table.r * light, table.g * light, table.b * light};
      if (d < 1.f) c = {0.96f, 0.95f, 0.93f};                    // plate
      if (d < 0.93f && d > 0.9f) c = {0.86f, 0.85f, 0.83f};      // rim
      float blob = d + 0.08f * std::sin(std::atan2(dy, dx) * 5.f + static_cast<float>(hash % 7));
      if (blob < 0.62f) c = {food.r * (1.1f - blob * 0.5f), food.g * (1.1f - blob * 0.5f), food.b * (1.1f - blob * 0.5f)};
      float sx = dx - 0.15f, sy = dy + 0.1f;
      if (std::sqrt(sx * sx + sy * sy) < 0.18f) c = sauce;        // a dollop of sauce
      unsigned char* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
      p[0] = static_cast<unsigned char>(std::min(1.f, c.r) * 255.f);
      p[1] = static_cast<unsigned char>(std::min(1.f, c.g) * 255.f);
      p[2] = static_cast<unsigned char>(std::min(1.f, c.b) * 255.f);
      p[3] = 255;
    }
  }
  std::string png = app::encodePng(rgba.data(), width, height, width * 4);
  if (png.empty()) return Unexpected{std::string("could not encode")};
  return png;
}

}  // namespace kiosk::uitest
