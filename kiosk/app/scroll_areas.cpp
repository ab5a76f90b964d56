#include "kiosk/app/scroll_areas.h"

namespace kiosk::app {

void ScrollAreas::setParams(KineticParams params) {
  params_ = params;
  for (auto& [id, area] : areas_) area.scroller.setParams(params);
}

float ScrollAreas::begin(std::string_view id, Rect rect) {
  auto it = areas_.find(id);
  if (it == areas_.end()) it = areas_.emplace(std::string(id), Area{KineticScroller(params_), {}, 0, false}).first;
  Area& area = it->second;
  area.rect = rect;
  area.order = next_order_++;
  area.declared = true;
  return area.scroller.offset();
}

void ScrollAreas::setContentHeight(std::string_view id, float content_height) {
  auto it = areas_.find(id);
  if (it != areas_.end()) it->second.scroller.setExtent(content_height, it->second.rect.height());
}

void ScrollAreas::endFrame() {
  for (auto it = areas_.begin(); it != areas_.end();) {
    if (!it->second.declared && !it->second.scroller.dragging()) {
      it = areas_.erase(it);
    } else {
      it->second.declared = false;
      ++it;
    }
  }
  next_order_ = 0;
}

std::string ScrollAreas::idAt(float x, float y) const {
  const std::string* best_id = nullptr;
  int best_order = -1;
  for (const auto& [id, area] : areas_) {
    if (area.rect.contains(x, y) && area.order > best_order) {
      best_id = &id;
      best_order = area.order;
    }
  }
  return best_id ? *best_id : std::string();
}

KineticScroller* ScrollAreas::find(std::string_view id) {
  auto it = areas_.find(id);
  return it == areas_.end() ? nullptr : &it->second.scroller;
}

const Rect* ScrollAreas::rectOf(std::string_view id) const {
  auto it = areas_.find(id);
  return it == areas_.end() ? nullptr : &it->second.rect;
}

void ScrollAreas::update(double t) {
  for (auto& [id, area] : areas_) area.scroller.update(t);
}

bool ScrollAreas::moving() const {
  for (const auto& [id, area] : areas_) {
    if (area.scroller.moving()) return true;
  }
  return false;
}

bool ScrollAreas::active() const {
  for (const auto& [id, area] : areas_) {
    if (area.scroller.moving() || area.scroller.dragging()) return true;
  }
  return false;
}

}  // namespace kiosk::app
