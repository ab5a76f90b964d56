#pragma once
// What the staff screens read and ask of the runtime. Everything slow (ping, reconcile, menu refresh, journal
// resolution) runs on workers; the UI polls staffView() each frame and sees results when they are ready.
//
// CONTRACT between kiosk/runtime (implements) and kiosk/ui staff screens (read + post actions).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/money.h"
#include "kiosk/core/order.h"
#include "kiosk/ops/config.h"
#include "kiosk/ops/pin_gate.h"

namespace kiosk {

struct PingReport {
  bool reachable = false;         // ProCart answered
  bool rkeeper_connected = false;  // cash server linked
  bool license_valid = false;
  bool token_valid = false;
  std::string procart_version;
  std::string rkeeper_version;
  std::string error;  // when not reachable: why (for staff, not guests)
  int64_t latency_ms = 0;
  std::string checked_at;  // local time "HH:MM:SS"
};

struct StopListItem {
  std::string dish_id;
  std::string name;         // Russian name
  std::string state;        // "stop-list", "0 left", "3 left"
};

struct OrderLogItem {     // the last orders this kiosk placed (from the payment journal + tracked status)
  std::string external_id;
  std::string number;     // empty when no order was created
  std::string guid;
  std::string status;     // "new", "open", "close", … or "" when unknown
  Money amount;
  std::string payment;    // "approved ****1118 RRN 0288…", "declined 51", "reversed", …
  std::string outcome;    // journal's outcome text
  std::string at;         // local time of the intent
};

struct JournalItem {      // an open payment journal entry: paid and not yet posted+confirmed or reversed
  std::string external_id;
  Money amount;
  std::string state;      // journal state name
  std::string outcome;    // what is known, for people
  bool needs_staff = false;
  // Only staff can settle it: the order's post got no answer and ProCart no longer lists it (the POS may have closed
  // it). Staff look for the order in the POS and say whether it is there (staff::ReportPosCheck).
  bool awaiting_pos_check = false;
};

struct StaffView {
  // connection
  std::optional<PingReport> ping;
  bool ping_running = false;
  std::string procart_problem_key;  // "" while ProCart is usable; otherwise "staff.procart.*" (plain words)
  std::string procart_problem;      // the details
  // menu
  std::string menu_version;
  int64_t menu_age_s = -1;  // since the last fetch from ProCart; -1 unknown
  bool menu_from_cache = false;
  bool menu_refresh_running = false;
  std::vector<StopListItem> stop_list;
  // orders and payments
  std::vector<OrderLogItem> orders;  // newest first, at most 50
  std::vector<JournalItem> open_payments;
  std::string journal_refuses;  // non-empty: payments are refused because the journal cannot be written
  std::vector<std::string> journal_damage;  // damaged journal records found at start (what and where)
  bool resolve_running = false;
  std::string last_resolve_report;
  // terminal
  std::string terminal_driver;
  std::string terminal_state;
  // What the configured terminal can do (payment::TerminalCapabilities): a terminal without a day close gets no
  // "Reconcile" button, only the words why.
  bool terminal_day_close = true;
  bool terminal_refund = true;
  bool reconcile_running = false;
  std::string last_reconcile;  // result text / slip of the last reconciliation
  // kiosk
  bool out_of_order = false;
  bool closed_now = false;  // outside opening hours
  std::vector<std::string> config_problems;  // "key: why"; non-empty errors = needs configuration
  bool needs_configuration = false;
  std::string version;
  std::string config_path;
  ops::KioskConfig config;  // as loaded (secrets included: the admin screen masks them)
};

// What the guest screens must show instead of ordering (checked every frame; cheap).
enum class Availability { Open, OutOfOrder, Closed, NeedsConfiguration, NoMenu };

namespace staff {
struct Ping {};
struct RefreshMenu {};
struct Reconcile {};
struct ResolvePayments {};  // drive open journal entries now (same rules as at start)
// What staff found in the POS for a payment awaiting a POS check: the order is there (the payment is confirmed) or
// not (the payment is returned).
struct ReportPosCheck {
  std::string external_id;
  bool order_in_pos = false;
};
struct SetOutOfOrder { bool on = false; };
struct Restart {};          // exit with code 0; systemd (Restart=always) starts the kiosk again
struct SaveSettings { ops::KioskConfig config; };  // admin: validated, saved atomically, applied where safe
}  // namespace staff
using StaffAction = std::variant<staff::Ping, staff::RefreshMenu, staff::Reconcile, staff::ResolvePayments,
                                 staff::ReportPosCheck, staff::SetOutOfOrder, staff::Restart, staff::SaveSettings>;

}  // namespace kiosk
