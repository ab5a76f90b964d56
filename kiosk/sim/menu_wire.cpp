#include "kiosk/sim/menu_wire.h"

namespace procart_sim {
namespace {

const char* stockName(StockType type) {
  switch (type) {
    case StockType::Limited:
      return "limited";
    case StockType::Prohibited:
      return "prohibited";
    case StockType::Unlimited:
      break;
  }
  return "unlimited";
}

json dishToWire(const SimDish& dish, const std::map<std::string, int64_t>& used) {
  json stock = {{"type", stockName(dish.stock)}};
  if (dish.stock == StockType::Limited) stock["quantity"] = *stockLeft(dish, used);
  json out = {{"id", dish.id},
              {"code", dish.code},
              {"name", dish.name},
              {"name_en", dish.name_en},
              {"description", dish.description},
              {"description_en", dish.description_en},
              {"category_id", dish.category_id},
              {"price", moneyText(dish.price)},
              {"image", dish.image},
              {"tags", dish.tags},
              {"stock", stock},
              {"modifier_scheme_id", dish.modifier_scheme_id},
              {"combo_scheme_id", dish.combo_scheme_id}};
  out["kcal"] = dish.kcal ? json(*dish.kcal) : json(nullptr);
  return out;
}

json modifierSchemeToWire(const SimModifierScheme& scheme) {
  json groups = json::array();
  for (const auto& group : scheme.groups) {
    json modifiers = json::array();
    for (const auto& m : group.modifiers) {
      modifiers.push_back({{"id", m.id},
                           {"name", m.name},
                           {"name_en", m.name_en},
                           {"price", moneyText(m.price)},
                           {"max_count", m.max_count}});
    }
    groups.push_back({{"id", group.id},
                      {"name", group.name},
                      {"name_en", group.name_en},
                      {"min", group.min},
                      {"max", group.max},
                      {"modifiers", modifiers}});
  }
  return {{"id", scheme.id}, {"groups", groups}};
}

json comboSchemeToWire(const SimComboScheme& scheme) {
  json groups = json::array();
  for (const auto& group : scheme.groups) {
    json items = json::array();
    for (const auto& item : group.items) {
      items.push_back({{"dish_id", item.dish_id}, {"price_delta", moneyText(item.price_delta)}});
    }
    groups.push_back({{"id", group.id},
                      {"name", group.name},
                      {"name_en", group.name_en},
                      {"min", group.min},
                      {"max", group.max},
                      {"default_dish_id", group.default_dish_id},
                      {"items", items}});
  }
  return {{"id", scheme.id}, {"name", scheme.name}, {"name_en", scheme.name_en}, {"groups", groups}};
}

}  // namespace

json menuToWire(const SimMenu& menu, const std::map<std::string, int64_t>& stock_used) {
  json categories = json::array();
  for (const auto& c : menu.categories) {
    categories.push_back({{"id", c.id},
                          {"name", c.name},
                          {"name_en", c.name_en},
                          {"parent_id", c.parent_id},
                          {"sort", c.sort},
                          {"image", c.image}});
  }
  json dishes = json::array();
  for (const auto& d : menu.dishes) dishes.push_back(dishToWire(d, stock_used));
  json modifier_schemes = json::array();
  for (const auto& s : menu.modifier_schemes) modifier_schemes.push_back(modifierSchemeToWire(s));
  json combo_schemes = json::array();
  for (const auto& s : menu.combo_schemes) combo_schemes.push_back(comboSchemeToWire(s));
  return {{"ok", true},       {"menu_version", menu.version},         {"categories", categories},
          {"dishes", dishes}, {"modifier_schemes", modifier_schemes}, {"combo_schemes", combo_schemes}};
}

}  // namespace procart_sim
