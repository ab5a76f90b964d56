#pragma once
// Draws a frame's ImGui draw data on the SDL_Renderer (Dear ImGui's SDL_Renderer backend). On SDL's software
// renderer the textured triangles go through SoftRasterSplitter first: SDL 2.26 overflows on large textured
// triangles of large textures (soft_raster_split.h) and reads far outside the texture.
#include <imgui.h>

#include "kiosk/app/soft_raster_split.h"

struct SDL_Renderer;

namespace kiosk::app {

class SdlDrawer {
 public:
  explicit SdlDrawer(SDL_Renderer* renderer);

  // Between SDL_RenderClear and SDL_RenderPresent.
  void render(ImDrawData* draw_data);
  bool software() const { return software_; }

 private:
  bool software_ = false;
  bool reported_split_ = false;  // the first split is logged once, not every frame
  SoftRasterSplitter splitter_;
};

}  // namespace kiosk::app
