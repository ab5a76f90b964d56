#include "kiosk/app/sdl_touch.h"

#include <SDL.h>

#include "kiosk/app/touch_input.h"

namespace kiosk::app {

bool pointerFromSdl(const SDL_Event& event, int window_width, int window_height, double now_s, PointerEvent& out) {
  using Kind = PointerEvent::Kind;
  out = PointerEvent{};
  out.t = now_s;
  switch (event.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
      out.kind = event.type == SDL_FINGERDOWN ? Kind::Down : (event.type == SDL_FINGERUP ? Kind::Up : Kind::Move);
      out.x = event.tfinger.x * static_cast<float>(window_width);
      out.y = event.tfinger.y * static_cast<float>(window_height);
      out.pointer = static_cast<long long>(event.tfinger.fingerId);
      return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return false;
      out.kind = event.type == SDL_MOUSEBUTTONDOWN ? Kind::Down : Kind::Up;
      out.x = static_cast<float>(event.button.x);
      out.y = static_cast<float>(event.button.y);
      out.pointer = -1;
      return true;
    case SDL_MOUSEMOTION:
      if (event.motion.which == SDL_TOUCH_MOUSEID) return false;
      out.kind = Kind::Move;
      out.x = static_cast<float>(event.motion.x);
      out.y = static_cast<float>(event.motion.y);
      out.pointer = -1;
      return true;
    case SDL_MOUSEWHEEL: {
      if (event.wheel.which == SDL_TOUCH_MOUSEID) return false;
      int x = 0, y = 0;
      SDL_GetMouseState(&x, &y);
      out.kind = Kind::Wheel;
      out.x = static_cast<float>(x);
      out.y = static_cast<float>(y);
      out.pointer = -1;
      out.wheel = static_cast<float>(event.wheel.y);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace kiosk::app
