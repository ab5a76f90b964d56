#pragma once
// A small restaurant menu built in C++ for the UI tests and the UI preview (no wire codec involved).
//
//  burgers (0):  burger 189 ₽ (sauce: required radio ketchup/mayo/bbq +15; extras: up to 3 — cheese +30 counter ×2,
//                bacon +50, jalapeño +20), spicy 229 ₽ (spicy, same choices), veggie 209 ₽ (vegetarian)
//  combos (1):   combo "Комбо Чизбургер" 349 ₽ = main {burger*, spicy +40} + side {fries*, wedges +20} +
//                drink {cola*, lemonade +30 (ice: required radio), juice (stop-list)}
//  sides (2):    fries 99 ₽, wedges 119 ₽
//  drinks (3):   tea 80 ₽; child "cold": cola 120 ₽ (limited: 3 left), juice (stop-list), lemonade 140 ₽
//  salads (4):   caesar 259 ₽ (long description), beet salad 150 ₽ (vegetarian)
//  desserts (5): ice cream 99 ₽, pie 89 ₽ (no picture)
// Every dish but the pie has an image reference: "images/<file>.png" of the demo menu's pictures where one fits.
#include <memory>
#include <string>

#include "kiosk/core/menu.h"
#include "kiosk/core/menu_index.h"
#include "kiosk/core/session.h"

namespace kiosk::uitest {

Menu uiTestMenu();
std::shared_ptr<const MenuIndex> uiTestIndex();
// A menu with `dishes` dishes spread over `categories` categories, every one with an image reference
// "big/<n>.png" (for the memory and frame-time measurements).
std::shared_ptr<const MenuIndex> bigMenuIndex(int dishes, int categories);

// Both order types, the "add a drink" rule (cold drinks unless the cart has a drink), default timers.
SessionConfig uiTestConfig();

// What a POS would answer for `draft` given the cart it came from: the local estimate per line, and a discount of
// `discount` on line 0 when non-zero.
ValidationResult localValidation(const Cart& cart, Money discount = {});

}  // namespace kiosk::uitest
