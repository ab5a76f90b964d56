// procart-sim: runs the ProCart emulator until SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/common/log.h"
#include "kiosk/sim/cli.h"
#include "kiosk/sim/emulator.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto cli = procart_sim::parseCommandLine(args, PROCART_SIM_DEFAULT_MENU);
  if (!cli) {
    std::fprintf(stderr, "procart-sim: %s\n%s", cli.error().c_str(), procart_sim::usageText().c_str());
    return 2;
  }
  if (cli->help) {
    std::fputs(procart_sim::usageText().c_str(), stdout);
    return 0;
  }
  kiosk::log::setLevel(cli->verbose ? kiosk::log::Level::Debug : kiosk::log::Level::Info);

  // Block the stop signals before any thread starts, so that only sigwait() below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  procart_sim::Emulator emulator(cli->options);
  if (emulator.start(cli->host, cli->port) < 0) {
    std::fprintf(stderr, "procart-sim: %s\n", emulator.error().c_str());
    return 1;
  }
  std::printf("procart-sim: listening on %s (token %s)\n", emulator.baseUrl().c_str(), cli->options.token.c_str());
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  std::printf("procart-sim: stopping\n");
  emulator.stop();
  return 0;
}
