#include "kiosk/app/draw_fingerprint.h"

#include <imgui.h>

#include <cstring>

namespace kiosk::app {
namespace {

// FNV-1a over 8-byte words: fast enough for ~1 MB of vertices per frame, and any change shows.
struct Hasher {
  uint64_t h = 1469598103934665603ull;
  void bytes(const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t words = size / 8;
    for (size_t i = 0; i < words; ++i) {
      uint64_t w;
      std::memcpy(&w, p + i * 8, 8);
      h = (h ^ w) * 1099511628211ull;
    }
    for (size_t i = words * 8; i < size; ++i) h = (h ^ p[i]) * 1099511628211ull;
  }
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
};

}  // namespace

uint64_t drawFingerprint(const ImDrawData& data) {
  Hasher hash;
  hash.value(data.DisplaySize);
  hash.value(data.CmdListsCount);
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    hash.bytes(list->VtxBuffer.Data, static_cast<size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    hash.bytes(list->IdxBuffer.Data, static_cast<size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      hash.value(cmd.ClipRect);
      hash.value(cmd.TextureId);
      hash.value(cmd.VtxOffset);
      hash.value(cmd.IdxOffset);
      hash.value(cmd.ElemCount);
      hash.value(cmd.UserCallback != nullptr);
    }
  }
  return hash.h;
}

}  // namespace kiosk::app
