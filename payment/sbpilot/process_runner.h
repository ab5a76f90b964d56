#pragma once
// Runs one external program to completion, bounded in time: its own process group (so a timeout kills
// everything it started), a working directory, stdout+stderr captured (up to 64 KiB).
#include <chrono>
#include <string>
#include <vector>

namespace payment::sbpilot {

struct ProcessOutcome {
  enum class End {
    Exited,         // exit_code is valid
    Signalled,      // killed by a signal it got or raised (crash): signal is valid
    TimedOut,       // we killed the group after the timeout
    FailedToStart,  // fork/chdir/exec failed: error says why; the program did not run
  };
  End end = End::FailedToStart;
  int exit_code = -1;
  int signal = 0;
  std::string output;  // stdout and stderr, interleaved
  std::string error;
  std::chrono::milliseconds duration{0};
};

// `args` excludes argv[0] (the program path is used for it). Blocks until the program and everything left in
// its process group are gone.
ProcessOutcome runProcess(const std::string& program, const std::vector<std::string>& args,
                          const std::string& working_dir, int timeout_ms, int kill_grace_ms);

}  // namespace payment::sbpilot
