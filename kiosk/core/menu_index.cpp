#include "kiosk/core/menu_index.h"

#include <algorithm>

#include "kiosk/core/menu_checks.h"

namespace kiosk {
namespace {

const std::vector<const Dish*> kNoDishes;

// Search folds case and treats ё as е: guests rarely type the dots.
void appendSearchKey(std::string& out, std::string_view text) {
  size_t start = out.size();
  out += foldCase(text);
  for (size_t i = start; i + 1 < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xD1 && static_cast<unsigned char>(out[i + 1]) == 0x91) {
      out[i] = static_cast<char>(0xD0);  // ё (D1 91) → е (D0 B5), same length
      out[i + 1] = static_cast<char>(0xB5);
    }
  }
}

std::string searchKey(std::string_view text) {
  std::string out;
  appendSearchKey(out, text);
  return out;
}

}  // namespace

// Refuses the broken pieces (menu_checks.h, noting each in problems_) and builds the lookups over what is left.
class MenuIndexBuilder {
 public:
  explicit MenuIndexBuilder(MenuIndex& index) : index_(index), menu_(index.menu_), problems_(index.problems_) {}

  void run() {
    problems_ = refuseBrokenParts(menu_);
    indexById();
    indexDishes();
    markVisibleCategories();
  }

 private:
  void problem(std::string text) { problems_.push_back(std::move(text)); }

  // Ids are unique by now (refuseBrokenParts), so every emplace succeeds.
  void indexById() {
    auto positions = [](const auto& entries, std::unordered_map<std::string, size_t>& out) {
      out.reserve(entries.size());
      for (size_t i = 0; i < entries.size(); ++i) out.emplace(entries[i].id, i);
    };
    positions(menu_.categories, index_.category_by_id_);
    positions(menu_.modifier_schemes, index_.modifier_scheme_by_id_);
    positions(menu_.combo_schemes, index_.combo_scheme_by_id_);
    positions(menu_.dishes, index_.dish_by_id_);
  }

  void indexDishes() {
    index_.dish_by_code_.reserve(menu_.dishes.size());
    index_.search_keys_.reserve(menu_.dishes.size());
    for (size_t i = 0; i < menu_.dishes.size(); ++i) {
      const Dish& dish = menu_.dishes[i];
      if (!dish.code.empty() && !index_.dish_by_code_.emplace(dish.code, i).second) {
        problem("dish " + dish.id + " repeats code " + dish.code + "; lookup by code finds the first");
      }
      index_.dishes_by_category_[dish.category_id].push_back(&dish);
      std::string key;
      key.reserve(dish.name.ru.size() + dish.name.en.size() + 1);
      appendSearchKey(key, dish.name.ru);
      key += '\n';
      appendSearchKey(key, dish.name.en);
      index_.search_keys_.emplace_back(std::move(key), &dish);
    }
    for (const Dish& dish : menu_.dishes) {
      if (dish.combo_scheme_id.empty()) continue;
      const ComboScheme& scheme = menu_.combo_schemes[index_.combo_scheme_by_id_.at(dish.combo_scheme_id)];
      for (const ComboGroup& group : scheme.groups) {
        for (const ComboItem& item : group.items) {
          std::vector<const Dish*>& combos = index_.combos_by_component_[item.dish_id];
          if (combos.empty() || combos.back() != &dish) combos.push_back(&dish);
        }
      }
    }
  }

  // A category is visible when an orderable dish sits in it or anywhere beneath it. Parents are acyclic by now.
  void markVisibleCategories() {
    for (const Category& category : menu_.categories) index_.category_visible_[category.id] = false;
    for (const Dish& dish : menu_.dishes) {
      if (!dish.stock.orderable()) continue;
      std::string id = dish.category_id;
      while (!id.empty()) {
        bool& visible = index_.category_visible_[id];
        if (visible) break;
        visible = true;
        id = menu_.categories[index_.category_by_id_.at(id)].parent_id;
      }
    }
  }

