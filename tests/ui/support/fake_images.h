#pragma once
// An ImageSource for headless tests: every non-empty reference is "ready" at once with a dummy texture (or, for
// references in `broken`, broken), and every request is counted.
#include <map>
#include <set>
#include <string>

#include "kiosk/ui/image_source.h"

namespace kiosk::uitest {

class FakeImages : public ui::ImageSource {
 public:
  ui::ImageView get(const std::string& ref, ui::ImageSize size) override {
    ++requests[ref];
    (void)size;
    ui::ImageView view;
    if (ref.empty()) return view;
    if (broken.count(ref)) {
      view.status = ui::ImageView::Status::Broken;
      return view;
    }
    view.status = ui::ImageView::Status::Ready;
    view.texture = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(2));
    view.width = 400;
    view.height = 300;
    return view;
  }
  std::map<std::string, int> requests;
  std::set<std::string> broken;
};

}  // namespace kiosk::uitest
