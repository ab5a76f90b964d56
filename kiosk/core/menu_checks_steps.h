#pragma once
// Internal to menu_checks*.cpp: the steps of refuseBrokenParts() and the helpers they share.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kiosk/core/menu.h"

namespace kiosk::menu_checks {

using Lines = std::vector<std::string>;
using IdSet = std::unordered_set<std::string>;

// Removes the elements whose flag is set, keeping the order; moves nothing when no flag is set.
template <class T>
void eraseFlagged(std::vector<T>& items, const std::vector<char>& flagged) {
  size_t kept = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (flagged[i]) continue;
    if (kept != i) items[kept] = std::move(items[i]);
    ++kept;
  }
  items.resize(kept);
}

// A price outside 0..kMaxMenuPrice: why, as "has a negative price -5.00"; empty when the price is fine.
std::string badPrice(Money price);

// What to do with a modifier or combo group, from its limits and `capacity` (how many it can give at most).
struct GroupVerdict {
  enum Kind { Usable, DropGroup, Unsatisfiable } kind = Usable;
  std::string why;  // "asks for at least 5 but allows at most 1"; empty when usable
};
// An optional group (min 0) that nobody can use is dropped alone; a required one that can never be satisfied makes
// its scheme unusable. `capacity_text` says what the group offers ("its modifiers allow 3 in all"), `nothing_text`
// what an empty optional group lacks ("offers no modifiers").
GroupVerdict judgeGroup(int min, int max, int64_t capacity, const std::string& capacity_text,
                        const char* nothing_text);

// ---- the steps, in the order refuseBrokenParts() runs them ------------------------------------------------------

// Drops categories without id and repeated ids; makes top-level those naming a missing parent, every member of a
// parent cycle, and those nested deeper than kMaxCategoryDepth.
void checkCategories(std::vector<Category>& categories, Lines& lines);

// Drops repeated scheme ids (the first stays) and, inside each scheme, repeated groups, refused modifiers and
// optional groups nobody can use. Returns the ids of the schemes with a required group that can never be satisfied.
IdSet checkModifierSchemes(std::vector<ModifierScheme>& schemes, Lines& lines);

// What needs no dish: repeated scheme ids, repeated groups, a dish offered twice in a group, deltas out of range.
void checkComboSchemes(std::vector<ComboScheme>& schemes, Lines& lines);

// Against the dishes left (dish id → the dish): drops choices naming a missing dish or a combo, clears defaults not
// offered, drops optional groups left empty. Returns the ids of the schemes that can never be satisfied.
IdSet checkComboChoices(std::vector<ComboScheme>& schemes,
                        const std::unordered_map<std::string_view, const Dish*>& dishes, Lines& lines);

}  // namespace kiosk::menu_checks
