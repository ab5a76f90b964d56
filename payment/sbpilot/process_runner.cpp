#include "payment/sbpilot/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace payment::sbpilot {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kOutputLimit = 64 * 1024;

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads what is available on `fd` into `out` (bounded); false at EOF or error.
bool drain(int fd, std::string& out) {
  char buf[4096];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    if (out.size() < kOutputLimit) out.append(buf, std::min<size_t>(static_cast<size_t>(n), kOutputLimit - out.size()));
    return true;
  }
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  return false;
}

// Waits for `pid` until the deadline; true when it was reaped (status filled).
bool waitUntil(pid_t pid, Clock::time_point deadline, int& status) {
  while (true) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;  // already reaped or not ours: nothing left to wait for
    if (Clock::now() >= deadline) return false;
    ::usleep(5000);
  }
}

}  // namespace

ProcessOutcome runProcess(const std::string& program, const std::vector<std::string>& args,
                          const std::string& working_dir, int timeout_ms, int kill_grace_ms) {
  ProcessOutcome outcome;
  const auto started = Clock::now();

  // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
  std::vector<std::string> storage;
  storage.push_back(program);
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);

  int out_pipe[2] = {-1, -1};
  int exec_pipe[2] = {-1, -1};  // the child writes errno here if it cannot start; closes on successful exec
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(exec_pipe, O_CLOEXEC) != 0) {
    outcome.error = std::string("pipe: ") + std::strerror(errno);
    closeFd(out_pipe[0]);
    closeFd(out_pipe[1]);
    return outcome;
  }

  const pid_t pid = ::fork();
  if (pid < 0) {
    outcome.error = std::string("fork: ") + std::strerror(errno);
    for (int* fd : {&out_pipe[0], &out_pipe[1], &exec_pipe[0], &exec_pipe[1]}) closeFd(*fd);
    return outcome;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    int stage = 0;  // 0 chdir, 1 exec
    if (::chdir(working_dir.c_str()) == 0) {
      stage = 1;
      const int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
      ::dup2(out_pipe[1], STDOUT_FILENO);
      ::dup2(out_pipe[1], STDERR_FILENO);
      ::execv(program.c_str(), argv.data());
    }
    const int report[2] = {stage, errno};
    [[maybe_unused]] ssize_t ignored = ::write(exec_pipe[1], report, sizeof report);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so the group exists whichever process runs first
  closeFd(out_pipe[1]);
  closeFd(exec_pipe[1]);

  int report[2] = {0, 0};
  const ssize_t got = ::read(exec_pipe[0], report, sizeof report);  // returns 0 at exec (CLOEXEC) or the report
  closeFd(exec_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof report)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    closeFd(out_pipe[0]);
    outcome.error = std::string(report[0] == 0 ? "cannot enter " + working_dir : "cannot run " + program) + ": " +
                    std::strerror(report[1]);
    return outcome;
  }

  const auto deadline = started + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  bool reaped = false;
  bool timed_out = false;
  bool pipe_open = true;
  while (!reaped) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    if (pipe_open) {
      pollfd pfd{out_pipe[0], POLLIN, 0};
      const int rc = ::poll(&pfd, 1, static_cast<int>(std::min<int64_t>(left, 20)));
      if (rc > 0) pipe_open = drain(out_pipe[0], outcome.output);
    } else {
      ::usleep(5000);
    }
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    reaped = r == pid || (r < 0 && errno != EINTR);
  }

  if (timed_out) {
    ::kill(-pid, SIGTERM);
    if (!waitUntil(pid, Clock::now() + std::chrono::milliseconds(kill_grace_ms), status)) {
      ::kill(-pid, SIGKILL);
      waitUntil(pid, Clock::now() + std::chrono::seconds(10), status);
    }
  }
  // Nothing a run started may outlive it (a helper still holding the device would block the next run).
  ::kill(-pid, SIGKILL);
  if (pipe_open) {
    // Collect the last output; the group is dead so the pipe reaches EOF promptly.
    const auto stop = Clock::now() + std::chrono::milliseconds(500);
    while (Clock::now() < stop) {
      pollfd pfd{out_pipe[0], POLLIN, 0};
      if (::poll(&pfd, 1, 20) > 0) {
        if (!drain(out_pipe[0], outcome.output)) break;
      }
    }
  }
  closeFd(out_pipe[0]);

  outcome.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (timed_out) {
    outcome.end = ProcessOutcome::End::TimedOut;
  } else if (WIFSIGNALED(status)) {
    outcome.end = ProcessOutcome::End::Signalled;
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.end = ProcessOutcome::End::Exited;
    outcome.exit_code = WEXITSTATUS(status);
  }
  return outcome;
}

}  // namespace payment::sbpilot
