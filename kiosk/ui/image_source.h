#pragma once
// Where screens get menu images from. The app's implementation (kiosk/app/image_loader.h) fetches, decodes and
// uploads them off the frame; a screen only asks, every frame, for what it shows — and draws a placeholder until
// the answer is Ready. Never blocks.
#include <string>

#include <imgui.h>

namespace kiosk::ui {

enum class ImageSize {
  Thumb,  // cards, category tiles: about a quarter of the display width
  Large,  // the dish screen's picture, attract hero images: up to the display width
};

struct ImageView {
  enum class Status { None, Loading, Ready, Broken };
  Status status = Status::None;
  ImTextureID texture = nullptr;
  int width = 0;
  int height = 0;
  bool ready() const { return status == Status::Ready && texture != nullptr; }
};

class ImageSource {
 public:
  virtual ~ImageSource() = default;
  // `ref` is a dish's or category's `image` reference. An empty ref is Status::None.
  virtual ImageView get(const std::string& ref, ImageSize size) = 0;
};

}  // namespace kiosk::ui
