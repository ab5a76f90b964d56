#include "tests/fuzz/fuzz_support.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "kiosk/common/log.h"

namespace kiosk_fuzz {
namespace {

void dropLine(kiosk::log::Level, std::string_view, std::string_view) {}

// A copy for the exit handler, which may run after the static std::string in scratchDir() is destroyed.
char g_scratch_copy[4096];

std::string makeScratchDir() {
  std::string base = "/dev/shm";
  if (::access(base.c_str(), W_OK) != 0) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp && *tmp ? tmp : "/tmp";
  }
  std::string pattern = base + "/kiosk-fuzz-XXXXXX";
  if (!::mkdtemp(pattern.data())) {
    std::fprintf(stderr, "fuzz: cannot create a scratch directory under %s: %s\n", base.c_str(), std::strerror(errno));
    std::abort();
  }
  // Removed at a normal exit; left behind when the fuzzer stops on a finding (it exits without atexit handlers),
  // where the files are part of the evidence.
  std::snprintf(g_scratch_copy, sizeof g_scratch_copy, "%s", pattern.c_str());
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(g_scratch_copy, ignored);
  });
  return pattern;
}

}  // namespace

void quietLog() {
  const char* keep = std::getenv("KIOSK_FUZZ_LOG");
  if (!keep || std::strcmp(keep, "1") != 0) kiosk::log::setSink(dropLine);
}

const std::string& scratchDir() {
  static const std::string dir = makeScratchDir();
  return dir;
}

void writeFile(const std::string& path, std::string_view bytes, unsigned mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) fail(__FILE__, __LINE__, "cannot open " + path + ": " + std::strerror(errno));
  ::fchmod(fd, mode);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(__FILE__, __LINE__, "cannot write " + path + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
}

void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "\n==FUZZ CHECK FAILED== %s:%d: %s\n", file, line, what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace kiosk_fuzz
