// Contract tests of the sb_pilot driver against fake_sb_pilot: a real program run in a real working directory,
// writing KOI8-R files, exiting, hanging and crashing as told by its control file.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "payment/sbpilot/result_file.h"
#include "payment/sbpilot/sbpilot_terminal.h"
#include "tests/drivers/test_support.h"

using namespace std::chrono_literals;
using payment::CancelToken;
using payment::PaymentResult;
using payment::PurchaseRequest;
using payment::sbpilot::SbPilotConfig;
using Kind = PaymentResult::Kind;
using drivers_test::TempDir;

namespace {

struct Module {
  TempDir dir{"sbpilot"};
  SbPilotConfig config;

  Module() {
    config.program = FAKE_SB_PILOT_PATH;
    config.working_dir = dir.path();
    config.timeout_ms = 5000;
    config.kill_grace_ms = 200;
  }
  void control(const nlohmann::json& j) const { drivers_test::writeFile(dir.file("fake-sb-pilot.json"), j.dump()); }
  std::vector<std::string> invocations() const {
    std::vector<std::string> lines;
    std::istringstream in(drivers_test::readFile(dir.file("fake-sb-pilot.log")));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  std::vector<nlohmann::json> ledger() const {
    std::vector<nlohmann::json> entries;
    std::istringstream in(drivers_test::readFile(dir.file("fake-sb-pilot-ledger.jsonl")));
    for (std::string line; std::getline(in, line);) entries.push_back(nlohmann::json::parse(line));
    return entries;
  }
  std::unique_ptr<payment::Terminal> driver() const { return payment::sbpilot::makeSbPilotTerminal(config); }
  // Row n of the module's current e (KOI8-R, decoded here with glibc's iconv, not the driver's table).
  std::string row(size_t n) const {
    std::istringstream in(koi8rToUtf8(drivers_test::readFile(dir.file("e"))));
    std::string line;
    for (size_t i = 0; std::getline(in, line); ++i)
      if (i == n) return line.empty() || line.back() != '\r' ? line : line.substr(0, line.size() - 1);
    return {};
  }

  static std::string koi8rToUtf8(const std::string& input) { return drivers_test::iconvKoi8rToUtf8(input); }

};

PurchaseRequest request(const std::string& op, int64_t kopecks) {
  PurchaseRequest r;
  r.amount = payment::Money::kopecks(kopecks);
  r.external_id = "order-" + op;
  r.operation_ref = op;
  return r;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A request id as the driver makes them (12 hex digits); tests that need a fixed one use these.
const std::string kIdA = "018F3A2B4C01", kIdB = "018F3A2B4C02", kIdC = "018F3A2B4C03", kIdD = "018F3A2B4C04";

}  // namespace

TEST_CASE("sbpilot: an approved purchase carries /q=<request id> and is read from the public rows of e") {
  Module module;
  auto driver = module.driver();
  CHECK(driver->driverName() == "sbpilot");
  const std::string op = driver->nextOperationRef();
  CHECK(op.size() == 12);
  CHECK(op.find_first_not_of("0123456789ABCDEF") == std::string::npos);
  CHECK(op != driver->nextOperationRef());  // unique per call
  CancelToken cancel;
  std::vector<payment::TerminalProgress> progress;
  const PaymentResult r =
      driver->purchase(request(op, 38900), [&](const payment::TerminalProgress& p) { progress.push_back(p); }, cancel);
  REQUIRE(r.kind == Kind::Approved);
  CHECK(module.invocations() == std::vector<std::string>{"1 38900 /q=" + op});
  CHECK(r.amount.kopecks() == 38900);
  CHECK(r.code == "0");
  // Each field from its row of e (row 0 = "code,text"), and the RRN is the one the module charged.
  const auto ledger = module.ledger();
  REQUIRE(ledger.size() == 1);
  CHECK(ledger[0]["op"] == "purchase");
  CHECK(r.transaction.rrn == ledger[0]["rrn"].get<std::string>());
  CHECK(r.transaction.rrn == module.row(9));
  CHECK(r.transaction.card_mask == module.row(1));
  CHECK(r.transaction.auth_code == module.row(3));
  CHECK(r.transaction.card_type == module.row(5));
  CHECK(r.transaction.terminal_id == module.row(7));
  CHECK(r.transaction.paid_at == payment::sbpilot::isoFromCompactDateTime(module.row(8)));
  CHECK(module.row(19) == op);
  // Nothing from the expiry row or the card hash row is kept.
  CHECK(r.transaction.auth_code != module.row(2));
  CHECK(r.slip.find("ПАО СБЕРБАНК") == 0);  // converted to UTF-8
  CHECK(r.slip.find("ОДОБРЕНО") != std::string::npos);
  REQUIRE(progress.size() == 1);
  CHECK(progress[0].message_key == "payment.insert_card");
  CHECK_FALSE(progress[0].cancellable);
  CHECK(driver->confirm(request(op, 38900), r).approved());  // one phase: nothing more runs
  CHECK(module.invocations().size() == 1);
  const auto caps = driver->capabilities();
  CHECK(caps.day_close);
  CHECK(caps.refund);
  CHECK_FALSE(caps.guest_cancel);
}

TEST_CASE("sbpilot: a full card number printed on the slip is masked before the slip is kept") {
  Module module;
  module.control({{"slip_full_pan", true}});
  CancelToken cancel;
  const PaymentResult r = module.driver()->purchase(request(kIdA, 100), nullptr, cancel);
  REQUIRE(r.approved());
  const std::string slip = Module::koi8rToUtf8(drivers_test::readFile(module.dir.file("p")));
  REQUIRE(slip.find("НОМЕР КАРТЫ: ") != std::string::npos);
  const std::string pan = slip.substr(slip.find("НОМЕР КАРТЫ: ") + std::string("НОМЕР КАРТЫ: ").size(), 16);
  CHECK(r.slip.find(pan) == std::string::npos);
  CHECK(r.slip.find("НОМЕР КАРТЫ: ************" + pan.substr(12)) != std::string::npos);
}

TEST_CASE("sbpilot: error codes map to Declined and Cancelled with clear texts") {
  struct Case {
    const char* code;
    Kind kind;
    const char* text;
  };
  const Case cases[] = {
      {"2000", Kind::Cancelled, "cancelled on the pin-pad: Операция отменена"},
      {"2002", Kind::Cancelled, "PIN entry timed out: Операция отменена"},
      {"4119", Kind::Declined, "no link to the bank: Операция отменена"},
      {"4130", Kind::Declined, "terminal memory full: run the day close (сверка итогов): Операция отменена"},
      {"4134", Kind::Declined, "no day close for over 5 days: run the day close (сверка итогов): Операция отменена"},
      {"5116", Kind::Declined, "declined (code 5116): Операция отменена"},
  };
  Module module;
  auto driver = module.driver();
  for (const auto& c : cases) {
    module.control({{"mode", "decline"}, {"code", c.code}, {"text", "Операция отменена"}});
    CancelToken cancel;
    const PaymentResult r = driver->purchase(request(driver->nextOperationRef(), 100), nullptr, cancel);
    INFO("code " << c.code);
    CHECK(r.kind == c.kind);
    CHECK(r.code == c.code);
    CHECK(r.text == c.text);
  }
  CHECK(module.ledger().empty());
}

TEST_CASE("sbpilot: a code printed on stdout counts when no result file was written") {
  Module module;
  module.control({{"mode", "return_code_only"}, {"code", "2000"}});
  CancelToken cancel;
  const PaymentResult r = module.driver()->purchase(request(kIdA, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Cancelled);
  CHECK(r.text == "cancelled on the pin-pad");
}

TEST_CASE("sbpilot rule: same-day undo is op 8 (cancel by RRN); 4118 falls back to op 3 (return)") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  // The same day: a cancel.
  const auto first = request(driver->nextOperationRef(), 25000);
  const PaymentResult sold = driver->purchase(first, nullptr, cancel);
  REQUIRE(sold.approved());
  const PaymentResult cancelled = driver->reverse(first, sold);
  CHECK(cancelled.kind == Kind::Approved);
  CHECK(cancelled.text == "reverse: cancelled by RRN " + sold.transaction.rrn + " (the same day)");
  auto calls = module.invocations();
  REQUIRE(calls.size() == 2);
  CHECK(calls[1] == "8 25000 0 QSELECT " + sold.transaction.rrn);

  // A sale of a closed day: the cancel is answered 4118 ("operations not found"), then a return.
  const auto second = request(driver->nextOperationRef(), 31000);
  const PaymentResult yesterday = driver->purchase(second, nullptr, cancel);
  REQUIRE(yesterday.approved());
  REQUIRE(driver->reconcile().kind == payment::ReconcileResult::Kind::Done);
  const PaymentResult returned = driver->refund(second, yesterday);
  CHECK(returned.kind == Kind::Approved);
  CHECK(returned.text == "refund: money returned by RRN " + yesterday.transaction.rrn);
  calls = module.invocations();
  REQUIRE(calls.size() == 6);
  CHECK(calls[4] == "8 31000 0 QSELECT " + yesterday.transaction.rrn);
  CHECK(calls[5] == "3 31000 0 0 " + yesterday.transaction.rrn);

  const auto ledger = module.ledger();
  REQUIRE(ledger.size() == 5);  // purchase, cancel, purchase, day close, return
  CHECK(ledger[1]["op"] == "cancel");
  CHECK(ledger[1]["rrn"] == sold.transaction.rrn);
  CHECK(ledger[4]["op"] == "return");
  CHECK(ledger[4]["rrn"] == yesterday.transaction.rrn);

  // Undone once is undone: a second undo of the same sale moves nothing (4118 to the cancel, a refusal to the return).
  CHECK_FALSE(driver->reverse(first, sold).approved());
  CHECK(module.ledger().size() == 5);

  PaymentResult no_rrn = sold;
  no_rrn.transaction.rrn.clear();
  const size_t runs = module.invocations().size();
  const PaymentResult refused = driver->reverse(first, no_rrn);
  CHECK(refused.kind == Kind::Declined);
  CHECK(refused.code == "kiosk.invalid_request");
  no_rrn.transaction.rrn = "12 3;rm";
  CHECK(driver->refund(first, no_rrn).code == "kiosk.invalid_request");
  CHECK(module.invocations().size() == runs);
}

TEST_CASE("sbpilot: asked to undo again after a crash, the undo that already ran is not run twice") {
  Module module;
  CancelToken cancel;
  const auto req = request(kIdA, 2500);
  PaymentResult sold;
  {
    auto driver = module.driver();
    sold = driver->purchase(req, nullptr, cancel);
    REQUIRE(sold.approved());
    REQUIRE(driver->reverse(req, sold).approved());  // the kiosk dies before it journals "reversed"
  }
  const size_t runs = module.invocations().size();
  const PaymentResult again = module.driver()->reverse(req, sold);
  CHECK(again.kind == Kind::Approved);
  CHECK(again.text == "reverse: already cancelled by RRN " + sold.transaction.rrn + " (the result of the earlier run)");
  CHECK(module.invocations().size() == runs);  // nothing ran: a second cancel would be answered 4118
  const auto ledger = module.ledger();
  REQUIRE(ledger.size() == 2);
  CHECK(ledger[1]["op"] == "cancel");
}

TEST_CASE("sbpilot: a cancel refused for another reason is not turned into a return") {
  Module module;
  module.control({{"sequence", {{{"mode", "approve"}}, {{"mode", "decline"}, {"code", "4119"}, {"text", "Нет связи"}}}}});
  auto driver = module.driver();
  CancelToken cancel;
  const auto req = request(driver->nextOperationRef(), 2500);
  const PaymentResult sold = driver->purchase(req, nullptr, cancel);
  REQUIRE(sold.approved());
  const PaymentResult r = driver->reverse(req, sold);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.text == "no link to the bank: Нет связи");
  CHECK(module.invocations().size() == 2);  // no op 3 after a 4119
}

TEST_CASE("sbpilot rule: a lost outcome is asked with 52 and the request id") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  SECTION("the bank approved, then sb_pilot died before writing e") {
    module.control({{"purchase_script", {"crash_after_approval"}}});
    const auto req = request(kIdA, 4100);
    const PaymentResult r = driver->purchase(req, nullptr, cancel);
    CHECK(r.kind == Kind::Unknown);
    CHECK(r.text == "sb_pilot purchase crashed (SIGSEGV)");
    // A fresh driver (the kiosk restarted) asks the module.
    const PaymentResult recovered = module.driver()->recover(req);
    REQUIRE(recovered.kind == Kind::Approved);
    CHECK(module.invocations().back() == "52 " + kIdA);
    CHECK(recovered.amount.kopecks() == 4100);
    CHECK(recovered.transaction.rrn == module.ledger().at(0)["rrn"].get<std::string>());
    // …and can undo it by that RRN.
    CHECK(driver->reverse(req, recovered).approved());
    CHECK(module.ledger().back()["op"] == "cancel");
  }
  SECTION("the answer was lost (exit 0, no e)") {
    module.control({{"purchase_script", {"lost_answer"}}});
    const auto req = request(kIdB, 700);
    const PaymentResult r = driver->purchase(req, nullptr, cancel);
    CHECK(r.kind == Kind::Unknown);
    const PaymentResult recovered = driver->recover(req);
    CHECK(recovered.kind == Kind::Approved);
    CHECK(module.invocations().back() == "52 " + kIdB);
  }
  SECTION("sb_pilot died before asking the bank: the module has no such purchase → not charged") {
    module.control({{"purchase_script", {"crash_segv"}}});
    const auto req = request(kIdC, 900);
    CHECK(driver->purchase(req, nullptr, cancel).kind == Kind::Unknown);
    const PaymentResult recovered = driver->recover(req);
    CHECK(recovered.kind == Kind::Cancelled);
    CHECK(recovered.code == "4118");
    CHECK(recovered.text == "no purchase carried request id " + kIdC + ": it never reached the bank");
    CHECK(module.ledger().empty());
  }
  SECTION("asked about a declined purchase, the module answers its decline") {
    module.control({{"purchase_script", {"decline:4119"}}});
    const auto req = request(kIdD, 900);
    CHECK(driver->purchase(req, nullptr, cancel).kind == Kind::Declined);
    ::unlink(module.dir.file(".kiosk-sbpilot-run").c_str());  // as if the run's own files were gone
    const PaymentResult recovered = driver->recover(req);
    CHECK(recovered.kind == Kind::Declined);
    CHECK(recovered.code == "4119");
    CHECK(module.invocations().back() == "52 " + kIdD);
  }
}

