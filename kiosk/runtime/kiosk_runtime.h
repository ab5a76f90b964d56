#pragma once
// The one implementation of Runtime (runtime.h): owns the services and carries messages between them and the
// session. Setup is in runtime_setup.cpp, the frame-side work in kiosk_runtime.cpp, staff work in staff_desk.cpp.
#include <atomic>
#include <chrono>
#include <map>
#include <vector>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kiosk/common/message_queue.h"
#include "kiosk/ops/config.h"
#include "kiosk/ops/health.h"
#include "kiosk/ops/health_server.h"
#include "kiosk/ops/pin_gate.h"
#include "kiosk/ops/systemd_notify.h"
#include "kiosk/procart/async_client.h"
#include "kiosk/procart/callback_server.h"
#include "kiosk/procart/client.h"
#include "kiosk/procart/menu_refresher.h"
#include "kiosk/procart/order_gateway_adapter.h"
#include "kiosk/procart/order_tracker.h"
#include "kiosk/procart/worker_pool.h"
#include "kiosk/runtime/demo_world.h"
#include "kiosk/runtime/image_store.h"
#include "kiosk/runtime/runtime.h"
#include "kiosk/runtime/terminal_factory.h"
#include "payment/journal/journal.h"
#include "payment/settlement.h"

namespace kiosk {

// "timeout: no answer in 8000 ms [code]": a ServiceError for the log and staff.
std::string errorText(const ServiceError& error);
// The staff words (an i18n key "staff.procart.*") for why ProCart is not usable.
std::string procartProblemKey(const ServiceError& error);

class KioskRuntime final : public Runtime {
 public:
  KioskRuntime() = default;
  ~KioskRuntime() override;

  // runtime_setup.cpp: everything Runtime::start promises. "" on success.
  std::string setUp(const RuntimeOptions& options);

  const SessionState& state() const override { return session_->state(); }
  const KioskSession& session() const override { return *session_; }
  const Strings& strings() const override { return strings_; }
  std::string placeName(Lang lang) const override { return config_.ui.place_name.get(lang); }

  void dispatch(const Event& event, TimeMs now) override;
  void pump(TimeMs now) override;
  void fetchImage(const std::string& image_ref,
                  std::function<void(Expected<std::string, std::string>)> done) override;

  Availability availability() const override { return availability_; }
  StaffView staffView() const override;
  void staffAction(const StaffAction& action) override;
  void submitPin(std::string pin, TimeMs now) override;
  std::optional<ops::PinAttempt> takePinResult() override;
  void setStaffMode(bool open) override { staff_mode_ = open; }
  bool restartRequested() const override { return restart_requested_; }
  std::string scriptCommand(const std::string& line) override;

 private:
  // Things the workers learn that the UI thread and /health read (guarded by facts_mutex_).
  struct Facts {
    std::string menu_version;
    bool menu_from_cache = false;
    std::chrono::steady_clock::time_point menu_fetched{};  // of the last network fetch
    bool menu_ever_fetched = false;
    bool menu_unavailable = false;  // no cache and no network
    std::optional<PingReport> ping;
    bool ping_running = false;
    // Why ProCart is not usable, from the periodic /ping and the menu fetches ("" while it is): an i18n key in plain
    // words for staff, and the details for the log and /health.
    std::string procart_problem_key;
    std::string procart_problem;
    std::string terminal_state = "unknown";
    bool terminal_ready = false;
    bool reconcile_running = false;
    std::string last_reconcile;
    bool resolve_running = false;
    std::string last_resolve_report;
    std::map<std::string, std::string> order_status;  // guid → status name, as tracked
    std::vector<std::string> settings_problems;        // from the last SaveSettings
    std::vector<StopListItem> stop_list;
    bool menu_refresh_running = false;
  };

  // runtime_setup.cpp
  std::string loadSettings(const RuntimeOptions& options);
  std::string startProcart();
  std::string startPayments();
  void startMonitoring();
  void onMenuUpdate(procart::MenuUpdate update);

  // kiosk_runtime.cpp
  void handle(const Event& event, TimeMs now);
  void execute(const Command& command);
  void noteSettlementMetrics(const payment::SettlementEvent& event);
  void everySecond(TimeMs now);
  void updateAvailability();
  void checkTerminal();

  // staff_desk.cpp
  void rebuildStaffView();
  void runPing();
  void runReconcile();
  void runResolve();
  void reportPosCheck(const staff::ReportPosCheck& check);
  void saveSettings(ops::KioskConfig config);

  RuntimeOptions options_;
  ops::ConfigLoad config_load_;
  ops::KioskConfig config_;
  Strings strings_;

  // Messages from every worker to the UI thread; declared before the services so it outlives them.
  MessageQueue<Event> inbox_;
  mutable std::mutex facts_mutex_;
  Facts facts_;

  std::unique_ptr<DemoWorld> demo_;
  std::unique_ptr<procart::ProcartClient> client_;
  std::unique_ptr<procart::AsyncClient> async_;
  std::unique_ptr<ImageStore> images_;
  std::unique_ptr<payment::journal::Journal> journal_;
  TerminalSetup terminal_;
  std::string terminal_error_;
  std::unique_ptr<procart::OrderTracker> tracker_;
  std::unique_ptr<procart::CallbackServer> callbacks_;
  std::unique_ptr<procart::ProcartOrderGateway> gateway_;
  std::unique_ptr<payment::Settlement> settlement_;
  // The settlement as the callback server's thread sees it: set once it exists, cleared before it goes.
  std::atomic<payment::Settlement*> settlement_for_callbacks_{nullptr};
  std::unique_ptr<procart::MenuRefresher> refresher_;
  ops::HealthSnapshotBox health_box_;
  std::unique_ptr<ops::HealthServer> health_;
  ops::SystemdNotifier notifier_ = ops::SystemdNotifier::fromEnvironment();
  ops::PinGate pin_gate_;
  std::unique_ptr<procart::WorkerPool> staff_pool_;  // PIN checks, ping, reconcile, resolve

  std::unique_ptr<KioskSession> session_;
  std::string tracked_guid_;
  std::chrono::steady_clock::time_point validate_started_{};

  // UI-thread state
  std::chrono::steady_clock::time_point last_pump_{};
  bool ready_sent_ = false;
  TimeMs last_second_ms_ = 0;
  TimeMs last_terminal_check_ms_ = 0;
  TimeMs last_retry_ms_ = 0;
  TimeMs last_journal_recheck_ms_ = 0;
  std::atomic<bool> journal_recheck_running_{false};
  Availability availability_ = Availability::Open;
  std::atomic<bool> staff_mode_{false};
  std::atomic<bool> restart_requested_{false};
  StaffView staff_view_;
  TimeMs staff_view_built_ms_ = -1'000'000;

  std::mutex pin_mutex_;
  std::optional<ops::PinAttempt> pin_result_;
};

}  // namespace kiosk
