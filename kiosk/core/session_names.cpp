#include <array>

#include "kiosk/core/session.h"

namespace kiosk {

const char* phaseName(Phase phase) {
  switch (phase) {
    case Phase::Attract: return "Attract";
    case Phase::Ordering: return "Ordering";
    case Phase::Checkout: return "Checkout";
    case Phase::Validating: return "Validating";
    case Phase::Paying: return "Paying";
    case Phase::Posting: return "Posting";
    case Phase::Tracking: return "Tracking";
    case Phase::Done: return "Done";
  }
  return "?";
}

const char* orderingViewName(OrderingView view) {
  switch (view) {
    case OrderingView::Menu: return "Menu";
    case OrderingView::Dish: return "Dish";
    case OrderingView::Cart: return "Cart";
  }
  return "?";
}

namespace {
// In the order of the Event variant's alternatives.
constexpr std::array kEventNames = {
    "StartOrder",       "SetLanguage",      "ToggleAccessibility", "SelectCategory",    "OpenDish",
    "ToggleModifier",   "SetModifierQuantity", "ChooseComboItem",  "SetDishQuantity",   "AddToCart",
    "CloseDish",        "OpenCart",         "BackToMenu",          "ChangeLineQuantity", "RemoveLine",
    "EditLine",         "ClearCart",        "AcceptUpsell",        "DismissUpsell",     "GoToCheckout",
    "SetOrderType",     "SetTableNumber",   "ConfirmCheckout",     "CancelPayment",     "DismissMessage",
    "StillHere",        "CancelOrder",      "FinishOrder",         "Activity",          "Tick",
    "MenuLoaded",       "ProcartReachable", "ValidateSucceeded",   "ValidateFailed",    "PaymentProgress",
    "PaymentApproved",  "PaymentDeclined",  "PaymentCancelled",    "PaymentFailed",     "OrderPosted",
    "OrderPostFailed",  "OrderStatusChanged",
};
static_assert(kEventNames.size() == std::variant_size_v<Event>, "one name per event");
}  // namespace

const char* eventName(const Event& event) { return kEventNames.at(event.index()); }

}  // namespace kiosk
