// soak_driver: the fault-injection soak of the kiosk (docs/RELIABILITY.md). Runs kiosk lives (soak_child) one
// after another against procart-sim and a card terminal — the simulated one, or a real driver's peer: the VTK
// emulator (driver vtk) or the fake sb_pilot (driver sbpilot) — breaks things at random but reproducibly, kills the
// kiosk at random points, and checks the money invariants against the emulator's orders, the terminal's own
// records and the journal after a final recovery.
//
//   soak_driver --child PATH --assets DIR [--terminal sim|vtk|sbpilot] [--sbpilot-program PATH]
//               [--profile short|long] [--orders N] [--round-orders N] [--seed N]
//               [--work DIR] [--keep] [--live-terminal-timeouts N_PER_ROUND] [--json FILE] [--verbose]
//
// Exit code 0 when every invariant held and nothing crashed or got stuck; 1 otherwise; 2 for bad arguments.
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "tests/soak/figures.h"
#include "tests/soak/round.h"

namespace {

const char* kUsage =
    "usage: soak_driver --child PATH --assets DIR [--terminal sim|vtk|sbpilot] [--sbpilot-program PATH]\n"
    "                   [--profile short|long] [--orders N] [--round-orders N]\n"
    "                   [--seed N] [--work DIR] [--keep] [--live-terminal-timeouts N_PER_ROUND] [--json FILE] [--verbose]\n";

std::string roundName(int index) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "round-%03d", index);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  bool keep = false, verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string key = argv[i];
    if (key == "--keep") keep = true;
    else if (key == "--verbose") verbose = true;
    else if (key.rfind("--", 0) == 0 && i + 1 < argc) args[key.substr(2)] = argv[++i];
    else {
      std::fprintf(stderr, "soak_driver: unexpected argument %s\n%s", key.c_str(), kUsage);
      return 2;
    }
  }
  if (args["child"].empty() || args["assets"].empty()) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  kiosk::log::setLevel(kiosk::log::Level::Error);  // the emulator's own chatter

  uint64_t seed = args.count("seed") ? std::strtoull(args["seed"].c_str(), nullptr, 10)
                                     : std::random_device{}() % 1'000'000'000ULL;
  std::string profile_name = args.count("profile") ? args["profile"] : "long";
  if (profile_name != "short" && profile_name != "long") {
    std::fprintf(stderr, "soak_driver: --profile is short or long\n");
    return 2;
  }
  auto terminal = soak::terminalKindFromName(args.count("terminal") ? args["terminal"] : "sim");
  if (!terminal) {
    std::fprintf(stderr, "soak_driver: --terminal is sim, vtk or sbpilot\n");
    return 2;
  }
  if (*terminal == soak::TerminalKind::SbPilot && ::access(args["sbpilot-program"].c_str(), X_OK) != 0) {
    std::fprintf(stderr, "soak_driver: --terminal sbpilot needs --sbpilot-program (the fake_sb_pilot executable)\n");
    return 2;
  }
  soak::Profile profile = profile_name == "short" ? soak::shortProfile() : soak::Profile{};
  if (args.count("orders")) profile.orders = std::atoi(args["orders"].c_str());
  if (args.count("round-orders")) profile.round_orders = std::atoi(args["round-orders"].c_str());
  if (args.count("live-terminal-timeouts")) profile.live_terminal_timeouts = std::atoi(args["live-terminal-timeouts"].c_str());
  if (profile.orders < 1 || profile.round_orders < 1) {
    std::fprintf(stderr, "soak_driver: --orders and --round-orders must be positive\n");
    return 2;
  }

  std::string work = args["work"];
  if (work.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-soak-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      std::perror("soak_driver: mkdtemp");
      return 2;
    }
    work = pattern;
  }
  std::printf("soak: seed %llu (repeat the plan with --seed %llu), terminal %s, profile %s, %d orders in rounds of %d, "
              "work dir %s\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed),
              soak::terminalKindName(*terminal), profile_name.c_str(), profile.orders, profile.round_orders,
              work.c_str());
  std::fflush(stdout);

  soak::Figures total;
  total.terminal = soak::terminalKindName(*terminal);
  int round = 0;
  while (total.orders_attempted < profile.orders) {
    ++round;
    soak::RoundSetup setup;
    setup.index = round;
    setup.seed = seed;
    setup.orders = static_cast<int>(std::min<int64_t>(profile.round_orders, profile.orders - total.orders_attempted));
    setup.profile = profile;
    setup.terminal = *terminal;
    setup.sbpilot_program = args["sbpilot-program"];
    setup.child_exe = args["child"];
    setup.assets_dir = args["assets"];
    setup.round_dir = work + "/" + roundName(round);
    setup.state_dir = work + "/kiosk/state";
    setup.cache_dir = work + "/kiosk/cache";
    setup.verbose = verbose;
    soak::Figures figures = soak::runRound(setup);
    total.add(figures);
    std::printf("  round %d: %lld orders attempted, %lld kills, %lld orders created, %zu violations, %zu anomalies, "
                "%.0f s\n",
                round, static_cast<long long>(figures.orders_attempted), static_cast<long long>(figures.totalKills()),
                static_cast<long long>(figures.money.orders), figures.violations.size(), figures.anomalies.size(),
                figures.seconds);
    std::fflush(stdout);
    if (figures.orders_attempted == 0) break;  // cannot make progress: reported as an anomaly already
  }

  std::printf("%s", soak::summaryText(total, seed).c_str());
  if (!args["json"].empty()) {
    std::string error = kiosk::files::writeAtomically(args["json"], soak::summaryJson(total, seed).dump(2) + "\n");
    if (!error.empty()) std::fprintf(stderr, "soak_driver: %s\n", error.c_str());
  }
  bool ok = total.violations.empty() && total.anomalies.empty() && total.orders_attempted >= profile.orders;
  if (ok && !keep) {
    std::error_code ignored;
    std::filesystem::remove_all(work, ignored);
  } else {
    std::printf("soak: files kept in %s (kiosk logs: round-*/kiosk.log, events: round-*/events.jsonl)\n", work.c_str());
  }
  std::printf("soak: %s\n", ok ? "PASSED" : "FAILED");
  return ok ? 0 : 1;
}
