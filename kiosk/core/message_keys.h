#pragma once
// Every guest-facing message key the core emits (GuestMessage::key, UpsellSuggestion::message_key,
// PaymentState::message_key). Both assets/i18n/ru.json and en.json must hold each of them; the UI's test can
// iterate kAllMessageKeys. Keys that arrive from services (ServiceError::message_key, PaymentProgress,
// PaymentFailed, OrderPostFailed) are passed through as given and are the emitting service's to list.
#include <array>
#include <string_view>

namespace kiosk::msg {

// Ordering
inline constexpr std::string_view kMenuLoading = "menu.loading";          // No menu yet; please wait a moment.
inline constexpr std::string_view kDishGone = "menu.dish_gone";           // The dish you were choosing is no longer available.
inline constexpr std::string_view kCartMenuChanged = "cart.menu_changed";  // The menu changed: some items in your cart are no longer available.
inline constexpr std::string_view kCartFixLines = "cart.fix_lines";       // Please change or remove the marked items before paying.
inline constexpr std::string_view kCartStockLimit = "cart.stock_limit";   // Sorry, there is no more of this item left.
// ProCart reachability
inline constexpr std::string_view kOrderingPaused = "error.ordering_paused";        // Ordering is paused for a moment; you can keep browsing.
inline constexpr std::string_view kProcartUnreachable = "error.procart_unreachable";  // Connection problem; we are retrying, your cart is kept.
// Validation (the POS refused the order; line_index names the cart line)
inline constexpr std::string_view kLineUnavailable = "validate.line_unavailable";  // This item has just run out.
inline constexpr std::string_view kLineStockShort = "validate.line_stock_short";   // Not enough of this item left; reduce the quantity.
inline constexpr std::string_view kLineChoices = "validate.line_choices";          // The choices for this item need changing.
inline constexpr std::string_view kLineOutdated = "validate.line_outdated";        // This item or one of its choices is no longer on the menu.
inline constexpr std::string_view kRejected = "validate.rejected";                 // The order could not be accepted; please check your cart.
inline constexpr std::string_view kZeroTotal = "validate.zero_total";              // Nothing to pay: the total is zero (staff will help).
// Payment
inline constexpr std::string_view kFollowTerminal = "payment.follow_terminal";  // Please follow the instructions on the card terminal.
inline constexpr std::string_view kPaymentDeclined = "payment.declined";        // The payment was declined. Try again or use another card.
inline constexpr std::string_view kPaymentCancelled = "payment.cancelled";      // The payment was cancelled.
inline constexpr std::string_view kPaymentFailed = "payment.failed";            // The payment did not go through; you were not charged.
// After payment
inline constexpr std::string_view kPostFailedRefunded = "order.post_failed_refunded";  // We could not place your order; {amount} was returned to your card.
inline constexpr std::string_view kPostFailedStaff = "order.post_failed_staff";        // We could not place your order; staff will return {amount}. Please keep your slip.
inline constexpr std::string_view kOrderDeleted = "order.deleted";                     // Your order was cancelled by staff; please ask at the counter.
// Upsell prompts
inline constexpr std::string_view kUpsellAddDrink = "upsell.add_drink";    // Add a drink? (default CategoryUpsellRule prompt)
inline constexpr std::string_view kUpsellMakeCombo = "upsell.make_combo";  // Make it a combo?

inline constexpr std::array kAllMessageKeys = {
    kMenuLoading,     kDishGone,       kCartMenuChanged,  kCartFixLines,     kCartStockLimit,
    kOrderingPaused,  kProcartUnreachable, kLineUnavailable, kLineStockShort, kLineChoices,
    kLineOutdated,    kRejected,       kZeroTotal,        kFollowTerminal,   kPaymentDeclined,
    kPaymentCancelled, kPaymentFailed, kPostFailedRefunded, kPostFailedStaff, kOrderDeleted,
    kUpsellAddDrink,  kUpsellMakeCombo,
};

}  // namespace kiosk::msg
