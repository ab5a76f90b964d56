// Staff mode's side of KioskRuntime: the view staff read and the actions they post. Slow work (PIN hashing, ping,
// reconciliation, journal resolution, saving files) runs on staff_pool_ or the terminal worker; results land in
// facts_ and show in the next rebuilt view.
#include <algorithm>
#include <chrono>
#include <ctime>

#include "kiosk/common/log.h"
#include "kiosk/ops/metrics.h"
#include "kiosk/ops/opening_hours.h"
#include "kiosk/ops/session_config.h"
#include "kiosk/ops/version.h"
#include "kiosk/runtime/kiosk_runtime.h"

namespace kiosk {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

std::string localTimeNow() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", &local);
  return text;
}

std::string lastDigits(const std::string& mask) { return mask.size() > 4 ? mask.substr(mask.size() - 4) : mask; }

// "approved *1118 RRN 028812345678", "declined 51", "reversed", "no answer"
std::string paymentText(const payment::journal::JournalEntry& entry) {
  using payment::journal::EntryState;
  if (entry.state == EntryState::Declined) return "declined " + entry.decline_code;
  if (entry.state == EntryState::Cancelled) return "cancelled";
  if (entry.transaction.rrn.empty()) return entry.state == EntryState::Intent ? "in progress" : "no approval";
  std::string text = "approved *" + lastDigits(entry.transaction.card_mask) + " RRN " + entry.transaction.rrn;
  if (entry.was_reversed) text += ", reversed";
  return text;
}

}  // namespace

StaffView KioskRuntime::staffView() const { return staff_view_; }

void KioskRuntime::rebuildStaffView() {
  StaffView view;
  {
    std::lock_guard lock(facts_mutex_);
    view.ping = facts_.ping;
    view.ping_running = facts_.ping_running;
    view.procart_problem_key = facts_.procart_problem_key;
    view.procart_problem = facts_.procart_problem;
    view.menu_version = facts_.menu_version;
    view.menu_from_cache = facts_.menu_from_cache;
    if (facts_.menu_ever_fetched)
      view.menu_age_s =
          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - facts_.menu_fetched)
              .count();
    view.menu_refresh_running = facts_.menu_refresh_running;
    view.stop_list = facts_.stop_list;
    view.terminal_state = facts_.terminal_state;
    view.reconcile_running = facts_.reconcile_running;
    view.last_reconcile = facts_.last_reconcile;
    view.resolve_running = facts_.resolve_running;
    view.last_resolve_report = facts_.last_resolve_report;
    for (const auto& entry : journal_->lastPayments(50)) {
      OrderLogItem item;
      item.external_id = entry.external_id;
      item.number = entry.order_number;
      item.guid = entry.order_guid;
      auto status = facts_.order_status.find(entry.order_guid);
      if (status != facts_.order_status.end()) item.status = status->second;
      item.amount = entry.approved_amount.kopecks() != 0 ? entry.approved_amount : entry.amount;
      item.payment = paymentText(entry);
      item.outcome = entry.outcomeText();
      item.at = entry.started_at;
      view.orders.push_back(std::move(item));
    }
    view.config_problems = facts_.settings_problems;
  }
  std::vector<std::string> awaiting = settlement_ ? settlement_->awaitingStaff() : std::vector<std::string>{};
  for (const auto& entry : journal_->openEntries()) {
    JournalItem item{entry.external_id, entry.amount, payment::journal::entryStateName(entry.state),
                     entry.outcomeText(), entry.needsStaff()};
    item.awaiting_pos_check = std::find(awaiting.begin(), awaiting.end(), entry.external_id) != awaiting.end();
    if (item.awaiting_pos_check) item.outcome = "not listed by ProCart any more (the POS may have closed it): look in the POS";
    view.open_payments.push_back(std::move(item));
  }
  if (!journal_->canAcceptPayments()) view.journal_refuses = journal_->refuseReason();
  view.journal_damage = journal_->problems();
  if (settlement_) {
    for (const auto& finding : settlement_->findings()) view.journal_damage.push_back(finding);
  }
  view.terminal_driver = ops::terminalDriverName(config_.terminal.driver);
  if (terminal_.terminal) {
    const payment::TerminalCapabilities caps = terminal_.terminal->capabilities();  // constant, no I/O
    view.terminal_day_close = caps.day_close;
    view.terminal_refund = caps.refund;
  }
  view.out_of_order = config_.ui.out_of_order;
  view.closed_now = !ops::isOpenNow(config_.ui.opening_hours);
  for (const auto& problem : config_load_.problems) view.config_problems.push_back(ops::describe(problem));
  view.needs_configuration = availability_ == Availability::NeedsConfiguration;
  view.version = ops::kioskVersion();
  view.config_path = demo_ ? "(demo: built-in settings)" : config_load_.config_path;
  view.config = config_;
  staff_view_ = std::move(view);
}

