#include "kiosk/app/sdl_window.h"

#include <SDL.h>

#include <cstring>

#include "kiosk/common/log.h"

namespace kiosk::app {

SdlWindow::~SdlWindow() {
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  if (sdl_started_) SDL_Quit();
}

std::string SdlWindow::open(const WindowOptions& options) {
  // Touches reach us as finger events; SDL must not also turn them into mouse clicks (double taps), nor mouse
  // clicks into touches.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");  // a kiosk never minimises
  SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    return std::string("SDL could not start: ") + SDL_GetError();
  }
  sdl_started_ = true;

  Uint32 flags = options.windowed ? 0u : static_cast<Uint32>(SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS);
  int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
  // With SDL's "opengl" renderer a window created for GL saves a window re-creation (~250 ms at start); drivers
  // without GL (dummy, offscreen) refuse it, then a plain window is made.
  const char* render_driver = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
  bool software = render_driver && std::strcmp(render_driver, "software") == 0;
  if (!software) window_ = SDL_CreateWindow(options.title.c_str(), x, y, options.width, options.height,
                                            flags | SDL_WINDOW_OPENGL);
  if (!window_) window_ = SDL_CreateWindow(options.title.c_str(), x, y, options.width, options.height, flags);
  if (!window_) return std::string("could not open the window: ") + SDL_GetError();

  Uint32 renderer_flags = SDL_RENDERER_ACCELERATED;
  if (options.vsync) renderer_flags |= SDL_RENDERER_PRESENTVSYNC;
  renderer_ = SDL_CreateRenderer(window_, -1, renderer_flags);
  if (!renderer_) {
    log::info("app", "no accelerated renderer (", SDL_GetError(), "); using the software renderer");
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  }
  if (!renderer_) return std::string("could not create a renderer: ") + SDL_GetError();
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(renderer_, &info) == 0) {
    renderer_name_ = info.name ? info.name : "";
    vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
  }
  int w = 0, h = 0;
  size(w, h);
  log::info("app", "window ", w, "x", h, options.windowed ? " (windowed)" : " (fullscreen)", ", renderer ",
            renderer_name_, vsync_ ? ", vsync" : ", no vsync", ", video driver ", SDL_GetCurrentVideoDriver());
  return {};
}

void SdlWindow::size(int& width, int& height) const {
  width = height = 0;
  if (renderer_ && SDL_GetRendererOutputSize(renderer_, &width, &height) == 0) return;
  if (window_) SDL_GetWindowSize(window_, &width, &height);
}

}  // namespace kiosk::app
