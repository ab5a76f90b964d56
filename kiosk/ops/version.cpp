#include "kiosk/ops/version.h"

#ifndef KIOSK_VERSION
#error "KIOSK_VERSION is defined by kiosk/ops/CMakeLists.txt"
#endif

namespace kiosk::ops {

const char* kioskVersion() { return KIOSK_VERSION; }

}  // namespace kiosk::ops
