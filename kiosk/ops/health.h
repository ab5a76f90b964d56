#pragma once
// What /health reports: a snapshot of the kiosk's state that the runtime provides, and the alerts derived from it.
// docs/OPERATIONS.md explains each field and alert.
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::ops {

struct HealthSnapshot {
  bool procart_reachable = false;  // last /ping answered and the POS link is up
  std::string procart_problem;     // why not, when known ("auth: /ping: license_valid is false [license_invalid]")
  std::string menu_version;        // empty: no menu yet (neither cache nor network)
  int64_t menu_age_s = -1;         // since the menu was last fetched from ProCart; -1 unknown
  bool terminal_ready = false;
  std::string terminal_state;  // the driver's words: "ready", "busy", "offline: connection refused", …
  int journal_open_items = 0;  // payments not yet driven to a final state (one is normal during a payment)
  int failed_reversals = 0;    // approved payments whose reversal failed: money to give back, staff must act
  int payments_need_staff = 0;  // open payments only staff can settle (a look in the POS, an unknown outcome)
  std::string journal_refuses;  // non-empty: the payment journal cannot be written (full or read-only disk): why
  int journal_damaged_records = 0;  // damaged records found in the journal at start (a paid card may hide there)
  std::string screen;          // "Attract", "Ordering/Menu", "Paying", "Staff", "NeedsConfiguration", …
  bool needs_configuration = false;
  bool out_of_order = false;  // set by staff
};

enum class AlertLevel { Warning, Critical };

struct HealthAlert {
  std::string id;  // stable: "procart_unreachable", "menu_missing", "menu_stale", "terminal_not_ready",
                   // "failed_reversals", "payments_need_staff", "journal_refuses_payments", "journal_damaged",
                   // "needs_configuration", "out_of_order", "ui_stalled"
  AlertLevel level = AlertLevel::Warning;
  std::string text;  // for people
};

struct AlertThresholds {
  int64_t menu_stale_after_s = 3600;  // ProCart unreachable this long: prices may be out of date
  int64_t ui_stalled_after_ms = 10'000;
};

// The alerts for `snapshot`. `since_last_frame_ms` < 0 means no frame was ever recorded (headless use): no
// ui_stalled alert then.
std::vector<HealthAlert> healthAlerts(const HealthSnapshot& snapshot, int64_t since_last_frame_ms,
                                      const AlertThresholds& thresholds = {});

// "ok" (no alert), "degraded" (warnings only), "failing" (any critical alert).
const char* overallStatus(const std::vector<HealthAlert>& alerts);

// For a runtime that prefers pushing to being called: publish() from the UI thread (say once a second), and pass
// [&box] { return box.get(); } as the health server's snapshot callback.
class HealthSnapshotBox {
 public:
  void publish(HealthSnapshot snapshot) {
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(snapshot);
  }
  HealthSnapshot get() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
  }

 private:
  mutable std::mutex mutex_;
  HealthSnapshot snapshot_;
};

}  // namespace kiosk::ops
