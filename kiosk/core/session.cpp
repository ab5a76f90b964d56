#include "kiosk/core/session.h"

#include <algorithm>

#include "kiosk/common/log.h"
#include "kiosk/core/message_keys.h"
#include "kiosk/core/session_steps.h"

namespace kiosk {
namespace {

template <class T, class Variant, size_t I = 0>
constexpr size_t indexOf() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, Variant>, T>) {
    return I;
  } else {
    return indexOf<T, Variant, I + 1>();
  }
}

// Guest events come first in the Event variant, up to Activity; Tick and service results follow.
bool isGuestEvent(const Event& event) { return event.index() <= indexOf<ev::Activity, Event>(); }

}  // namespace

KioskSession::KioskSession(SessionConfig config, std::function<std::string()> make_external_id)
    : config_(std::move(config)), make_external_id_(std::move(make_external_id)) {
  state_.lang = config_.default_language;
}

std::vector<Command> KioskSession::handle(const Event& event, TimeMs now) {
  session_detail::Step step{state_, config_, transitions_, next_request_id_, orders_started_,
                            make_external_id_, now, eventName(event), {}};
  if (isGuestEvent(event)) {
    // Any touch is presence: it restarts the idle timer and answers "Are you still there?".
    state_.last_activity_ms = now;
    state_.idle_prompt = false;
  }
  std::visit([&](const auto& e) { session_detail::apply(step, e); }, event);
  if (pending_config_ && state_.phase == Phase::Attract) {
    config_ = std::move(*pending_config_);
    pending_config_.reset();
    state_.lang = config_.default_language;
  }
  return std::move(step.commands);
}

void KioskSession::setConfig(SessionConfig config) {
  if (state_.phase == Phase::Attract) {
    config_ = std::move(config);
    pending_config_.reset();
  } else {
    pending_config_ = std::move(config);
  }
}

int KioskSession::idleCountdownSeconds(TimeMs now) const {
  if (!state_.idle_prompt) return 0;
  TimeMs left = state_.idle_prompt_since_ms + config_.idle_reset_after_ms - now;
  return left <= 0 ? 0 : static_cast<int>((left + 999) / 1000);
}

bool KioskSession::canPay() const {
  return !state_.cart.empty() && state_.validated_fresh() && !state_.cart.hasIssues() && state_.procart_reachable &&
         state_.validation.result->total > Money();
}

OrderDraft KioskSession::currentDraft() const { return session_detail::makeDraft(state_, config_); }

namespace session_detail {

void Step::enter(Phase to, const char* cause) {
  if (s.phase == to) return;
  const char* why = cause ? cause : event;
  // A kiosk runs for months: keep the recent past in memory (the log has all of it).
  if (transitions.size() >= kMaxTransitionsKept) {
    transitions.erase(transitions.begin(), transitions.begin() + kMaxTransitionsKept / 2);
  }
  transitions.push_back({now, s.phase, to, why, s.external_id});
  log::info("session", phaseName(s.phase), " -> ", phaseName(to), " on ", why,
            s.external_id.empty() ? "" : " order ", s.external_id);
  s.phase = to;
  s.phase_since_ms = now;
  // A new step starts a fresh idle period (a long payment must not leave the next screen about to time out).
  s.last_activity_ms = now;
  s.idle_prompt = false;
}

void Step::resetToAttract(const char* cause) {
  if ((s.phase == Phase::Tracking || s.phase == Phase::Done) && s.order) commands.push_back(cmd::StopTracking{});
  enter(Phase::Attract, cause);
  SessionState fresh;
  fresh.menu = std::move(s.menu);
  fresh.procart_reachable = s.procart_reachable;
  fresh.lang = config.default_language;
  fresh.phase = Phase::Attract;
  fresh.phase_since_ms = now;
  fresh.last_activity_ms = now;
  s = std::move(fresh);
}

void Step::showMessage(std::string_view key, Money amount, int line_index) {
  s.message = GuestMessage{std::string(key), amount, line_index};
}

void Step::cartChanged() {
  s.validation.last_cart_change_ms = now;
  if (s.menu) s.cart.recheck(*s.menu);
  if (s.upsell && s.upsell->kind == UpsellSuggestion::Kind::MakeCombo && !s.cart.find(s.upsell->cart_line_id)) {
    s.upsell.reset();
  }
}

bool Step::offerUpsellOnce() {
  if (!config.upsell_enabled || s.upsell_offered || s.cart.empty() || !s.menu) return false;
  s.upsell = suggestUpsell(s.cart, *s.menu, config.upsell_rules);
  if (!s.upsell) return false;  // nothing to suggest yet; a later moment may have something
  s.upsell_offered = true;
  return true;
}

void Step::issueValidate(bool final_for_payment) {
  // Every payment attempt gets its own external_id; background checks reuse a provisional one.
  if (final_for_payment || s.external_id.empty()) s.external_id = make_external_id();
  ValidationState& v = s.validation;
  v.request_id = next_request_id++;
  v.requested_revision = s.cart.revision();
  v.requested_at_ms = now;
  v.in_flight = true;
  v.requested_draft = makeDraft(s, config);
  if (!s.procart_reachable) v.retry_at_ms = now + config.validate_retry_ms;  // probing: not more often than this
  commands.push_back(cmd::Validate{v.request_id, v.requested_draft});
  log::debug("session", "validate #", v.request_id, " revision ", v.requested_revision,
             final_for_payment ? " (final)" : " (background)", " order ", s.external_id);
  if (final_for_payment) enter(Phase::Validating);
}

std::string truncateUtf8(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && chars++ == max_chars) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

OrderDraft makeDraft(const SessionState& s, const SessionConfig& config) {
  OrderDraft draft;
  draft.external_id = s.external_id;
  bool eat_in = s.order_type == OrderType::EatIn;
  draft.category_id = eat_in ? config.eat_in_category_id : config.take_away_category_id;
  draft.table_code = config.table_code;
  draft.lines = s.cart.orderLines();

  std::string number = s.table_number.empty() ? std::to_string(s.order_number) : s.table_number;
  std::string short_comment = config.short_comment_template;
  for (auto [placeholder, value] : {std::pair<std::string, std::string>{"{number}", number},
                                    std::pair<std::string, std::string>{"{kiosk}", config.kiosk_id}}) {
    for (size_t at = short_comment.find(placeholder); at != std::string::npos;
         at = short_comment.find(placeholder, at + value.size())) {
      short_comment.replace(at, placeholder.size(), value);
    }
  }
  draft.short_comment = truncateUtf8(short_comment, 30);  // r_keeper's limit for the order list

  // The long comment is for staff (printed via print_info): always in Russian.
  draft.comment = "Киоск " + config.kiosk_id + ", заказ " + std::to_string(s.order_number) + ", " +
                  (eat_in ? "в зале" : "с собой");
  if (!s.table_number.empty()) draft.comment += ", стол/пейджер " + s.table_number;
  return draft;
}

}  // namespace session_detail
}  // namespace kiosk
