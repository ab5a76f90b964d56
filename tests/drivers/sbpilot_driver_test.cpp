// Contract tests of the sb_pilot driver against fake_sb_pilot: a real program run in a real working directory,
// writing KOI8-R files, exiting, hanging and crashing as told by its control file.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "payment/sbpilot/koi8r.h"
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

}  // namespace

TEST_CASE("sbpilot: approved purchase reads e and p (KOI8-R) by the profile's positions") {
  Module module;
  module.control({{"mode", "approve"}});
  auto driver = module.driver();
  CHECK(driver->driverName() == "sbpilot");
  const std::string op = driver->nextOperationRef();
  CHECK(op != driver->nextOperationRef());  // unique per call
  CancelToken cancel;
  std::vector<payment::TerminalProgress> progress;
  const PaymentResult r =
      driver->purchase(request(op, 38900), [&](const payment::TerminalProgress& p) { progress.push_back(p); }, cancel);
  REQUIRE(r.kind == Kind::Approved);
  CHECK(r.amount.kopecks() == 38900);
  CHECK(r.code == "0");
  CHECK(r.transaction.rrn == "412345678910");
  CHECK(r.transaction.auth_code == "AB1234");
  CHECK(r.transaction.card_mask == "************1234");
  CHECK(r.transaction.terminal_id == "00012345");
  CHECK(r.transaction.paid_at == "2024-01-15T12:30:45");
  CHECK(r.transaction.card_type == "MIR");
  CHECK(r.slip.find("ПАО СБЕРБАНК\nОПЛАТА\n") == 0);  // converted to UTF-8
  CHECK(r.slip.find("ОДОБРЕНО") != std::string::npos);
  REQUIRE(progress.size() == 1);
  CHECK(progress[0].message_key == "payment.insert_card");
  CHECK_FALSE(progress[0].cancellable);
  CHECK(module.invocations() == std::vector<std::string>{"1 38900"});
  CHECK(module.ledger().size() == 1);
  CHECK(driver->confirm(request(op, 38900), r).approved());  // one phase: nothing more runs
  CHECK(module.invocations().size() == 1);
}

TEST_CASE("sbpilot: a full card number printed on the slip is masked before the slip is kept") {
  Module module;
  module.control({{"mode", "approve"}, {"slip_full_pan", true}});
  CancelToken cancel;
  const PaymentResult r = module.driver()->purchase(request("sb-1", 100), nullptr, cancel);
  REQUIRE(r.approved());
  CHECK(r.slip.find("4276380012345678") == std::string::npos);
  CHECK(r.slip.find("НОМЕР КАРТЫ ************5678") != std::string::npos);
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
}

