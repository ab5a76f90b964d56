// Fuzz target: the body of a ProCart callback → codec::parseCallback (what the callback server hands its handler).
// Properties: nothing throws or crashes; a refusal says why; an accepted notice has a guid and survives
// encodeCallback → parseCallback unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/procart/codec.h"
#include "tests/fuzz/fuzz_support.h"

namespace codec = kiosk::procart::codec;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kiosk_fuzz::quietLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::string why;
  auto notice = codec::parseCallback(body, why);
  if (!notice) {
    FUZZ_CHECK(!why.empty(), "a refused callback without a reason");
    return 0;
  }
  FUZZ_CHECK(!notice->guid.empty(), "an accepted callback without a guid");
  std::string again_why;
  auto again = codec::parseCallback(codec::encodeCallback(*notice), again_why);
  FUZZ_CHECK(again.has_value(), "an accepted notice does not survive its own encoding: " + again_why);
  FUZZ_CHECK(again->guid == notice->guid && again->external_id == notice->external_id &&
                 again->number == notice->number && again->status == notice->status &&
                 again->updated_at == notice->updated_at,
             "a notice changed through encode → parse");
  return 0;
}
