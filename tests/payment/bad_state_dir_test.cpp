// The state directory on a real full disk and on a real read-only file system: the journal refuses payments with a
// reason, Settlement::pay refuses before the terminal is asked, no money is lost, and payments resume once there is
// room again. (The read-only directory as a non-root user, a file-size limit and a journal path that is a
// directory: journal_test.cpp and settlement_test.cpp.)
//
// Each case runs in a child process with its own mount namespace and a small tmpfs (as root: unshare(CLONE_NEWNS);
// otherwise through a user namespace). Nothing is mounted outside the child, and the mount goes with it. Where a
// tmpfs cannot be mounted the tests fail, saying why: they are never skipped.
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "payment/journal/journal.h"
#include "payment/settlement.h"
#include "payment/sim/sim_device.h"
#include "payment/sim/sim_terminal.h"
#include "tests/payment/fake_order_book.h"
#include "tests/payment/money_invariants.h"
#include "tests/payment/test_support.h"

using namespace payment;
using namespace payment::testing;
using namespace std::chrono_literals;
using journal::EntryState;

namespace {

bool writeText(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// Gives this (single-threaded, forked) process a private mount namespace. "" on success.
std::string enterMountNamespace() {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (uid == 0) {
    if (::unshare(CLONE_NEWNS) != 0) return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
  } else {
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
      return std::string("unshare(CLONE_NEWUSER | CLONE_NEWNS) as a non-root user: ") + std::strerror(errno);
    }
    if (!writeText("/proc/self/setgroups", "deny") ||
        !writeText("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
        !writeText("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
      return std::string("cannot map the user namespace's ids: ") + std::strerror(errno);
    }
  }
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return std::string("cannot make the mounts private: ") + std::strerror(errno);
  }
  return {};
}

// Runs `body` in a child that has a tmpfs of `bytes` mounted on `mount_point`; returns what the child reported
// ("" = every check passed). `body` returns "" or the failures it found.
std::string withTmpfs(const std::string& mount_point, size_t bytes,
                      const std::function<std::string(const std::string&)>& body) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    std::string report = enterMountNamespace();
    if (report.empty()) {
      std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
      if (::mount("tmpfs", mount_point.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        report = "cannot mount a tmpfs on " + mount_point + ": " + std::strerror(errno);
      }
    }
    if (!report.empty()) {
      report = "SETUP FAILED (this test needs root or unprivileged user namespaces): " + report;
    } else {
      report = body(mount_point);
    }
    if (::write(pipe_fds[1], report.data(), report.size()) < 0) ::_exit(3);
    ::_exit(report.empty() ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string report;
  char buffer[512];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) report.append(buffer, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) report += " (child killed by signal " + std::to_string(WTERMSIG(status)) + ")";
  if (report.empty() && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) report = "child failed without a report";
  return report;
}

// Fills the file system of `dir` to the last byte; the file is removed to make room again.
bool fillDisk(const std::string& file) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::string block(4096, 'x');
  while (::write(fd, block.data(), block.size()) > 0) {
  }
  while (::write(fd, block.data(), 1) > 0) {
  }
  bool full = errno == ENOSPC;
  ::close(fd);
  return full;
}

// Collects failed checks in the child, where Catch2 cannot be used.
struct Checks {
  std::string failures;
  void expect(bool ok, const std::string& what) {
    if (!ok) failures += "FAILED: " + what + "\n";
  }
  bool contains(const std::string& text, const std::string& part, const std::string& what) {
    bool ok = text.find(part) != std::string::npos;
    expect(ok, what + " — '" + text + "' lacks '" + part + "'");
    return ok;
  }
};

SettlementConfig quickConfig() {
  SettlementConfig c;
  c.lookup_window = 300ms;
  c.recovery_lookup_window = 150ms;
  c.lookup_backoff_first = 10ms;
  c.lookup_backoff_max = 40ms;
  c.retry_backoff_first = 1ms;
  c.retry_backoff_max = 2ms;
  return c;
}

// The payment side of a kiosk over one journal: the sim terminal (in-process), an in-memory ProCart.
struct Till {
  explicit Till(journal::Journal& j) : journal(j) {
    settlement = std::make_unique<Settlement>(journal, terminal, gateway, quickConfig(),
                                              [this](const SettlementUpdate& u) { events.push(u); });
  }
  // "" when the payment ran to a closed entry.
  std::string payAndSettle(const std::string& id) {
    std::string refused = settlement->pay({sampleDraft(id), kiosk::Money::kopecks(38900)});
    if (!refused.empty()) return "refused: " + refused;
    if (!eventually([&] { return !settlement->busy(); }) || !settlement->worker().waitIdle(10s)) return "stuck";
    auto entry = journal.entry(id);
    if (!entry) return "no journal entry";
    if (entry->state != EntryState::Closed) return std::string("ended ") + journal::entryStateName(entry->state);
    return {};
  }
  std::string moneyProblems() {
    auto v = moneyViolations(device.ledger(), book.orders(), &journal);
    return v.empty() ? std::string() : v[0];
  }