TEST_CASE("sbpilot: a code printed on stdout counts when no result file was written") {
  Module module;
  module.control({{"mode", "return_code_only"}, {"code", "2000"}});
  CancelToken cancel;
  const PaymentResult r = module.driver()->purchase(request("sb-1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Cancelled);
  CHECK(r.text == "cancelled on the pin-pad");
}

TEST_CASE("sbpilot: reverse and refund return the money by RRN (op 3)") {
  Module module;
  module.control({{"mode", "approve"}});
  auto driver = module.driver();
  CancelToken cancel;
  const auto req = request(driver->nextOperationRef(), 25000);
  const PaymentResult sold = driver->purchase(req, nullptr, cancel);
  REQUIRE(sold.approved());
  const PaymentResult reversed = driver->reverse(req, sold);
  CHECK(reversed.kind == Kind::Approved);
  CHECK(reversed.text == "reverse: money returned by RRN " + sold.transaction.rrn);
  const PaymentResult refunded = driver->refund(req, sold);
  CHECK(refunded.kind == Kind::Approved);
  const auto calls = module.invocations();
  REQUIRE(calls.size() == 3);
  CHECK(calls[1] == "3 25000 0 QSELECT " + sold.transaction.rrn);
  const auto ledger = module.ledger();
  REQUIRE(ledger.size() == 3);
  CHECK(ledger[1]["op"] == "return");
  CHECK(ledger[1]["rrn"] == sold.transaction.rrn);

  PaymentResult no_rrn = sold;
  no_rrn.transaction.rrn.clear();
  const PaymentResult refused = driver->reverse(req, no_rrn);
  CHECK(refused.kind == Kind::Declined);
  CHECK(refused.code == "kiosk.invalid_request");
  no_rrn.transaction.rrn = "12 3;rm";
  CHECK(driver->refund(req, no_rrn).code == "kiosk.invalid_request");
  CHECK(module.invocations().size() == 3);
}

TEST_CASE("sbpilot: a declined return stays declined") {
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
}

TEST_CASE("sbpilot: day close (op 7) keeps its slip — a failed one says why") {
  Module module;
  module.control({{"mode", "approve"}});
  auto driver = module.driver();
  const auto done = driver->reconcile();
  CHECK(done.kind == payment::ReconcileResult::Kind::Done);
  CHECK(done.text.find("СВЕРКА ИТОГОВ") == 0);
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
  const auto start = std::chrono::steady_clock::now();
  const PaymentResult r = module.driver()->purchase(request("sb-1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase did not finish within 400 ms; its process group was killed");
  CHECK(secondsSince(start) < 2.0);
  const std::string helper = drivers_test::readFile(module.dir.file("helper.pid"));
  REQUIRE_FALSE(helper.empty());
  CHECK(drivers_test::waitFor([&] { return !drivers_test::processAlive(std::stoi(helper)); }, 2s));
}

TEST_CASE("sbpilot: a program that ignores SIGTERM is killed after the grace period") {
  Module module;
  module.config.timeout_ms = 300;
  module.config.kill_grace_ms = 300;
  module.control({{"mode", "hang"}, {"ignore_term", true}});
  CancelToken cancel;
  const auto start = std::chrono::steady_clock::now();
  const PaymentResult r = module.driver()->purchase(request("sb-1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(secondsSince(start) >= 0.6);
  CHECK(secondsSince(start) < 2.5);
}

TEST_CASE("sbpilot: a crash is Unknown — recover() reads a result file the crashed run did write") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  module.control({{"mode", "crash_segv"}});
  PaymentResult r = driver->purchase(request("sb-a", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase crashed (SIGSEGV)");
  CHECK(driver->recover(request("sb-a", 100)).kind == Kind::Unknown);  // it wrote nothing

  module.control({{"mode", "crash_abort"}});
  r = driver->purchase(request("sb-b", 100), nullptr, cancel);
  CHECK(r.text == "sb_pilot purchase crashed (SIGABRT)");

  module.control({{"mode", "crash_after_result"}});
  const auto req = request("sb-c", 4100);
  r = driver->purchase(req, nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  const PaymentResult recovered = driver->recover(req);
  REQUIRE(recovered.kind == Kind::Approved);
  CHECK(recovered.amount.kopecks() == 4100);
  CHECK_FALSE(recovered.transaction.rrn.empty());
  // Another operation's recovery must not borrow that file.
  const PaymentResult other = driver->recover(request("sb-b", 100));
  CHECK(other.kind == Kind::Unknown);
  CHECK(other.text.find("the last run was another operation") != std::string::npos);
  // And a fresh driver (kiosk restarted) finds the same through the run marker.
  CHECK(module.driver()->recover(req).kind == Kind::Approved);
}

TEST_CASE("sbpilot: a stale result file from a previous run is never taken for this run's result") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  // An approved e (KOI8-R) left over from yesterday; this run writes nothing but says return:0.
  drivers_test::writeFile(module.dir.file("e"),
                          *payment::sbpilot::utf8ToKoi8r("0,ОДОБРЕНО\n****1111\nOLD001\n1\n1\n20200101000000\n999999999999\n"));
  module.control({{"mode", "no_output"}});
  PaymentResult r = driver->purchase(request("sb-1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: outcome unknown, it wrote no result file though it printed return:0");
  CHECK_FALSE(drivers_test::readFile(module.dir.file("e")).size());  // deleted before the run

  // A result file that appears with an old date (written elsewhere, copied back) is ignored as well.
  module.control({{"mode", "stale"}});
  r = driver->purchase(request("sb-2", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text ==
        "sb_pilot purchase: outcome unknown, only a result file from an earlier run is there though it printed return:0");
  CHECK(driver->recover(request("sb-2", 100)).kind == Kind::Unknown);
}

TEST_CASE("sbpilot: garbage and contradictions are Unknown") {
  Module module;
  auto driver = module.driver();
  CancelToken cancel;
  module.control({{"mode", "garbage"}});
  PaymentResult r = driver->purchase(request("sb-1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text.find("sb_pilot purchase: unreadable result file: result file line 1 is not") == 0);

  // e says approved, the exit status says otherwise.
  module.control({{"mode", "approve"}, {"exit_status", 3}});
  r = driver->purchase(request("sb-2", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: result file says approved but the exit status is 3");

  // e says declined, stdout says approved.
  module.control({{"mode", "decline"}, {"code", "4119"}, {"return_code", "0"}});
  r = driver->purchase(request("sb-3", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: result file says 4119 but stdout says return:0");
  drivers_test::writeFile(module.dir.file("fake-sb-pilot.json"), R"({"mode": "no_output", "exit_status": 1})");
  r = driver->purchase(request("sb-4", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "sb_pilot purchase: outcome unknown, it wrote no result file though it printed return:0; exit status 1");
}

TEST_CASE("sbpilot: nothing runs for a cancelled token, a bad amount or a missing program") {
  Module module;
  module.control({{"mode", "approve"}});
  auto driver = module.driver();
  CancelToken cancelled;
  cancelled.cancel();
  CHECK(driver->purchase(request("sb-1", 100), nullptr, cancelled).kind == Kind::Cancelled);
  CancelToken cancel;
  const PaymentResult bad = driver->purchase(request("sb-1", 0), nullptr, cancel);
  CHECK(bad.kind == Kind::Declined);
  CHECK(bad.code == "kiosk.invalid_request");
  CHECK(module.invocations().empty());
  CHECK(driver->status().reachable);

  Module missing;
  missing.config.program = missing.dir.file("no-such-sb_pilot");
  auto broken = missing.driver();
  const PaymentResult r = broken->purchase(request("sb-1", 100), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);
  CHECK(r.code == "kiosk.not_started");
  CHECK(r.text.find("sb_pilot did not start: cannot run ") == 0);
  CHECK_FALSE(broken->status().reachable);
}

TEST_CASE("sbpilot: a profile for a module that writes UTF-8 and other positions") {
  Module module;
  std::string error;
  auto profile = payment::sbpilot::SbPilotProfile::fromJson(
      nlohmann::json::parse(R"({"encoding": "utf-8", "lines": {"rrn": 3, "auth_code": 7},
                                "purchase_args": ["1", "{amount}", "0"]})"),
      error);
  REQUIRE(profile);
  module.config.profile = *profile;
  module.control({{"mode", "approve"}, {"encoding", "utf-8"}});
  CancelToken cancel;
  const PaymentResult r = module.driver()->purchase(request("sb-1", 500), nullptr, cancel);
  REQUIRE(r.kind == Kind::Approved);
  CHECK(r.transaction.rrn == "AB1234");           // line 3 in the fake's layout
  CHECK(r.transaction.auth_code == "412345678910");  // line 7
  CHECK(r.slip.find("ОДОБРЕНО") != std::string::npos);
  CHECK(module.invocations() == std::vector<std::string>{"1 500 0"});
}
