// The software renderer's triangle split (kiosk/app/soft_raster_split.h) on real ImGui draw data: SDL's product
// computed as SDL computes it; a big rounded picture comes out in pieces within SDL's int that cover the same area
// with the same texture mapping; everything else in the list is handed on untouched and in order; a split too big
// for 16-bit indices continues in further commands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <vector>

#include <imgui.h>

#include "kiosk/app/soft_raster_split.h"

using namespace kiosk::app;

namespace {

const ImTextureID kFont = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(0x1000));
const ImTextureID kPicture = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(0x2000));  // 1080×1440
const ImTextureID kHuge = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(0x3000));     // 16000×16000

// One ImGui frame on a 1080×1920 display, drawn into the background list; no backend.
struct Frame {
  Frame() : context(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1080, 1920);
    unsigned char* pixels = nullptr;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &font_w, &font_h);
    io.Fonts->SetTexID(kFont);
    ImGui::NewFrame();
  }
  ~Frame() { ImGui::DestroyContext(context); }
  ImDrawList& draw() { return *ImGui::GetBackgroundDrawList(); }
  ImDrawData* render() {
    ImGui::Render();
    return ImGui::GetDrawData();
  }
  TextureSizeOf sizes() const {
    return [this](ImTextureID texture, int& w, int& h) {
      if (texture == kFont) w = font_w, h = font_h;
      else if (texture == kPicture) w = 1080, h = 1440;
      else if (texture == kHuge) w = h = 16000;
      else return false;
      return true;
    };
  }
  ImGuiContext* context;
  int font_w = 0, font_h = 0;
};

struct Triangle {
  ImDrawVert v[3];
};

std::vector<Triangle> trianglesOf(const ImDrawList& list, const ImDrawCmd& cmd) {
  std::vector<Triangle> out;
  for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
    Triangle t;
    for (int k = 0; k < 3; ++k) t.v[k] = list.VtxBuffer[cmd.VtxOffset + list.IdxBuffer[cmd.IdxOffset + i + k]];
    out.push_back(t);
  }
  return out;
}

// Every triangle of `texture` in the draw data, in drawing order.
std::vector<Triangle> trianglesWith(const ImDrawData& data, ImTextureID texture) {
  std::vector<Triangle> out;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) {
      if (cmd.TextureId != texture) continue;
      std::vector<Triangle> some = trianglesOf(*data.CmdLists[n], cmd);
      out.insert(out.end(), some.begin(), some.end());
    }
  }
  return out;
}

int64_t largestProduct(const std::vector<Triangle>& triangles, int w, int h) {
  int64_t largest = 0;
  for (const Triangle& t : triangles) largest = std::max(largest, softRasterProduct(t.v[0], t.v[1], t.v[2], w, h));
  return largest;
}

double areaOf(const std::vector<Triangle>& triangles) {
  double area = 0;
  for (const Triangle& t : triangles) {
    const ImVec2 &a = t.v[0].pos, &b = t.v[1].pos, &c = t.v[2].pos;
    area += std::abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) / 2.0;
  }
  return area;
}

// Barycentric weights of `p` in the triangle.
void weights(const Triangle& t, ImVec2 p, double w[3]) {
  const ImVec2 &a = t.v[0].pos, &b = t.v[1].pos, &c = t.v[2].pos;
  const double det = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y);
  w[0] = ((b.y - c.y) * (p.x - c.x) + (c.x - b.x) * (p.y - c.y)) / det;
  w[1] = ((c.y - a.y) * (p.x - c.x) + (a.x - c.x) * (p.y - c.y)) / det;
  w[2] = 1 - w[0] - w[1];
}

bool inside(const Triangle& t, ImVec2 p) {
  const ImVec2 &a = t.v[0].pos, &b = t.v[1].pos, &c = t.v[2].pos;
  if (std::abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) < 1e-6) return false;  // degenerate
  double w[3];
  weights(t, p, w);
  return w[0] >= -1e-6 && w[1] >= -1e-6 && w[2] >= -1e-6;
}

// What the rasteriser interpolates at `p` inside the triangle.
ImDrawVert interpolate(const Triangle& t, ImVec2 p) {
  double w[3];
  weights(t, p, w);
  ImDrawVert out{p, ImVec2(0, 0), 0};
  double channel[4] = {};
  for (int k = 0; k < 3; ++k) {
    out.uv.x += static_cast<float>(w[k] * t.v[k].uv.x);
    out.uv.y += static_cast<float>(w[k] * t.v[k].uv.y);
    for (int ch = 0; ch < 4; ++ch) channel[ch] += w[k] * ((t.v[k].col >> (8 * ch)) & 0xFF);
  }
  for (int ch = 0; ch < 4; ++ch) out.col |= static_cast<ImU32>(std::lround(channel[ch])) << (8 * ch);
  return out;
}

