#include "kiosk/sim/sim_menu.h"

namespace procart_sim {
namespace {

template <class T>
const T* lookup(const std::map<std::string, size_t>& at, const std::vector<T>& items, const std::string& id) {
  auto it = at.find(id);
  return it == at.end() ? nullptr : &items[it->second];
}

}  // namespace

const SimDish* SimMenu::dish(const std::string& id) const { return lookup(dish_at_, dishes, id); }
const SimModifierScheme* SimMenu::modifierScheme(const std::string& id) const {
  return lookup(modifier_scheme_at_, modifier_schemes, id);
}
const SimComboScheme* SimMenu::comboScheme(const std::string& id) const {
  return lookup(combo_scheme_at_, combo_schemes, id);
}

void SimMenu::index() {
  dish_at_.clear();
  modifier_scheme_at_.clear();
  combo_scheme_at_.clear();
  for (size_t i = 0; i < dishes.size(); ++i) dish_at_.emplace(dishes[i].id, i);
  for (size_t i = 0; i < modifier_schemes.size(); ++i) modifier_scheme_at_.emplace(modifier_schemes[i].id, i);
  for (size_t i = 0; i < combo_schemes.size(); ++i) combo_scheme_at_.emplace(combo_schemes[i].id, i);
}

std::optional<int64_t> stockLeft(const SimDish& dish, const std::map<std::string, int64_t>& used) {
  if (dish.stock == StockType::Unlimited) return std::nullopt;
  if (dish.stock == StockType::Prohibited) return 0;
  auto it = used.find(dish.id);
  int64_t left = dish.stock_quantity - (it == used.end() ? 0 : it->second);
  return left < 0 ? 0 : left;
}

}  // namespace procart_sim
