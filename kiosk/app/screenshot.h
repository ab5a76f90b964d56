#pragma once
// The renderer's current picture as a PNG file (stb_image_write): for scripted runs and the docs' screenshots.
#include <string>

struct SDL_Renderer;

namespace kiosk::app {

// Reads the whole render target (call after drawing, before presenting) and writes it to `path`.
// Returns an error text, empty on success.
std::string writeScreenshot(SDL_Renderer* renderer, const std::string& path);

}  // namespace kiosk::app
