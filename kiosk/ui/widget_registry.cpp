#include "kiosk/ui/widget_registry.h"

#include <algorithm>

namespace kiosk::ui {

WidgetBox WidgetBox::intersect(const WidgetBox& o) const {
  WidgetBox r{std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  if (r.empty()) r = WidgetBox{};
  return r;
}

void WidgetRegistry::beginFrame() {
  building_.clear();
  building_index_.clear();
  building_texts_.clear();
  building_duplicates_.clear();
}

void WidgetRegistry::endFrame() {
  last_.swap(building_);
  last_index_.swap(building_index_);
  last_texts_.swap(building_texts_);
  last_duplicates_.swap(building_duplicates_);
}

void WidgetRegistry::add(WidgetInfo info) {
  auto [it, inserted] = building_index_.emplace(info.id, building_.size());
  if (!inserted) {
    building_duplicates_.push_back(info.id);
    building_[it->second] = std::move(info);  // the later one is on top
    return;
  }
  building_.push_back(std::move(info));
}

void WidgetRegistry::coverAll() {
  for (WidgetInfo& info : building_) info.covered = true;
}

void WidgetRegistry::noteText(std::string_view key) { building_texts_.emplace(key); }

const WidgetInfo* WidgetRegistry::find(std::string_view id) const {
  auto it = last_index_.find(std::string(id));
  return it == last_index_.end() ? nullptr : &last_[it->second];
}

bool WidgetRegistry::reachable(std::string_view id) const {
  const WidgetInfo* info = find(id);
  return info && !info->visible.empty() && !info->covered;
}

std::vector<std::string> WidgetRegistry::idsWithPrefix(std::string_view prefix) const {
  std::vector<std::string> ids;
  for (const WidgetInfo& info : last_) {
    if (std::string_view(info.id).substr(0, prefix.size()) == prefix) ids.push_back(info.id);
  }
  return ids;
}

}  // namespace kiosk::ui
