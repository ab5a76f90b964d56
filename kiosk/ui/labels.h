#pragma once
// Which i18n key names a domain value for the guest: order status in words, a cart line's problem, a dish tag,
// why a dish cannot be added yet.
#include <string>
#include <string_view>

#include "kiosk/core/cart.h"
#include "kiosk/core/dish_builder.h"
#include "kiosk/core/order.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

// "status.accepted", "status.preparing", "status.ready", "status.cancelled".
std::string_view orderStatusKey(OrderStatus status);
// 0: accepted, 1: being prepared, 2: ready; -1: cancelled.
int orderStatusStep(OrderStatus status);
// "" for LineIssue::None.
std::string_view lineIssueKey(LineIssue issue);
// The tag's text ("spicy" → "Острое"), or the tag itself when there is no string for it.
std::string tagText(UiContext& ctx, const std::string& tag);
// "Choose 1 more: Sauce", "Sold out: Juice", "Only 3 left".
std::string problemText(UiContext& ctx, const DishBuilder& builder, const BuilderProblem& problem);
// What a cart line holds besides its dish, for the guest: "Ketchup, Cheese ×2" or, for a combo,
// "Fries, Lemonade (Ice)". Entries the menu no longer knows are left out.
std::string lineDetails(UiContext& ctx, const MenuIndex& menu, const OrderLine& line);

// The hint beside a modifier group's name: "Required", "Choose 2 more", "Up to 3", "✓".
std::string groupHint(UiContext& ctx, const GroupStatus& status);

}  // namespace kiosk::ui
