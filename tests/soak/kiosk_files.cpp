#include "tests/soak/kiosk_files.h"

#include <nlohmann/json.hpp>

#include "kiosk/common/atomic_file.h"

namespace soak {

std::string writeKioskFiles(const KioskFiles& files) {
  using nlohmann::json;
  json config = {
      {"kiosk_id", "SOAK"},
      {"log_level", "info"},
      // Short timeouts: a "slow ProCart" window answers after request_timeout_ms, so the kiosk gives up first.
      {"procart",
       {{"url", files.procart_url},
        {"connect_timeout_ms", 1000},
        {"request_timeout_ms", 3000},
        {"menu_timeout_ms", 5000},
        {"menu_refresh_s", 60},
        {"status_poll_s", 1}}},
      {"callback", {{"listen_address", "127.0.0.1"}, {"listen_port", 0}}},
      {"order",
       {{"eat_in_category_id", "1"},
        {"take_away_category_id", "2"},
        {"ask_table_number", true},
        {"currency_id", "1"}}},
      {"terminal", files.terminal},
      {"ui",
       {{"upsell_rules",
         json::array({{{"suggest_category_id", "drinks"},
                       {"unless_cart_has_category_ids", json::array({"drinks", "coffee", "combos"})}}})}}},
      {"paths", {{"state_dir", files.state_dir}, {"cache_dir", files.cache_dir}}},
      {"health", {{"listen", ""}}},
  };
  json secrets = {{"procart", {{"token", files.token}}}, {"callback", {{"secret", "soak-callback-secret-0123456789"}}}};
  std::string dir = files.config_path.substr(0, files.config_path.rfind('/'));
  std::string error = kiosk::files::writeAtomically(files.config_path, config.dump(2) + "\n", 0644);
  if (error.empty()) error = kiosk::files::writeAtomically(dir + "/secrets.json", secrets.dump(2) + "\n", 0600);
  return error;
}

}  // namespace soak
