// fake_sb_pilot: the real sb_pilot as /work/shared/payment-terminals.md ("Second real driver: Sberbank UPOS")
// describes it, written from that note alone (not from our driver), so a driver that gets the layout wrong fails.
//
// Called like sb_pilot, one process per operation, in the module's working directory:
//   1 <kopecks> [/q=<hex request id>]   purchase
//   8 <kopecks> 0 QSELECT <RRN>         cancel a sale of the current day (whole amount); else 4118
//   3 <kopecks> 0 <track2|0> <RRN>      return a sale of any day (at most its amount); else 4118
//   52 <request id>                     the result of the purchase that carried /q=<request id>; else 4118
//   7                                   day close (сверка итогов): the current day becomes a closed day
// Results go to `e` (rows by position, see fake_sb_pilot_module.cpp) and `p` (the slip), KOI8-R, LF line ends;
// stdout ends with "return:<code>"; the exit status is 0. The module never removes e or p, it only overwrites them:
// an operation that writes none leaves the previous operation's files in place, as a careless module would.
//
// Files in the working directory:
//   fake-sb-pilot.json          what to do (absent → approve everything); see fake_sb_pilot_control.h for the modes
//   fake-sb-pilot-state.json    the module's memory (sales, days, request results), replaced atomically
//   fake-sb-pilot.log           each invocation's arguments, one line each
//   fake-sb-pilot-ledger.jsonl  one line per money event: {"op","amount","rrn","request_id"}
//   fake-sb-pilot.lock          held (flock) for the whole run: one operation at a time, as the pin-pad is busy
//   fake-sb-pilot.pid           this run's pid while it holds the pin-pad; removed at a normal exit
//
// The fake's own failures (a control file it cannot follow, a broken state file) are reported on stderr with exit
// status 64 (control) or 70 (files), before anything is logged or moved; the real module never exits non-zero.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/drivers/fake_sb_pilot_control.h"
#include "tests/drivers/fake_sb_pilot_files.h"
#include "tests/drivers/fake_sb_pilot_module.h"

