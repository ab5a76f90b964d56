#pragma once
// A read-only, indexed view of one Menu: built once off the UI thread, then shared immutably
// (std::shared_ptr<const MenuIndex>) and swapped in whole when a new menu arrives.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiosk/core/lang.h"
#include "kiosk/core/menu.h"

namespace kiosk {

class MenuIndex {
 public:
  // Builds the index. Broken input never throws: refuseBrokenParts() (menu_checks.h) first drops or detaches each
  // broken piece (a negative price, a dish naming a missing category or scheme, a combo holding itself, a category
  // cycle, a group nobody can satisfy…) with one line in problems(), and keeps everything else.
  static std::shared_ptr<const MenuIndex> build(Menu menu);

  const Menu& menu() const { return menu_; }
  const std::string& version() const { return menu_.version; }
  // One line per refused or repaired piece, for the log (the runtime writes them as warnings).
  const std::vector<std::string>& problems() const { return problems_; }

  const Dish* dish(std::string_view id) const;
  const Dish* dishByCode(std::string_view code) const;
  const Category* category(std::string_view id) const;
  const ModifierScheme* modifierScheme(std::string_view id) const;
  const ComboScheme* comboScheme(std::string_view id) const;
  const ModifierGroup* modifierGroup(const ModifierScheme& scheme, std::string_view group_id) const;
  const Modifier* modifier(const ModifierGroup& group, std::string_view modifier_id) const;

  // Top-level categories (or the children of `parent_id`) by sort order, then name; categories with no
  // visible dish anywhere beneath them are hidden.
  std::vector<const Category*> visibleCategories(std::string_view parent_id = {}) const;
  // Dishes of one category (not its children) in menu order, including out-of-stock ones (shown greyed).
  const std::vector<const Dish*>& dishesIn(std::string_view category_id) const;
  // Case-insensitive substring search over the Russian and English names (UTF-8, Cyrillic folded too).
  std::vector<const Dish*> search(std::string_view query, size_t limit = 50) const;
  // Dishes that are combos containing `dish_id` in one of their groups.
  std::vector<const Dish*> combosContaining(std::string_view dish_id) const;
  // Dishes on the stop-list or limited to zero, and dishes with a limited stock (for the staff screen).
  std::vector<const Dish*> stopList() const;

 private:
  MenuIndex() = default;
  Menu menu_;
  std::vector<std::string> problems_;
  std::unordered_map<std::string, size_t> dish_by_id_, dish_by_code_, category_by_id_, modifier_scheme_by_id_,
      combo_scheme_by_id_;
  std::unordered_map<std::string, std::vector<const Dish*>> dishes_by_category_;
  std::unordered_map<std::string, std::vector<const Dish*>> combos_by_component_;
  std::unordered_map<std::string, bool> category_visible_;
  std::vector<std::pair<std::string, const Dish*>> search_keys_;  // folded "ru\nen" name → dish
  friend class MenuIndexBuilder;
};

// Lower-cases ASCII and Cyrillic (А–Я, Ё) in UTF-8 text; other bytes are kept as they are.
std::string foldCase(std::string_view utf8);

}  // namespace kiosk
