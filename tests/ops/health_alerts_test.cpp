// The alerts /health derives from a snapshot, and the overall status.
#include <catch2/catch.hpp>

#include "kiosk/ops/health.h"

using namespace kiosk::ops;

namespace {

HealthSnapshot healthy() {
  HealthSnapshot s;
  s.procart_reachable = true;
  s.menu_version = "v1";
  s.menu_age_s = 10;
  s.terminal_ready = true;
  return s;
}

std::vector<std::string> ids(const std::vector<HealthAlert>& alerts) {
  std::vector<std::string> out;
  for (const auto& a : alerts) out.push_back(a.id);
  return out;
}

}  // namespace

TEST_CASE("a healthy snapshot has no alert") {
  auto alerts = healthAlerts(healthy(), 16);
  CHECK(alerts.empty());
  CHECK(std::string(overallStatus(alerts)) == "ok");
}

TEST_CASE("each condition raises its alert at its level") {
  struct Case {
    void (*change)(HealthSnapshot&);
    int64_t since_frame_ms;
    const char* id;
    AlertLevel level;
  };
  const Case cases[] = {
      {[](HealthSnapshot& s) { s.needs_configuration = true; }, 16, "needs_configuration", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.failed_reversals = 2; }, 16, "failed_reversals", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.payments_need_staff = 1; }, 16, "payments_need_staff", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.journal_refuses = "No space left on device"; }, 16, "journal_refuses_payments",
       AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.journal_damaged_records = 1; }, 16, "journal_damaged", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.procart_reachable = false; }, 16, "procart_unreachable", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.menu_version.clear(); }, 16, "menu_missing", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.menu_age_s = 7200; }, 16, "menu_stale", AlertLevel::Warning},
      {[](HealthSnapshot& s) {
         s.terminal_ready = false;
         s.terminal_state = "offline: no route";
       },
       16, "terminal_not_ready", AlertLevel::Critical},
      {[](HealthSnapshot& s) { s.out_of_order = true; }, 16, "out_of_order", AlertLevel::Warning},
      {[](HealthSnapshot&) {}, 15'000, "ui_stalled", AlertLevel::Critical},
  };
  for (const auto& c : cases) {
    HealthSnapshot s = healthy();
    c.change(s);
    auto alerts = healthAlerts(s, c.since_frame_ms);
    INFO(c.id);
    REQUIRE(ids(alerts) == std::vector<std::string>{c.id});
    CHECK(alerts[0].level == c.level);
    CHECK_FALSE(alerts[0].text.empty());
    CHECK(std::string(overallStatus(alerts)) == (c.level == AlertLevel::Critical ? "failing" : "degraded"));
  }
}

TEST_CASE("alert texts carry the details staff need") {
  HealthSnapshot s = healthy();
  s.terminal_ready = false;
  s.terminal_state = "offline: connection refused";
  s.failed_reversals = 3;
  auto alerts = healthAlerts(s, -1);
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0].text.find("3 approved payment(s)") == 0);
  CHECK(alerts[1].text.find("connection refused") != std::string::npos);
}

TEST_CASE("no frame ever recorded (headless) is not a stalled UI and one journal item is normal") {
  HealthSnapshot s = healthy();
  s.journal_open_items = 1;
  CHECK(healthAlerts(s, -1).empty());
  AlertThresholds strict;
  strict.ui_stalled_after_ms = 100;
  CHECK(ids(healthAlerts(s, 101, strict)) == std::vector<std::string>{"ui_stalled"});
}
