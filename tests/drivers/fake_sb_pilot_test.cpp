// The fake sb_pilot itself, run as a program in a temp directory and read back from its files: it must be the
// module payment-terminals.md describes for the sb_pilot driver tests to mean anything. Expected values come from
// that note (row layout, codes, KOI8-R), not from the fake's sources.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <ctime>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/drivers/fake_sb_pilot_runner.h"
#include "tests/drivers/test_support.h"

using fake_sb_pilot_test::Finished;
using fake_sb_pilot_test::fromKoi8r;
using fake_sb_pilot_test::lastLine;
using fake_sb_pilot_test::linesOf;

namespace {

// One module: its working directory and what it wrote there.
struct Module {
  drivers_test::TempDir dir{"fake-sb-pilot"};

  Finished run(const std::vector<std::string>& args) const { return fake_sb_pilot_test::runFake(dir.path(), args); }
  void control(const nlohmann::json& j) const { drivers_test::writeFile(dir.file("fake-sb-pilot.json"), j.dump()); }
  bool exists(const std::string& name) const {
    struct stat st {};
    return ::stat(dir.file(name).c_str(), &st) == 0;
  }
  std::string raw(const std::string& name) const { return drivers_test::readFile(dir.file(name)); }
  // e's rows, decoded from KOI8-R.
  std::vector<std::string> e() const { return linesOf(fromKoi8r(raw("e"))); }
  std::vector<std::string> ledger() const { return linesOf(raw("fake-sb-pilot-ledger.jsonl")); }
  std::vector<std::string> log() const { return linesOf(raw("fake-sb-pilot.log")); }
};

std::string ledgerLine(const std::string& op, long long amount, const std::string& rrn, const std::string& id) {
  return R"({"op":")" + op + R"(","amount":)" + std::to_string(amount) + R"(,"rrn":")" + rrn +
         R"(","request_id":")" + id + R"("})";
}

std::string localNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

// Approves a purchase and returns its RRN (row 9).
std::string purchase(const Module& module, const std::string& kopecks, const std::string& request_id = "") {
  std::vector<std::string> args{"1", kopecks};
  if (!request_id.empty()) args.push_back("/q=" + request_id);
  const Finished done = module.run(args);
  REQUIRE(lastLine(done.out) == "return:0");
  const auto rows = module.e();
  REQUIRE(rows.size() == 20);
  return rows[9];
}

}  // namespace

TEST_CASE("fake sb_pilot: an approved purchase writes e row by row in KOI8-R, a slip, return:0 and a ledger line") {
  Module module;
  const std::string before = localNow();
  const Finished done = module.run({"1", "12345", "/q=1A2b3C"});
  const std::string after = localNow();
  REQUIRE(done.exit_status == 0);
  CHECK(lastLine(done.out) == "return:0");

  // Row 0 byte for byte: "0,ОДОБРЕНО" in KOI8-R (О=EF Д=E4 Б=E2 Р=F2 Е=E5 Н=EE), LF line ends only.
  const std::string raw = module.raw("e");
  CHECK(raw.substr(0, raw.find('\n')) == "0,\xEF\xE4\xEF\xE2\xF2\xE5\xEE\xEF");
  CHECK(raw.find('\r') == std::string::npos);

  const auto rows = module.e();
  REQUIRE(rows.size() == 20);
  CHECK(rows[0] == "0,ОДОБРЕНО");
  CHECK(rows[1] == "************1234");
  CHECK(rows[2] == "12/27");
  CHECK(std::regex_match(rows[3], std::regex("[A-Z]{2}[0-9]{4}")));
  CHECK(std::regex_match(rows[4], std::regex("[0-9]{4}")));
  CHECK(rows[5] == "MIR");
  CHECK((rows[6] == "0" || rows[6] == "1"));
  CHECK(rows[7] == "00012345");
  CHECK(std::regex_match(rows[8], std::regex("[0-9]{14}")));
  CHECK(rows[8] >= before);  // local time of the operation
  CHECK(rows[8] <= after);
  CHECK(std::regex_match(rows[9], std::regex("[0-9]{12}")));
  CHECK(std::regex_match(rows[10], std::regex("[0-9A-Fa-f]{40}")));
  CHECK(rows[13] == "780000123456");
  CHECK(rows[17].empty());  // no loyalty data
  CHECK(rows[19] == "1A2b3C");
  for (int empty : {11, 12, 14, 15, 16, 17, 18}) CHECK(rows[static_cast<size_t>(empty)].empty());
  // Every filled row differs from every other, so a driver reading the wrong row gets visibly wrong data.
  std::set<std::string> filled;
  for (const auto& row : rows) {
    if (!row.empty()) CHECK(filled.insert(row).second);
  }

  const std::string slip = fromKoi8r(module.raw("p"));
  CHECK(slip.find("123.45") != std::string::npos);
  CHECK(slip.find(rows[9]) != std::string::npos);
  CHECK(slip.find("************1234") != std::string::npos);
  CHECK_FALSE(std::regex_search(slip, std::regex("[0-9]{16}")));  // a well set up module masks the card

  CHECK(module.ledger() == std::vector<std::string>{ledgerLine("purchase", 12345, rows[9], "1A2b3C")});
  CHECK(module.log() == std::vector<std::string>{"1 12345 /q=1A2b3C"});
  CHECK_FALSE(module.exists("fake-sb-pilot.pid"));  // removed at a normal exit
}

