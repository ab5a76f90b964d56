#pragma once
// KioskSession: the whole guest-facing state of one kiosk in one value, changed only by named events.
// Events in (guest intents, service results, timer ticks), state out, plus commands for the runtime to carry
// out (validate, pay, track). Pure: no I/O, no clock of its own (time arrives with every event), no threads,
// so any flow can be replayed from a list of events.
//
//  Attract ─StartOrder→ Ordering{Menu ⇄ Dish ⇄ Cart} ─GoToCheckout→ Checkout ─ConfirmCheckout→ Validating
//     ↑                                                                     ↑ declined/cancelled      │ ok
//     │                                                                     └──────── Paying ←────────┘
//     │                                                                         │ approved
//     └── Done ←final status── Tracking ←OrderPosted── Posting ←────────────────┘
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/cart.h"
#include "kiosk/core/dish_builder.h"
#include "kiosk/core/lang.h"
#include "kiosk/core/menu_index.h"
#include "kiosk/core/order.h"
#include "kiosk/core/service_error.h"
#include "kiosk/core/upsell.h"

namespace kiosk {

using TimeMs = int64_t;  // monotonic milliseconds, supplied by the caller

enum class Phase { Attract, Ordering, Checkout, Validating, Paying, Posting, Tracking, Done };
enum class OrderingView { Menu, Dish, Cart };
enum class OrderType { EatIn, TakeAway };

const char* phaseName(Phase phase);  // "Attract", "Ordering", … (as in the code and the docs' diagram)
const char* orderingViewName(OrderingView view);

struct SessionConfig {
  TimeMs idle_prompt_after_ms = 45'000;   // no touch for this long → "Are you still there?"
  TimeMs idle_reset_after_ms = 25'000;    // then this long without an answer → clear the cart, Attract
  TimeMs done_reset_after_ms = 20'000;    // the order-number screen returns to Attract after this
  TimeMs tracking_max_ms = 90'000;        // Tracking gives up showing a status that never becomes final
  TimeMs validate_debounce_ms = 700;      // validate once the cart has been still this long
  TimeMs validate_retry_ms = 5'000;       // after a network failure
  TimeMs validate_timeout_ms = 20'000;    // Validating gives up on an answer that never comes (back to Checkout)
  bool upsell_enabled = true;
  std::vector<CategoryUpsellRule> upsell_rules;
  bool offer_eat_in = true;
  bool offer_take_away = true;
  bool ask_table_number = false;  // optional table / pager number at checkout
  std::string eat_in_category_id;
  std::string take_away_category_id;
  std::string table_code;
  // {number}: the table / pager number when given, else the kiosk's order counter; {kiosk}: kiosk_id.
  std::string short_comment_template = "Киоск №{number}";
  std::string kiosk_id = "K1";
  Lang default_language = Lang::Ru;
};

// ---- Events ------------------------------------------------------------------------------------
namespace ev {
// guest
struct StartOrder {};
struct SetLanguage { Lang lang; };
struct ToggleAccessibility {};
struct SelectCategory { std::string category_id; };
struct OpenDish { std::string dish_id; };
struct ToggleModifier { std::string component; std::string group_id; std::string modifier_id; };
struct SetModifierQuantity { std::string component; std::string group_id; std::string modifier_id; int quantity; };
struct ChooseComboItem { std::string group_id; std::string dish_id; };
struct SetDishQuantity { int quantity; };
struct AddToCart {};   // adds (or, when editing, replaces) the builder's line
struct CloseDish {};   // back to the menu (or the cart, when editing) without changes
struct OpenCart {};
struct BackToMenu {};
struct ChangeLineQuantity { uint64_t line_id; int delta; };
struct RemoveLine { uint64_t line_id; };
struct EditLine { uint64_t line_id; };
struct ClearCart {};
struct AcceptUpsell {};
struct DismissUpsell {};
struct GoToCheckout {};
struct SetOrderType { OrderType type; };
struct SetTableNumber { std::string number; };  // digits only, may be empty
struct ConfirmCheckout {};  // "Pay": validate now, then pay the validated total
struct CancelPayment {};    // honoured only while the terminal allows it (payment.cancellable)
struct DismissMessage {};
struct StillHere {};        // answers "Are you still there?"
struct CancelOrder {};      // the guest gives up: clear everything, Attract
struct FinishOrder {};      // "New order" on the Tracking/Done screen: Attract now
struct Activity {};         // any touch; resets the idle timer
struct Tick {};             // time passes (drives debounce and timeouts)
// services
struct MenuLoaded { std::shared_ptr<const MenuIndex> menu; bool from_cache = false; };
struct ProcartReachable { bool reachable; };
struct ValidateSucceeded { uint64_t request_id; ValidationResult result; };
struct ValidateFailed { uint64_t request_id; ServiceError error; };
struct PaymentProgress { std::string message_key; std::string terminal_text; bool cancellable; };
struct PaymentApproved { CardTransaction transaction; Money amount; };
struct PaymentDeclined { std::string code; std::string terminal_text; };
struct PaymentCancelled {};
struct PaymentFailed { std::string message_key; };  // unknown outcome (treated as unpaid), terminal unavailable
struct OrderPosted { PostedOrder order; };
// The payment was approved but the order could not be created. reversed: the payment was undone already;
// otherwise the journal keeps retrying the reversal and staff see it.
struct OrderPostFailed { bool reversed; Money amount; std::string message_key; };
struct OrderStatusChanged { std::string guid; OrderStatus status; };
}  // namespace ev

using Event = std::variant<ev::StartOrder, ev::SetLanguage, ev::ToggleAccessibility, ev::SelectCategory, ev::OpenDish,
                           ev::ToggleModifier, ev::SetModifierQuantity, ev::ChooseComboItem, ev::SetDishQuantity,
                           ev::AddToCart, ev::CloseDish, ev::OpenCart, ev::BackToMenu, ev::ChangeLineQuantity,
                           ev::RemoveLine, ev::EditLine, ev::ClearCart, ev::AcceptUpsell, ev::DismissUpsell,
                           ev::GoToCheckout, ev::SetOrderType, ev::SetTableNumber, ev::ConfirmCheckout,
                           ev::CancelPayment, ev::DismissMessage, ev::StillHere, ev::CancelOrder, ev::FinishOrder,
                           ev::Activity, ev::Tick, ev::MenuLoaded, ev::ProcartReachable, ev::ValidateSucceeded,
                           ev::ValidateFailed, ev::PaymentProgress, ev::PaymentApproved, ev::PaymentDeclined,
                           ev::PaymentCancelled, ev::PaymentFailed, ev::OrderPosted, ev::OrderPostFailed,
                           ev::OrderStatusChanged>;

const char* eventName(const Event& event);  // "StartOrder", …

// ---- Commands (for the runtime) -------------------------------------------------------------------
namespace cmd {
struct Validate { uint64_t request_id; OrderDraft draft; };
// Take payment for exactly `amount` (the fresh validated total of `draft`), then post `draft` with it.
struct Pay { OrderDraft draft; Money amount; };
struct CancelPayment {};
struct TrackOrder { std::string guid; std::string external_id; };
struct StopTracking {};
}  // namespace cmd
using Command = std::variant<cmd::Validate, cmd::Pay, cmd::CancelPayment, cmd::TrackOrder, cmd::StopTracking>;

// ---- State ---------------------------------------------------------------------------------------
struct ValidationState {
  uint64_t request_id = 0;          // of the request in flight or last answered
  uint64_t requested_revision = 0;  // cart revision that request carried
  bool in_flight = false;
  std::optional<ValidationResult> result;
  uint64_t result_revision = 0;  // cart revision `result` belongs to
  std::optional<ServiceError> error;
  TimeMs last_cart_change_ms = 0;
  TimeMs requested_at_ms = 0;  // when the request in flight was issued
  TimeMs retry_at_ms = 0;      // after a failure (or while ProCart is unreachable): no new request before this
  OrderDraft requested_draft;  // what that request carried; cmd::Pay takes exactly this draft
};

struct PaymentState {
  Money amount;
  std::string message_key;    // "payment.follow_terminal", "payment.enter_pin", …
  std::string terminal_text;  // raw prompt from the terminal, when the protocol gives one
  bool cancellable = false;
  std::optional<CardTransaction> transaction;  // set once approved
};

// A calm message for the guest (modal or banner). key is an i18n key; amount is shown when non-zero.
struct GuestMessage {
  std::string key;
  Money amount;
  int line_index = -1;  // validation: which cart line is concerned
};

struct SessionState {
  Phase phase = Phase::Attract;
  OrderingView view = OrderingView::Menu;
  Lang lang = Lang::Ru;
  bool accessibility = false;