  journal::Journal& journal;
  sim::SimTerminalDevice device;
  sim::SimTerminal terminal{device, sim::SimTerminalOptions{2000, 500}};
  FakeOrderBook book;
  InMemoryGateway gateway{book};
  EventLog events;
  std::unique_ptr<Settlement> settlement;
};

journal::JournalRecord intentFor(const std::string& id) {
  journal::JournalRecord r = journal::makeRecord(journal::RecordType::Intent, id);
  r.amount = kiosk::Money::kopecks(100);
  r.op_ref = "op-" + id;
  r.driver = "sim";
  r.draft = sampleDraft(id);
  return r;
}

journal::JournalOptions journalIn(const std::string& dir) {
  journal::JournalOptions o;
  o.dir = dir;
  return o;
}

}  // namespace

TEST_CASE("state dir: a disk that is already full refuses payments from the start, and they resume with room") {
  TempDir dir;
  std::string report = withTmpfs(dir.path(), 512 * 1024, [](const std::string& mnt) {
    Checks c;
    const std::string state = mnt + "/state";
    c.expect(::mkdir(state.c_str(), 0750) == 0, "mkdir state");
    c.expect(fillDisk(mnt + "/filler"), "the tmpfs fills up");
    journal::Journal j(journalIn(state));
    c.expect(!j.canAcceptPayments(), "a journal on a full disk refuses payments");
    c.contains(j.refuseReason(), "disk is full", "refuse reason");
    Till till(j);
    c.contains(till.settlement->pay({sampleDraft("K1-1"), kiosk::Money::kopecks(38900)}),
               "payments refused: the journal's disk is full", "Settlement::pay on a full disk");
    c.expect(till.device.ledger().empty(), "the terminal was never asked");

    ::unlink((mnt + "/filler").c_str());
    c.expect(j.recheck().empty(), "recheck once there is room: " + j.refuseReason());
    c.expect(j.canAcceptPayments(), "payments accepted again");
    std::string paid = till.payAndSettle("K1-2");
    c.expect(paid.empty(), "a payment after the disk was freed: " + paid);
    c.expect(till.device.ledger().size() == 1, "one charge");
    c.expect(till.moneyProblems().empty(), "money invariants: " + till.moneyProblems());
    return c.failures;
  });
  INFO(report);
  CHECK(report.empty());
}

