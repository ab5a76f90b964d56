#include "kiosk/ops/health.h"

namespace kiosk::ops {

std::vector<HealthAlert> healthAlerts(const HealthSnapshot& s, int64_t since_last_frame_ms,
                                      const AlertThresholds& thresholds) {
  std::vector<HealthAlert> alerts;
  auto add = [&](const char* id, AlertLevel level, std::string text) {
    alerts.push_back({id, level, std::move(text)});
  };
  if (s.needs_configuration) {
    add("needs_configuration", AlertLevel::Critical, "the config has errors: the kiosk shows the staff setup screen");
  }
  if (s.failed_reversals > 0) {
    add("failed_reversals", AlertLevel::Critical,
        std::to_string(s.failed_reversals) +
            " approved payment(s) could not be reversed: the journal retries; "
            "check the staff screen and refund by hand if it keeps failing");
  }
  if (s.payments_need_staff > 0) {
    add("payments_need_staff", AlertLevel::Critical,
        std::to_string(s.payments_need_staff) +
            " paid payment(s) wait for staff: look at the staff screen's Payments page (is the order in the POS?)");
  }
  if (!s.journal_refuses.empty()) {
    add("journal_refuses_payments", AlertLevel::Critical,
        "the payment journal cannot be written, card payments are refused: " + s.journal_refuses);
  }
  if (s.journal_damaged_records > 0) {
    add("journal_damaged", AlertLevel::Critical,
        std::to_string(s.journal_damaged_records) +
            " damaged record(s) in the payment journal: compare the staff Payments page with the terminal's report "
            "and the POS for today's payments");
  }
  if (!s.procart_reachable) {
    add("procart_unreachable", AlertLevel::Critical,
        "ProCart is not usable, no orders: " +
            (s.procart_problem.empty() ? std::string("ProCart or the r_keeper cash server does not answer")
                                       : s.procart_problem));
  }
  if (s.menu_version.empty()) {
    add("menu_missing", AlertLevel::Critical, "no menu: neither the cache nor ProCart gave one");
  } else if (s.menu_age_s > thresholds.menu_stale_after_s) {
    add("menu_stale", AlertLevel::Warning,
        "the menu was last fetched " + std::to_string(s.menu_age_s / 60) + " min ago: prices may be out of date");
  }
  if (!s.terminal_ready) {
    add("terminal_not_ready", AlertLevel::Critical,
        "the card terminal is not ready" + (s.terminal_state.empty() ? std::string() : ": " + s.terminal_state));
  }
  if (s.out_of_order) add("out_of_order", AlertLevel::Warning, "switched to \"out of order\" by staff");
  if (since_last_frame_ms > thresholds.ui_stalled_after_ms) {
    add("ui_stalled", AlertLevel::Critical,
        "no frame drawn for " + std::to_string(since_last_frame_ms / 1000) + " s: the UI thread is stuck");
  }
  return alerts;
}

const char* overallStatus(const std::vector<HealthAlert>& alerts) {
  bool warning = false;
  for (const auto& alert : alerts) {
    if (alert.level == AlertLevel::Critical) return "failing";
    warning = true;
  }
  return warning ? "degraded" : "ok";
}

}  // namespace kiosk::ops