  MenuIndex& index_;
  Menu& menu_;
  std::vector<std::string>& problems_;
};

std::shared_ptr<const MenuIndex> MenuIndex::build(Menu menu) {
  std::shared_ptr<MenuIndex> index(new MenuIndex());
  index->menu_ = std::move(menu);
  MenuIndexBuilder(*index).run();
  return index;
}

const Dish* MenuIndex::dish(std::string_view id) const {
  auto it = dish_by_id_.find(std::string(id));
  return it == dish_by_id_.end() ? nullptr : &menu_.dishes[it->second];
}

const Dish* MenuIndex::dishByCode(std::string_view code) const {
  auto it = dish_by_code_.find(std::string(code));
  return it == dish_by_code_.end() ? nullptr : &menu_.dishes[it->second];
}

const Category* MenuIndex::category(std::string_view id) const {
  auto it = category_by_id_.find(std::string(id));
  return it == category_by_id_.end() ? nullptr : &menu_.categories[it->second];
}

const ModifierScheme* MenuIndex::modifierScheme(std::string_view id) const {
  auto it = modifier_scheme_by_id_.find(std::string(id));
  return it == modifier_scheme_by_id_.end() ? nullptr : &menu_.modifier_schemes[it->second];
}

const ComboScheme* MenuIndex::comboScheme(std::string_view id) const {
  auto it = combo_scheme_by_id_.find(std::string(id));
  return it == combo_scheme_by_id_.end() ? nullptr : &menu_.combo_schemes[it->second];
}

const ModifierGroup* MenuIndex::modifierGroup(const ModifierScheme& scheme, std::string_view group_id) const {
  for (const ModifierGroup& group : scheme.groups) {
    if (group.id == group_id) return &group;
  }
  return nullptr;
}

const Modifier* MenuIndex::modifier(const ModifierGroup& group, std::string_view modifier_id) const {
  for (const Modifier& modifier : group.modifiers) {
    if (modifier.id == modifier_id) return &modifier;
  }
  return nullptr;
}

std::vector<const Category*> MenuIndex::visibleCategories(std::string_view parent_id) const {
  std::vector<const Category*> out;
  for (const Category& category : menu_.categories) {
    if (category.parent_id != parent_id) continue;
    auto it = category_visible_.find(category.id);
    if (it != category_visible_.end() && it->second) out.push_back(&category);
  }
  std::stable_sort(out.begin(), out.end(), [](const Category* a, const Category* b) {
    if (a->sort != b->sort) return a->sort < b->sort;
    return a->name.ru < b->name.ru;
  });
  return out;
}

const std::vector<const Dish*>& MenuIndex::dishesIn(std::string_view category_id) const {
  auto it = dishes_by_category_.find(std::string(category_id));
  return it == dishes_by_category_.end() ? kNoDishes : it->second;
}

std::vector<const Dish*> MenuIndex::search(std::string_view query, size_t limit) const {
  std::vector<const Dish*> out;
  while (!query.empty() && query.front() == ' ') query.remove_prefix(1);
  while (!query.empty() && query.back() == ' ') query.remove_suffix(1);
  if (query.empty() || limit == 0) return out;
  std::string needle = searchKey(query);
  if (needle.find('\n') != std::string::npos) return out;  // would match across the ru/en boundary
  for (const auto& [key, dish] : search_keys_) {
    if (key.find(needle) != std::string::npos) {
      out.push_back(dish);
      if (out.size() >= limit) break;
    }
  }
  return out;
}

std::vector<const Dish*> MenuIndex::combosContaining(std::string_view dish_id) const {
  auto it = combos_by_component_.find(std::string(dish_id));
  return it == combos_by_component_.end() ? std::vector<const Dish*>{} : it->second;
}

std::vector<const Dish*> MenuIndex::stopList() const {
  std::vector<const Dish*> out;
  for (const Dish& dish : menu_.dishes) {
    if (dish.stock.kind != StockKind::Unlimited) out.push_back(&dish);
  }
  return out;
}

}  // namespace kiosk
