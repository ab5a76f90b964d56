// e2e-picture-menu MENU OUT_DIR: the demo menu with ordinary big photos, made at test time (no big binaries in the
// repository). OUT_DIR is emptied, then holds menu.json (MENU with every image reference replaced) and images/.
//
// The pictures are what restaurants upload: 600×600 to 4000×4000 PNGs and JPEGs, portrait 1080×1440 and 400×1000,
// wide 1000×400 and 4000×500, the demo's own 512×384 and 384×512 — plus one over the 16-megapixel limit and one
// cut short, which must show as placeholders. The first dishes (the attract screen's photos) get the big ones.
// Each picture has a white frame, a dark 8×8 grid and a white ring in the middle: a seam, a stretched ring or a
// missing frame edge shows in a screenshot.
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Picture {
  const char* name;  // file name under images/
  int width, height;
  unsigned char from[3], to[3];  // the diagonal gradient
};

// In the order the menu's dishes get them (then again from the start); categories get them in the same order.
const Picture kPictures[] = {
    {"photo-4000x4000.png", 4000, 4000, {196, 64, 40}, {250, 190, 60}},
    {"photo-1080x1440.jpg", 1080, 1440, {40, 90, 170}, {90, 200, 190}},
    {"photo-600x600.png", 600, 600, {60, 130, 60}, {200, 220, 90}},
    {"photo-400x1000.png", 400, 1000, {120, 50, 140}, {240, 120, 160}},
    {"photo-4000x4000.jpg", 4000, 4000, {30, 110, 120}, {220, 200, 120}},
    {"photo-1000x400.png", 1000, 400, {150, 80, 30}, {90, 160, 220}},
    {"photo-4000x500.jpg", 4000, 500, {90, 60, 40}, {230, 160, 110}},
    {"photo-384x512.jpg", 384, 512, {50, 50, 120}, {120, 180, 240}},
    {"photo-512x384.png", 512, 384, {140, 40, 60}, {250, 150, 90}},
    {"too-many-pixels-6000x3000.png", 6000, 3000, {80, 80, 80}, {160, 160, 160}},
    {"cut-short-1200x900.png", 1200, 900, {100, 100, 100}, {200, 200, 200}},
};

std::vector<unsigned char> draw(const Picture& p) {
  std::vector<unsigned char> rgb(static_cast<size_t>(p.width) * p.height * 3);
  const int side = std::min(p.width, p.height);
  const int frame = std::max(4, side / 40), line = std::max(2, side / 200), ring = std::max(3, side / 60);
  const double cx = p.width / 2.0, cy = p.height / 2.0, radius = side * 0.3;
  for (int y = 0; y < p.height; ++y) {
    for (int x = 0; x < p.width; ++x) {
      unsigned char* px = &rgb[(static_cast<size_t>(y) * p.width + x) * 3];
      const double t = (static_cast<double>(x) / p.width + static_cast<double>(y) / p.height) / 2;
      for (int c = 0; c < 3; ++c) px[c] = static_cast<unsigned char>(p.from[c] + (p.to[c] - p.from[c]) * t);
      const double r = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
      const bool white = x < frame || y < frame || x >= p.width - frame || y >= p.height - frame ||
                         std::abs(r - radius) < ring / 2.0;
      const bool grid =
          (x * 8 / p.width != (x + line) * 8 / p.width) || (y * 8 / p.height != (y + line) * 8 / p.height);
      if (white) {
        std::fill_n(px, 3, 255);
      } else if (grid) {
        std::fill_n(px, 3, 30);
      }
    }
  }
  return rgb;
}

bool writePicture(const Picture& p, const std::filesystem::path& path) {
  std::vector<unsigned char> rgb = draw(p);
  const std::string file = path.string();
  if (file.ends_with(".jpg")) return stbi_write_jpg(file.c_str(), p.width, p.height, 3, rgb.data(), 90) != 0;
  if (!stbi_write_png(file.c_str(), p.width, p.height, 3, rgb.data(), p.width * 3)) return false;
  if (!std::string(p.name).starts_with("cut-short")) return true;
  std::error_code error;
  std::filesystem::resize_file(path, std::filesystem::file_size(path, error) / 2, error);
  return !error;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc != 3) {
    std::fprintf(stderr, "usage: e2e-picture-menu MENU OUT_DIR\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  nlohmann::json menu = nlohmann::json::parse(in, nullptr, false);
  if (!in || menu.is_discarded() || !menu.contains("dishes") || !menu.contains("categories")) {
    std::fprintf(stderr, "e2e-picture-menu: %s is not a readable menu\n", argv[1]);
    return 2;
  }
  const fs::path out = argv[2];
  std::error_code error;
  fs::remove_all(out, error);
  fs::create_directories(out / "images", error);
  if (error) {
    std::fprintf(stderr, "e2e-picture-menu: cannot create %s: %s\n", out.c_str(), error.message().c_str());
    return 2;
  }
  for (const Picture& picture : kPictures) {
    if (!writePicture(picture, out / "images" / picture.name)) {
      std::fprintf(stderr, "e2e-picture-menu: cannot write %s\n", picture.name);
      return 2;
    }
  }
  const size_t count = std::size(kPictures);
  for (const char* section : {"dishes", "categories"}) {
    size_t next = 0;
    for (nlohmann::json& item : menu[section]) item["image"] = std::string("images/") + kPictures[next++ % count].name;
  }
  std::ofstream menu_file(out / "menu.json");
  menu_file << menu.dump(1);
  if (!menu_file.flush()) {
    std::fprintf(stderr, "e2e-picture-menu: cannot write %s/menu.json\n", out.c_str());
    return 2;
  }
  std::printf("e2e-picture-menu: %s/menu.json with %zu pictures\n", out.c_str(), count);
  return 0;
}
