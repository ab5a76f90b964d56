// PreviewRuntime's staff mode and availability: plausible made-up data so the staff screens can be developed,
// tested and photographed without the real runtime. PINs are checked by the real ops::PinGate on a worker.
#include <ctime>

#include "kiosk/common/log.h"
#include "kiosk/ops/pin.h"
#include "preview_runtime.h"

namespace kiosk::uitest {
namespace {

std::string clockText(const char* format = "%H:%M:%S") {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof text, format, &local);
  return text;
}

ops::KioskConfig previewConfig() {
  ops::KioskConfig c;
  c.kiosk_id = "K2";
  c.procart.url = "http://10.0.0.5:11111/api/v3";
  c.procart.token = "5f0c2a9e-7b41-4d3c-9a8e-21f6c0d4b7e3";
  c.callback.listen_address = "0.0.0.0";
  c.callback.listen_port = 9181;
  c.callback.public_url = "http://10.0.0.21:9181";
  c.callback.secret = "cb-8f41d2c07a9e4b15";
  c.order.eat_in_category_id = "1001";
  c.order.take_away_category_id = "1002";
  c.order.currency_id = "1";
  c.order.short_comment_template = "Киоск 2 №{number}";
  c.terminal.driver = ops::TerminalDriver::Vtk;
  c.terminal.params = {{"host", "10.0.0.40"}, {"port", 62801}};
  c.ui.place_name = LocalizedText{"Бургерная «Точка»", "Burger Point"};
  for (int day = 0; day < 5; ++day) c.ui.opening_hours.days[static_cast<size_t>(day)] = {false, 9 * 60, 22 * 60};
  c.ui.opening_hours.days[5] = {false, 10 * 60, 23 * 60};
  c.ui.opening_hours.days[6] = {false, 10 * 60, 21 * 60};
  // PBKDF2 at the minimum iteration count: the preview starts quickly and checks stay realistic.
  c.pins.staff = ops::hashPin("1234", ops::kPinMinIterations);
  c.pins.admin = ops::hashPin("9999", ops::kPinMinIterations);
  return c;
}

std::vector<OrderLogItem> previewOrders() {
  auto order = [](std::string ext, std::string number, std::string status, int64_t rubles, std::string payment,
                  std::string outcome, std::string at) {
    OrderLogItem item;
    item.external_id = std::move(ext);
    item.number = std::move(number);
    item.guid = item.number.empty() ? "" : "{6F1C" + item.external_id.substr(3) + "-PREVIEW}";
    item.status = std::move(status);
    item.amount = Money::rubles(rubles);
    item.payment = std::move(payment);
    item.outcome = std::move(outcome);
    item.at = std::move(at);
    return item;
  };
  return {
      order("K2-0047", "A-047", "open", 1247, "approved ****1118 RRN 402188300047", "posted and confirmed", "14:52"),
      order("K2-0046", "A-046", "close", 389, "approved ****5120 RRN 402188300046", "posted and confirmed", "14:40"),
      order("K2-0045", "", "", 569, "approved ****0034 RRN 402188300045",
            "paid; /postorder timed out twice: retrying", "14:33"),
      order("K2-0044", "", "", 229, "declined 51 (insufficient funds)", "not paid", "14:21"),
      order("K2-0043", "A-043", "close", 798, "approved ****7781 RRN 402188300043", "posted and confirmed", "14:02"),
      order("K2-0042", "", "", 349, "reversed", "POS refused the order; the money went back to the card", "13:47"),
      order("K2-0041", "A-041", "close", 1569, "approved ****2290 RRN 402188300041", "posted and confirmed", "13:30"),
  };
}

std::vector<std::string> describeProblems(const std::vector<ops::ConfigProblem>& problems) {
  std::vector<std::string> out;
  for (const ops::ConfigProblem& p : problems) out.push_back(p.key + ": " + p.why);
  return out;
}

}  // namespace

void PreviewRuntime::initStaff() {
  view_.config = previewConfig();
  pin_gate_.setHashes(view_.config.pins);
  view_.version = "0.1.0 (UI preview)";
  view_.config_path = "/etc/procart-kiosk/kiosk.json";
  useTerminal("sbpilot");
  view_.orders = previewOrders();
  JournalItem open;
  open.external_id = "K2-0045";
  open.amount = Money::rubles(569);
  open.state = "paid_not_posted";
  open.outcome = "paid ****0034; /postorder timed out twice; the order may or may not be in r_keeper";
  open.needs_staff = true;
  JournalItem pos_check;
  pos_check.external_id = "K2-0046";
  pos_check.amount = Money::rubles(412);
  pos_check.state = "post_failed";
  pos_check.outcome = "not listed by ProCart any more (the POS may have closed it): look in the POS";
  pos_check.needs_staff = true;
  pos_check.awaiting_pos_check = true;
  view_.open_payments = {open, pos_check};
  refreshMenuFacts();
  pin_worker_ = std::thread([this] {
    while (!stop_) {
      std::optional<PinJob> job = pin_jobs_.pop(std::chrono::milliseconds(100));
      if (!job) continue;
      ops::PinAttempt attempt = pin_gate_.attempt(job->pin, job->now);
      std::fill(job->pin.begin(), job->pin.end(), '\0');
      pin_results_.push(attempt);
    }
  });
}

