#include "tests/soak/kill_switch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include "payment/journal/record.h"

namespace soak {
namespace {

struct Armed {
  std::mutex mutex;
  bool armed = false;
  bool fired = false;
  KillPlan plan;
  std::string journal_path;
  std::function<void(const std::string&)> last_words;
  std::map<std::string, int> seen;  // records of each type written by this process
};

Armed& armed() {
  static Armed* state = new Armed;  // never destroyed: the interposed fdatasync may run during exit
  return *state;
}

[[noreturn]] void die(const std::string& why) {
  Armed& a = armed();
  if (a.last_words) a.last_words(why);
  ::kill(::getpid(), SIGKILL);
  std::abort();  // not reached
}

// The type of the last complete record of the journal, or "" when it cannot be read. (The journal's own
// descriptor is write-only: read through a descriptor of our own.)
std::string lastRecordType(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return {};
  }
  constexpr off_t kTail = 256 * 1024;  // far more than one record (an intent with a large cart is a few KB)
  off_t from = st.st_size > kTail ? st.st_size - kTail : 0;
  std::string data(static_cast<size_t>(st.st_size - from), '\0');
  ssize_t n = ::pread(fd, data.data(), data.size(), from);
  ::close(fd);
  if (n <= 0) return {};
  data.resize(static_cast<size_t>(n));
  if (data.back() != '\n') return {};
  size_t start = data.rfind('\n', data.size() - 2);
  start = start == std::string::npos ? 0 : start + 1;
  auto frame = payment::journal::parseFrame(data, start);
  if (frame.status != payment::journal::FrameStatus::Ok) return {};
  std::string error;
  auto record = payment::journal::decodePayload(frame.payload, error);
  return record ? payment::journal::recordTypeName(record->type) : std::string();
}

bool isJournal(int fd, const std::string& path) {
  struct stat by_fd {}, by_path {};
  if (::fstat(fd, &by_fd) != 0 || ::stat(path.c_str(), &by_path) != 0) return false;
  return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

}  // namespace

namespace detail {
void afterSync(int fd);
void afterSync(int fd) {
  Armed& a = armed();
  std::lock_guard lock(a.mutex);
  if (!a.armed || a.fired || !isJournal(fd, a.journal_path)) return;
  std::string type = lastRecordType(a.journal_path);
  if (type.empty() || ++a.seen[type] != a.plan.nth || type != a.plan.record_type) return;
  a.fired = true;
  std::string why = killPlanText(a.plan);
  if (a.plan.delay_ms <= 0) die(why);
  int delay = a.plan.delay_ms;
  std::thread([delay, why] {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    die(why);
  }).detach();
}
}  // namespace detail

std::optional<KillPlan> parseKillPlan(std::string_view text, std::string& error) {
  KillPlan plan;
  size_t first = text.find(':');
  size_t second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos) {
    error = "kill plan \"" + std::string(text) + "\": expected TYPE:N:DELAY_MS";
    return std::nullopt;
  }
  plan.record_type = std::string(text.substr(0, first));
  if (!payment::journal::recordTypeFromName(plan.record_type)) {
    error = "kill plan: unknown journal record type \"" + plan.record_type + "\"";
    return std::nullopt;
  }
  std::string nth(text.substr(first + 1, second - first - 1));
  std::string delay(text.substr(second + 1));
  char* end = nullptr;
  long n = std::strtol(nth.c_str(), &end, 10);
  if (nth.empty() || *end != '\0' || n < 1 || n > 1000) {
    error = "kill plan: N must be 1..1000";
    return std::nullopt;
  }
  long d = std::strtol(delay.c_str(), &end, 10);
  if (delay.empty() || *end != '\0' || d < 0 || d > 60'000) {
    error = "kill plan: DELAY_MS must be 0..60000";
    return std::nullopt;
  }
  plan.nth = static_cast<int>(n);
  plan.delay_ms = static_cast<int>(d);
  return plan;
}

std::string killPlanText(const KillPlan& plan) {
  return plan.record_type + ":" + std::to_string(plan.nth) + ":" + std::to_string(plan.delay_ms);
}

void armKillSwitch(KillPlan plan, std::string journal_path, std::function<void(const std::string&)> last_words) {
  Armed& a = armed();
  std::lock_guard lock(a.mutex);
  a.plan = std::move(plan);
  a.journal_path = std::move(journal_path);
  a.last_words = std::move(last_words);
  a.armed = true;
}

}  // namespace soak

// Interposed for this executable: the real sync, then the kill switch. The journal (payment/journal/journal.cpp)
// calls fdatasync() after writing each record and before returning from append(), i.e. before the step it announces.
extern "C" int fdatasync(int fd) {
  int rc = static_cast<int>(::syscall(SYS_fdatasync, fd));
  if (rc == 0) soak::detail::afterSync(fd);
  return rc;
}
