#pragma once
// Applies a drawn fault (faults.h) to one HTTP exchange: waits, answers 500/422 instead of acting, or acts and
// then spoils the answer (malformed body, truncated body, dropped connection).
#include <functional>

#include <httplib.h>

#include "kiosk/sim/faults.h"

namespace procart_sim {

using Act = std::function<void(const httplib::Request&, httplib::Response&)>;
using Pause = std::function<void(int ms)>;

// Runs `act` (the method's real work) under `fault`. `method` is only for the log.
void serveWithFaults(const FaultDecision& fault, const char* method, const httplib::Request& req,
                     httplib::Response& res, const Pause& pause, const Act& act);

}  // namespace procart_sim
