#include "kiosk/app/sdl_textures.h"

#include <SDL.h>

#include "kiosk/common/log.h"

namespace kiosk::app {

SdlTextureFactory::SdlTextureFactory(SDL_Renderer* renderer) : renderer_(renderer) {
  SDL_RendererInfo info;
  if (renderer && SDL_GetRendererInfo(renderer, &info) == 0) {
    max_width_ = info.max_texture_width;
    max_height_ = info.max_texture_height;
  }
}

ImTextureID SdlTextureFactory::create(const unsigned char* rgba, int width, int height) {
  if (!rgba || width <= 0 || height <= 0) return nullptr;
  if ((max_width_ > 0 && width > max_width_) || (max_height_ > 0 && height > max_height_)) {
    log::warn("images", "texture ", width, "x", height, " not created: the renderer takes at most ", max_width_, "x",
              max_height_);
    return nullptr;
  }
  // RGBA32 is "R, G, B, A bytes in memory" whatever the machine's byte order, as stb_image delivers them.
  SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
  if (!texture) {
    log::warn("images", "texture ", width, "x", height, " not created: ", SDL_GetError());
    return nullptr;
  }
  if (SDL_UpdateTexture(texture, nullptr, rgba, width * 4) != 0) {
    log::warn("images", "texture upload failed: ", SDL_GetError());
    SDL_DestroyTexture(texture);
    return nullptr;
  }
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
  return static_cast<ImTextureID>(texture);
}

void SdlTextureFactory::destroy(ImTextureID texture) {
  if (texture) SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
}

}  // namespace kiosk::app