TEST_CASE("state dir: the disk fills up between payments — nothing charged, payments refused until there is room") {
  TempDir dir;
  std::string report = withTmpfs(dir.path(), 512 * 1024, [](const std::string& mnt) {
    Checks c;
    const std::string state = mnt + "/state";
    journal::Journal j(journalIn(state));
    Till till(j);
    std::string first = till.payAndSettle("K1-1");
    c.expect(first.empty(), "first payment: " + first);
    const auto size_before = std::filesystem::file_size(j.path());

    c.expect(fillDisk(mnt + "/filler"), "the tmpfs fills up");
    // Seen without a write: staff are told at once, and the next guest is refused before the terminal.
    c.expect(!j.canAcceptPayments(), "a disk that filled up while idle refuses payments");
    c.contains(j.refuseReason(), "disk is full", "refuse reason");
    c.contains(till.settlement->pay({sampleDraft("K1-2"), kiosk::Money::kopecks(100)}), "payments refused",
               "Settlement::pay on the full disk");
    // A payment already past that check when the disk fills: its intent is refused, the terminal never asked.
    c.contains(j.append(intentFor("K1-3")), "disk is full",
               "an intent on a full disk");
    c.expect(till.device.ledger().size() == 1, "the terminal was not asked again");
    c.expect(std::filesystem::file_size(j.path()) == size_before, "nothing was written");

    // A payment in flight when the disk fills: a record that does not fit fails whole and is cut back.
    ::unlink((mnt + "/filler").c_str());
    c.expect(j.append(intentFor("K1-4")).empty(), "an intent with room");
    c.expect(fillDisk(mnt + "/filler"), "the tmpfs fills up again");
    const auto size_with_intent = std::filesystem::file_size(j.path());
    journal::JournalRecord huge = journal::makeRecord(journal::RecordType::Cancelled, "K1-4");
    huge.text = std::string(64 * 1024, 'x');  // more than the last page of the file can take
    c.contains(j.append(huge), "No space left on device", "a record on a full disk");
    c.expect(std::filesystem::file_size(j.path()) == size_with_intent, "the partial record was cut back");
    c.contains(j.refuseReason(), "No space left on device", "refuse reason after the failed write");
    c.expect(!j.recheck().empty(), "recheck while still full fails");

    ::unlink((mnt + "/filler").c_str());
    c.expect(j.recheck().empty(), "recheck with room: " + j.refuseReason());
    std::string paid = till.payAndSettle("K1-5");
    c.expect(paid.empty(), "a payment once there is room: " + paid);
    c.expect(till.moneyProblems().empty(), "money invariants: " + till.moneyProblems());

    journal::Journal reopened(journalIn(state));
    c.expect(reopened.problems().empty() && reopened.notices().empty(), "the journal reads back clean");
    c.expect(reopened.openEntries().size() == 1, "only K1-4 left open (its terminal was never asked)");
    c.expect(!reopened.entry("K1-2") && !reopened.entry("K1-3"), "the refused payments left no entry");
    c.expect(reopened.entry("K1-4") && reopened.entry("K1-4")->state == EntryState::Intent, "the intent stayed");
    return c.failures;
  });
  INFO(report);
  CHECK(report.empty());
}

