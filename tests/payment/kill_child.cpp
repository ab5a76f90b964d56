// payment_kill_child: a kiosk's payment core in its own process, for the kill-and-restart tests.
// It runs one payment (--mode pay) or the start-up recovery (--mode recover) against a terminal and the order
// service of the test process, and SIGKILLs itself at the point it is told:
//   --kill-after-record TYPE[:N]   right after the N-th (default 1st) journal record of TYPE is fsync'ed
//   --kill-after-call NAME         right after a terminal or gateway call returns (purchase, recover, confirm,
//                                  reverse, postOrder, findByExternalId), before its result is journalled
//   --kill-on-progress KEY         when the terminal shows that prompt
//   --kill-delay-ms MS             with --kill-after-record: MS later, from another thread (inside the step the
//                                  record announced: the terminal call, /postorder)
// Terminal: --terminal sim (default: the sim device at --terminal-port); when built with the real drivers,
// --terminal vtk (the VTK driver to --vtk-port on loopback) or --terminal sbpilot (the sb_pilot driver running
// --sbpilot-program in --sbpilot-dir).
// Order service: --gateway fake (default: FakeProcartServer at --procart-port) or, when built with the ProCart
// client, --gateway procart (the real client + ProcartOrderGateway against --procart-url/--token, e.g. the
// procart-sim emulator); --dish ID then makes the order one line of that dish (it must exist in the menu).
// Events and the recovery report go to stdout, one JSON object per line.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "kiosk/common/log.h"
#include "payment/journal/journal.h"
#include "payment/settlement.h"
#include "payment/sim/sim_terminal.h"
#include "tests/payment/http_order_gateway.h"
#include "tests/payment/journal_records.h"
#include "tests/payment/wrapped_terminal.h"

#ifdef PAYMENT_KILL_REAL_PROCART
#include "kiosk/procart/client.h"
#include "kiosk/procart/order_gateway_adapter.h"
#endif
#ifdef PAYMENT_KILL_REAL_DRIVERS
#include "payment/sbpilot/profile.h"
#include "payment/sbpilot/sbpilot_terminal.h"
#include "payment/vtk/config.h"
#include "payment/vtk/vtk_terminal.h"
#endif

using namespace payment;
using nlohmann::json;

namespace {

std::map<std::string, std::string> g_args;

std::string arg(const std::string& name, const std::string& fallback = "") {
  auto it = g_args.find(name);
  return it == g_args.end() ? fallback : it->second;
}

[[noreturn]] void die() {
  std::fflush(stdout);
  ::kill(::getpid(), SIGKILL);
  std::abort();  // not reached
}

void killIfCall(const std::string& name) {
  if (arg("kill-after-call") == name) die();
}

void print(const json& line) {
  std::printf("%s\n", line.dump().c_str());
  std::fflush(stdout);
}

// Dies right after a chosen call returns.
class KillingTerminal : public testing::WrappedTerminal {
 public:
  using WrappedTerminal::WrappedTerminal;
  PaymentResult purchase(const PurchaseRequest& r, const ProgressSink& p, CancelToken& c) override {
    auto result = WrappedTerminal::purchase(r, p, c);
    killIfCall("purchase");
    return result;
  }
  PaymentResult confirm(const PurchaseRequest& r, const PaymentResult& a) override {
    auto result = WrappedTerminal::confirm(r, a);
    killIfCall("confirm");
    return result;
  }
  PaymentResult reverse(const PurchaseRequest& r, const PaymentResult& a) override {
    auto result = WrappedTerminal::reverse(r, a);
    killIfCall("reverse");
    return result;
  }
  PaymentResult recover(const PurchaseRequest& r) override {
    auto result = WrappedTerminal::recover(r);
    killIfCall("recover");
    return result;
  }
};

// The terminal the payment runs against: the sim device's socket, or a real driver to its peer. nullptr (and a
// printed error) for a terminal this build or these arguments cannot make.
std::unique_ptr<Terminal> makeTerminal() {
  const std::string kind = arg("terminal", "sim");
  if (kind == "sim") {
    return std::make_unique<sim::SimTerminal>("127.0.0.1", std::atoi(arg("terminal-port").c_str()),
                                              sim::SimTerminalOptions{5'000, 2'000});
  }
#ifdef PAYMENT_KILL_REAL_DRIVERS
  std::string error;
  if (kind == "vtk") {
    json params = {{"host", "127.0.0.1"}, {"port", std::atoi(arg("vtk-port").c_str())}, {"connect_timeout_ms", 1000},
                   {"handshake_timeout_ms", 2000}, {"operation_timeout_ms", 3000}};
    auto config = vtk::VtkConfig::fromJson(params, error);
    if (config) return vtk::makeVtkTerminal(*config);
  } else if (kind == "sbpilot") {
    json params = {{"program", arg("sbpilot-program")}, {"working_dir", arg("sbpilot-dir")}, {"timeout_ms", 4000},
                   {"kill_grace_ms", 300}};
    auto config = sbpilot::SbPilotConfig::fromJson(params, error);
    if (config) return sbpilot::makeSbPilotTerminal(*config);
  } else {
    error = "unknown terminal";
  }
  print({{"error", "terminal '" + kind + "': " + error}});
#else
  print({{"error", "terminal '" + kind + "' not built in"}});
#endif
  return nullptr;
}

class KillingGateway : public OrderGateway {
 public:
  explicit KillingGateway(OrderGateway& inner) : inner_(inner) {}
  PostOutcome postOrder(const kiosk::OrderDraft& d, const std::vector<kiosk::OrderPayment>& p) override {
    auto result = inner_.postOrder(d, p);
    killIfCall("postOrder");
    return result;
  }
  LookupOutcome findByExternalId(const std::string& id) override {
    auto result = inner_.findByExternalId(id);
    killIfCall("findByExternalId");
    return result;
  }

