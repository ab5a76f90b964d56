#pragma once
// Textures on the SDL_Renderer for the image loader (ImTextureID is an SDL_Texture* for the SDL_Renderer
// backend of Dear ImGui).
#include "kiosk/app/image_loader.h"

struct SDL_Renderer;

namespace kiosk::app {

class SdlTextureFactory final : public TextureFactory {
 public:
  explicit SdlTextureFactory(SDL_Renderer* renderer);
  // nullptr (the picture stays a placeholder) when SDL refuses, or when larger than the renderer's largest texture.
  ImTextureID create(const unsigned char* rgba, int width, int height) override;
  void destroy(ImTextureID texture) override;

  // The renderer's largest texture (SDL_RendererInfo); 0 = no limit (SDL's software renderer).
  int maxWidth() const { return max_width_; }
  int maxHeight() const { return max_height_; }

 private:
  SDL_Renderer* renderer_;
  int max_width_ = 0, max_height_ = 0;
};

}  // namespace kiosk::app
