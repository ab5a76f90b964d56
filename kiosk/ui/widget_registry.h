#pragma once
// Every tappable widget of a frame, by a stable id that does not depend on the language ("attract.start",
// "menu.dish.<id>", "dish.mod.<group>.<modifier>", "cart.line.<n>.plus", "lang.en", …), with its rectangle on
// the screen. Scripts tap by id; tests find widgets without knowing the layout. Also records which i18n keys
// were drawn, so a script can wait for a text by its key.
//
// Recording goes into the frame being built (between beginFrame() and endFrame()); queries answer from the last
// complete frame, so a script looking while a frame is drawn sees a whole frame.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kiosk::ui {

struct WidgetBox {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  float centerX() const { return (x0 + x1) * 0.5f; }
  float centerY() const { return (y0 + y1) * 0.5f; }
  WidgetBox intersect(const WidgetBox& o) const;
};

struct WidgetInfo {
  std::string id;
  WidgetBox box;          // where it is drawn (may lie partly outside its scroll area)
  WidgetBox visible;      // the part a finger can reach (clipped by its scroll area and the screen)
  bool enabled = true;    // false: shown but does not react (out of stock, "Add" while choices are missing)
  bool selected = false;  // a chosen modifier, the current category, …
  bool covered = false;   // under a modal overlay
  std::string scroll_area;  // the scroll area it lives in ("" for none)
};

class WidgetRegistry {
 public:
  void beginFrame();
  // The frame just recorded becomes the one queries answer from.
  void endFrame();

  void add(WidgetInfo info);
  // A modal overlay opens: everything recorded so far this frame is covered by it.
  void coverAll();
  void noteText(std::string_view key);

  const std::vector<WidgetInfo>& widgets() const { return last_; }
  const WidgetInfo* find(std::string_view id) const;
  // Present, with a visible part, and not under a modal.
  bool reachable(std::string_view id) const;
  bool textShown(std::string_view key) const { return last_texts_.count(std::string(key)) > 0; }
  // Ids recorded twice in the last frame (a bug in a screen; tests assert there are none).
  const std::vector<std::string>& duplicates() const { return last_duplicates_; }
  // Ids starting with `prefix` in the last frame, in drawing order.
  std::vector<std::string> idsWithPrefix(std::string_view prefix) const;

 private:
  std::vector<WidgetInfo> building_, last_;
  std::unordered_map<std::string, size_t> building_index_, last_index_;
  std::unordered_set<std::string> building_texts_, last_texts_;
  std::vector<std::string> building_duplicates_, last_duplicates_;
};

}  // namespace kiosk::ui