TEST_CASE("fake sb_pilot: RRN, auth code and operation number change from one operation to the next") {
  Module module;
  std::vector<std::vector<std::string>> results;
  for (const char* amount : {"100", "200", "300"}) {
    purchase(module, amount);
    results.push_back(module.e());
  }
  for (size_t i = 1; i < results.size(); ++i) {
    CHECK(results[i][3] != results[i - 1][3]);
    CHECK(std::stoll(results[i][4]) > std::stoll(results[i - 1][4]));
    CHECK(std::stoll(results[i][9]) > std::stoll(results[i - 1][9]));
    CHECK(results[i][19].empty());  // no /q=, no request id
  }
}

TEST_CASE("fake sb_pilot: 52 answers with the very rows and slip of the purchase that carried the request id") {
  Module module;
  purchase(module, "500", "ABCDEF0123");
  const std::string e = module.raw("e");
  const std::string p = module.raw("p");
  purchase(module, "700");  // a later purchase overwrites e and p
  REQUIRE(module.raw("e") != e);

  const Finished done = module.run({"52", "ABCDEF0123"});
  CHECK(done.exit_status == 0);
  CHECK(lastLine(done.out) == "return:0");
  CHECK(module.raw("e") == e);
  CHECK(module.raw("p") == p);
  CHECK(module.ledger().size() == 2);  // a lookup moves no money
}

TEST_CASE("fake sb_pilot: 52 with a request id no purchase carried answers 4118 and moves nothing") {
  Module module;
  purchase(module, "500", "AA");
  const Finished done = module.run({"52", "BB"});
  CHECK(done.exit_status == 0);
  CHECK(lastLine(done.out) == "return:4118");
  const auto rows = module.e();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].rfind("4118,", 0) == 0);
  CHECK(module.ledger().size() == 1);
}

TEST_CASE("fake sb_pilot: a declined purchase stays out of the ledger and is remembered for 52") {
  Module module;
  module.control({{"mode", "decline"}, {"code", "4119"}, {"text", "Нет связи с банком"}});
  const Finished declined = module.run({"1", "900", "/q=C0FFEE"});
  CHECK(declined.exit_status == 0);
  CHECK(lastLine(declined.out) == "return:4119");
  CHECK(module.e() == std::vector<std::string>{"4119,Нет связи с банком"});
  CHECK_FALSE(module.exists("fake-sb-pilot-ledger.jsonl"));

  module.control({{"mode", "approve"}});
  const Finished looked_up = module.run({"52", "C0FFEE"});
  CHECK(lastLine(looked_up.out) == "return:4119");
  CHECK(module.e() == std::vector<std::string>{"4119,Нет связи с банком"});
  CHECK_FALSE(module.exists("fake-sb-pilot-ledger.jsonl"));
}

TEST_CASE("fake sb_pilot: a cancel on the same day moves the money once; a second cancel answers 4118") {
  Module module;
  const std::string rrn = purchase(module, "2500", "5A1E");

  const Finished cancelled = module.run({"8", "2500", "0", "QSELECT", rrn});
  CHECK(lastLine(cancelled.out) == "return:0");
  CHECK(module.e().at(0) == "0,ОДОБРЕНО");
  CHECK(module.ledger().back() == ledgerLine("cancel", 2500, rrn, "5A1E"));

  const Finished again = module.run({"8", "2500", "0", "QSELECT", rrn});
  CHECK(lastLine(again.out) == "return:4118");
  CHECK(module.e().at(0).rfind("4118,", 0) == 0);
  CHECK(module.ledger().size() == 2);

  // A cancelled sale cannot be returned either.
  const Finished returned = module.run({"3", "2500", "0", "0", rrn});
  CHECK(lastLine(returned.out) == "return:4118");
  CHECK(module.ledger().size() == 2);
}

