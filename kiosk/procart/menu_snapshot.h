#pragma once
// A binary snapshot of a parsed menu, kept beside the cached /getmenu text so that the kiosk starts without
// parsing JSON: decoding a 10 MB menu's snapshot takes a few tens of milliseconds where the JSON parse takes
// 150–250 ms (docs/PERFORMANCE.md). The JSON text stays the source of truth; the snapshot is only a faster way to
// the same `Menu`, and anything wrong with it (missing, another format, damaged, made from other text) means
// "parse the JSON instead".
//
// Layout (host byte order; the same machine writes and reads it):
//   "KIOSK-MENU-SNAP\n" (16 bytes) · u32 format · u32 byte-order mark 0x01020304 · u64 payload size ·
//   u64 payload hash (wordHash below) · payload
// Payload: the source text's hash (string), the codec's problem lines, then every field of Menu in declaration
// order. Strings are u32 length + bytes; counts are u32; integers i64; optionals a u8 flag then the value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/menu.h"

namespace kiosk::procart {

struct MenuSnapshot {
  Menu menu;
  std::vector<std::string> problems;  // what the codec skipped or repaired when it parsed the source text
  std::string source_hash;            // names the /getmenu text it was parsed from (the cache header's hash)
};

std::string encodeMenuSnapshot(const Menu& menu, const std::vector<std::string>& problems,
                               const std::string& source_hash);
// nullopt when `bytes` is not a whole, undamaged snapshot of this format; `why` says what was wrong.
std::optional<MenuSnapshot> decodeMenuSnapshot(std::string_view bytes, std::string* why = nullptr);

// 64-bit FNV-1a over 8-byte words (then the tail bytes): a damage check, not a cryptographic hash. Eight times
// fewer multiplications than byte-wise FNV-1a, so a 10 MB snapshot is checked in a few milliseconds.
uint64_t wordHash(std::string_view bytes);

}  // namespace kiosk::procart
