#pragma once
// Internal to KioskSession (not for other components): the context one event is handled in, and the handler
// for each event. Handlers live by topic in session_ordering.cpp, session_checkout.cpp and session_timers.cpp.
#include <functional>
#include <string_view>
#include <vector>

#include "kiosk/core/session.h"

namespace kiosk::session_detail {

inline constexpr size_t kMaxTransitionsKept = KioskSession::kMaxTransitionsKept;

struct Step {
  SessionState& s;
  const SessionConfig& config;
  std::vector<Transition>& transitions;
  uint64_t& next_request_id;
  uint64_t& orders_started;
  const std::function<std::string()>& make_external_id;
  TimeMs now;
  const char* event;  // the name of the event being handled, for transitions and the log
  std::vector<Command> commands;

  // Moves to `to` (no-op when already there), recording and logging the transition with the order's external_id.
  void enter(Phase to, const char* cause = nullptr);
  // Back to Attract: everything of the order is forgotten (menu, reachability and the order counter stay).
  void resetToAttract(const char* cause);
  void showMessage(std::string_view key, Money amount = {}, int line_index = -1);
  // After any change of the cart's content: re-checks it against the menu and restarts the validate debounce.
  void cartChanged();
  // Shows the upsell when it is due (once per order); true when it was shown now.
  bool offerUpsellOnce();
  // Issues cmd::Validate for the cart as it is now. `final_for_payment`: a new external_id, then Validating.
  void issueValidate(bool final_for_payment);
  bool guestInOrdering() const { return s.phase == Phase::Ordering; }
};

// The order draft for the state as it is (lines, category for the order type, table, comments).
OrderDraft makeDraft(const SessionState& s, const SessionConfig& config);
// Cuts UTF-8 text to at most `max_chars` code points without splitting one.
std::string truncateUtf8(std::string_view text, size_t max_chars);

// ordering: menu, dish, cart, upsell
void apply(Step&, const ev::StartOrder&);
void apply(Step&, const ev::SetLanguage&);
void apply(Step&, const ev::ToggleAccessibility&);
void apply(Step&, const ev::SelectCategory&);
void apply(Step&, const ev::OpenDish&);
void apply(Step&, const ev::ToggleModifier&);
void apply(Step&, const ev::SetModifierQuantity&);
void apply(Step&, const ev::ChooseComboItem&);
void apply(Step&, const ev::SetDishQuantity&);
void apply(Step&, const ev::AddToCart&);
void apply(Step&, const ev::CloseDish&);
void apply(Step&, const ev::OpenCart&);
void apply(Step&, const ev::BackToMenu&);
void apply(Step&, const ev::ChangeLineQuantity&);
void apply(Step&, const ev::RemoveLine&);
void apply(Step&, const ev::EditLine&);
void apply(Step&, const ev::ClearCart&);
void apply(Step&, const ev::AcceptUpsell&);
void apply(Step&, const ev::DismissUpsell&);
void apply(Step&, const ev::MenuLoaded&);
// checkout, validation, payment, posting, tracking
void apply(Step&, const ev::GoToCheckout&);
void apply(Step&, const ev::SetOrderType&);
void apply(Step&, const ev::SetTableNumber&);
void apply(Step&, const ev::ConfirmCheckout&);
void apply(Step&, const ev::CancelPayment&);
void apply(Step&, const ev::DismissMessage&);
void apply(Step&, const ev::CancelOrder&);
void apply(Step&, const ev::FinishOrder&);
void apply(Step&, const ev::ProcartReachable&);
void apply(Step&, const ev::ValidateSucceeded&);
void apply(Step&, const ev::ValidateFailed&);
void apply(Step&, const ev::PaymentProgress&);
void apply(Step&, const ev::PaymentApproved&);
void apply(Step&, const ev::PaymentDeclined&);
void apply(Step&, const ev::PaymentCancelled&);
void apply(Step&, const ev::PaymentFailed&);
void apply(Step&, const ev::OrderPosted&);
void apply(Step&, const ev::OrderPostFailed&);
void apply(Step&, const ev::OrderStatusChanged&);
// timers and presence
void apply(Step&, const ev::StillHere&);
void apply(Step&, const ev::Activity&);
void apply(Step&, const ev::Tick&);

}  // namespace kiosk::session_detail