namespace {

using namespace fake_sb_pilot;

constexpr const char* kControlFile = "fake-sb-pilot.json";
constexpr const char* kStateFile = "fake-sb-pilot-state.json";
constexpr const char* kLogFile = "fake-sb-pilot.log";
constexpr const char* kLedgerFile = "fake-sb-pilot-ledger.jsonl";
constexpr const char* kLockFile = "fake-sb-pilot.lock";
constexpr const char* kPidFile = "fake-sb-pilot.pid";
constexpr int kBadControl = 64;
constexpr int kBrokenFiles = 70;
// A leaked hanging fake must not outlive a test run by much.
constexpr int kHangSeconds = 600;

// Exclusive flock on the lock file for this object's life; a second invocation waits here.
class ModuleLock {
 public:
  ModuleLock() {
    fd_ = ::open(kLockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error(std::string("cannot open ") + kLockFile + ": " + std::strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("cannot lock ") + kLockFile + ": " + std::strerror(errno));
    }
  }
  ~ModuleLock() { ::close(fd_); }
  ModuleLock(const ModuleLock&) = delete;
  ModuleLock& operator=(const ModuleLock&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// The pid of the run that holds the pin-pad, for a harness that must kill what a killed kiosk left running.
class PidFile {
 public:
  PidFile() { overwriteFile(kPidFile, std::to_string(::getpid()) + "\n"); }
  ~PidFile() { ::unlink(kPidFile); }
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;
};

long countLines(const std::optional<std::string>& text) {
  long lines = 0;
  if (text) {
    for (char c : *text) lines += c == '\n';
  }
  return lines;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string encoded(const std::string& utf8, const Control& control) {
  if (control.utf8) return utf8;
  auto koi8r = toKoi8r(utf8);
  if (!koi8r) throw std::runtime_error("text not expressible in KOI8-R: " + utf8);
  return *koi8r;
}

void writeResult(const Outcome& outcome, const Control& control) {
  std::string e;
  for (const auto& row : outcome.rows) e += row + "\n";
  overwriteFile("e", encoded(e, control));
  if (!outcome.slip.empty()) overwriteFile("p", encoded(outcome.slip, control));
}

std::string ledgerLine(const MoneyEvent& event) {
  return nlohmann::ordered_json{
      {"op", event.op}, {"amount", event.amount}, {"rrn", event.rrn}, {"request_id", event.request_id}}
      .dump();
}

// The module's chatter, then "return:<code>" (or the control's return_code), unless print_return is off.
int finish(const Control& control, const std::string& code) {
  if (control.print_return) {
    std::printf("UPOS fake module\nreturn:%s\n", control.return_code.value_or(code).c_str());
  }
  std::fflush(stdout);
  return control.exit_status;
}

// Dies by `sig` like a crashing program. The default action is restored first: under ASan the sanitizer's own
// handler would otherwise catch SIGSEGV and exit with status 1.
[[noreturn]] void dieBySignal(int sig) {
  ::signal(sig, SIG_DFL);
  ::raise(sig);
  ::_exit(128 + sig);  // not reached
}

void sleepSeconds(int seconds) {
  for (int i = 0; i < seconds; ++i) ::sleep(1);
}

// Sleeps until killed, optionally with a helper child (as a real module may start one) whose pid goes to helper.pid.
void hang(const Control& control, int lock_fd) {
  if (control.ignore_term) ::signal(SIGTERM, SIG_IGN);
  if (control.spawn_helper) {
    const pid_t helper = ::fork();
    if (helper < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (helper == 0) {
      // The helper does not hold the pin-pad: once the module itself is killed, the next operation may start.
      ::close(lock_fd);
      sleepSeconds(kHangSeconds);
      ::_exit(0);
    }
    overwriteFile("helper.pid", std::to_string(helper));
  }
  sleepSeconds(kHangSeconds);
}

int run(const std::vector<std::string>& args) {
  ModuleLock lock;
  PidFile pid_file;
  // Everything that can refuse is read first, so a refusal logs and moves nothing.
  const nlohmann::json file = parseControlFile(readWholeFile(kControlFile));
  nlohmann::json options = optionsForInvocation(file, countLines(readWholeFile(kLogFile)));
  ModuleState state = loadState(kStateFile);
  appendLine(kLogFile, joined(args, " "));

  const Request request = parseRequest(args);
  if (request.op == Op::Malformed) std::fprintf(stderr, "fake_sb_pilot: %s\n", request.problem.c_str());
  if (request.op == Op::Purchase) {
    // Counted before anything else happens, so a purchase that crashes still moves the script on.
    const long long index = state.purchases_invoked++;
    saveState(kStateFile, state);
    if (usesPurchaseScript(options)) options = withScriptEntry(options, index);
  }
  const Control control = toControl(options);

  switch (control.mode) {
    case Mode::Hang:
      hang(control, lock.fd());
      return control.exit_status;
    case Mode::CrashSegv: dieBySignal(SIGSEGV);
    case Mode::CrashAbort: dieBySignal(SIGABRT);
    case Mode::NoOutput: return finish(control, "0");
    case Mode::Garbage:
      overwriteFile("e", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 18));
      std::printf("\x01\xfe garbage\n");  // no return line: the module's stdout is junk too
      return control.exit_status;
    case Mode::ReturnCodeOnly: {
      // A decline whose code reaches only stdout; the module still remembers it (a zero code is no decline).
      if (control.code.find_first_not_of('0') != std::string::npos) {
        if (decline(state, request, control.code, control.text).state_changed) saveState(kStateFile, state);
      }
      return finish(control, control.code);
    }
    case Mode::Decline: {
      const Outcome outcome = decline(state, request, control.code, control.text);
      if (outcome.state_changed) saveState(kStateFile, state);
      writeResult(outcome, control);
      return finish(control, outcome.code);
    }
    case Mode::Approve:
    case Mode::Stale:
    case Mode::CrashAfterApproval:
    case Mode::CrashAfterResult:
    case Mode::LostAnswer: break;
  }

  // The module does what its memory says; the mode decides what becomes of the answer.
  const Outcome outcome = perform(state, request, control.slip_full_pan);
  if (outcome.state_changed) saveState(kStateFile, state);
  if (outcome.event) appendLine(kLedgerFile, ledgerLine(*outcome.event));
  if (control.mode == Mode::CrashAfterApproval) dieBySignal(SIGSEGV);
  if (control.mode == Mode::LostAnswer) return finish(control, outcome.code);
  writeResult(outcome, control);
  if (control.mode == Mode::Stale) {
    backdate("e", 3600);
    if (!outcome.slip.empty()) backdate("p", 3600);
  }
  if (control.mode == Mode::CrashAfterResult) dieBySignal(SIGSEGV);
  return finish(control, outcome.code);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const ControlError& e) {
    std::fprintf(stderr, "fake_sb_pilot: %s: %s\n", kControlFile, e.what());
    return kBadControl;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fake_sb_pilot: %s\n", e.what());
    return kBrokenFiles;
  }
}
