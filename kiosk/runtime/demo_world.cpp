#include "kiosk/runtime/demo_world.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include "kiosk/common/log.h"

namespace kiosk {
namespace {

// A loopback port nobody uses now: the emulator must keep one address across "procart stop" / "procart start",
// and the client is built before the emulator may start.
int freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  int port = -1;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

}  // namespace

std::unique_ptr<DemoWorld> DemoWorld::start(const DemoWorldOptions& options, std::string& error) {
  std::unique_ptr<DemoWorld> world(new DemoWorld());
  world->options_ = options;
  world->port_ = freeLoopbackPort();
  if (world->port_ <= 0) {
    error = "demo: no free loopback port for the ProCart emulator";
    return nullptr;
  }
  auto& emu = world->emulator_options_;
  emu.menu_file = options.menu_file.empty() ? options.assets_dir + "/demo/menu.json" : options.menu_file;
  emu.token = world->token();
  emu.state_dir = options.state_dir;
  // A guest watches the status change: accepted at once, pre-check after a few seconds, closed a bit later.
  emu.lifecycle = "new>open@800,open>bill@4000,bill>close@7000";
  emu.callback_attempts = 4;

  payment::sim::SimDeviceOptions device;
  device.terminal_id = "DEMO0001";
  device.step_ms = options.terminal_step_ms;
  world->device_ = std::make_unique<payment::sim::SimTerminalDevice>(device);

  if (!options.procart_offline) {
    error = world->startEmulator();
    if (!error.empty()) return nullptr;
  } else {
    log::info("demo", "ProCart emulator held back (offline at start) on port ", world->port_);
  }
  return world;
}

DemoWorld::~DemoWorld() {
  if (emulator_) emulator_->stop();
}

std::string DemoWorld::procartUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v3"; }

std::string DemoWorld::startEmulator() {
  if (emulator_) return {};
  auto emulator = std::make_unique<procart_sim::Emulator>(emulator_options_);
  if (emulator->start("127.0.0.1", port_) < 0) return "demo: ProCart emulator: " + emulator->error();
  emulator_ = std::move(emulator);
  log::info("demo", "ProCart emulator serving ", procartUrl());
  return {};
}

std::string DemoWorld::scriptCommand(const std::string& line) {
  std::vector<std::string> w = words(line);
  if (w.size() < 2) return "expected: sim <behaviour> | procart <command>";
  if (w[0] == "sim") {
    if (w[1] == "default" && w.size() == 3) return device_->setDefaultBehaviour(w[2]);
    if (w[1] == "step" && w.size() == 3) {
      device_->setStepMs(std::max(0, std::atoi(w[2].c_str())));
      return {};
    }
    if (w.size() == 2) return device_->pushBehaviour(w[1]);
    return "sim: expected a behaviour, 'default <behaviour>' or 'step <ms>'";
  }
  if (w[0] != "procart") return "unknown script target '" + w[0] + "'";
  const std::string& command = w[1];
  if (command == "start") return startEmulator();
  if (command == "stop") {
    if (emulator_) emulator_->stop();
    emulator_.reset();
    log::info("demo", "ProCart emulator stopped");
    return {};
  }
  if (!emulator_) return "procart: the emulator is stopped";
  if (command == "faults") {
    std::string spec;
    for (size_t i = 2; i < w.size(); ++i) spec += (i > 2 ? "," : "") + w[i];
    return emulator_->applyFaults(spec);
  }
  if (command == "pos" && w.size() == 3) {
    emulator_->setPosOnline(w[2] == "on");
    return {};
  }
  if (command == "status" && w.size() == 3) {
    auto orders = emulator_->orders();
    if (orders.empty()) return "procart status: no order yet";
    auto newest = std::max_element(orders.begin(), orders.end(), [](const auto& a, const auto& b) {
      return a.created_at < b.created_at;
    });
    if (!emulator_->setOrderStatus(newest->guid, std::atoi(w[2].c_str()))) return "procart status: refused";
    return {};
  }
  return "procart: unknown command '" + command + "'";
}

}  // namespace kiosk