TEST_CASE("state dir: the disk fills up right after a payment's intent — the guest is told at once, and the charge "
          "is settled once there is room") {
  // The finding: the approval could not be journalled (ENOSPC), the settlement stopped, and the guest stayed on
  // "Enter PIN" with a Cancel that did nothing. The settlement must end the guest's payment (OrderPostFailed, which
  // the session takes from Paying too: session_checkout_test) and settle the charge in the background.
  TempDir dir;
  std::string report = withTmpfs(dir.path(), 512 * 1024, [](const std::string& mnt) {
    Checks c;
    const std::string state = mnt + "/state";
    journal::JournalOptions options = journalIn(state);
    journal::Journal* journal_ptr = nullptr;
    options.after_append = [&](const journal::JournalRecord& r) {
      if (r.type != journal::RecordType::Intent) return;
      fillDisk(mnt + "/filler");
      // The journal's last page still has room on a full tmpfs: use it up with probe records, so that the next
      // record really meets ENOSPC (the append lock is free here).
      journal::JournalRecord probe;
      probe.type = journal::RecordType::Check;
      while (journal_ptr->append(probe).empty()) {
      }
    };
    journal::Journal j(options);
    journal_ptr = &j;
    Till till(j);
    const std::string id = "K1-7";
    c.expect(till.settlement->pay({sampleDraft(id), kiosk::Money::kopecks(38900)}).empty(), "the payment starts");
    c.expect(till.events.waitFor<settle::OrderPostFailed>(), "the guest's payment ends with a message");
    c.expect(till.events.all<settle::Approved>().empty(), "no 'approved' was shown for an unjournalled charge");
    auto ended = till.events.all<settle::OrderPostFailed>();
    c.expect(!ended.empty() && ended[0].message_key == "payment.staff_needed" && !ended[0].reversed &&
                 ended[0].amount == kiosk::Money::kopecks(38900),
             "the message is 'see staff', with the amount");
    c.expect(eventually([&] { return !till.settlement->busy(); }), "the settlement is free again");
    c.expect(till.device.ledger().size() == 1, "the card was charged once");

    // Room again: the journal accepts records, and the background pass settles the charge with its order.
    ::unlink((mnt + "/filler").c_str());
    c.expect(j.recheck().empty(), "recheck with room: " + j.refuseReason());
    till.settlement->retryOpen();
    c.expect(eventually([&] {
               auto e = j.entry(id);
               return e && e->state == EntryState::Closed;
             }),
             "the entry is settled in the background");
    c.expect(till.book.ordersFor(id).size() == 1, "one order carries the charge");
    c.expect(till.moneyProblems().empty(), "money invariants: " + till.moneyProblems());
    return c.failures;
  });
  INFO(report);
  CHECK(report.empty());
}

TEST_CASE("state dir: on a read-only file system (root cannot write either) payments are refused, history stays") {
  TempDir dir;
  std::string report = withTmpfs(dir.path(), 512 * 1024, [](const std::string& mnt) {
    Checks c;
    const std::string rw = mnt + "/rw", ro = mnt + "/ro";
    c.expect(::mkdir(rw.c_str(), 0755) == 0 && ::mkdir(ro.c_str(), 0755) == 0, "mkdir");
    {
      journal::Journal j(journalIn(rw + "/state"));
      Till till(j);
      std::string paid = till.payAndSettle("K1-1");
      c.expect(paid.empty(), "a payment while writable: " + paid);
    }
    // A torn record at the end, which an open would normally cut off.
    {
      int fd = ::open((rw + "/state/payments.journal").c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
      c.expect(fd >= 0 && ::write(fd, "J1 000000", 9) == 9, "append a torn tail");
      ::close(fd);
    }
    // The same directory again, read-only: a bind mount made read-only, which root cannot write through.
    c.expect(::mount(rw.c_str(), ro.c_str(), nullptr, MS_BIND, nullptr) == 0,
             std::string("bind: ") + std::strerror(errno));
    c.expect(::mount(nullptr, ro.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0,
             std::string("remount read-only: ") + std::strerror(errno));

    journal::Journal j(journalIn(ro + "/state"));
    c.expect(!j.canAcceptPayments(), "a read-only journal refuses payments");
    c.contains(j.refuseReason(), "Read-only file system", "refuse reason");
    auto last = j.lastPayments(10);
    c.expect(last.size() == 1 && last[0].external_id == "K1-1" && last[0].state == EntryState::Closed,
             "the payment history is still read");
    Till till(j);
    c.contains(till.settlement->pay({sampleDraft("K1-2"), kiosk::Money::kopecks(100)}), "payments refused",
               "Settlement::pay on a read-only journal");
    c.expect(till.device.ledger().empty(), "the terminal was never asked");
    c.expect(!j.recheck().empty(), "recheck on a read-only file system fails");

    journal::Journal fresh(journalIn(ro + "/new-state"));
    c.expect(!fresh.canAcceptPayments(), "a state directory that cannot be created refuses payments");
    c.contains(fresh.refuseReason(), "journal directory unusable", "refuse reason for a missing directory");
    return c.failures;
  });
  INFO(report);
  CHECK(report.empty());
}
