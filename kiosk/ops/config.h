#pragma once
// The kiosk's settings: one JSON file (default /etc/procart-kiosk/kiosk.json) plus a secrets file readable only by
// the kiosk user (default: secrets.json next to it, mode 0600). Every setting has a default; loading never throws
// and never gives up: an invalid value is reported and replaced by its default, so the app can always start —
// in the "needs configuration" staff screen when a problem is an error. docs/CONFIGURATION.md lists every key.
#include <array>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/common/log.h"
#include "kiosk/core/lang.h"
#include "kiosk/ops/opening_hours.h"

namespace kiosk::ops {

inline constexpr const char* kDefaultConfigPath = "/etc/procart-kiosk/kiosk.json";
inline constexpr const char* kSecretsFileName = "secrets.json";  // looked for next to the config file

// How the ProCart token travels (procart-api.md B: query/body by default; a real install may want a header).
enum class TokenLocation { QueryBody, Bearer, Header };
// `none` is the default on purpose: a kiosk must never take orders through the simulator by omission.
enum class TerminalDriver { None, Sim, Vtk, SbPilot };

struct ProcartSettings {
  std::string url = "http://127.0.0.1:11111/api/v3";  // no trailing slash (stripped when loaded)
  std::string token;                                  // secret: lives in secrets.json only
  TokenLocation token_location = TokenLocation::QueryBody;
  std::string token_header;  // the header name when token_location is Header ("header:X-Token" in the file)
  int connect_timeout_ms = 3000;
  int request_timeout_ms = 10000;  // /ping, /validate, /postorder, /getorders
  int menu_timeout_ms = 30000;     // /getmenu may take seconds on a large menu
  int menu_refresh_s = 120;        // ProCart refreshes its own menu every 10–60 s: ≥ 60 here
  int status_poll_s = 5;           // /getorders fallback while an order is tracked (callbacks can be lost)
  // After a /postorder without an answer: ProCart finishes or drops it within post_settle_ms after the kiosk stopped
  // waiting, and lists a created order in GET /getorders (open orders only) for at least orders_listed_ms after the
  // post. Between the two, "not listed" proves the order absent; later, staff must look in the POS.
  int post_settle_ms = 5000;
  int orders_listed_ms = 8000;
  bool operator==(const ProcartSettings&) const = default;
};

struct CallbackSettings {
  std::string listen_address = "0.0.0.0";  // IP literal; ProCart usually runs on another host
  int listen_port = 9181;                  // 0 = any free port (tests, demo)
  std::string public_url;                  // what ProCart calls, e.g. "http://10.0.0.21:9181"; empty = derived
  // Who may connect (kiosk/common/ip_allow_list.h): "procart" = procart.url's host, "any", addresses, CIDR ranges.
  std::vector<std::string> allow_from = {"procart"};
  std::string secret;  // secret: lives in secrets.json; last path segment of the callback URL
  bool operator==(const CallbackSettings&) const = default;
};

struct OrderSettings {
  std::string eat_in_category_id;
  std::string take_away_category_id;
  bool offer_eat_in = true;
  bool offer_take_away = true;
  bool ask_table_number = false;
  std::string table_code;                                  // empty: ProCart's own table setting applies
  std::string short_comment_template = "Киоск №{number}";  // ≤ 30 characters once {number} is expanded
  std::string currency_id;  // r_keeper payment type ("currency") for card payments; required
  bool operator==(const OrderSettings&) const = default;
};

struct TerminalSettings {
  TerminalDriver driver = TerminalDriver::None;
  nlohmann::json params = nlohmann::json::object();  // handed to the driver's own fromJson
  bool operator==(const TerminalSettings&) const = default;
};

// "When the cart has nothing from any of `unless_cart_has_category_ids`, suggest a dish from
// `suggest_category_id`" (kiosk::CategoryUpsellRule, which toSessionConfig fills from this).
struct UpsellRule {
  std::string suggest_category_id;
  std::vector<std::string> unless_cart_has_category_ids;
  std::string message_key = "upsell.add_drink";  // i18n key of the prompt
  bool operator==(const UpsellRule&) const = default;
};

struct UiSettings {
  std::vector<Lang> languages = {Lang::Ru, Lang::En};
  Lang default_language = Lang::Ru;
  LocalizedText place_name;
  int idle_prompt_s = 45;  // no touch for this long → "Are you still there?"
  int idle_reset_s = 25;   // then this long without an answer → clear the cart
  int done_reset_s = 20;   // the order-number screen returns to the attract screen
  bool upsell_enabled = true;
  std::vector<UpsellRule> upsell_rules;
  bool accessibility_default = false;
  WeeklyHours opening_hours;  // default: open all day, every day
  bool out_of_order = false;  // staff switch: the kiosk shows "out of order" and takes no orders
  bool operator==(const UiSettings&) const = default;
};

struct PathSettings {
  std::string cache_dir = "/var/cache/procart-kiosk";  // menu and images; may be wiped
  std::string state_dir = "/var/lib/procart-kiosk";    // payment journal and order log; back it up
  bool operator==(const PathSettings&) const = default;
};

struct HealthSettings {
  std::string listen = "127.0.0.1:9180";  // "host:port" (IPv6 as "[::1]:9180"); empty = no health endpoint
  bool operator==(const HealthSettings&) const = default;
};

// Secret: PBKDF2 hashes ("pbkdf2-sha256$iter$salt$hash", kiosk/ops/pin.h), never PINs. Empty = not set.
struct PinHashes {
  std::string staff;
  std::string admin;
  bool operator==(const PinHashes&) const = default;
};

struct KioskConfig {
  std::string kiosk_id = "K1";  // letters, digits, '-' and '_'; in logs, external ids and /health
  kiosk::log::Level log_level = kiosk::log::Level::Info;
  ProcartSettings procart;
  CallbackSettings callback;
  OrderSettings order;
  TerminalSettings terminal;
  UiSettings ui;
  PathSettings paths;
  HealthSettings health;
  PinHashes pins;
  bool operator==(const KioskConfig&) const = default;
};

// ---- Problems ------------------------------------------------------------------------------------

enum class Severity { Warning, Error };

struct ConfigProblem {
  std::string key;  // dotted path, e.g. "order.short_comment_template", "ui.upsell_rules[1].suggest_category_id";
                    // empty when the whole file is concerned
  std::string why;  // for people: what is wrong and what is expected
  Severity severity = Severity::Error;
  std::string file;  // the file the key was read from
  bool operator==(const ConfigProblem&) const = default;
};

// "kiosk.json: order.short_comment_template: 34 characters once {number} is expanded; at most 30 (error)"
std::string describe(const ConfigProblem& problem);

struct ConfigLoad {
  KioskConfig config;  // every valid value from the files; defaults for everything else
  std::vector<ConfigProblem> problems;
  std::string config_path;
  std::string secrets_path;

