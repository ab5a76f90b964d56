// Fuzz target: the binary menu snapshot the cache reads at start-up (kiosk/procart/menu_snapshot.h).
// Properties: nothing throws or crashes, nothing huge is reserved for a damaged count; a snapshot that is accepted
// is canonical — encoding what was decoded gives back exactly the input bytes (so no byte was skipped or guessed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/procart/menu_snapshot.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string why;
  auto snapshot = kiosk::procart::decodeMenuSnapshot(bytes, &why);
  if (!snapshot) {
    FUZZ_CHECK(!why.empty(), "a refused snapshot without a reason");
    return 0;
  }
  std::string again = kiosk::procart::encodeMenuSnapshot(snapshot->menu, snapshot->problems, snapshot->source_hash);
  FUZZ_CHECK(again == bytes, "an accepted snapshot does not encode back to the same bytes");
  return 0;
}
