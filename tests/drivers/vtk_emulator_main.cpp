// vtk_emulator: the VTK terminal emulator as its own process, for tests that need a real child process
// (restart with the same non-volatile state, kill mid-operation).
//
//   vtk_emulator --state-dir DIR [--port N] [--port-file FILE] [--script approve,late:800,…]
//                [--op-timeout-s N] [--silent-keepalive] [--no-events] [--unset-clock] [--start-op N]
//
// Writes the bound port to --port-file once listening; stops on SIGTERM or SIGINT.
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "kiosk/common/atomic_file.h"
#include "payment/vtk/message.h"
#include "tests/drivers/vtk_emulator.h"

int main(int argc, char** argv) {
  vtkemu::EmulatorOptions options;
  std::string port_file;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "vtk_emulator: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&](const std::string& text) -> int64_t {
      auto n = payment::vtk::parseDecimal(text);
      if (!n) {
        std::fprintf(stderr, "vtk_emulator: %s: not a number: %s\n", arg.c_str(), text.c_str());
        std::exit(2);
      }
      return *n;
    };
    if (arg == "--state-dir") options.state_dir = value();
    else if (arg == "--port") options.port = static_cast<uint16_t>(number(value()));
    else if (arg == "--port-file") port_file = value();
    else if (arg == "--op-timeout-s") options.operation_timeout_s = static_cast<int>(number(value()));
    else if (arg == "--start-op") options.start_operation = number(value());
    else if (arg == "--silent-keepalive") options.answer_keepalive = false;
    else if (arg == "--no-events") options.send_events = false;
    else if (arg == "--unset-clock") options.unset_clock = true;
    else if (arg == "--script") {
      std::string error;
      auto script = vtkemu::parseScript(value(), error);
      if (!script) {
        std::fprintf(stderr, "vtk_emulator: --script: %s\n", error.c_str());
        return 2;
      }
      options.script = *script;
    } else {
      std::fprintf(stderr, "vtk_emulator: unknown option %s\n", arg.c_str());
      return 2;
    }
  }
  if (options.state_dir.empty()) {
    std::fprintf(stderr, "vtk_emulator: --state-dir is required\n");
    return 2;
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the emulator's thread starts, so it inherits the mask

  vtkemu::VtkEmulator emulator(options);
  std::string error;
  if (!emulator.start(error)) {
    std::fprintf(stderr, "vtk_emulator: %s\n", error.c_str());
    return 1;
  }
  if (!port_file.empty()) {
    if (auto failed = kiosk::files::writeAtomically(port_file, std::to_string(emulator.port())); !failed.empty()) {
      std::fprintf(stderr, "vtk_emulator: %s\n", failed.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "vtk_emulator: listening on 127.0.0.1:%u\n", emulator.port());
  int received = 0;
  sigwait(&signals, &received);
  emulator.stop();
  return 0;
}
