// The UI-thread side of KioskRuntime: guest events and service results go into the session, the session's commands
// go out to the services (each answers later through the inbox). Nothing here blocks.
#include "kiosk/runtime/kiosk_runtime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "kiosk/common/log.h"
#include "kiosk/ops/metrics.h"
#include "kiosk/ops/opening_hours.h"
#include "kiosk/ops/session_config.h"

namespace kiosk {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

constexpr TimeMs kRetryOpenEveryMs = 30'000;
constexpr TimeMs kTerminalCheckEveryMs = 30'000;

std::string screenName(const SessionState& state) {
  std::string name = phaseName(state.phase);
  if (state.phase == Phase::Ordering) name += std::string("/") + orderingViewName(state.view);
  return name;
}

}  // namespace

void KioskRuntime::dispatch(const Event& event, TimeMs now) { handle(event, now); }

void KioskRuntime::pump(TimeMs now) {
  // Frame period (pump to pump) for /metrics; also tells /health the UI thread is alive.
  auto frame_now = std::chrono::steady_clock::now();
  if (last_pump_ != std::chrono::steady_clock::time_point{}) ops::globalMetrics().frameTime(frame_now - last_pump_);
  last_pump_ = frame_now;
  for (Event& event : inbox_.drain()) handle(event, now);
  if (!staff_mode_) handle(ev::Tick{}, now);
  updateAvailability();
  if (!ready_sent_) {
    // The first frame can show the attract screen: recovery is done, the cached menu is on its way.
    notifier_.ready("attract screen");
    ready_sent_ = true;
    everySecond(now);
  }
  notifier_.watchdogTick();
  if (now - last_second_ms_ >= 1000) everySecond(now);
  if (staff_mode_ && now - staff_view_built_ms_ >= 250) {
    staff_view_built_ms_ = now;
    rebuildStaffView();
  }
}

void KioskRuntime::handle(const Event& event, TimeMs now) {
  std::vector<Command> commands = session_->handle(event, now);  // the session logs its own transitions
  for (const Command& command : commands) execute(command);
}

void KioskRuntime::execute(const Command& command) {
  std::visit(
      Overloaded{
          [this](const cmd::Validate& c) {
            auto started = std::chrono::steady_clock::now();
            uint64_t id = c.request_id;
            async_->validate(c.draft, [this, id, started](Expected<ValidationResult, ServiceError> result) {
              ops::globalMetrics().validateLatency(std::chrono::steady_clock::now() - started);
              if (result) {
                inbox_.push(ev::ValidateSucceeded{id, std::move(*result)});
              } else {
                log::warn("runtime", "validate failed: ", errorText(result.error()));
                if (result.error().kind != ErrorKind::Validation) ops::globalMetrics().error(ops::ErrorKind::Procart);
                inbox_.push(ev::ValidateFailed{id, result.error()});
              }
            });
          },
          [this](const cmd::Pay& c) {
            std::string refused = settlement_ ? settlement_->pay(payment::PayRequest{c.draft, c.amount})
                                              : "no card terminal: " + terminal_error_;
            if (!refused.empty()) {
              log::error("runtime", "payment not started: ", refused);
              ops::globalMetrics().error(ops::ErrorKind::Terminal);
              inbox_.push(ev::PaymentFailed{"payment.unavailable"});
            }
          },
          [this](const cmd::CancelPayment&) {
            if (settlement_) settlement_->cancel();
          },
          [this](const cmd::TrackOrder& c) {
            tracked_guid_ = c.guid;
            OrderStatus known = session_->state().order ? session_->state().order->status : OrderStatus::New;
            tracker_->track(c.guid, c.external_id, known);
          },
          [this](const cmd::StopTracking&) {
            if (!tracked_guid_.empty()) tracker_->untrack(tracked_guid_);
            tracked_guid_.clear();
          },
      },
      command);
}

void KioskRuntime::noteSettlementMetrics(const payment::SettlementEvent& event) {
  auto& metrics = ops::globalMetrics();
  std::visit(Overloaded{
                 [&](const payment::settle::Approved&) { metrics.payment(ops::PaymentOutcome::Approved); },
                 [&](const payment::settle::Declined&) { metrics.payment(ops::PaymentOutcome::Declined); },
                 [&](const payment::settle::Failed&) { metrics.payment(ops::PaymentOutcome::Unknown); },
                 [&](const payment::settle::OrderPosted&) { metrics.orderPosted(); },
                 [&](const payment::settle::OrderPostFailed& e) {
                   if (e.reversed) metrics.payment(ops::PaymentOutcome::Reversed);
                 },
                 [](const auto&) {},
             },
             event);
}

void KioskRuntime::fetchImage(const std::string& image_ref,
                              std::function<void(Expected<std::string, std::string>)> done) {
  images_->fetch(image_ref, std::move(done));
}

