// The journal: record format, every rule of which record may follow which, replay, torn tails, damaged
// records, unwritable storage and compaction.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>

#include "kiosk/common/atomic_file.h"
#include "payment/card_data.h"
#include "payment/journal/crc32.h"
#include "payment/journal/journal.h"
#include "tests/payment/journal_records.h"

using namespace payment;
using namespace payment::journal;
using namespace payment::testing;

namespace {

std::string readFile(const std::string& path) {
  auto content = kiosk::files::readAll(path);
  REQUIRE(content.ok());
  return *content;
}

void writeFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

JournalOptions optionsFor(const TempDir& dir) {
  JournalOptions o;
  o.dir = dir.path();
  return o;
}

// Appends a whole paid flow for `id`.
void appendPaidFlow(Journal& j, const std::string& id, const std::string& number = "123") {
  REQUIRE(j.append(intentRecord(id)) == "");
  REQUIRE(j.append(approvedRecord(id)) == "");
  REQUIRE(j.append(postingRecord(id, 1)) == "");
  REQUIRE(j.append(postedRecord(id, number)) == "");
  REQUIRE(j.append(simple(RecordType::Confirmed, id)) == "");
  REQUIRE(j.append(simple(RecordType::Closed, id)) == "");
}

// Runs `body` in a forked child; the child's exit status is what body returns (0 = pass).
int inChild(const std::function<int()>& body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

TEST_CASE("crc32 gives the standard check value") {
  CHECK(crc32("123456789") == 0xCBF43926u);
  CHECK(crc32("") == 0u);
}

TEST_CASE("every record type survives the frame round trip with its fields") {
  std::vector<JournalRecord> records = {intentRecord("K1-1"),
                                        approvedRecord("K1-1"),
                                        postingRecord("K1-1", 2),
                                        postedRecord("K1-1", "77"),
                                        postFailedRecord("K1-1", true)};
  auto declined = makeRecord(RecordType::Declined, "K1-1", "insufficient funds");
  declined.code = "51";
  records.push_back(declined);
  for (auto type : {RecordType::Cancelled, RecordType::Unknown, RecordType::Abandoned, RecordType::Confirmed,
                    RecordType::ConfirmFailed, RecordType::ReversalRequested, RecordType::Reversed,
                    RecordType::ReversalFailed, RecordType::Closed}) {
    records.push_back(makeRecord(type, "K1-1", std::string("text of ") + recordTypeName(type)));
  }
  for (auto& r : records) {
    r.at = "2024-05-01T12:00:00";
    std::string frame = encodeFrame(r);
    CHECK(frame.back() == '\n');
    CHECK(std::count(frame.begin(), frame.end(), '\n') == 1);  // newlines inside texts are escaped
    ParsedFrame parsed = parseFrame(frame, 0);
    REQUIRE(parsed.status == FrameStatus::Ok);
    CHECK(parsed.size == frame.size());
    std::string error;
    auto back = decodePayload(parsed.payload, error);
    REQUIRE(back);
    CHECK(back->type == r.type);
    CHECK(back->external_id == r.external_id);
    CHECK(back->at == r.at);
    CHECK(encodePayload(*back) == encodePayload(r));  // every field came back
  }
  std::string error;
  auto back = decodePayload(parseFrame(encodeFrame(records[0]), 0).payload, error);
  CHECK(back->draft == sampleDraft("K1-1"));
  CHECK(back->amount == kiosk::Money::kopecks(38900));
}

TEST_CASE("malformed frames and payloads are told apart") {
  std::string frame = encodeFrame(intentRecord("K1-1"));
  CHECK(parseFrame(frame.substr(0, 10), 0).status == FrameStatus::Incomplete);
  CHECK(parseFrame(frame.substr(0, frame.size() - 1), 0).status == FrameStatus::Incomplete);
  std::string flipped = frame;
  flipped[40] ^= 0x01;
  CHECK(parseFrame(flipped, 0).status == FrameStatus::Corrupt);
  CHECK(parseFrame("X1 00000002 00000000 {}\n", 0).status == FrameStatus::Corrupt);
  std::string error;
  CHECK_FALSE(decodePayload("not json", error));
  CHECK_FALSE(decodePayload(R"({"t":"teleport","id":"x"})", error));
  CHECK(error.find("teleport") != std::string::npos);
  CHECK_FALSE(decodePayload(R"({"t":"intent","id":"x","amount":"many"})", error));
}

TEST_CASE("a paid flow is replayed after reopening") {
  TempDir dir;
  {
    Journal j(optionsFor(dir));
    REQUIRE(j.canAcceptPayments());
    appendPaidFlow(j, "K1-1", "42");
  }
  Journal j(optionsFor(dir));
  auto e = j.entry("K1-1");
  REQUIRE(e);
  CHECK(e->state == EntryState::Closed);
  CHECK(e->order_number == "42");
  CHECK(e->transaction.rrn == "428810000045");
  CHECK(e->draft == sampleDraft("K1-1"));
  CHECK(e->history == std::vector<RecordType>{RecordType::Intent, RecordType::Approved, RecordType::Posting,
                                              RecordType::Posted, RecordType::Confirmed, RecordType::Closed});
  CHECK(j.openEntries().empty());
  CHECK(j.problems().empty());
  CHECK(j.stats().records == 6);
  CHECK(e->outcomeText() == "paid, order 42");
}

TEST_CASE("records that break the rules are refused and write nothing") {
  TempDir dir;
  Journal j(optionsFor(dir));
  auto size = [&] { return std::filesystem::file_size(j.path()); };

  auto refused = [&](const JournalRecord& r, const std::string& fragment) {
    auto before = size();
    std::string error = j.append(r);
    INFO(recordTypeName(r.type) << " for " << r.external_id << ": " << error);
    CHECK_FALSE(error.empty());
    CHECK(error.find(fragment) != std::string::npos);
    CHECK(size() == before);
  };

  refused(approvedRecord("none"), "has no intent");
  refused(intentRecord("K1-0", 0), "positive");
  auto no_ref = intentRecord("K1-0");
  no_ref.op_ref.clear();
  refused(no_ref, "operation reference");
  auto other_draft = intentRecord("K1-0");
  other_draft.draft.external_id = "K1-other";
  refused(other_draft, "draft's external_id");
  refused(makeRecord(RecordType::Closed, ""), "without external_id");

  REQUIRE(j.append(intentRecord("A")) == "");
  refused(intentRecord("A"), "already has a journal entry");
  refused(postingRecord("A", 1), "cannot follow state 'intent'");
  refused(simple(RecordType::Abandoned, "A"), "cannot follow state 'intent'");
  refused(simple(RecordType::Confirmed, "A"), "cannot follow");
  refused(simple(RecordType::Reversed, "A"), "cannot follow");
  auto full_pan = approvedRecord("A");
  full_pan.transaction.card_mask = "5486732058861118";
  refused(full_pan, "full PAN");
  REQUIRE(j.append(approvedRecord("A")) == "");
  refused(postingRecord("A", 2), "attempt must be 1");
  refused(simple(RecordType::Closed, "A"), "cannot follow state 'approved'");
  refused(simple(RecordType::Reversed, "A"), "cannot follow");
  REQUIRE(j.append(postingRecord("A", 1)) == "");
  REQUIRE(j.append(postFailedRecord("A", true)) == "");
  refused(postingRecord("A", 2), "refused; reverse instead");
  REQUIRE(j.append(simple(RecordType::ReversalRequested, "A")) == "");
  REQUIRE(j.append(simple(RecordType::Reversed, "A")) == "");
  REQUIRE(j.append(simple(RecordType::Closed, "A")) == "");
  refused(simple(RecordType::ReversalRequested, "A"), "cannot follow state 'closed'");

  // Unknown → abandoned: the late approval may only be reversed.
  REQUIRE(j.append(intentRecord("B")) == "");
  REQUIRE(j.append(simple(RecordType::Unknown, "B")) == "");
  REQUIRE(j.append(simple(RecordType::Abandoned, "B")) == "");
  REQUIRE(j.append(approvedRecord("B")) == "");
  refused(postingRecord("B", 1), "told 'not paid'");

  // At most two posts.
  REQUIRE(j.append(intentRecord("C")) == "");
  REQUIRE(j.append(approvedRecord("C")) == "");
  REQUIRE(j.append(postingRecord("C", 1)) == "");
  REQUIRE(j.append(postFailedRecord("C", false)) == "");
  REQUIRE(j.append(postingRecord("C", 2)) == "");
  REQUIRE(j.append(postFailedRecord("C", false)) == "");
  refused(postingRecord("C", 3), "at most twice");

  // Declined and cancelled are final.
  REQUIRE(j.append(intentRecord("D")) == "");
  REQUIRE(j.append(simple(RecordType::Declined, "D")) == "");
  refused(approvedRecord("D"), "cannot follow state 'declined'");
  REQUIRE(j.append(intentRecord("E")) == "");
  REQUIRE(j.append(simple(RecordType::Cancelled, "E")) == "");
  refused(simple(RecordType::Unknown, "E"), "cannot follow state 'cancelled'");
  CHECK(j.problems().empty());
}

TEST_CASE("every allowed path leads to the state it names") {
  TempDir dir;
  Journal j(optionsFor(dir));
  auto state = [&](const std::string& id) { return j.entry(id)->state; };
  // Unknown, resolved later as approved and reversed after failing once.
  REQUIRE(j.append(intentRecord("U")) == "");
  CHECK(state("U") == EntryState::Intent);
  REQUIRE(j.append(simple(RecordType::Unknown, "U")) == "");
  CHECK(state("U") == EntryState::Unknown);
  REQUIRE(j.append(simple(RecordType::Abandoned, "U")) == "");
  CHECK(j.entry("U")->abandoned);
  CHECK(j.entry("U")->needsStaff());
  REQUIRE(j.append(approvedRecord("U")) == "");
  REQUIRE(j.append(simple(RecordType::ReversalRequested, "U")) == "");
  REQUIRE(j.append(simple(RecordType::ReversalFailed, "U")) == "");
  CHECK(state("U") == EntryState::ReversalFailed);
  CHECK(j.entry("U")->needsStaff());
  REQUIRE(j.append(simple(RecordType::ReversalRequested, "U")) == "");
  REQUIRE(j.append(simple(RecordType::Reversed, "U")) == "");
  REQUIRE(j.append(simple(RecordType::Closed, "U")) == "");
  CHECK(state("U") == EntryState::Closed);
  CHECK(j.entry("U")->was_reversed);
  CHECK(j.entry("U")->reversal_failures == 1);
  CHECK(j.entry("U")->outcomeText() == "reversed (order not created)");

  // Posted after a lookup found the order; a failed confirmation keeps it posted.
  REQUIRE(j.append(intentRecord("P")) == "");
  REQUIRE(j.append(approvedRecord("P")) == "");
  REQUIRE(j.append(postingRecord("P", 1)) == "");
  REQUIRE(j.append(postFailedRecord("P", false)) == "");
  CHECK(j.entry("P")->needsStaff());
  auto found = postedRecord("P");
  found.found_by_lookup = true;
  REQUIRE(j.append(found) == "");
  REQUIRE(j.append(simple(RecordType::ConfirmFailed, "P")) == "");
  CHECK(state("P") == EntryState::Posted);
  REQUIRE(j.append(simple(RecordType::Confirmed, "P")) == "");
  REQUIRE(j.append(simple(RecordType::Closed, "P")) == "");
  CHECK(j.entry("P")->was_confirmed);

  // Recovery of an approval: lookup found it without posting.
  REQUIRE(j.append(intentRecord("R")) == "");
  REQUIRE(j.append(approvedRecord("R")) == "");
  REQUIRE(j.append(postedRecord("R")) == "");
  CHECK(state("R") == EntryState::Posted);
}

TEST_CASE("open entries and the staff payment log") {
  TempDir dir;
  Journal j(optionsFor(dir));
  appendPaidFlow(j, "K1-1", "11");
  REQUIRE(j.append(intentRecord("K1-2")) == "");
  REQUIRE(j.append(simple(RecordType::Declined, "K1-2")) == "");
  REQUIRE(j.append(intentRecord("K1-3")) == "");
  REQUIRE(j.append(approvedRecord("K1-3")) == "");  // paid, not posted
  REQUIRE(j.append(intentRecord("K1-4")) == "");
  REQUIRE(j.append(simple(RecordType::Unknown, "K1-4")) == "");
  REQUIRE(j.append(intentRecord("K1-5")) == "");
  REQUIRE(j.append(approvedRecord("K1-5")) == "");
  REQUIRE(j.append(simple(RecordType::ReversalRequested, "K1-5")) == "");
  REQUIRE(j.append(simple(RecordType::ReversalFailed, "K1-5")) == "");

  auto open = j.openEntries();
  REQUIRE(open.size() == 3);
  CHECK(open[0].external_id == "K1-3");
  CHECK(open[1].external_id == "K1-4");
  CHECK(open[2].external_id == "K1-5");
  CHECK(open[2].needsStaff());
  CHECK(open[2].outcomeText().find("reversal failed") == 0);

  auto log = j.lastPayments(4);
  REQUIRE(log.size() == 4);
  CHECK(log[0].external_id == "K1-5");  // newest first
  CHECK(log[3].external_id == "K1-2");
  CHECK(log[3].state == EntryState::Declined);
  CHECK(j.lastPayments(100).size() == 5);
}

TEST_CASE("readers never wait for a record's fsync: the staff view and /health read while a payment is written") {
  TempDir dir;
  JournalOptions options = optionsFor(dir);
  Journal* journal = nullptr;
  bool read_during_write = false;
  size_t open_seen = 99;
  options.before_sync = [&](const JournalRecord& record) {
    if (record.type != RecordType::Approved) return;
    // The write of "approved" is on its way to the disk; a reader on another thread must get through now.
    auto reader = std::async(std::launch::async, [&] {
      open_seen = journal->openEntries().size();
      return journal->canAcceptPayments() && journal->lastPayments(5).size() == 1;
    });
    read_during_write = reader.wait_for(std::chrono::seconds(5)) == std::future_status::ready && reader.get();
  };
  Journal j(options);
  journal = &j;
  REQUIRE(j.append(intentRecord("K1-1")) == "");
  REQUIRE(j.append(approvedRecord("K1-1")) == "");
  CHECK(read_during_write);
  CHECK(open_seen == 1);  // the reader saw the state before the record: it is applied only once it is durable
  CHECK(j.entry("K1-1")->state == EntryState::Approved);
}

TEST_CASE("a torn last record is truncated away at every byte offset") {
  TempDir source;
  std::string path;
  {
    Journal j(optionsFor(source));
    REQUIRE(j.append(intentRecord("K1-1")) == "");
    REQUIRE(j.append(approvedRecord("K1-1")) == "");
    path = j.path();
  }
  const std::string before_last = readFile(path);
  {
    Journal j(optionsFor(source));
    REQUIRE(j.append(postingRecord("K1-1", 1)) == "");
  }
  const std::string whole = readFile(path);
  REQUIRE(whole.size() > before_last.size());

  for (size_t cut = before_last.size(); cut < whole.size(); ++cut) {
    INFO("cut at byte " << cut << " of " << whole.size());
    TempDir dir;
    writeFile(dir.file("payments.journal"), whole.substr(0, cut));
    {
      Journal j(optionsFor(dir));
      CHECK(j.problems().empty());
      CHECK(j.canAcceptPayments());
      CHECK(j.entry("K1-1")->state == EntryState::Approved);
      CHECK(j.stats().truncated_bytes == cut - before_last.size());
      CHECK(j.notices().size() == (cut > before_last.size() ? 1u : 0u));
      CHECK(std::filesystem::file_size(j.path()) == before_last.size());
      // The step is then taken again, as recovery would.
      REQUIRE(j.append(postingRecord("K1-1", 1)) == "");
    }
    CHECK(readFile(dir.file("payments.journal")).size() == whole.size());
    Journal reopened(optionsFor(dir));
    CHECK(reopened.entry("K1-1")->state == EntryState::Posting);
    CHECK(reopened.notices().empty());
  }
}

TEST_CASE("garbage after the last record is treated as a torn tail") {
  TempDir dir;
  {
    Journal j(optionsFor(dir));
    REQUIRE(j.append(intentRecord("K1-1")) == "");
  }
  std::string good = readFile(dir.file("payments.journal"));
  writeFile(dir.file("payments.journal"), good + std::string("\0\0\0\xff\x01garbage", 12));
  Journal j(optionsFor(dir));
  CHECK(j.problems().empty());
  CHECK(j.stats().truncated_bytes == 12);
  CHECK(std::filesystem::file_size(j.path()) == good.size());
}

TEST_CASE("a damaged record in the middle is reported, and the records after it still count") {
  TempDir dir;
  {
    Journal j(optionsFor(dir));
    REQUIRE(j.append(intentRecord("K1-1")) == "");
    REQUIRE(j.append(approvedRecord("K1-1")) == "");
    appendPaidFlow(j, "K1-2");
  }
  std::string data = readFile(dir.file("payments.journal"));
  size_t second = data.find('\n') + 1;  // the approved record of K1-1
  data[second + 40] ^= 0x20;            // one flipped bit inside its payload
  writeFile(dir.file("payments.journal"), data);

  Journal j(optionsFor(dir));
  auto problems = j.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("offset " + std::to_string(second)) != std::string::npos);
  CHECK(problems[0].find("checksum") != std::string::npos);
  CHECK(j.stats().corrupt_records == 1);
  CHECK(std::filesystem::file_size(j.path()) == data.size());  // nothing cut, nothing rewritten
  // The damaged approval is missing, so K1-1 is open again: recovery asks the terminal.
  CHECK(j.entry("K1-1")->state == EntryState::Intent);
  CHECK(j.entry("K1-2")->state == EntryState::Closed);
  CHECK(j.canAcceptPayments());

  // A broken header (length field) in the middle is found the same way.
  std::string data2 = readFile(dir.file("payments.journal"));
  data2[second + 3] = 'z';
  TempDir dir2;
  writeFile(dir2.file("payments.journal"), data2);
  Journal j2(optionsFor(dir2));
  REQUIRE(j2.problems().size() == 1);
  CHECK(j2.problems()[0].find("bad record header") != std::string::npos);
  CHECK(j2.entry("K1-2")->state == EntryState::Closed);
}

TEST_CASE("a record that is intact but breaks the rules on replay is reported") {
  TempDir dir;
  std::string data = encodeFrame(intentRecord("K1-1")) + encodeFrame(simple(RecordType::Closed, "K1-1")) +
                     encodeFrame(approvedRecord("K1-1"));
  writeFile(dir.file("payments.journal"), data);
  Journal j(optionsFor(dir));
  REQUIRE(j.problems().size() == 1);
  CHECK(j.problems()[0].find("record #2") != std::string::npos);
  CHECK(j.entry("K1-1")->state == EntryState::Approved);
}

TEST_CASE("a read-only journal directory refuses payments with a reason") {
  TempDir dir;
  std::string ro = dir.file("ro");
  REQUIRE(::mkdir(ro.c_str(), 0555) == 0);
  ::chmod(dir.path().c_str(), 0755);
  // Root ignores permission bits, so the check runs in a child that gives up root first.
  int status = inChild([&] {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return 2;
    JournalOptions o;
    o.dir = ro;
    Journal j(o);
    if (j.canAcceptPayments()) return 3;
    if (j.refuseReason().find("Permission denied") == std::string::npos) return 4;
    if (j.append(intentRecord("K1-1")).empty()) return 5;
    JournalOptions nested;
    nested.dir = ro + "/deeper";
    Journal j2(nested);
    if (j2.canAcceptPayments() || j2.refuseReason().find("directory") == std::string::npos) return 6;
    return 0;
  });
  CHECK(status == 0);
  CHECK_FALSE(std::filesystem::exists(ro + "/payments.journal"));
}

TEST_CASE("a journal path that is not a regular file refuses payments") {
  TempDir dir;
  REQUIRE(::mkdir(dir.file("payments.journal").c_str(), 0755) == 0);
  Journal j(optionsFor(dir));
  CHECK_FALSE(j.canAcceptPayments());
  CHECK(j.refuseReason().find("not a regular file") != std::string::npos);
  CHECK_FALSE(j.append(intentRecord("K1-1")).empty());
}

TEST_CASE("a failed write (file size limit, like a full disk) is cut back and refuses payments until it works") {
  TempDir dir;
  int status = inChild([&] {
    std::signal(SIGXFSZ, SIG_IGN);  // the write then fails with EFBIG instead of killing the process
    Journal j(optionsFor(dir));
    if (!j.append(intentRecord("K1-1")).empty()) return 2;
    auto size = std::filesystem::file_size(j.path());
    rlimit old{};
    ::getrlimit(RLIMIT_FSIZE, &old);
    rlimit tight = old;
    tight.rlim_cur = size + 40;  // room for part of the next record only
    ::setrlimit(RLIMIT_FSIZE, &tight);
    std::string error = j.append(approvedRecord("K1-1"));
    if (error.empty()) return 3;
    if (j.canAcceptPayments()) return 4;
    if (j.refuseReason().find("cannot write") == std::string::npos) return 5;
    if (std::filesystem::file_size(j.path()) != size) return 6;  // the partial record was cut back
    if (j.recheck().empty()) return 7;                           // still full: the probe fails too
    ::setrlimit(RLIMIT_FSIZE, &old);
    if (!j.recheck().empty()) return 8;
    if (!j.canAcceptPayments()) return 9;
    if (!j.append(approvedRecord("K1-1")).empty()) return 10;
    return 0;
  });
  REQUIRE(status == 0);
  Journal j(optionsFor(dir));
  CHECK(j.problems().empty());
  CHECK(j.notices().empty());
  CHECK(j.entry("K1-1")->state == EntryState::Approved);
}

TEST_CASE("compaction on open keeps open entries and the newest settled ones") {
  TempDir dir;
  JournalOptions o = optionsFor(dir);
  o.compact_above_bytes = 2000;
  o.keep_settled = 3;
  {
    Journal j(o);
    REQUIRE(j.append(intentRecord("open-1")) == "");
    for (int i = 1; i <= 10; ++i) {
      appendPaidFlow(j, "paid-" + std::to_string(i), std::to_string(i));
      if (i == 5) {
        REQUIRE(j.append(approvedRecord("open-1")) == "");  // interleaved with settled ones
        REQUIRE(j.append(intentRecord("open-2")) == "");
      }
    }
    REQUIRE(j.append(simple(RecordType::Unknown, "open-2")) == "");
  }
  auto before = std::filesystem::file_size(dir.file("payments.journal"));
  Journal j(o);
  CHECK(j.stats().compacted);
  CHECK(std::filesystem::file_size(j.path()) < before);
  auto all = j.lastPayments(100);
  std::vector<std::string> ids;
  for (const auto& e : all) ids.push_back(e.external_id);
  CHECK(ids == std::vector<std::string>{"paid-10", "paid-9", "paid-8", "open-2", "open-1"});
  CHECK(j.entry("open-1")->state == EntryState::Approved);
  CHECK(j.entry("open-1")->draft == sampleDraft("open-1"));
  CHECK(j.entry("open-2")->state == EntryState::Unknown);
  CHECK(j.entry("paid-9")->order_number == "9");
  REQUIRE(j.append(simple(RecordType::Abandoned, "open-2")) == "");
  Journal again(o);
  CHECK(again.entry("open-2")->abandoned);
  CHECK(again.problems().empty());
}

TEST_CASE("compaction is skipped while the journal has damaged records") {
  TempDir dir;
  JournalOptions o = optionsFor(dir);
  o.compact_above_bytes = 500;
  o.keep_settled = 1;
  {
    Journal j(o);
    for (int i = 1; i <= 4; ++i) appendPaidFlow(j, "paid-" + std::to_string(i));
  }
  std::string data = readFile(dir.file("payments.journal"));
  data[60] ^= 0x01;
  writeFile(dir.file("payments.journal"), data);
  Journal j(o);
  CHECK_FALSE(j.stats().compacted);
  CHECK(j.problems().size() >= 1);
  CHECK(std::filesystem::file_size(j.path()) == data.size());
}

TEST_CASE("card data: slips are stripped of full PANs, masks are checked") {
  CHECK(looksLikeFullPan("5486732058861118"));
  CHECK_FALSE(looksLikeFullPan("************1118"));
  CHECK_FALSE(looksLikeFullPan("548673******1118"));
  CHECK(maskPanRuns("PAN 5486732058861118 RRN 428810000045") == "PAN ************1118 RRN 428810000045");
  CHECK(maskPanRuns("no digits") == "no digits");

  TempDir dir;
  Journal j(optionsFor(dir));
  REQUIRE(j.append(intentRecord("K1-1")) == "");
  auto approved = approvedRecord("K1-1");
  approved.slip = "CARD 2200123456781234\nAPPROVED";
  REQUIRE(j.append(approved) == "");
  CHECK(j.entry("K1-1")->slip == "CARD ************1234\nAPPROVED");
  CHECK(readFile(j.path()).find("2200123456781234") == std::string::npos);
}

TEST_CASE("staff's findings are journalled, replayed, and only a staff 'posted' may lack the order's guid") {
  TempDir dir;
  {
    Journal j(optionsFor(dir));
    for (const char* id : {"IN", "OUT"}) {
      REQUIRE(j.append(intentRecord(id)) == "");
      REQUIRE(j.append(approvedRecord(id)) == "");
      REQUIRE(j.append(postingRecord(id, 1)) == "");
      REQUIRE(j.append(makeRecord(RecordType::PostFailed, id, "post interrupted")) == "");
    }
    CHECK(j.append(makeRecord(RecordType::Posted, "IN")).find("guid missing") != std::string::npos);
    auto in_pos = makeRecord(RecordType::Posted, "IN");
    in_pos.by_staff = true;
    REQUIRE(j.append(in_pos) == "");
    auto not_in_pos = makeRecord(RecordType::ReversalRequested, "OUT", "staff: the order is not in the POS");
    not_in_pos.by_staff = true;
    REQUIRE(j.append(not_in_pos) == "");
  }
  Journal reopened(optionsFor(dir));
  CHECK(reopened.problems().empty());
  CHECK(reopened.entry("IN")->state == EntryState::Posted);
  CHECK(reopened.entry("IN")->decided_by_staff);
  CHECK(reopened.entry("OUT")->state == EntryState::ReversalRequested);
  CHECK(reopened.entry("OUT")->decided_by_staff);
  CHECK(reopened.entry("OUT")->last_error == "staff: the order is not in the POS");
  CHECK_FALSE(reopened.entry("OUT")->posting_at.empty());
}
