#pragma once
// The guest's screens, one file each. Every screen is a thin view: it reads the session state and the context
// and emits events; it keeps no order data of its own (only view details such as the combo step, in ViewState).
#include "kiosk/core/session.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

void drawAttract(const SessionState& state, UiContext& ctx);    // attract_screen.cpp
void drawMenu(const SessionState& state, UiContext& ctx);       // menu_screen.cpp
void drawDish(const SessionState& state, UiContext& ctx);       // dish_screen.cpp
void drawCombo(const SessionState& state, UiContext& ctx);      // combo_screen.cpp
void drawCart(const SessionState& state, UiContext& ctx);       // cart_screen.cpp
void drawCheckout(const SessionState& state, UiContext& ctx);   // checkout_screen.cpp
void drawPayment(const SessionState& state, UiContext& ctx);    // payment_screen.cpp (Validating, Paying, Posting)
void drawStatus(const SessionState& state, UiContext& ctx);     // status_screen.cpp (Tracking, Done)

// dish_screen.cpp: a dish's name, price, calories, tags and description at the cursor, `width` wide.
void drawDishHeader(UiContext& ctx, const Dish& dish, Money unit_price, float width);

// chrome.cpp: the bar on top of every screen but Attract — "Start over", language, accessibility. Returns its
// height. Also the quiet upper band shown in accessibility mode.
float drawTopBar(const SessionState& state, UiContext& ctx, bool offer_start_over);
void drawAccessibilityBand(const SessionState& state, UiContext& ctx);
// Language buttons and the accessibility button, right-aligned so they end at `right`, `height` tall.
void drawLanguageAndAccessibility(const SessionState& state, UiContext& ctx, float right, float y, float height);

// overlays.cpp: modal layers above the screen, in this order: "Start over?", the calm message, "Are you still
// there?". Each covers the widgets beneath it.
void drawOverlays(const SessionState& state, UiContext& ctx);

// A spinner (three arcs turning), for waits the guest cannot shorten.
void drawSpinner(UiContext& ctx, ImVec2 center, float radius);

}  // namespace kiosk::ui
