#pragma once
// A 64-bit fingerprint of a frame's ImGui draw data (vertices, indices, textures, clip rectangles). When a frame
// would draw exactly what the screen already shows, the app skips rasterising and presenting it: a kiosk waiting
// for its next guest costs almost nothing, even with the software renderer.
#include <cstdint>

struct ImDrawData;

namespace kiosk::app {

uint64_t drawFingerprint(const ImDrawData& data);

}  // namespace kiosk::app
