#pragma once
// What a menu must satisfy before a guest sees it. A careless POS configuration can send a negative price, a combo
// that holds itself, a category cycle, a modifier group nobody can satisfy…: each broken piece is refused (dropped,
// or for categories made top-level) with one problem line naming its ids, and everything else is kept.
// MenuIndex::build runs this first; the index then relies on what it guarantees:
//   - category ids are unique; every parent exists; parent chains end, at most kMaxCategoryDepth levels down;
//   - scheme ids are unique per kind; group ids are unique per scheme, modifier ids per modifier scheme;
//   - every dish has an id of its own, an existing category, a price in 0..kMaxMenuPrice, and names schemes that
//     exist, are of the right kind and can be satisfied;
//   - every modifier costs 0..kMaxMenuPrice and may be taken at least once; every combo choice is a dish on the menu
//     that is not itself a combo, offered once in its group, with a delta within ±kMaxMenuPrice;
//   - every group can be satisfied (0 <= min <= max, min within what it offers); a scheme with a required group
//     that cannot be is removed with the dishes that use it; no combo can cost less than zero.
// Running it again on its own result finds nothing.
#include <string>
#include <vector>

#include "kiosk/core/menu.h"
#include "kiosk/core/money.h"

namespace kiosk {

// The most a dish or a modifier may cost, and the most a combo choice may add or take off. Far above any real dish,
// far enough below int64 that a line of 999 such dishes with their modifiers cannot overflow a sum.
inline constexpr Money kMaxMenuPrice = Money::rubles(1'000'000);

// How many levels below a top-level category the menu screen shows (top-level = 0).
inline constexpr int kMaxCategoryDepth = 8;

// Refuses the broken pieces of `menu` in place; returns one line per refused or repaired piece, in menu order
// within each kind (categories, schemes, dishes, combo choices, combos).
std::vector<std::string> refuseBrokenParts(Menu& menu);

}  // namespace kiosk
