// vtk_emulator: the VTK terminal emulator as its own process, for tests that need a real child process
// (restart with the same non-volatile state, kill mid-operation).
//
//   vtk_emulator --state-dir DIR [--port N] [--port-file FILE] [--script approve,late:800,…]
//                [--keepalive-s N] [--op-timeout-s N] [--silent-keepalive] [--unset-clock] [--clock-stays-unset]
//                [--start-op N] [--full-pan-in-receipt]
//
// Writes the bound port to --port-file once listening; stops on SIGTERM or SIGINT. The kiosk's protocol
// violations go to DIR/vtk-violations.jsonl (read them with vtkemu::readViolations).
#include <signal.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kiosk/common/atomic_file.h"
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
    auto number = [&](const std::string& text, int64_t max = INT64_MAX) -> int64_t {
      auto n = vtkemu::parseDecimal(text);
      if (!n || *n > max) {
        std::fprintf(stderr, "vtk_emulator: %s: not a number up to %lld: %s\n", arg.c_str(),
                     static_cast<long long>(max), text.c_str());
        std::exit(2);
      }
      return *n;
    };
    if (arg == "--state-dir") options.state_dir = value();
    else if (arg == "--port") options.port = static_cast<uint16_t>(number(value(), 65535));
    else if (arg == "--port-file") port_file = value();
    else if (arg == "--keepalive-s") options.keepalive_s = static_cast<int>(number(value(), 86400));
    else if (arg == "--op-timeout-s") options.operation_timeout_s = static_cast<int>(number(value(), 86400));
    else if (arg == "--start-op") options.start_operation = number(value());
    else if (arg == "--silent-keepalive") options.answer_keepalive = false;
    else if (arg == "--unset-clock") options.unset_clock = true;
    else if (arg == "--clock-stays-unset") options.clock_learns_from_kiosk = false;
    else if (arg == "--full-pan-in-receipt") options.full_pan_in_receipt = true;
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