void KioskRuntime::staffAction(const StaffAction& action) {
  std::visit(Overloaded{
                 [this](const staff::Ping&) { runPing(); },
                 [this](const staff::RefreshMenu&) {
                   {
                     std::lock_guard lock(facts_mutex_);
                     facts_.menu_refresh_running = true;
                   }
                   refresher_->refreshNow();
                 },
                 [this](const staff::Reconcile&) { runReconcile(); },
                 [this](const staff::ResolvePayments&) { runResolve(); },
                 [this](const staff::ReportPosCheck& a) { reportPosCheck(a); },
                 [this](const staff::SetOutOfOrder& a) {
                   ops::KioskConfig next = config_;
                   next.ui.out_of_order = a.on;
                   saveSettings(std::move(next));
                 },
                 [this](const staff::Restart&) {
                   log::warn("runtime", "restart asked by staff");
                   restart_requested_ = true;
                 },
                 [this](const staff::SaveSettings& a) { saveSettings(a.config); },
             },
             action);
  rebuildStaffView();
}

void KioskRuntime::submitPin(std::string pin, TimeMs now) {
  staff_pool_->post([this, pin = std::move(pin), now] {
    ops::PinAttempt attempt = pin_gate_.attempt(pin, now);
    if (attempt.outcome == ops::PinAttempt::Outcome::Granted)
      log::info("staff", "staff mode opened (", ops::roleName(attempt.role), ")");
    else
      log::warn("staff", "PIN refused");
    std::lock_guard lock(pin_mutex_);
    pin_result_ = attempt;
  });
}

std::optional<ops::PinAttempt> KioskRuntime::takePinResult() {
  std::lock_guard lock(pin_mutex_);
  auto result = pin_result_;
  pin_result_.reset();
  return result;
}

void KioskRuntime::runPing() {
  {
    std::lock_guard lock(facts_mutex_);
    if (facts_.ping_running) return;
    facts_.ping_running = true;
  }
  staff_pool_->post([this] {
    auto started = std::chrono::steady_clock::now();
    auto answer = client_->ping();
    PingReport report;
    report.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    report.checked_at = localTimeNow();
    if (answer) {
      report.reachable = true;
      report.rkeeper_connected = answer->rkeeper_connected;
      report.license_valid = answer->license_valid;
      report.token_valid = answer->token_valid;
      report.procart_version = answer->procart_version;
      report.rkeeper_version = answer->rkeeper_version;
    } else {
      report.error = errorText(answer.error());
      // An answered request with a refusal (bad token) still reached ProCart.
      report.reachable = answer.error().kind == ErrorKind::Auth;
    }
    std::lock_guard lock(facts_mutex_);
    facts_.ping = report;
    facts_.ping_running = false;
  });
}

void KioskRuntime::runReconcile() {
  if (!settlement_) {
    std::lock_guard lock(facts_mutex_);
    facts_.last_reconcile = "no card terminal: " + terminal_error_;
    return;
  }
  {
    std::lock_guard lock(facts_mutex_);
    if (facts_.reconcile_running) return;
    facts_.reconcile_running = true;
  }
  settlement_->worker().reconcile(*terminal_.terminal, [this](const payment::ReconcileResult& result) {
    std::string text = localTimeNow() + " ";
    switch (result.kind) {
      case payment::ReconcileResult::Kind::Done: text += "done"; break;
      case payment::ReconcileResult::Kind::NotSupported: text += "not supported by this terminal"; break;
      case payment::ReconcileResult::Kind::Failed: text += "failed"; break;
    }
    if (!result.text.empty()) text += "\n" + result.text;
    log::info("staff", "reconciliation: ", text);
    std::lock_guard lock(facts_mutex_);
    facts_.last_reconcile = text;
    facts_.reconcile_running = false;
  });
}

