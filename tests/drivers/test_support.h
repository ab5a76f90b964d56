#pragma once
// Helpers for the driver tests: unique temp directories, child processes, waiting on a condition.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace drivers_test {

// mkdtemp under $TMPDIR (or /tmp); removed with its contents on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "drivers-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A program run in the background; terminated (SIGTERM, then SIGKILL) and reaped on destruction.
class ChildProcess {
 public:
  ChildProcess(const std::string& program, const std::vector<std::string>& args);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  pid_t pid() const { return pid_; }
  bool running();
  // Sends `sig` and reaps the process.
  void kill(int sig);

 private:
  pid_t pid_ = -1;
};

// Polls `condition` every few milliseconds until it holds or the timeout passes.
bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

std::string readFile(const std::string& path);
// KOI8-R → UTF-8 with glibc's iconv: a reference nobody here wrote (throws on bytes it cannot convert).
std::string iconvKoi8rToUtf8(const std::string& koi8r);
void writeFile(const std::string& path, const std::string& content);
bool processAlive(pid_t pid);

}  // namespace drivers_test