 private:
  OrderGateway& inner_;
};

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i];
    if (key.rfind("--", 0) == 0) g_args[key.substr(2)] = argv[i + 1];
  }
  kiosk::log::setLevel(kiosk::log::Level::Warn);

  // "--kill-after-record posting:2" → the second posting record.
  std::string kill_record = arg("kill-after-record");
  int kill_count = 1;
  if (auto colon = kill_record.find(':'); colon != std::string::npos) {
    kill_count = std::atoi(kill_record.c_str() + colon + 1);
    kill_record = kill_record.substr(0, colon);
  }
  int seen = 0;
  const int kill_delay_ms = std::atoi(arg("kill-delay-ms", "0").c_str());
  journal::JournalOptions options;
  options.dir = arg("journal");
  options.after_append = [&](const journal::JournalRecord& r) {
    if (journal::recordTypeName(r.type) != kill_record || ++seen != kill_count) return;
    if (kill_delay_ms <= 0) die();
    std::thread([kill_delay_ms] {
      std::this_thread::sleep_for(std::chrono::milliseconds(kill_delay_ms));
      die();
    }).detach();
  };
  journal::Journal journal(options);
  if (!journal.canAcceptPayments()) {
    print({{"error", journal.refuseReason()}});
    return 2;
  }

  std::unique_ptr<Terminal> inner_terminal = makeTerminal();
  if (!inner_terminal) return 2;
  KillingTerminal terminal(*inner_terminal);
  terminal.recover_unknown = std::atoi(arg("recover-unknown", "0").c_str());
  std::unique_ptr<OrderGateway> inner_gateway;
#ifdef PAYMENT_KILL_REAL_PROCART
  std::unique_ptr<kiosk::procart::ProcartClient> procart_client;
  if (arg("gateway") == "procart") {
    kiosk::procart::ClientOptions client_options;
    client_options.base_url = arg("procart-url");
    client_options.token = arg("token");
    client_options.timeouts.postorder = std::chrono::milliseconds(5'000);
    procart_client = std::make_unique<kiosk::procart::ProcartClient>(client_options);
    inner_gateway = std::make_unique<kiosk::procart::ProcartOrderGateway>(*procart_client, "");
  }
#endif
  if (!inner_gateway) {
    if (arg("gateway", "fake") != "fake") {
      print({{"error", "gateway '" + arg("gateway") + "' not built in"}});
      return 2;
    }
    inner_gateway = std::make_unique<testing::HttpOrderGateway>(std::atoi(arg("procart-port").c_str()));
  }
  KillingGateway gateway(*inner_gateway);

  SettlementConfig config;
  config.currency_id = "1";
  config.lookup_window = std::chrono::milliseconds(500);
  config.recovery_lookup_window = std::chrono::milliseconds(500);
  config.lookup_backoff_first = std::chrono::milliseconds(20);
  config.lookup_backoff_max = std::chrono::milliseconds(100);
  config.post_settle_time = std::chrono::milliseconds(300);

  std::mutex mutex;
  std::condition_variable changed;
  bool finished = false;
  const std::string kill_prompt = arg("kill-on-progress");
  Settlement settlement(journal, terminal, gateway, config, [&](const SettlementUpdate& u) {
    json line = {{"event", settlementEventName(u.event)}, {"id", u.external_id}};
    if (auto* p = std::get_if<settle::Progress>(&u.event)) {
      line["key"] = p->message_key;
      print(line);
      if (p->message_key == kill_prompt) die();
      return;
    }
    print(line);
    if (std::holds_alternative<settle::Approved>(u.event)) return;
    std::lock_guard lock(mutex);
    finished = true;
    changed.notify_all();
  });

  if (arg("mode") == "recover") {
    RecoveryReport report = settlement.recoverAll();
    print({{"report", {{"examined", report.examined}, {"settled", report.settled}, {"still_open", report.still_open},
                       {"lines", report.lines}}}});
    return 0;
  }
  std::string id = arg("id", "K1-kill");
  kiosk::OrderDraft draft = testing::sampleDraft(id);
  if (!arg("dish").empty()) {
    draft = kiosk::OrderDraft{};
    draft.external_id = id;
    draft.short_comment = "kill test";
    draft.lines.push_back(kiosk::OrderLine{arg("dish"), 1, "", {}, {}});
  }
  std::string error = settlement.pay({draft, kiosk::Money::kopecks(std::atoll(arg("amount", "38900").c_str()))});
  if (!error.empty()) {
    print({{"error", error}});
    return 3;
  }
  std::unique_lock lock(mutex);
  if (!changed.wait_for(lock, std::chrono::seconds(20), [&] { return finished; })) {
    print({{"error", "no final event within 20 s"}});
    return 4;
  }
  return 0;
}
