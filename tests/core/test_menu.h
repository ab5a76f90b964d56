#pragma once
// A small restaurant menu built in C++ for the core tests (no wire codec involved).
//
//  combos (sort 0): combo "Комбо Чизбургер" 349 ₽ = main {burger} + side {fries*, wedges +20} +
//                   drink {cola*, juice (stop-list), lemonade +30 (ice: required radio)}
//                   duo 299 ₽ = pick two of {burger, fries, wedges}, no default
//  burgers (1):     burger 189 ₽ (bun: required, one choice → pre-selected; sauce: required radio ketchup/mayo;
//                   extras: max 3, cheese 30 ₽ ×2 max, bacon 50 ₽), fries 99 ₽, wedges 119 ₽
//  drinks (2):      tea 80 ₽; child "cold" (1): cola 120 ₽ (limited: 5 left), juice (stop-list), lemonade 140 ₽
//  salads (3):      salad "Салат со свёклой" 150 ₽ (in no combo)
//  empty (4):       nothing → hidden;  stopped (5): "old" (stop-list only) → hidden
#include <memory>

#include "kiosk/core/menu.h"
#include "kiosk/core/menu_index.h"

namespace kiosk::test {

Menu testMenu();
std::shared_ptr<const MenuIndex> testIndex();
// The test menu with one change applied to a copy of it.
template <class Change>
std::shared_ptr<const MenuIndex> testIndexWith(Change change) {
  Menu menu = testMenu();
  change(menu);
  return MenuIndex::build(std::move(menu));
}
Dish* findDish(Menu& menu, const std::string& id);

}  // namespace kiosk::test
