#pragma once
// Demo mode's little world in this process: the ProCart emulator (real HTTP on a loopback port) with the demo menu,
// and the simulated card terminal device. Scripts reach both through scriptCommand().
#include <memory>
#include <string>

#include "kiosk/sim/emulator.h"
#include "payment/sim/sim_device.h"

namespace kiosk {

struct DemoWorldOptions {
  std::string assets_dir;      // holds demo/menu.json and demo/images/
  std::string menu_file;       // empty: assets_dir/demo/menu.json
  std::string state_dir;       // the emulator keeps its orders here
  bool procart_offline = false;  // don't start the emulator until "procart start"
  int terminal_step_ms = 700;  // pause at each terminal prompt, so guests can read them
};

class DemoWorld {
 public:
  // Starts the emulator (unless offline) on a free loopback port. nullptr with `error` when it cannot.
  static std::unique_ptr<DemoWorld> start(const DemoWorldOptions& options, std::string& error);
  ~DemoWorld();

  std::string procartUrl() const;  // "http://127.0.0.1:PORT/api/v3", fixed even while the emulator is stopped
  std::string token() const { return "demo-token"; }
  payment::sim::SimTerminalDevice& terminalDevice() { return *device_; }
  procart_sim::Emulator& emulator() { return *emulator_; }

  // Script lines (see docs/E2E.md):
  //   sim <behaviour>            next purchase: approve | decline:CODE | delay:MS | timeout | lost_answer | disconnect
  //   sim default <behaviour>    behaviour when the queue is empty
  //   sim step <ms>              pause at each terminal prompt
  //   procart start | stop       the emulator comes back / goes away (same port)
  //   procart faults <spec>      fault spec (docs/EMULATOR.md); "procart faults" alone clears
  //   procart pos <on|off>       the POS link
  //   procart status <code>      move the newest order to a status (0 open, 1 close, 2 bill, 3 deleted …)
  // "" when done, otherwise why not.
  std::string scriptCommand(const std::string& line);

 private:
  DemoWorld() = default;
  std::string startEmulator();

  DemoWorldOptions options_;
  int port_ = 0;
  procart_sim::Options emulator_options_;
  std::unique_ptr<procart_sim::Emulator> emulator_;
  std::unique_ptr<payment::sim::SimTerminalDevice> device_;
};

}  // namespace kiosk