// Every frame (cheap): what the guest screens may offer now.
void KioskRuntime::updateAvailability() {
  const SessionState& state = session_->state();
  Availability next = Availability::Open;
  if (config_load_.needsConfiguration() && !demo_) {
    next = Availability::NeedsConfiguration;
  } else if (state.phase == Phase::Attract) {
    // A guest already ordering finishes; the switches apply from the attract screen.
    if (config_.ui.out_of_order) {
      next = Availability::OutOfOrder;
    } else if (!ops::isOpenNow(config_.ui.opening_hours)) {
      next = Availability::Closed;
    } else if (!state.menu) {
      next = Availability::NoMenu;
    }
  }
  if (next != availability_) log::info("runtime", "availability ", static_cast<int>(next));
  availability_ = next;
}

// Once a second on the UI thread: availability, the health snapshot, background retries.
void KioskRuntime::everySecond(TimeMs now) {
  last_second_ms_ = now;
  const SessionState& state = session_->state();


  if (settlement_ && now - last_retry_ms_ >= kRetryOpenEveryMs) {
    last_retry_ms_ = now;
    if (!journal_->openEntries().empty() && !settlement_->busy()) settlement_->retryOpen();
  }
  if (journal_ && staff_pool_ && now - last_journal_recheck_ms_ >= kRetryOpenEveryMs && !journal_recheck_running_) {
    // A journal that failed a write refuses payments until a probe record goes through again (the disk was
    // cleaned up, the file system came back). Checked off the UI thread: it writes and fsyncs.
    last_journal_recheck_ms_ = now;
    journal_recheck_running_ = true;
    staff_pool_->post([this] {
      if (!journal_->canAcceptPayments()) {
        std::string still = journal_->recheck();
        if (still.empty()) log::info("journal", "writable again: card payments accepted");
        else log::warn("journal", "still refusing payments: ", still);
      }
      journal_recheck_running_ = false;
    });
  }
  if (now - last_terminal_check_ms_ >= kTerminalCheckEveryMs || last_terminal_check_ms_ == 0) {
    last_terminal_check_ms_ = now;
    checkTerminal();
  }

  ops::HealthSnapshot health;
  health.procart_reachable = state.procart_reachable;
  health.needs_configuration = availability_ == Availability::NeedsConfiguration;
  health.out_of_order = config_.ui.out_of_order;
  health.screen = staff_mode_ ? "Staff" : screenName(state);
  {
    std::lock_guard lock(facts_mutex_);
    health.menu_version = state.menu ? facts_.menu_version : "";
    if (facts_.menu_ever_fetched)
      health.menu_age_s =
          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - facts_.menu_fetched)
              .count();
    health.terminal_ready = facts_.terminal_ready;
    health.terminal_state = facts_.terminal_state;
    health.procart_problem = facts_.procart_problem;
  }
  const std::vector<std::string> awaiting = settlement_ ? settlement_->awaitingStaff() : std::vector<std::string>{};
  for (const auto& entry : journal_->openEntries()) {
    ++health.journal_open_items;
    if (entry.state == payment::journal::EntryState::ReversalFailed) ++health.failed_reversals;
    else if (entry.needsStaff() || std::find(awaiting.begin(), awaiting.end(), entry.external_id) != awaiting.end())
      ++health.payments_need_staff;
  }
  if (!journal_->canAcceptPayments()) health.journal_refuses = journal_->refuseReason();
  health.journal_damaged_records = journal_->stats().corrupt_records;
  health_box_.publish(health);
}

void KioskRuntime::checkTerminal() {
  if (!settlement_) {
    std::lock_guard lock(facts_mutex_);
    facts_.terminal_ready = false;
    facts_.terminal_state = "not configured: " + terminal_error_;
    return;
  }
  if (settlement_->busy()) return;  // a payment is using it: it answered a moment ago
  settlement_->worker().status(*terminal_.terminal, [this](const payment::TerminalStatus& status) {
    std::lock_guard lock(facts_mutex_);
    if (facts_.terminal_ready != status.reachable)
      log::info("runtime", "terminal ", status.reachable ? "ready" : "not ready", ": ", status.text);
    facts_.terminal_ready = status.reachable;
    facts_.terminal_state = status.text;
  });
}

std::string KioskRuntime::scriptCommand(const std::string& line) {
  if (!demo_) return "script line \"" + line + "\" needs --demo (the in-process simulators)";
  // "kiosk idle PROMPT_S RESET_S": shorter inactivity timers, so a scripted run need not wait 70 s.
  int prompt_s = 0, reset_s = 0;
  if (std::sscanf(line.c_str(), "kiosk idle %d %d", &prompt_s, &reset_s) == 2) {
    if (prompt_s < 1 || reset_s < 1) return "kiosk idle: both values are seconds ≥ 1";
    config_.ui.idle_prompt_s = prompt_s;
    config_.ui.idle_reset_s = reset_s;
    session_->setConfig(ops::toSessionConfig(config_));
    return {};
  }
  if (line.rfind("kiosk", 0) == 0) return "unknown line \"" + line + "\" (kiosk idle PROMPT_S RESET_S)";
  return demo_->scriptCommand(line);
}

}  // namespace kiosk