TEST_CASE("fake sb_pilot: after day close a cancel answers 4118 and a return works, once") {
  Module module;
  const std::string rrn = purchase(module, "4000", "D1");
  const std::string other = purchase(module, "600");

  const Finished closed = module.run({"7"});
  CHECK(lastLine(closed.out) == "return:0");
  CHECK(module.e().at(0).rfind("0,", 0) == 0);
  CHECK_FALSE(fromKoi8r(module.raw("p")).empty());
  CHECK(module.ledger().back() == ledgerLine("day_close", 4600, "", ""));

  const Finished cancel = module.run({"8", "4000", "0", "QSELECT", rrn});
  CHECK(lastLine(cancel.out) == "return:4118");
  CHECK(module.ledger().size() == 3);

  // A part of the sale may be returned; the sale is then done with.
  const Finished returned = module.run({"3", "1500", "0", "0", rrn});
  CHECK(lastLine(returned.out) == "return:0");
  const auto rows = module.e();
  REQUIRE(rows.size() == 20);
  CHECK(rows[9] != rrn);  // the return is an operation of its own
  CHECK(module.ledger().back() == ledgerLine("return", 1500, rrn, "D1"));
  const Finished again = module.run({"3", "1500", "0", "0", rrn});
  CHECK(lastLine(again.out) == "return:4118");
  CHECK(module.ledger().size() == 4);

  // The second day holds only the return: its close nets minus 15.00.
  module.run({"7"});
  CHECK(module.ledger().back() == ledgerLine("day_close", -1500, "", ""));
  CHECK(lastLine(module.run({"3", "600", "0", "0", other}).out) == "return:0");
}

TEST_CASE("fake sb_pilot: crash_after_approval dies by SIGSEGV without e, and 52 reports the approval") {
  Module module;
  module.control({{"mode", "crash_after_approval"}});
  const Finished crashed = module.run({"1", "777", "/q=BEEF"});
  CHECK(crashed.signal == SIGSEGV);
  CHECK_FALSE(module.exists("e"));
  CHECK_FALSE(module.exists("p"));
  const auto ledger = module.ledger();
  REQUIRE(ledger.size() == 1);
  const std::string rrn = nlohmann::json::parse(ledger[0]).at("rrn");

  module.control({{"mode", "approve"}});
  const Finished looked_up = module.run({"52", "BEEF"});
  CHECK(lastLine(looked_up.out) == "return:0");
  const auto rows = module.e();
  REQUIRE(rows.size() == 20);
  CHECK(rows[0] == "0,ОДОБРЕНО");
  CHECK(rows[9] == rrn);
  CHECK(rows[19] == "BEEF");
  CHECK(module.exists("p"));
  CHECK(module.ledger().size() == 1);
}

TEST_CASE("fake sb_pilot: crash_segv and crash_abort die before the bank is asked: nothing moved or remembered") {
  Module module;
  for (const auto& [mode, signal] : {std::pair{"crash_segv", SIGSEGV}, std::pair{"crash_abort", SIGABRT}}) {
    module.control({{"mode", mode}});
    CHECK(module.run({"1", "100", "/q=0D0D"}).signal == signal);
  }
  CHECK_FALSE(module.exists("e"));
  CHECK_FALSE(module.exists("fake-sb-pilot-ledger.jsonl"));
  module.control({{"mode", "approve"}});
  CHECK(lastLine(module.run({"52", "0D0D"}).out) == "return:4118");
}

TEST_CASE("fake sb_pilot: purchase_script gives each purchase its mode; other operations follow the memory") {
  Module module;
  module.control({{"purchase_script", {"decline:2000", "lost_answer", "approve"}}});
  CHECK(lastLine(module.run({"1", "100", "/q=01"}).out) == "return:2000");
  CHECK(module.e().at(0).rfind("2000,", 0) == 0);

  // lost_answer: approved and remembered, return:0, but no e (the decline's e is still there).
  CHECK(lastLine(module.run({"1", "200", "/q=02"}).out) == "return:0");
  CHECK(module.e().at(0).rfind("2000,", 0) == 0);
  REQUIRE(module.ledger().size() == 1);
  CHECK(lastLine(module.run({"52", "02"}).out) == "return:0");
  const std::string lost_rrn = module.e().at(9);
  CHECK(module.ledger()[0] == ledgerLine("purchase", 200, lost_rrn, "02"));

  CHECK(lastLine(module.run({"7"}).out) == "return:0");  // not a purchase: the script does not move
  purchase(module, "300");                                // "approve"
  purchase(module, "400");                                // the script has run out: approve
  CHECK(module.ledger().size() == 4);
}