bool sameVertex(const ImDrawVert& a, const ImDrawVert& b) { return std::memcmp(&a, &b, sizeof(ImDrawVert)) == 0; }

}  // namespace

TEST_CASE("SDL's product: positions truncated to pixels in half-pixel fixed point, times the largest texel") {
  const ImU32 white = IM_COL32_WHITE;
  ImDrawVert a{ImVec2(10.9f, 20.2f), ImVec2(0.f, 0.f), white};
  ImDrawVert b{ImVec2(110.5f, 20.f), ImVec2(0.5f, 0.f), white};
  ImDrawVert c{ImVec2(10.f, 120.99f), ImVec2(0.f, 1.f), white};
  // (10,20) (110,20) (10,120) → doubled: legs of 200 → cross product 40000; texels: 500 across, 800 down.
  CHECK(softRasterProduct(a, b, c, 1000, 800) == 40000 * 800);
  CHECK(softRasterProduct(a, c, b, 1000, 800) == 40000 * 800);  // either winding
}

TEST_CASE("draw data with nothing too large for SDL is handed on as it is") {
  Frame frame;
  frame.draw().AddImageRounded(kPicture, ImVec2(40, 40), ImVec2(400, 300), ImVec2(0, 0), ImVec2(1, 1),
                               IM_COL32_WHITE, 20.f);
  frame.draw().AddText(ImVec2(40, 400), IM_COL32_BLACK, "Burgers");
  ImDrawData* data = frame.render();
  SoftRasterSplitter splitter;
  CHECK(splitter.prepare(data, frame.sizes()) == data);
  CHECK(splitter.lastStats().commands_split == 0);
  // A texture whose size is unknown is left alone, however large.
  CHECK(splitter.prepare(data, [](ImTextureID, int&, int&) { return false; }) == data);
}

TEST_CASE("a big rounded picture is split into pieces within SDL's int: the same area, the same mapping") {
  Frame frame;
  // The attract screen's photo: a 1080×1440 texture covering a 1000×1030 box (top and bottom cropped).
  const ImVec2 min(40, 40), max(1040, 1070), uv0(0.f, 0.14f), uv1(1.f, 0.86f);
  frame.draw().AddImageRounded(kPicture, min, max, uv0, uv1, IM_COL32_WHITE, 24.f);
  ImDrawData* data = frame.render();
  const std::vector<Triangle> before = trianglesWith(*data, kPicture);
  REQUIRE(largestProduct(before, 1080, 1440) > INT_MAX);  // what made SDL 2.26 read outside the texture

  SoftRasterSplitter splitter;
  ImDrawData* out = splitter.prepare(data, frame.sizes());
  REQUIRE(out != data);
  const std::vector<Triangle> after = trianglesWith(*out, kPicture);
  CHECK(largestProduct(after, 1080, 1440) <= INT_MAX);
  CHECK(splitter.lastStats().triangles_dropped == 0);
  CHECK(std::abs(areaOf(after) - areaOf(before)) < areaOf(before) * 1e-4);
  // One shape, split to one depth: 4, 16, 64 … pieces a triangle.
  const auto stats = splitter.lastStats();
  CHECK(stats.triangles_in == static_cast<int>(before.size()));
  CHECK(stats.triangles_out == static_cast<int>(after.size()));
  int ratio = stats.triangles_out / stats.triangles_in;
  CHECK(stats.triangles_out % stats.triangles_in == 0);
  CHECK((ratio == 4 || ratio == 16 || ratio == 64));
  // Each piece lies in one of the original triangles and carries that triangle's mapping: at each of its corners,
  // the texture coordinates and colour the rasteriser would have interpolated there.
  for (const Triangle& piece : after) {
    const ImVec2 centre((piece.v[0].pos.x + piece.v[1].pos.x + piece.v[2].pos.x) / 3,
                        (piece.v[0].pos.y + piece.v[1].pos.y + piece.v[2].pos.y) / 3);
    const Triangle* parent = nullptr;
    for (const Triangle& t : before) {
      if (inside(t, centre)) parent = &t;
    }
    REQUIRE(parent);
    for (const ImDrawVert& v : piece.v) {
      const ImDrawVert expected = interpolate(*parent, v.pos);
      CHECK(v.uv.x == Approx(expected.uv.x).margin(1e-5));
      CHECK(v.uv.y == Approx(expected.uv.y).margin(1e-5));
      for (int shift = 0; shift < 32; shift += 8) {
        int got = static_cast<int>((v.col >> shift) & 0xFF), want = static_cast<int>((expected.col >> shift) & 0xFF);
        CHECK(std::abs(got - want) <= 2);
      }
    }
  }
}