void KioskRuntime::reportPosCheck(const staff::ReportPosCheck& check) {
  std::string text;
  if (!settlement_) {
    text = "no card terminal: " + terminal_error_;
  } else {
    auto finding = check.order_in_pos ? payment::StaffFinding::OrderInPos : payment::StaffFinding::OrderNotInPos;
    std::string error = settlement_->staffFinding(check.external_id, finding);
    text = check.external_id + (check.order_in_pos ? ": order in the POS, confirming the payment"
                                                   : ": order not in the POS, returning the payment");
    if (!error.empty()) text = check.external_id + ": not taken: " + error;
  }
  log::warn("staff", "POS check: ", text);
  std::lock_guard lock(facts_mutex_);
  facts_.last_resolve_report = text;
}

void KioskRuntime::runResolve() {
  if (!settlement_) {
    std::lock_guard lock(facts_mutex_);
    facts_.last_resolve_report = "no card terminal: " + terminal_error_;
    return;
  }
  {
    std::lock_guard lock(facts_mutex_);
    if (facts_.resolve_running) return;
    facts_.resolve_running = true;
  }
  staff_pool_->post([this] {
    payment::RecoveryReport report = settlement_->recoverAll();
    std::string text = localTimeNow() + ": " + std::to_string(report.examined) + " examined, " +
                       std::to_string(report.settled) + " settled, " + std::to_string(report.still_open) +
                       " still open";
    for (const auto& line : report.lines) text += "\n" + line;
    log::info("staff", "resolve: ", text);
    std::lock_guard lock(facts_mutex_);
    facts_.last_resolve_report = text;
    facts_.resolve_running = false;
  });
}

// Validates, saves (kiosk.json + secrets.json, atomically, on a worker) and applies what is safe to apply now:
// guest-facing settings from the next order, PINs at once. Connections (ProCart, callback, terminal) are rebuilt
// only by a restart, which the staff screen offers.
void KioskRuntime::saveSettings(ops::KioskConfig config) {
  std::vector<std::string> notes;
  auto problems = ops::validateConfig(config, checkTerminalParams);
  bool has_errors = false;
  for (const auto& problem : problems) {
    notes.push_back(ops::describe(problem));
    if (problem.severity == ops::Severity::Error) has_errors = true;
  }
  if (has_errors) {
    log::warn("staff", "settings not saved: ", notes.size(), " problem(s)");
    std::lock_guard lock(facts_mutex_);
    facts_.settings_problems = notes;
    return;
  }
  bool needs_restart = config.procart != config_.procart || config.callback != config_.callback ||
                       config.terminal != config_.terminal || config.paths != config_.paths ||
                       config.health != config_.health || config.kiosk_id != config_.kiosk_id;
  if (needs_restart) notes.push_back("saved; connection settings apply after \"restart the app\"");
  config_ = config;
  config_load_.problems = problems;  // warnings only now: the kiosk no longer needs configuration
  session_->setConfig(ops::toSessionConfig(config_));
  pin_gate_.setHashes(config_.pins);
  if (demo_) {
    notes.push_back("demo: settings kept in memory only");
  } else {
    std::string config_path = config_load_.config_path;
    std::string secrets_path = config_load_.secrets_path;
    staff_pool_->post([this, config, config_path, secrets_path] {
      std::string error = ops::saveConfig(config, config_path);
      if (error.empty()) error = ops::saveSecrets(config, secrets_path);
      if (!error.empty()) {
        log::error("staff", "settings not saved: ", error);
        ops::globalMetrics().error(ops::ErrorKind::Config);
      } else {
        log::info("staff", "settings saved to ", config_path);
      }
      std::lock_guard lock(facts_mutex_);
      facts_.settings_problems.push_back(error.empty() ? "saved to " + config_path : "not saved: " + error);
    });
  }
  std::lock_guard lock(facts_mutex_);
  facts_.settings_problems = notes;
}

}  // namespace kiosk
