#pragma once
// For the fake sb_pilot's own tests: runs the built binary (FAKE_SB_PILOT_PATH) as a child process in a working
// directory, and reads what it wrote (KOI8-R decoded with iconv, independently of the fake's encoder).
#include <sys/types.h>

#include <string>
#include <vector>

namespace fake_sb_pilot_test {

struct Finished {
  int exit_status = -1;  // -1 when a signal ended it
  int signal = 0;        // 0 when it exited
  std::string out;
  std::string err;
};

// One run of the fake, started at construction; killed (SIGKILL) and reaped on destruction if still running.
class FakeRun {
 public:
  FakeRun(const std::string& cwd, const std::vector<std::string>& args);
  ~FakeRun();
  FakeRun(const FakeRun&) = delete;
  FakeRun& operator=(const FakeRun&) = delete;
  pid_t pid() const { return pid_; }
  // Waits for the end and collects stdout and stderr (both small: a pipe's buffer holds them).
  Finished wait();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
};

// Runs the fake to its end.
Finished runFake(const std::string& cwd, const std::vector<std::string>& args);

// KOI8-R → UTF-8 through iconv; fails the test on bytes KOI8-R does not define (it defines all 256, so: never).
std::string fromKoi8r(const std::string& koi8r);

// The lines of `text` split at LF, each without its LF; the text must end with LF (an empty text has no lines).
std::vector<std::string> linesOf(const std::string& text);

// The last non-empty line of the fake's stdout ("return:<code>").
std::string lastLine(const std::string& out);

}  // namespace fake_sb_pilot_test