void PreviewRuntime::refreshMenuFacts() {
  view_.menu_version = menu_ ? menu_->menu().version : "";
  view_.stop_list.clear();
  if (!menu_) return;
  for (const Dish& dish : menu_->menu().dishes) {
    if (dish.stock.kind == StockKind::Unlimited) continue;
    std::optional<int64_t> left = dish.stock.available();
    std::string state = dish.stock.kind == StockKind::Prohibited ? "stop-list" : std::to_string(left.value_or(0)) + " left";
    view_.stop_list.push_back({dish.id, dish.name.ru, state});
  }
}

Availability PreviewRuntime::availability() const {
  if (needs_config_) return Availability::NeedsConfiguration;
  if (view_.out_of_order) return Availability::OutOfOrder;
  if (closed_) return Availability::Closed;
  if (no_menu_) return Availability::NoMenu;
  return Availability::Open;
}

void PreviewRuntime::staffLater(TimeMs delay_ms, std::function<void()> apply) {
  staff_due_.push_back({now_ + delay_ms, std::move(apply)});
}

void PreviewRuntime::pumpStaff(TimeMs now) {
  std::vector<StaffDue> ready;
  for (auto it = staff_due_.begin(); it != staff_due_.end();) {
    if (it->at <= now) {
      ready.push_back(std::move(*it));
      it = staff_due_.erase(it);
    } else {
      ++it;
    }
  }
  for (StaffDue& due : ready) due.apply();
  view_.menu_age_s = no_menu_ ? -1 : (now - menu_loaded_at_) / 1000;
}

void PreviewRuntime::submitPin(std::string pin, TimeMs now) {
  pin_jobs_.push(PinJob{std::move(pin), now});
}

std::optional<ops::PinAttempt> PreviewRuntime::takePinResult() {
  std::deque<ops::PinAttempt> results = pin_results_.drain();
  if (results.empty()) return std::nullopt;
  return results.back();
}

void PreviewRuntime::staffAction(const StaffAction& action) {
  posted_.push_back(action);
  if (std::holds_alternative<staff::Ping>(action)) {
    view_.ping_running = true;
    staffLater(450, [this] {
      PingReport report;
      report.reachable = reachable_;
      if (reachable_) {
        report.rkeeper_connected = true;
        report.license_valid = true;
        report.token_valid = true;
        report.procart_version = "ProCart 3.4.1";
        report.rkeeper_version = "r_keeper 7.6.5.416";
        report.latency_ms = 42;
      } else {
        report.error = "connect to 10.0.0.5:11111: connection refused";
        report.latency_ms = 3;
      }
      report.checked_at = clockText();
      view_.ping = report;
      view_.ping_running = false;
    });
  } else if (std::holds_alternative<staff::RefreshMenu>(action)) {
    view_.menu_refresh_running = true;
    staffLater(700, [this] {
      menu_loaded_at_ = now_;
      view_.menu_from_cache = false;
      view_.menu_refresh_running = false;
      refreshMenuFacts();
    });
  } else if (std::holds_alternative<staff::Reconcile>(action)) {
    view_.reconcile_running = true;
    staffLater(1200, [this] {
      // What sb_pilot's day close (op 7) leaves on its slip, in the staff member's words.
      view_.last_reconcile = clockText() + " done\nСВЕРКА ИТОГОВ  ТЕРМИНАЛ 00012345\nПАКЕТ 118 ЗАКРЫТ"
                             "\nОПЛАТА: 42 НА 31 580.00 RUB\nВОЗВРАТ: 1 НА 349.00 RUB\nИТОГИ СОВПАЛИ";
      view_.reconcile_running = false;
    });
  } else if (std::holds_alternative<staff::ResolvePayments>(action)) {
    view_.resolve_running = true;
    staffLater(800, [this] {
      std::string report;
      std::vector<JournalItem> still_open;
      for (const JournalItem& item : view_.open_payments) {
        if (item.awaiting_pos_check) {  // as the real rules do: only staff's look in the POS settles it
          still_open.push_back(item);
          report += (report.empty() ? "" : "\n") + item.external_id + ": still not listed by ProCart: look in the POS";
          continue;
        }
        report += (report.empty() ? "" : "\n") + item.external_id +
                  ": posting failed again; the money was returned to the card (reversal approved)";
        for (OrderLogItem& order : view_.orders) {
          if (order.external_id == item.external_id) {
            order.payment = "reversed";
            order.outcome = "resolved by staff at " + clockText("%H:%M") + ": money returned";
          }
        }
      }
      view_.open_payments = still_open;
      view_.last_resolve_report = report.empty() ? "Nothing was open." : report;
      view_.resolve_running = false;
    });
  } else if (const auto* check = std::get_if<staff::ReportPosCheck>(&action)) {
    std::string id = check->external_id;
    bool in_pos = check->order_in_pos;
    staffLater(300, [this, id, in_pos] {
      std::erase_if(view_.open_payments, [&](const JournalItem& item) { return item.external_id == id; });
      view_.last_resolve_report = id + (in_pos ? ": order in the POS, payment confirmed" : ": not in the POS, money returned");
    });
  } else if (const auto* out = std::get_if<staff::SetOutOfOrder>(&action)) {
    bool on = out->on;
    staffLater(100, [this, on] {
      view_.out_of_order = on;
      view_.config.ui.out_of_order = on;
    });
  } else if (std::holds_alternative<staff::Restart>(action)) {
    restart_requested_ = true;
  } else if (const auto* save = std::get_if<staff::SaveSettings>(&action)) {
    ops::KioskConfig config = save->config;
    std::vector<ops::ConfigProblem> problems = ops::validateConfig(config);
    bool errors = false;
    for (const ops::ConfigProblem& p : problems) errors = errors || p.severity == ops::Severity::Error;
    if (errors) {
      log::warn("preview", "SaveSettings refused: ", describeProblems(problems).front());
      return;
    }
    staffLater(150, [this, config, problems] {
      view_.config = config;
      view_.config_problems = describeProblems(problems);
      view_.needs_configuration = false;
      view_.out_of_order = config.ui.out_of_order;
      needs_config_ = false;
      pin_gate_.setHashes(config.pins);
    });
  }
}

