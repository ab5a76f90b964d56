#pragma once
// Textured triangles small enough for SDL's software renderer (the one the dummy video driver and SDL_RENDER_DRIVER=
// software use).
//
// SDL 2.26 (Debian 12) rasterises a textured triangle in 32-bit integers: SDL_SW_BlitTriangle
// (src/render/software/SDL_triangle.c) multiplies a corner's texel coordinate by the triangle's area in half-pixel
// fixed point (8 × its area in pixels) into an `int`. A picture a thousand texels wide drawn in a large rounded box
// (ImGui fills it as a fan of triangles, each up to half the box) overflows that product: the texel it reads lands
// outside the texture and the process dies with SIGSEGV. (Later SDL versions refuse such a triangle with "triangle
// area overflow" instead: the picture would silently vanish.)
//
// SoftRasterSplitter rewrites the draw data before it reaches the renderer: every shape (triangles joined by shared
// vertices, as ImGui emits one rounded image or one rounded panel) holding a triangle over the limit is split into
// smaller triangles by halving its edges. Positions, texture coordinates and colours are interpolated linearly, as
// the rasteriser itself does, so the picture is the same; a whole shape is split to the same depth so no crack
// opens inside it. No SDL here: it is unit-tested alone.
#include <climits>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <imgui.h>

namespace kiosk::app {

// The texture's size in texels; false when unknown (its triangles are left as they are).
using TextureSizeOf = std::function<bool(ImTextureID texture, int& width, int& height)>;

// SDL keeps the product in an `int`.
constexpr int64_t kSoftRasterProductLimit = INT_MAX;

// The largest product SDL 2.26 forms for this triangle of a texture of `tex_w` × `tex_h` texels, computed exactly as
// it does (positions truncated to whole pixels, then in half-pixel fixed point; texel coordinates truncated):
// |area| × the largest texel coordinate of a corner (SDL uses the third corner's; any corner may be third).
// Positions are taken as SDL receives them: the kiosk sets no SDL render scale.
int64_t softRasterProduct(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, int tex_w, int tex_h);

class SoftRasterSplitter {
 public:
  // The draw data to render: `draw_data` itself when no textured triangle is over kSoftRasterProductLimit;
  // otherwise a copy (valid until the next call) in which the lists holding one are rewritten. Reuses its buffers
  // from frame to frame.
  ImDrawData* prepare(ImDrawData* draw_data, const TextureSizeOf& size_of);

  struct Stats {
    int commands_split = 0;     // draw commands rewritten by the last prepare()
    int triangles_in = 0;       // triangles of those commands before …
    int triangles_out = 0;      // … and after
    int triangles_dropped = 0;  // pieces still over the limit (none expected): left out, not drawn
  };
  Stats lastStats() const { return stats_; }

 private:
  // Whether a triangle of `cmd` is over the limit (and each triangle's product, in products_).
  bool needsSplit(const ImDrawList& source, const ImDrawCmd& cmd, int tex_w, int tex_h);
  // Appends `cmd` to `out` as new commands over new vertices, its shapes split (after needsSplit() on it).
  void appendSplit(const ImDrawList& source, const ImDrawCmd& cmd, int tex_w, int tex_h, ImDrawList& out);

  std::vector<std::unique_ptr<ImDrawList>> lists_;  // rewritten lists, reused
  std::vector<ImDrawList*> list_ptrs_;
  ImDrawData data_;
  Stats stats_;
  // Scratch, reused: per triangle of a command its product and shape; per shape the depth to split to.
  std::vector<int64_t> products_;
  std::vector<int> parent_;
  std::vector<int> shape_depth_;
};

}  // namespace kiosk::app
