#pragma once
// The scrollable areas of the current screen, each with its own kinetic scroller, by a stable id
// ("menu.grid.<category>", "cart.lines", …). The UI declares every area it draws, once per frame, with its
// screen rectangle and content height and draws with the offset it gets back; the touch layer finds the area
// under a finger among those declared in the last frame. Pure (no ImGui, no SDL).
#include <map>
#include <string>
#include <string_view>

#include "kiosk/app/kinetic_scroll.h"

namespace kiosk::app {

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

class ScrollAreas {
 public:
  explicit ScrollAreas(KineticParams params = {}) : params_(params) {}
  // New parameters (display scale changed); offsets are kept.
  void setParams(KineticParams params);

  // Called by the UI when it starts drawing an area this frame; returns the offset to draw the content with.
  // An area begun inside another one is on top of it.
  float begin(std::string_view id, Rect rect);
  // Called once the area's content is laid out: its full height (the scroll range follows).
  void setContentHeight(std::string_view id, float content_height);
  // Areas not declared since the previous endFrame() are forgotten (a new screen starts at the top).
  void endFrame();

  // The id of the innermost area declared at (x, y) in the last frame, or "" when there is none.
  std::string idAt(float x, float y) const;
  KineticScroller* find(std::string_view id);
  const Rect* rectOf(std::string_view id) const;

  // Advances every glide and bounce to time `t` (seconds).
  void update(double t);
  bool moving() const;
  // Any area under a finger or in motion (the frame loop keeps drawing at full rate).
  bool active() const;

 private:
  struct Area {
    KineticScroller scroller;
    Rect rect;
    int order = 0;          // declaration order in the frame: later ones are drawn on top
    bool declared = false;  // in the current frame
  };
  KineticParams params_;
  std::map<std::string, Area, std::less<>> areas_;
  int next_order_ = 0;
};

}  // namespace kiosk::app