TEST_CASE("what is drawn before and after a split picture is handed on untouched, in order") {
  Frame frame;
  ImDrawList& draw = frame.draw();
  draw.AddRectFilled(ImVec2(20, 20), ImVec2(1060, 1100), IM_COL32(240, 235, 225, 255), 30.f);
  draw.AddImageRounded(kPicture, ImVec2(40, 40), ImVec2(1040, 1070), ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE,
                       24.f);
  draw.AddText(ImVec2(60, 60), IM_COL32_BLACK, "Ogonyok burgers");
  ImDrawData* data = frame.render();
  const ImDrawList* source = nullptr;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    if (data->CmdLists[n] == &draw) source = data->CmdLists[n];
  }
  REQUIRE(source);
  std::vector<ImTextureID> textures_before;
  for (const ImDrawCmd& cmd : source->CmdBuffer) textures_before.push_back(cmd.TextureId);
  REQUIRE(textures_before == std::vector<ImTextureID>{kFont, kPicture, kFont});

  SoftRasterSplitter splitter;
  ImDrawData* out = splitter.prepare(data, frame.sizes());
  REQUIRE(out != data);
  const ImDrawList* rewritten = nullptr;
  for (int n = 0; n < out->CmdListsCount; ++n) {
    if (data->CmdLists[n] == &draw) rewritten = out->CmdLists[n];
    else CHECK(out->CmdLists[n] == data->CmdLists[n]);  // lists without a split picture are not even copied
  }
  REQUIRE(rewritten);
  REQUIRE(rewritten->CmdBuffer.Size >= 3);
  const ImDrawCmd& first = rewritten->CmdBuffer.front();
  const ImDrawCmd& last = rewritten->CmdBuffer.back();
  CHECK(first.TextureId == kFont);
  CHECK(last.TextureId == kFont);
  for (int i = 1; i + 1 < rewritten->CmdBuffer.Size; ++i) CHECK(rewritten->CmdBuffer[i].TextureId == kPicture);
  auto same = [&](const ImDrawCmd& a, const ImDrawCmd& b) {
    std::vector<Triangle> x = trianglesOf(*source, a), y = trianglesOf(*rewritten, b);
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      for (int k = 0; k < 3; ++k) {
        if (!sameVertex(x[i].v[k], y[i].v[k])) return false;
      }
    }
    return std::memcmp(&a.ClipRect, &b.ClipRect, sizeof(ImVec4)) == 0;
  };
  CHECK(same(source->CmdBuffer[0], first));
  CHECK(same(source->CmdBuffer[2], last));
  CHECK(out->TotalVtxCount > data->TotalVtxCount);
}

TEST_CASE("a split beyond what 16-bit indices reach continues in further commands") {
  Frame frame;
  frame.draw().AddImage(kHuge, ImVec2(0, 0), ImVec2(16000, 16000));  // two triangles, each far over SDL's int
  ImDrawData* data = frame.render();
  SoftRasterSplitter splitter;
  ImDrawData* out = splitter.prepare(data, frame.sizes());
  REQUIRE(out != data);
  int commands = 0, triangles = 0;
  for (int n = 0; n < out->CmdListsCount; ++n) {
    const ImDrawList& list = *out->CmdLists[n];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.TextureId != kHuge) continue;
      ++commands;
      triangles += static_cast<int>(cmd.ElemCount / 3);
      unsigned highest = 0;
      for (unsigned i = 0; i < cmd.ElemCount; ++i) {
        highest = std::max<unsigned>(highest, list.IdxBuffer[cmd.IdxOffset + i]);
      }
      CHECK(highest <= 65535u);
      CHECK(cmd.VtxOffset + highest < static_cast<unsigned>(list.VtxBuffer.Size));
      CHECK(largestProduct(trianglesOf(list, cmd), 16000, 16000) <= INT_MAX);
    }
  }
  CHECK(commands >= 2);
  CHECK(triangles == splitter.lastStats().triangles_out);
  CHECK(splitter.lastStats().triangles_dropped == 0);
}