TEST_CASE("sbpilot: a journal entry made before request ids is never looked up with a made-up id") {
  Module module;
  auto driver = module.driver();
  const PaymentResult r = driver->recover(request("sb-1733400000000-1", 100));
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text.find("is not a request id the module knows") != std::string::npos);
  CHECK(module.invocations().empty());
  CancelToken cancel;
  CHECK(driver->purchase(request("sb-1733400000000-1", 100), nullptr, cancel).code == "kiosk.invalid_request");
}

TEST_CASE("sbpilot: day close (op 7) keeps its slip — a failed one says why") {
  Module module;
  auto driver = module.driver();
  const auto done = driver->reconcile();
  CHECK(done.kind == payment::ReconcileResult::Kind::Done);
  CHECK(done.text.find("СВЕРКА ИТОГОВ") != std::string::npos);
  CHECK(module.invocations() == std::vector<std::string>{"7"});

  module.control({{"mode", "decline"}, {"code", "4119"}, {"text", "Нет связи"}});
  const auto failed = driver->reconcile();
  CHECK(failed.kind == payment::ReconcileResult::Kind::Failed);
  CHECK(failed.text == "day close failed: no link to the bank: Нет связи (4119)");
}

TEST_CASE("sbpilot: a hung program is killed with its whole process group → Unknown") {
  Module module;
  module.config.timeout_ms = 400;
  module.control({{"mode", "hang"}, {"spawn_helper", true}});
  CancelToken cancel;
  const PaymentResult r = module.driver()->purchase(request(kIdA, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase did not finish within 400 ms; its process group was killed");
  const std::string helper = drivers_test::readFile(module.dir.file("helper.pid"));
  REQUIRE_FALSE(helper.empty());
  CHECK(drivers_test::waitFor([&] { return !drivers_test::processAlive(std::stoi(helper)); }, 5s));
}

TEST_CASE("sbpilot: a program that ignores SIGTERM is killed after the grace period") {
  Module module;
  module.config.timeout_ms = 300;
  module.config.kill_grace_ms = 300;
  module.control({{"mode", "hang"}, {"ignore_term", true}});
  CancelToken cancel;
  const auto start = std::chrono::steady_clock::now();
  const PaymentResult r = module.driver()->purchase(request(kIdA, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(secondsSince(start) >= 0.6);  // the timeout, then the grace: SIGTERM alone did not end it
}

TEST_CASE("sbpilot: a crash after the result file was written: recover() reads it without asking the module") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  module.control({{"mode", "crash_abort"}});
  PaymentResult r = driver->purchase(request(kIdB, 100), nullptr, cancel);
  CHECK(r.text == "sb_pilot purchase crashed (SIGABRT)");

  module.control({{"mode", "crash_after_result"}});
  const auto req = request(kIdC, 4100);
  r = driver->purchase(req, nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  const size_t runs = module.invocations().size();
  const PaymentResult recovered = driver->recover(req);
  REQUIRE(recovered.kind == Kind::Approved);
  CHECK(recovered.amount.kopecks() == 4100);
  CHECK_FALSE(recovered.transaction.rrn.empty());
  CHECK(module.invocations().size() == runs);  // the run's own e answered: no lookup
  // A fresh driver (kiosk restarted) finds the same through the run marker.
  CHECK(module.driver()->recover(req).kind == Kind::Approved);
}

TEST_CASE("sbpilot: a stale result file from a previous run is never taken for this run's result") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  // An approved e left over from yesterday; this run writes nothing but says return:0.
  drivers_test::writeFile(module.dir.file("e"), "0,OK\n****1111\n12/27\nOLD001\n1\nMIR\n0\n1\n20200101000000\n999999999999\n");
  module.control({{"mode", "no_output"}});
  PaymentResult r = driver->purchase(request(kIdA, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: outcome unknown, it wrote no result file though it printed return:0");
  CHECK_FALSE(drivers_test::readFile(module.dir.file("e")).size());  // deleted before the run

  // A result file that appears with an old date (written elsewhere, copied back) is ignored as well.
  module.control({{"mode", "stale"}});
  r = driver->purchase(request(kIdB, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text ==
        "sb_pilot purchase: outcome unknown, only a result file from an earlier run is there though it printed return:0");
}

TEST_CASE("sbpilot: garbage and contradictions are Unknown") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  module.control({{"mode", "garbage"}});
  PaymentResult r = driver->purchase(request(kIdA, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text.find("sb_pilot purchase: unreadable result file: result file row 0 is not") == 0);

  // e says approved, the exit status says otherwise.
  module.control({{"mode", "approve"}, {"exit_status", 3}});
  r = driver->purchase(request(kIdB, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: result file says approved but the exit status is 3");

  // e says declined, stdout says approved.
  module.control({{"mode", "decline"}, {"code", "4119"}, {"return_code", "0"}});
  r = driver->purchase(request(kIdC, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: result file says 4119 but stdout says return:0");
  drivers_test::writeFile(module.dir.file("fake-sb-pilot.json"), R"({"mode": "no_output", "exit_status": 1})");
  r = driver->purchase(request(kIdD, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: outcome unknown, it wrote no result file though it printed return:0; exit status 1");
}

TEST_CASE("sbpilot: nothing runs for a cancelled token, a bad amount or a missing program") {
  Module module;
  auto driver = module.driver();
  CancelToken cancelled;
  cancelled.cancel();
  CHECK(driver->purchase(request(kIdA, 100), nullptr, cancelled).kind == Kind::Cancelled);
  CancelToken cancel;
  const PaymentResult bad = driver->purchase(request(kIdA, 0), nullptr, cancel);
  CHECK(bad.kind == Kind::Declined);
  CHECK(bad.code == "kiosk.invalid_request");
  CHECK(module.invocations().empty());
  CHECK(driver->status().reachable);

  Module missing;
  missing.config.program = missing.dir.file("no-such-sb_pilot");
  auto broken = missing.driver();
  const PaymentResult r = broken->purchase(request(kIdA, 100), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.code == "kiosk.not_started");
  CHECK(r.text.find("sb_pilot did not start: cannot run ") == 0);
  CHECK_FALSE(broken->status().reachable);
}

TEST_CASE("sbpilot: a profile for a module that writes UTF-8, other rows and cannot be asked") {
  Module module;
  std::string error;
  // An operator whose module version puts the auth code where the RRN is expected, and vice versa.
  auto profile = payment::sbpilot::SbPilotProfile::fromJson(
      nlohmann::json::parse(R"({"encoding": "utf-8", "rows": {"rrn": 3, "auth_code": 9},
                                "purchase_args": ["1", "{amount}"], "lookup_args": []})"),
      error);
  REQUIRE(profile);
  module.config.profile = *profile;
  module.control({{"encoding", "utf-8"}});
  CancelToken cancel;
  auto driver = module.driver();
  const auto req = request(kIdA, 500);
  const PaymentResult r = driver->purchase(req, nullptr, cancel);
  REQUIRE(r.kind == Kind::Approved);
  const std::string e = drivers_test::readFile(module.dir.file("e"));  // UTF-8 here
  std::istringstream rows(e);
  std::vector<std::string> lines;
  for (std::string line; std::getline(rows, line);) lines.push_back(line);
  REQUIRE(lines.size() > 9);
  CHECK(r.transaction.rrn == lines[3]);
  CHECK(r.transaction.auth_code == lines[9]);
  CHECK(r.slip.find("ОДОБРЕНО") != std::string::npos);
  CHECK(module.invocations() == std::vector<std::string>{"1 500"});  // no /q=: this module cannot be asked later
  // Without a lookup, a lost outcome stays unknown (and is said so).
  ::unlink(module.dir.file(".kiosk-sbpilot-run").c_str());
  const PaymentResult lost = driver->recover(req);
  CHECK(lost.kind == Kind::Unknown);
  CHECK(lost.text.find("the profile has no lookup") != std::string::npos);
}
