#include "kiosk/runtime/terminal_factory.h"

#include "payment/sbpilot/profile.h"
#include "payment/sbpilot/sbpilot_terminal.h"
#include "payment/sim/sim_terminal.h"
#include "payment/vtk/config.h"
#include "payment/vtk/vtk_terminal.h"

namespace kiosk {
namespace {

// "sim" params: {"host": "127.0.0.1", "port": 7001} for a device behind its socket, or
// {"step_ms": 800, "default_behaviour": "approve"} for a device in this process.
std::string checkSimParams(const nlohmann::json& params) {
  if (!params.is_object()) return "terminal.params: must be an object";
  if (params.contains("host") && !params["host"].is_string()) return "terminal.params.host: must be a string";
  if (params.contains("port")) {
    const auto& port = params["port"];
    if (!port.is_number_integer() || port.get<int64_t>() < 1 || port.get<int64_t>() > 65535)
      return "terminal.params.port: must be a port number 1..65535";
  }
  if (params.contains("host") != params.contains("port")) return "terminal.params: host and port go together";
  if (params.contains("step_ms") && !params["step_ms"].is_number_integer())
    return "terminal.params.step_ms: must be an integer (milliseconds)";
  if (params.contains("default_behaviour")) {
    if (!params["default_behaviour"].is_string()) return "terminal.params.default_behaviour: must be a string";
    std::string why;
    if (!payment::sim::parseBehaviour(params["default_behaviour"].get<std::string>(), why))
      return "terminal.params.default_behaviour: " + why;
  }
  return {};
}

}  // namespace

std::string checkTerminalParams(ops::TerminalDriver driver, const nlohmann::json& params) {
  std::string error;
  switch (driver) {
    case ops::TerminalDriver::None: return {};
    case ops::TerminalDriver::Sim: return checkSimParams(params);
    case ops::TerminalDriver::Vtk:
      if (!payment::vtk::VtkConfig::fromJson(params, error)) return error;
      return {};
    case ops::TerminalDriver::SbPilot:
      if (!payment::sbpilot::SbPilotConfig::fromJson(params, error)) return error;
      return {};
  }
  return "unknown driver";
}

TerminalSetup makeTerminal(const ops::TerminalSettings& settings, payment::sim::SimTerminalDevice* demo_device,
                           std::string& error) {
  TerminalSetup setup;
  error = checkTerminalParams(settings.driver, settings.params);
  if (!error.empty()) return setup;
  const nlohmann::json& params = settings.params;
  switch (settings.driver) {
    case ops::TerminalDriver::None:
      error = "no card terminal configured (terminal.driver is \"none\")";
      return setup;
    case ops::TerminalDriver::Sim:
      if (params.contains("host")) {
        setup.terminal = std::make_unique<payment::sim::SimTerminal>(params["host"].get<std::string>(),
                                                                    params["port"].get<int>());
      } else if (demo_device) {
        setup.terminal = std::make_unique<payment::sim::SimTerminal>(*demo_device);
      } else {
        payment::sim::SimDeviceOptions options;
        options.step_ms = params.value("step_ms", 800);
        options.default_behaviour = params.value("default_behaviour", std::string("approve"));
        setup.own_device = std::make_unique<payment::sim::SimTerminalDevice>(options);
        setup.terminal = std::make_unique<payment::sim::SimTerminal>(*setup.own_device);
      }
      return setup;
    case ops::TerminalDriver::Vtk:
      setup.terminal = payment::vtk::makeVtkTerminal(*payment::vtk::VtkConfig::fromJson(params, error));
      return setup;
    case ops::TerminalDriver::SbPilot:
      setup.terminal = payment::sbpilot::makeSbPilotTerminal(*payment::sbpilot::SbPilotConfig::fromJson(params, error));
      return setup;
  }
  return setup;
}

}  // namespace kiosk