  // True when any problem is an error: the app must start in the "needs configuration" staff screen.
  bool needsConfiguration() const;
  std::vector<ConfigProblem> errors() const;
};

// Validates a terminal driver's params (the runtime passes the drivers' fromJson); returns "" when valid.
using TerminalParamsCheck = std::function<std::string(TerminalDriver, const nlohmann::json& params)>;

struct LoadOptions {
  std::string secrets_path;            // empty: secrets.json in the config file's directory
  TerminalParamsCheck check_terminal;  // optional
};

// Reads both files. Never throws; see ConfigLoad.
ConfigLoad loadConfig(const std::string& config_path, const LoadOptions& options = {});
// Parses config text (no secrets) into `config`, appending problems. For tests and the staff screen.
void parseConfigText(const std::string& text, KioskConfig& config, std::vector<ConfigProblem>& problems,
                     const std::string& file = "kiosk.json");
// The rules that concern values rather than the file (ranges, URLs, templates, required keys, cross-key rules),
// for a config edited in memory by the staff screen. Loading applies the same rules.
std::vector<ConfigProblem> validateConfig(const KioskConfig& config, const TerminalParamsCheck& check_terminal = {});

// The secrets path used for `config_path` when none is given.
std::string defaultSecretsPath(const std::string& config_path);

// ---- Saving ----------------------------------------------------------------------------------------

// JSON text of the config file (every key, no secrets) and of the secrets file.
std::string configToText(const KioskConfig& config);
std::string secretsToText(const KioskConfig& config);
// Atomic saves (write temp, fsync, rename). The config file gets mode 0644, the secrets file 0600. When the target
// exists its owner is kept (so `sudo kiosk --set-pin` leaves the file readable by the kiosk user).
// "" on success, otherwise what failed.
std::string saveConfig(const KioskConfig& config, const std::string& config_path);
std::string saveSecrets(const KioskConfig& config, const std::string& secrets_path);

// ---- Names used in the file ----------------------------------------------------------------------------

const char* terminalDriverName(TerminalDriver driver);          // "none", "sim", "vtk", "sbpilot"
std::string tokenLocationText(const ProcartSettings& procart);  // "query_body", "bearer", "header:X-Token"

}  // namespace kiosk::ops
