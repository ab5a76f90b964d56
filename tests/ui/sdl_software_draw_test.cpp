// The renderer glue on SDL's real software renderer (the one the e2e runs get from the dummy video driver), drawing
// into a plain surface: a 1080×1440 photo in a 1000×1030 rounded box — the attract screen's picture, which SDL 2.26
// alone rasterises reading far outside the texture (SIGSEGV) — goes through SdlDrawer and is checked pixel by pixel.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "kiosk/app/sdl_draw.h"

using kiosk::app::SdlDrawer;

namespace {

constexpr int kTexW = 1080, kTexH = 1440;
const SDL_Color kQuadrants[4] = {{220, 40, 40, 255}, {40, 180, 60, 255}, {40, 70, 200, 255}, {240, 200, 40, 255}};
const SDL_Color kBackground = {245, 240, 230, 255};

SDL_Color pixelAt(SDL_Surface* surface, int x, int y) {
  Uint32 pixel = static_cast<const Uint32*>(surface->pixels)[y * (surface->pitch / 4) + x];
  SDL_Color c;
  SDL_GetRGBA(pixel, surface->format, &c.r, &c.g, &c.b, &c.a);
  return c;
}

bool near(SDL_Color a, SDL_Color b) {
  return std::abs(a.r - b.r) <= 2 && std::abs(a.g - b.g) <= 2 && std::abs(a.b - b.b) <= 2;
}

}  // namespace

TEST_CASE("a big photo in a big rounded box is drawn by SDL's software renderer, right, without a crash") {
  SDL_Surface* target = SDL_CreateRGBSurfaceWithFormat(0, 1080, 1920, 32, SDL_PIXELFORMAT_ARGB8888);
  REQUIRE(target);
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(target);
  REQUIRE(renderer);
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1080, 1920);
  REQUIRE(ImGui_ImplSDLRenderer_Init(renderer));

  // Four coloured quadrants, as stb_image delivers pixels (RGBA bytes).
  std::vector<unsigned char> rgba(static_cast<size_t>(kTexW) * kTexH * 4);
  for (int y = 0; y < kTexH; ++y) {
    for (int x = 0; x < kTexW; ++x) {
      const SDL_Color& c = kQuadrants[(y >= kTexH / 2 ? 2 : 0) + (x >= kTexW / 2 ? 1 : 0)];
      unsigned char* p = &rgba[(static_cast<size_t>(y) * kTexW + x) * 4];
      p[0] = c.r, p[1] = c.g, p[2] = c.b, p[3] = 255;
    }
  }
  SDL_Texture* photo = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, kTexW, kTexH);
  REQUIRE(photo);
  REQUIRE(SDL_UpdateTexture(photo, nullptr, rgba.data(), kTexW * 4) == 0);
  SDL_SetTextureBlendMode(photo, SDL_BLENDMODE_BLEND);

  ImGui_ImplSDLRenderer_NewFrame();
  ImGui::NewFrame();
  // Covering the box: the photo's top and bottom cropped, as the UI's drawImageView does.
  ImGui::GetBackgroundDrawList()->AddImageRounded(photo, ImVec2(40, 40), ImVec2(1040, 1070), ImVec2(0.f, 0.14f),
                                                  ImVec2(1.f, 0.86f), IM_COL32_WHITE, 24.f);
  ImGui::Render();
  SDL_SetRenderDrawColor(renderer, kBackground.r, kBackground.g, kBackground.b, 255);
  SDL_RenderClear(renderer);
  SdlDrawer drawer(renderer);
  REQUIRE(drawer.software());
  drawer.render(ImGui::GetDrawData());
  REQUIRE(SDL_RenderFlush(renderer) == 0);

  // The quadrants meet at the box's middle (540, 555); each shows its colour well inside it.
  CHECK(near(pixelAt(target, 290, 300), kQuadrants[0]));
  CHECK(near(pixelAt(target, 790, 300), kQuadrants[1]));
  CHECK(near(pixelAt(target, 290, 810), kQuadrants[2]));
  CHECK(near(pixelAt(target, 790, 810), kQuadrants[3]));
  CHECK(near(pixelAt(target, 530, 545), kQuadrants[0]));
  CHECK(near(pixelAt(target, 550, 565), kQuadrants[3]));
  // Near the box's edges, inside the rounded corners: still the photo; outside them and the box: the background.
  CHECK(near(pixelAt(target, 45, 540), kQuadrants[0]));
  CHECK(near(pixelAt(target, 1030, 1050), kQuadrants[3]));
  CHECK(near(pixelAt(target, 41, 41), kBackground));
  CHECK(near(pixelAt(target, 1038, 1068), kBackground));
  CHECK(near(pixelAt(target, 540, 1200), kBackground));
  CHECK(near(pixelAt(target, 20, 540), kBackground));

  ImGui_ImplSDLRenderer_Shutdown();
  ImGui::DestroyContext(context);
  SDL_DestroyTexture(photo);
  SDL_DestroyRenderer(renderer);
  SDL_FreeSurface(target);
}
