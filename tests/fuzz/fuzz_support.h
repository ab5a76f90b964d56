#pragma once
// Helpers shared by the libFuzzer targets: silence the kiosk's log (a fuzzer writes millions of lines otherwise),
// a scratch directory on tmpfs for targets that need files, and a check that stops the run loudly.
#include <string>
#include <string_view>

namespace kiosk_fuzz {

// Drops every log line (the lines are still formatted, so that code runs too). KIOSK_FUZZ_LOG=1 keeps them.
void quietLog();

// A directory of this process's own under /dev/shm (or $TMPDIR, or /tmp), created once and kept for the whole
// run: fsync on tmpfs costs nothing, so a target can write a journal or a config file on every input. Removed when
// the run ends normally.
const std::string& scratchDir();

// Writes `bytes` to `path` (created or truncated), aborting when that fails: the harness is broken, not the input.
void writeFile(const std::string& path, std::string_view bytes, unsigned mode = 0600);

// A property the code under test must keep was broken: print it and abort, so libFuzzer saves the input.
[[noreturn]] void fail(const char* file, int line, const std::string& what);

}  // namespace kiosk_fuzz

#define FUZZ_CHECK(condition, what)                                               \
  do {                                                                            \
    if (!(condition)) ::kiosk_fuzz::fail(__FILE__, __LINE__, std::string(what));  \
  } while (0)
