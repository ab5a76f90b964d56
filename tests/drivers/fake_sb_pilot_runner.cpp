#include "tests/drivers/fake_sb_pilot_runner.h"

#include <catch2/catch.hpp>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace fake_sb_pilot_test {
namespace {

std::string drain(int fd) {
  std::string out;
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF, or EAGAIN: a child the fake left behind (a helper) still holds the pipe open
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace

FakeRun::FakeRun(const std::string& cwd, const std::vector<std::string>& args) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> storage{FAKE_SB_PILOT_PATH};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
}

FakeRun::~FakeRun() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ::close(out_fd_);
  ::close(err_fd_);
}

Finished FakeRun::wait() {
  if (pid_ <= 0) throw std::logic_error("FakeRun::wait called twice");
  Finished result;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  pid_ = -1;
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  // The fake has ended; what it wrote is in the pipes. Non-blocking, so a helper child holding them cannot stall us.
  ::fcntl(out_fd_, F_SETFL, O_NONBLOCK);
  ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
  result.out = drain(out_fd_);
  result.err = drain(err_fd_);
  return result;
}

Finished runFake(const std::string& cwd, const std::vector<std::string>& args) { return FakeRun(cwd, args).wait(); }

std::string fromKoi8r(const std::string& koi8r) {
  iconv_t cd = ::iconv_open("UTF-8", "KOI8-R");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(koi8r.size() * 3, '\0');  // a KOI8-R byte is at most 3 bytes of UTF-8
  char* in = const_cast<char*>(koi8r.data());
  size_t in_left = koi8r.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t converted = ::iconv(cd, &in, &in_left, &out_ptr, &out_left);
  ::iconv_close(cd);
  REQUIRE(converted != static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  REQUIRE(text.back() == '\n');
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string lastLine(const std::string& out) {
  const auto lines = linesOf(out);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (!it->empty()) return *it;
  }
  return "";
}

}  // namespace fake_sb_pilot_test
