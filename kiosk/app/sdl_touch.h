#pragma once
// SDL events → the touch layer's pointer events. Finger events carry normalised coordinates (0..1 of the
// window); mouse events synthesised from touches (which == SDL_TOUCH_MOUSEID) are dropped so a tap never counts
// twice; a real mouse (development) acts as one finger.
union SDL_Event;

namespace kiosk::app {

struct PointerEvent;

// Fills `out` and returns true when `event` is a pointer event the kiosk uses.
bool pointerFromSdl(const SDL_Event& event, int window_width, int window_height, double now_s, PointerEvent& out);

}  // namespace kiosk::app
