// The child's self-kill really happens right after the planned journal record reaches the disk, and not before.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "payment/journal/journal.h"
#include "tests/soak/kill_switch.h"

namespace {

using payment::journal::JournalRecord;
using payment::journal::RecordType;

JournalRecord intent(const std::string& id) {
  auto r = payment::journal::makeRecord(RecordType::Intent, id);
  r.amount = kiosk::Money::kopecks(38900);
  r.cart_digest = "digest";
  r.op_ref = "op-" + id;
  r.driver = "sim";
  r.currency_id = "1";
  r.draft.external_id = id;
  r.draft.lines.push_back({"b01", 1, "", {}, {}});
  return r;
}

JournalRecord approved(const std::string& id) {
  auto r = payment::journal::makeRecord(RecordType::Approved, id);
  r.amount = kiosk::Money::kopecks(38900);
  r.transaction = {"SOAK0001", "428810000045", "A12345", "************1118", "MC", "2024-05-01T12:00:00"};
  return r;
}

JournalRecord posting(const std::string& id) {
  auto r = payment::journal::makeRecord(RecordType::Posting, id);
  r.attempt = 1;
  return r;
}

JournalRecord posted(const std::string& id) {
  auto r = payment::journal::makeRecord(RecordType::Posted, id);
  r.guid = "{guid}";
  r.number = "1";
  return r;
}

struct Outcome {
  bool killed = false;
  std::vector<RecordType> history;  // of payment "A" as the journal holds it afterwards
  std::vector<RecordType> history_b;
};

// A child process arms `plan` and writes A: intent, approved, posting (10 ms later), posted (400 ms later), then
// B: intent.
Outcome runChild(const std::string& plan_text) {
  std::string dir = "/tmp/soak-kill-switch-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string error;
    auto plan = soak::parseKillPlan(plan_text, error);
    if (!plan) ::_exit(3);
    soak::armKillSwitch(*plan, dir + "/payments.journal", [](const std::string&) {});
    payment::journal::JournalOptions options;
    options.dir = dir;
    payment::journal::Journal journal(options);
    bool ok = journal.append(intent("A")).empty() && journal.append(approved("A")).empty();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ok = ok && journal.append(posting("A")).empty();
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    ok = ok && journal.append(posted("A")).empty() && journal.append(intent("B")).empty();
    ::_exit(ok ? 0 : 4);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  Outcome out;
  out.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  if (!out.killed) REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  payment::journal::JournalOptions options;
  options.dir = dir;
  payment::journal::Journal journal(options);
  if (auto a = journal.entry("A")) out.history = a->history;
  if (auto b = journal.entry("B")) out.history_b = b->history;
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace

TEST_CASE("kill plans parse, and bad ones are refused with a reason") {
  std::string error;
  auto plan = soak::parseKillPlan("posting:2:15", error);
  REQUIRE(plan);
  CHECK(plan->record_type == "posting");
  CHECK(plan->nth == 2);
  CHECK(plan->delay_ms == 15);
  CHECK(soak::killPlanText(*plan) == "posting:2:15");
  for (const char* bad : {"", "posting", "posting:1", "nonsense:1:0", "posting:0:0", "posting:x:0", "posting:1:-5"}) {
    INFO(bad);
    CHECK(!soak::parseKillPlan(bad, error));
    CHECK(!error.empty());
  }
}

TEST_CASE("the kiosk dies right after the planned record is on disk") {
  auto out = runChild("posting:1:0");
  CHECK(out.killed);
  CHECK(out.history == std::vector<RecordType>{RecordType::Intent, RecordType::Approved, RecordType::Posting});
  CHECK(out.history_b.empty());
}

TEST_CASE("the N-th record of a type is the one that counts") {
  auto out = runChild("intent:2:0");
  CHECK(out.killed);
  CHECK(out.history.size() == 4);  // A went all the way
  CHECK(out.history_b == std::vector<RecordType>{RecordType::Intent});
}

TEST_CASE("a delayed kill lands inside the step that follows the record") {
  auto out = runChild("approved:1:150");  // posting comes 10 ms after approved, posted 400 ms after that
  CHECK(out.killed);
  CHECK(out.history == std::vector<RecordType>{RecordType::Intent, RecordType::Approved, RecordType::Posting});
}

TEST_CASE("a plan that is never reached leaves the process alone") {
  auto out = runChild("reversed:1:0");
  CHECK(!out.killed);
  CHECK(out.history.size() == 4);
}