  std::shared_ptr<const MenuIndex> menu;  // null until a menu (cache or network) arrives
  bool procart_reachable = false;
  bool ordering_paused() const { return !procart_reachable; }  // browse from cache, no checkout

  std::string category_id;                // selected in the rail
  std::optional<DishBuilder> builder;     // open in the Dish view
  std::optional<uint64_t> editing_line;   // the builder edits this cart line
  Cart cart;
  ValidationState validation;
  bool validated_fresh() const {
    return validation.result && validation.result_revision == cart.revision() && !validation.in_flight;
  }

  std::optional<UpsellSuggestion> upsell;  // shown now
  bool upsell_offered = false;             // once per order

  OrderType order_type = OrderType::TakeAway;
  std::string table_number;

  std::string external_id;  // of the current order attempt (set at ConfirmCheckout; provisional before)
  PaymentState payment;
  std::optional<PostedOrder> order;  // set once posted; status updated by OrderStatusChanged
  uint64_t order_number = 0;         // the kiosk's order counter (since start), set at StartOrder

  // In Done without `order`: the payment went through but posting failed (message says so, with the amount).
  std::optional<GuestMessage> message;
  bool idle_prompt = false;  // "Are you still there?" is showing
  TimeMs idle_prompt_since_ms = 0;
  TimeMs last_activity_ms = 0;
  TimeMs phase_since_ms = 0;
};

// One line per transition, for the log (the runtime prints them; tests read them).
struct Transition {
  TimeMs at_ms;
  Phase from;
  Phase to;
  std::string event;
  std::string external_id;
};

class KioskSession {
 public:
  // `make_external_id` gives a new unique id per order attempt (the runtime: kiosk id + time + random).
  KioskSession(SessionConfig config, std::function<std::string()> make_external_id);

  // Applies one event at time `now`; returns the commands it causes (often none).
  std::vector<Command> handle(const Event& event, TimeMs now);

  const SessionState& state() const { return state_; }
  const SessionConfig& config() const { return config_; }
  void setConfig(SessionConfig config);  // staff changed settings; takes effect in Attract (from the next order)

  // Seconds left on the "Are you still there?" countdown (0 when not showing).
  int idleCountdownSeconds(TimeMs now) const;
  // True when the guest may press "Pay": a fresh validated total, no flagged lines, ProCart reachable.
  bool canPay() const;
  // The order draft for the cart as it is now (lines, category for the order type, table, comments).
  OrderDraft currentDraft() const;

  // Oldest first. The oldest half is dropped once kMaxTransitionsKept is reached (every one is also logged).
  const std::vector<Transition>& transitions() const { return transitions_; }
  static constexpr size_t kMaxTransitionsKept = 2000;

 private:
  SessionConfig config_;
  std::function<std::string()> make_external_id_;
  SessionState state_;
  std::vector<Transition> transitions_;
  uint64_t next_request_id_ = 1;
  uint64_t orders_started_ = 0;
  std::optional<SessionConfig> pending_config_;  // applied on the way back to Attract
};

}  // namespace kiosk