TEST_CASE("fake sb_pilot: stale approves, then dates e and p an hour back") {
  Module module;
  module.control({{"mode", "stale"}});
  const std::time_t started = std::time(nullptr);
  purchase(module, "100");
  for (const char* name : {"e", "p"}) {
    struct stat st {};
    REQUIRE(::stat(module.dir.file(name).c_str(), &st) == 0);
    CHECK(st.st_mtime <= started - 3000);
  }
  CHECK(module.ledger().size() == 1);
}

TEST_CASE("fake sb_pilot: malformed requests and unknown operations answer 99 and move nothing") {
  Module module;
  const std::string rrn = purchase(module, "1000");
  const std::vector<std::vector<std::string>> refused{
      {"1", "abc"},
      {"1", "0"},
      {"1", "100", "/q=xyz"},
      {"1", "100", "/q=" + std::string(33, 'a')},
      {"1", "100", "extra"},
      {"8", "1000", "0", "QSELECT"},
      {"8", "999", "0", "QSELECT", rrn},  // a cancel is for the sale's whole amount
      {"3", "1001", "0", "0", rrn},        // a return is for at most the sale's amount
      {"52", "not-hex"},
      {"7", "now"},
      {"2", "100"},
      {},
  };
  for (const auto& args : refused) {
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    INFO("args: " << joined);
    const Finished done = module.run(args);
    CHECK(done.exit_status == 0);
    CHECK(lastLine(done.out) == "return:99");
    CHECK(module.e().size() == 1);
    CHECK(module.e().at(0).rfind("99,", 0) == 0);
  }
  CHECK(module.ledger().size() == 1);
  // The sale is untouched: it can still be cancelled.
  CHECK(lastLine(module.run({"8", "1000", "0", "QSELECT", rrn}).out) == "return:0");
}

TEST_CASE("fake sb_pilot: a control file it cannot follow is refused before anything is logged or moved") {
  Module module;
  for (const std::string& bad : {std::string("{not json"), std::string(R"({"mode": "explode"})"),
                                 std::string(R"({"purchase_script": ["approve", "melt"]})"),
                                 std::string(R"({"sequence": []})"), std::string(R"({"exit_status": "zero"})")}) {
    INFO(bad);
    drivers_test::writeFile(module.dir.file("fake-sb-pilot.json"), bad);
    const Finished done = module.run({"1", "100"});
    CHECK(done.exit_status == 64);
    CHECK(done.err.find("fake-sb-pilot.json") != std::string::npos);
  }
  for (const char* name : {"e", "p", "fake-sb-pilot.log", "fake-sb-pilot-ledger.jsonl", "fake-sb-pilot-state.json"})
    CHECK_FALSE(module.exists(name));
}

TEST_CASE("fake sb_pilot: encoding utf-8 writes UTF-8; return_code and exit_status change only what is printed") {
  Module module;
  module.control({{"encoding", "utf-8"}, {"return_code", "4134"}, {"exit_status", 3}});
  const Finished done = module.run({"1", "100"});
  CHECK(done.exit_status == 3);
  CHECK(lastLine(done.out) == "return:4134");
  CHECK(linesOf(module.raw("e")).at(0) == "0,ОДОБРЕНО");
  CHECK(module.ledger().size() == 1);
}

TEST_CASE("fake sb_pilot: one operation at a time - a second invocation waits until the first is gone") {
  Module module;
  module.control({{"sequence", {{{"mode", "hang"}}, {{"mode", "approve"}}}}});
  fake_sb_pilot_test::FakeRun hanging(module.dir.path(), {"1", "100"});
  REQUIRE(drivers_test::waitFor([&] { return module.raw("fake-sb-pilot.pid") == std::to_string(hanging.pid()) + "\n"; },
                                std::chrono::seconds(30)));

  fake_sb_pilot_test::FakeRun waiting(module.dir.path(), {"1", "200"});
  // The kernel lists a process blocked in flock(2) as a waiter ("->") in /proc/locks.
  const std::string waiter = " " + std::to_string(waiting.pid()) + " ";
  REQUIRE(drivers_test::waitFor(
      [&] {
        std::istringstream locks(drivers_test::readFile("/proc/locks"));
        for (std::string line; std::getline(locks, line);) {
          if (line.find("->") != std::string::npos && line.find(waiter) != std::string::npos) return true;
        }
        return false;
      },
      std::chrono::seconds(30)));
  CHECK(module.log().size() == 1);  // it has not started its operation

  ::kill(hanging.pid(), SIGKILL);
  CHECK(hanging.wait().signal == SIGKILL);
  const Finished done = waiting.wait();
  CHECK(lastLine(done.out) == "return:0");
  CHECK(module.log() == std::vector<std::string>{"1 100", "1 200"});
  REQUIRE(module.ledger().size() == 1);
  CHECK(nlohmann::json::parse(module.ledger()[0]).at("amount") == 200);
}
