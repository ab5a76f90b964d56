// KioskConfig → SessionConfig and the callback URL handed to ProCart.
#include "kiosk/ops/session_config.h"

#include <catch2/catch.hpp>


using namespace kiosk::ops;

TEST_CASE("the session gets its settings from the config") {
  KioskConfig c;
  c.kiosk_id = "K9";
  c.ui.idle_prompt_s = 50;
  c.ui.idle_reset_s = 20;
  c.ui.done_reset_s = 12;
  c.ui.upsell_enabled = false;
  c.ui.upsell_rules = {{"drinks", {"drinks", "juice"}, "upsell.add_drink"}};
  c.ui.default_language = kiosk::Lang::En;
  c.order.offer_eat_in = false;
  c.order.ask_table_number = true;
  c.order.eat_in_category_id = "1";
  c.order.take_away_category_id = "2";
  c.order.table_code = "77";
  c.order.short_comment_template = "K9 №{number}";

  kiosk::SessionConfig s = toSessionConfig(c);
  CHECK(s.idle_prompt_after_ms == 50'000);
  CHECK(s.idle_reset_after_ms == 20'000);
  CHECK(s.done_reset_after_ms == 12'000);
  CHECK_FALSE(s.upsell_enabled);
  REQUIRE(s.upsell_rules.size() == 1);
  CHECK(s.upsell_rules[0].suggest_category_id == "drinks");
  CHECK(s.upsell_rules[0].unless_cart_has_category_ids == std::vector<std::string>{"drinks", "juice"});
  CHECK(s.upsell_rules[0].message_key == "upsell.add_drink");
  CHECK_FALSE(s.offer_eat_in);
  CHECK(s.offer_take_away);
  CHECK(s.ask_table_number);
  CHECK(s.eat_in_category_id == "1");
  CHECK(s.take_away_category_id == "2");
  CHECK(s.table_code == "77");
  CHECK(s.short_comment_template == "K9 №{number}");
  CHECK(s.kiosk_id == "K9");
  CHECK(s.default_language == kiosk::Lang::En);
  // What the file does not set keeps the session's own defaults.
  CHECK(s.validate_debounce_ms == kiosk::SessionConfig{}.validate_debounce_ms);
}
