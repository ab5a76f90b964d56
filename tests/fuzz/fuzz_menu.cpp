// Fuzz target: the /getmenu answer → codec::parseMenu → MenuIndex::build → the lookups the screens use.
// Properties: nothing throws or crashes; an accepted menu indexes into a consistent view (every indexed dish has
// its category and schemes, every category's parent chain ends, every visible category can be reached).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>

#include "kiosk/core/menu_index.h"
#include "kiosk/procart/codec.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

void checkIndex(const kiosk::MenuIndex& index) {
  const kiosk::Menu& menu = index.menu();
  for (const kiosk::Dish& dish : menu.dishes) {
    FUZZ_CHECK(index.dish(dish.id) == &dish, "indexed dish " + dish.id + " not found by id");
    FUZZ_CHECK(index.category(dish.category_id) != nullptr, "dish " + dish.id + " kept with a missing category");
    if (!dish.modifier_scheme_id.empty()) {
      const kiosk::ModifierScheme* scheme = index.modifierScheme(dish.modifier_scheme_id);
      FUZZ_CHECK(scheme != nullptr, "dish " + dish.id + " kept with a missing modifier scheme");
      for (const kiosk::ModifierGroup& group : scheme->groups) {
        FUZZ_CHECK(index.modifierGroup(*scheme, group.id) != nullptr, "modifier group lookup failed");
        FUZZ_CHECK(group.min <= group.max, "modifier group with max below min");
      }
    }
    if (!dish.combo_scheme_id.empty()) {
      FUZZ_CHECK(index.comboScheme(dish.combo_scheme_id) != nullptr, "combo dish kept with a missing scheme");
      (void)index.combosContaining(dish.id);
    }
    (void)dish.stock.available();
  }
  // Every parent chain must end: the index promises to have cut cycles.
  for (const kiosk::Category& category : menu.categories) {
    std::string_view at = category.id;
    size_t steps = 0;
    while (!at.empty()) {
      const kiosk::Category* c = index.category(at);
      FUZZ_CHECK(c != nullptr, "category chain names a missing category");
      at = c->parent_id;
      FUZZ_CHECK(++steps <= menu.categories.size(), "category cycle survived indexing at " + category.id);
    }
    (void)index.dishesIn(category.id);
  }
  // Walk the visible tree the way the category screen does, from the top.
  std::unordered_set<std::string> seen;
  std::vector<std::string> todo = {""};
  while (!todo.empty()) {
    std::string parent = todo.back();
    todo.pop_back();
    for (const kiosk::Category* c : index.visibleCategories(parent)) {
      FUZZ_CHECK(seen.insert(c->id).second, "category " + c->id + " reached twice");
      todo.push_back(c->id);
    }
  }
  if (!menu.dishes.empty()) {
    const std::string& name = menu.dishes.front().name.ru;
    (void)index.search(name.substr(0, 4));
    (void)index.search(name);
  }
  (void)index.stopList();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kiosk_fuzz::quietLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = kiosk::procart::codec::parseMenu(body);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().detail.empty(), "a refused menu without a reason");
    return 0;
  }
  auto index = kiosk::MenuIndex::build(std::move(parsed->menu));
  checkIndex(*index);
  return 0;
}
