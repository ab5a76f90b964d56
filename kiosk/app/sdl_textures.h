#pragma once
// Textures on the SDL_Renderer for the image loader (ImTextureID is an SDL_Texture* for the SDL_Renderer
// backend of Dear ImGui).
#include "kiosk/app/image_loader.h"

struct SDL_Renderer;

namespace kiosk::app {

class SdlTextureFactory final : public TextureFactory {
 public:
  explicit SdlTextureFactory(SDL_Renderer* renderer) : renderer_(renderer) {}
  ImTextureID create(const unsigned char* rgba, int width, int height) override;
  void destroy(ImTextureID texture) override;

 private:
  SDL_Renderer* renderer_;
};

}  // namespace kiosk::app
