#pragma once
// The kiosk's version (the CMake project version), for `kiosk --version`, /health and /metrics.

namespace kiosk::ops {

const char* kioskVersion();  // "0.1.0"

}  // namespace kiosk::ops
