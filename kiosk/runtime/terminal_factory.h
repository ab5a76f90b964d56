#pragma once
// Chooses the card terminal driver named in the config ("sim", "vtk", "sbpilot") and builds it from its params.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/ops/config.h"
#include "payment/sim/sim_device.h"
#include "payment/terminal.h"

namespace kiosk {

struct TerminalSetup {
  // "sim" without a host: a simulated device living in this process (demo, trials). Declared first: the
  // terminal that talks to it is destroyed before it.
  std::unique_ptr<payment::sim::SimTerminalDevice> own_device;
  std::unique_ptr<payment::Terminal> terminal;
};

// nullptr terminal with `error` set when the driver is "none" or its params are invalid.
// `demo_device`: in demo mode the simulated device is the runtime's (scripts reach it); "sim" then uses it.
TerminalSetup makeTerminal(const ops::TerminalSettings& settings, payment::sim::SimTerminalDevice* demo_device,
                           std::string& error);

// For the config loader: "" when `params` suit `driver`, otherwise which key is wrong and why.
std::string checkTerminalParams(ops::TerminalDriver driver, const nlohmann::json& params);

}  // namespace kiosk
