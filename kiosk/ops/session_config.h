#pragma once
// KioskConfig → kiosk::SessionConfig, so the runtime and the pure session never need to know the file.
#include "kiosk/core/session.h"
#include "kiosk/ops/config.h"

namespace kiosk::ops {

SessionConfig toSessionConfig(const KioskConfig& config);

}  // namespace kiosk::ops
