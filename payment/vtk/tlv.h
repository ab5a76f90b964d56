#pragma once
// Primitive BER-TLV, as VTK carries its parameters: a tag, a length (short form, or 0x81 NN / 0x82 NN NN),
// then the value bytes. Values are byte strings held in std::string (they may contain any byte).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace payment::vtk {

struct TlvParam {
  uint32_t tag = 0;
  std::string value;
  bool operator==(const TlvParam&) const = default;
};

// Largest value the 0x82 length form can describe.
constexpr size_t kMaxTlvValue = 0xFFFF;

// Appends tag, length and value to `out`. Only single-byte tags (< 0x1F) are written; returns false (and appends
// nothing) for a longer tag or a value above kMaxTlvValue.
bool appendTlv(std::string& out, uint32_t tag, std::string_view value);

struct TlvParseResult {
  std::vector<TlvParam> params;
  std::string error;  // empty when every byte was consumed as well-formed TLVs
  bool ok() const { return error.empty(); }
};

// Parses a sequence of TLVs that must fill `bytes` exactly. Multi-byte BER tags are read (and kept, so callers
// can ignore tags they don't know); a length running past the end, an indefinite or over-long length form is
// an error naming the offset.
TlvParseResult parseTlvs(std::string_view bytes);

}  // namespace payment::vtk
