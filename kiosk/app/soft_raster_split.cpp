#include "kiosk/app/soft_raster_split.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

namespace kiosk::app {
namespace {

constexpr int kMaxDepth = 8;  // 4^8 = 65536 pieces: far beyond any picture on a kiosk display
// A 16-bit index reaches 65535 vertices from a command's VtxOffset; a split command continues in a new command.
constexpr unsigned kMaxChunkVertices = sizeof(ImDrawIdx) == 2 ? 65535u : (1u << 30);

// C's (int) cast of a float, made total: SDL casts vertex positions and texel coordinates this way.
int64_t truncated(float value) {
  if (value != value) return 0;  // NaN
  return static_cast<int64_t>(std::clamp(value, -1.0e9f, 1.0e9f));
}

ImU32 midColor(ImU32 a, ImU32 b) {
  ImU32 mid = 0;
  for (int shift = 0; shift < 32; shift += 8) {
    ImU32 x = (a >> shift) & 0xFF, y = (b >> shift) & 0xFF;
    mid |= ((x + y + 1) >> 1) << shift;  // symmetric in a and b: both triangles on an edge get the same vertex
  }
  return mid;
}

ImDrawVert midpoint(const ImDrawVert& a, const ImDrawVert& b) {
  ImDrawVert m;
  m.pos = ImVec2((a.pos.x + b.pos.x) * 0.5f, (a.pos.y + b.pos.y) * 0.5f);
  m.uv = ImVec2((a.uv.x + b.uv.x) * 0.5f, (a.uv.y + b.uv.y) * 0.5f);
  m.col = midColor(a.col, b.col);
  return m;
}

// Whether every piece of the triangle split `depth` times is within the limit.
bool fits(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, int depth, int tex_w, int tex_h) {
  if (depth == 0) return softRasterProduct(a, b, c, tex_w, tex_h) <= kSoftRasterProductLimit;
  ImDrawVert ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
  return fits(a, ab, ca, depth - 1, tex_w, tex_h) && fits(ab, b, bc, depth - 1, tex_w, tex_h) &&
         fits(ca, bc, c, depth - 1, tex_w, tex_h) && fits(ab, bc, ca, depth - 1, tex_w, tex_h);
}

// The fewest splits that bring every piece within the limit: each split quarters the area, and the texel
// coordinates of the pieces stay within the parent's. Fewer pieces, fewer edges where SDL's integer texture mapping
// of two neighbours can differ by a texel.
int depthFor(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, int tex_w, int tex_h) {
  int depth = 0;
  while (depth < kMaxDepth && !fits(a, b, c, depth, tex_w, tex_h)) ++depth;
  return depth;
}

int findRoot(std::vector<int>& parent, int v) {
  while (parent[v] != v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

// Appends triangles to `out` as commands copied from `cmd`, starting a new command before the 16-bit indices run out.
struct Emitter {
  ImDrawList& out;
  ImDrawCmd current;
  int tex_w, tex_h;
  int triangles = 0;
  int dropped = 0;

  Emitter(ImDrawList& out, const ImDrawCmd& cmd, int tex_w, int tex_h)
      : out(out), current(cmd), tex_w(tex_w), tex_h(tex_h) {
    begin();
  }
  void begin() {
    current.VtxOffset = static_cast<unsigned>(out.VtxBuffer.Size);
    current.IdxOffset = static_cast<unsigned>(out.IdxBuffer.Size);
    current.ElemCount = 0;
  }
  void finish() {
    if (current.ElemCount > 0) out.CmdBuffer.push_back(current);
  }
  void triangle(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c) {
    // A piece of a shape split for a larger neighbour, still over (not seen, but SDL must never get one): left
    // out, a missing sliver rather than a read outside the texture.
    if (softRasterProduct(a, b, c, tex_w, tex_h) > kSoftRasterProductLimit) {
      ++dropped;
      return;
    }
    unsigned used = static_cast<unsigned>(out.VtxBuffer.Size) - current.VtxOffset;
    if (used + 3 > kMaxChunkVertices) {
      finish();
      begin();
      used = 0;
    }
    out.VtxBuffer.push_back(a);
    out.VtxBuffer.push_back(b);
    out.VtxBuffer.push_back(c);
    out.IdxBuffer.push_back(static_cast<ImDrawIdx>(used));
    out.IdxBuffer.push_back(static_cast<ImDrawIdx>(used + 1));
    out.IdxBuffer.push_back(static_cast<ImDrawIdx>(used + 2));
    current.ElemCount += 3;
    ++triangles;
  }
  // Four pieces from the edge midpoints, each wound as the parent.
  void split(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, int depth) {
    if (depth == 0) {
      triangle(a, b, c);
      return;
    }
    ImDrawVert ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
    split(a, ab, ca, depth - 1);
    split(ab, b, bc, depth - 1);
    split(ca, bc, c, depth - 1);
    split(ab, bc, ca, depth - 1);
  }
};

}  // namespace

int64_t softRasterProduct(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, int tex_w, int tex_h) {
  // Positions: truncated to whole pixels, then doubled (SDL's fixed point has one fractional bit).
  auto fx = [](const ImDrawVert& v) { return truncated(v.pos.x) * 2; };
  auto fy = [](const ImDrawVert& v) { return truncated(v.pos.y) * 2; };
  int64_t area = (fx(b) - fx(a)) * (fy(c) - fy(a)) - (fy(b) - fy(a)) * (fx(c) - fx(a));
  int64_t texel = 0;
  for (const ImDrawVert* v : {&a, &b, &c}) {
    texel = std::max({texel, std::abs(truncated(v->uv.x * static_cast<float>(tex_w))),
                      std::abs(truncated(v->uv.y * static_cast<float>(tex_h)))});
  }
  return std::abs(area) * texel;
}

ImDrawData* SoftRasterSplitter::prepare(ImDrawData* draw_data, const TextureSizeOf& size_of) {
  stats_ = {};
  if (!draw_data || !draw_data->Valid || draw_data->CmdListsCount <= 0) return draw_data;
  list_ptrs_.assign(draw_data->CmdLists, draw_data->CmdLists + draw_data->CmdListsCount);
  size_t lists_used = 0;
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList& source = *draw_data->CmdLists[n];
    ImDrawList* out = nullptr;
    for (int i = 0; i < source.CmdBuffer.Size; ++i) {
      const ImDrawCmd& cmd = source.CmdBuffer[i];
      int tex_w = 0, tex_h = 0;
      bool textured = !cmd.UserCallback && cmd.TextureId && cmd.ElemCount >= 3 && size_of(cmd.TextureId, tex_w, tex_h);
      if (!textured || !needsSplit(source, cmd, tex_w, tex_h)) {
        if (out) out->CmdBuffer.push_back(cmd);
        continue;
      }
      if (!out) {
        // The first command over the limit: the list is copied up to here; later commands follow one by one.
        if (lists_used == lists_.size()) lists_.push_back(std::make_unique<ImDrawList>(nullptr));
        out = lists_[lists_used++].get();
        out->VtxBuffer = source.VtxBuffer;  // the commands left as they are keep their offsets into these
        out->IdxBuffer = source.IdxBuffer;
        out->CmdBuffer.resize(0);
        for (int j = 0; j < i; ++j) out->CmdBuffer.push_back(source.CmdBuffer[j]);
        out->Flags = source.Flags;
        list_ptrs_[n] = out;
      }
      appendSplit(source, cmd, tex_w, tex_h, *out);
    }
  }
  if (lists_used == 0) return draw_data;
  data_ = *draw_data;
  data_.CmdLists = list_ptrs_.data();
  data_.TotalVtxCount = data_.TotalIdxCount = 0;
  for (ImDrawList* list : list_ptrs_) {
    data_.TotalVtxCount += list->VtxBuffer.Size;
    data_.TotalIdxCount += list->IdxBuffer.Size;
  }
  return &data_;
}

bool SoftRasterSplitter::needsSplit(const ImDrawList& source, const ImDrawCmd& cmd, int tex_w, int tex_h) {
  const ImDrawVert* vtx = source.VtxBuffer.Data + cmd.VtxOffset;
  const ImDrawIdx* idx = source.IdxBuffer.Data + cmd.IdxOffset;
  const int triangles = static_cast<int>(cmd.ElemCount / 3);
  products_.resize(static_cast<size_t>(triangles));
  bool over = false;
  for (int t = 0; t < triangles; ++t) {
    products_[t] = softRasterProduct(vtx[idx[3 * t]], vtx[idx[3 * t + 1]], vtx[idx[3 * t + 2]], tex_w, tex_h);
    over = over || products_[t] > kSoftRasterProductLimit;
  }
  return over;
}

void SoftRasterSplitter::appendSplit(const ImDrawList& source, const ImDrawCmd& cmd, int tex_w, int tex_h,
                                     ImDrawList& out) {
  const ImDrawVert* vtx = source.VtxBuffer.Data + cmd.VtxOffset;
  const ImDrawIdx* idx = source.IdxBuffer.Data + cmd.IdxOffset;
  const int triangles = static_cast<int>(cmd.ElemCount / 3);

  // Shapes: triangles joined through shared vertices (union-find over the command's vertex indices).
  int vertices = 0;
  for (unsigned e = 0; e < cmd.ElemCount; ++e) vertices = std::max(vertices, static_cast<int>(idx[e]) + 1);
  parent_.resize(static_cast<size_t>(vertices));
  for (int v = 0; v < vertices; ++v) parent_[v] = v;
  for (int t = 0; t < triangles; ++t) {
    int a = findRoot(parent_, idx[3 * t]);
    for (int k = 1; k < 3; ++k) {
      int b = findRoot(parent_, idx[3 * t + k]);
      if (a != b) parent_[b] = a;
    }
  }
  // Every triangle of a shape is split as deep as its largest one needs: the pieces meet edge to edge.
  shape_depth_.assign(static_cast<size_t>(vertices), 0);
  for (int t = 0; t < triangles; ++t) {
    if (products_[t] <= kSoftRasterProductLimit) continue;
    int& depth = shape_depth_[findRoot(parent_, idx[3 * t])];
    depth = std::max(depth, depthFor(vtx[idx[3 * t]], vtx[idx[3 * t + 1]], vtx[idx[3 * t + 2]], tex_w, tex_h));
  }

  Emitter emit(out, cmd, tex_w, tex_h);
  for (int t = 0; t < triangles; ++t) {
    emit.split(vtx[idx[3 * t]], vtx[idx[3 * t + 1]], vtx[idx[3 * t + 2]], shape_depth_[findRoot(parent_, idx[3 * t])]);
  }
  emit.finish();
  ++stats_.commands_split;
  stats_.triangles_in += triangles;
  stats_.triangles_out += emit.triangles;
  stats_.triangles_dropped += emit.dropped;
}

}  // namespace kiosk::app
