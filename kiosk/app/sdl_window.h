#pragma once
// The kiosk's window and renderer: fullscreen on the desktop (a kiosk), or a window of a given size for
// development; the SDL_Renderer of the best driver SDL offers, falling back to the software renderer (headless
// runs with SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software, Xvfb without GL).
#include <string>

struct SDL_Window;
struct SDL_Renderer;

namespace kiosk::app {

struct WindowOptions {
  bool windowed = false;
  int width = 1080;   // windowed size; fullscreen takes the display's
  int height = 1920;
  bool vsync = true;
  std::string title = "Kiosk";
};

class SdlWindow {
 public:
  SdlWindow() = default;
  ~SdlWindow();
  SdlWindow(const SdlWindow&) = delete;
  SdlWindow& operator=(const SdlWindow&) = delete;

  // Initialises SDL video and opens the window; returns an error text (empty on success).
  std::string open(const WindowOptions& options);

  SDL_Window* window() const { return window_; }
  SDL_Renderer* renderer() const { return renderer_; }
  bool vsync() const { return vsync_; }
  const std::string& rendererName() const { return renderer_name_; }
  // The drawable size in pixels (equal to the window size: high-DPI scaling is not requested).
  void size(int& width, int& height) const;

 private:
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool vsync_ = false;
  bool sdl_started_ = false;
  std::string renderer_name_;
};

}  // namespace kiosk::app
