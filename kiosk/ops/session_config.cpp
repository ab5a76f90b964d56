#include "kiosk/ops/session_config.h"

namespace kiosk::ops {

SessionConfig toSessionConfig(const KioskConfig& config) {
  SessionConfig out;  // keys the file does not have (tracking, debounce, retry) keep the session's defaults
  out.idle_prompt_after_ms = static_cast<TimeMs>(config.ui.idle_prompt_s) * 1000;
  out.idle_reset_after_ms = static_cast<TimeMs>(config.ui.idle_reset_s) * 1000;
  out.done_reset_after_ms = static_cast<TimeMs>(config.ui.done_reset_s) * 1000;
  out.upsell_enabled = config.ui.upsell_enabled;
  out.upsell_rules.clear();
  for (const auto& rule : config.ui.upsell_rules) {
    CategoryUpsellRule session_rule;
    session_rule.suggest_category_id = rule.suggest_category_id;
    session_rule.unless_cart_has_category_ids = rule.unless_cart_has_category_ids;
    session_rule.message_key = rule.message_key;
    out.upsell_rules.push_back(std::move(session_rule));
  }
  out.offer_eat_in = config.order.offer_eat_in;
  out.offer_take_away = config.order.offer_take_away;
  out.ask_table_number = config.order.ask_table_number;
  out.eat_in_category_id = config.order.eat_in_category_id;
  out.take_away_category_id = config.order.take_away_category_id;
  out.table_code = config.order.table_code;
  out.short_comment_template = config.order.short_comment_template;
  out.kiosk_id = config.kiosk_id;
  out.default_language = config.ui.default_language;
  return out;
}

}  // namespace kiosk::ops
