#include "kiosk/app/sdl_draw.h"

#include <SDL.h>
#include <backends/imgui_impl_sdlrenderer.h>

#include "kiosk/common/log.h"

namespace kiosk::app {

SdlDrawer::SdlDrawer(SDL_Renderer* renderer) {
  SDL_RendererInfo info;
  software_ = renderer && SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

void SdlDrawer::render(ImDrawData* draw_data) {
  if (software_) {
    draw_data = splitter_.prepare(draw_data, [](ImTextureID texture, int& width, int& height) {
      return SDL_QueryTexture(static_cast<SDL_Texture*>(texture), nullptr, nullptr, &width, &height) == 0;
    });
    SoftRasterSplitter::Stats stats = splitter_.lastStats();
    if (stats.commands_split > 0 && !reported_split_) {
      reported_split_ = true;
      log::info("app", "software renderer: large textured triangles split (", stats.triangles_in, " into ",
                stats.triangles_out, ") to stay within SDL's 32-bit rasteriser");
    }
    if (stats.triangles_dropped > 0) {
      log::warn("app", "software renderer: ", stats.triangles_dropped, " textured triangles too large to draw safely");
    }
  }
  ImGui_ImplSDLRenderer_RenderDrawData(draw_data);
}

}  // namespace kiosk::app