void PreviewRuntime::useTerminal(const std::string& driver) {
  // What each driver can do is the driver's own answer (payment::TerminalCapabilities), copied here by hand.
  if (driver == "vtk") {
    view_.terminal_driver = "vtk (Vendotek, 10.0.0.40:62801)";
    view_.terminal_day_close = false;
    view_.terminal_refund = false;
  } else {
    view_.terminal_driver = "sbpilot (Sberbank, /opt/sberbank/sb_pilot)";
    view_.terminal_day_close = true;
    view_.terminal_refund = true;
  }
  view_.terminal_state = "ready";
  view_.last_reconcile.clear();
}

std::optional<std::string> PreviewRuntime::staffHook(const std::vector<std::string>& w) {
  if (w.size() != 3) return std::nullopt;
  const std::string& what = w[1];
  bool on = w[2] == "on";
  if (what == "terminal") {
    if (w[2] != "vtk" && w[2] != "sbpilot") return "sim terminal takes vtk or sbpilot";
    useTerminal(w[2]);
  } else if (what == "closed") {
    closed_ = on;
    view_.closed_now = on;
  } else if (what == "no-menu") {
    no_menu_ = on;
    view_.menu_version = on ? "" : (menu_ ? menu_->menu().version : "");
  } else if (what == "journal-refuses") {
    view_.journal_refuses = on ? "cannot write /var/lib/procart-kiosk/journal: No space left on device" : "";
  } else if (what == "needs-config") {
    needs_config_ = on;
    view_.needs_configuration = on;
    if (on) {
      // A fresh install: the three values the packaged config leaves unset.
      view_.config.procart.token.clear();
      view_.config.order.currency_id.clear();
      view_.config.terminal.driver = ops::TerminalDriver::None;
      view_.config.terminal.params = nlohmann::json::object();
    } else {
      ops::KioskConfig fresh = previewConfig();
      view_.config.procart.token = fresh.procart.token;
      view_.config.order.currency_id = fresh.order.currency_id;
      view_.config.terminal = fresh.terminal;
    }
    std::vector<std::string> problems;
    for (const ops::ConfigProblem& p : ops::validateConfig(view_.config)) {
      if (p.severity == ops::Severity::Error) problems.push_back(p.key + ": " + p.why);
    }
    view_.config_problems = problems;
  } else if (what == "pins") {
    if (w[2] == "none") {
      view_.config.pins = {};
    } else if (w[2] == "default") {
      ops::KioskConfig fresh = previewConfig();
      view_.config.pins = fresh.pins;
    } else {
      return "sim pins none|default";
    }
    pin_gate_.setHashes(view_.config.pins);
  } else {
    return std::nullopt;
  }
  return std::string();
}

}  // namespace kiosk::uitest
