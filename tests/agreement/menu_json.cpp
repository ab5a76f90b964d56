#include "menu_json.h"

#include <stdexcept>

namespace agreement {
namespace {

using nlohmann::json;
using kiosk::Money;

std::string idOf(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  throw std::runtime_error(std::string("id field \"") + key + "\" is neither a string nor an integer");
}

std::string textOf(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Money moneyOf(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Money();
  std::optional<Money> value;
  if (it->is_string()) value = Money::parseDecimal(it->get<std::string>());
  if (it->is_number()) value = Money::fromDouble(it->get<double>());
  if (!value) throw std::runtime_error(std::string("bad amount in \"") + key + "\"");
  return *value;
}

int intOf(const json& object, const char* key, int fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

const json& listOf(const json& object, const char* key) {
  static const json empty = json::array();
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

}  // namespace

kiosk::Menu menuFromJson(const json& root) {
  kiosk::Menu menu;
  menu.version = textOf(root, "menu_version");
  for (const json& c : listOf(root, "categories")) {
    menu.categories.push_back({idOf(c, "id"), {textOf(c, "name"), textOf(c, "name_en")}, idOf(c, "parent_id"),
                               intOf(c, "sort", 0), textOf(c, "image")});
  }
  for (const json& d : listOf(root, "dishes")) {
    kiosk::Dish dish;
    dish.id = idOf(d, "id");
    dish.code = idOf(d, "code");
    dish.name = {textOf(d, "name"), textOf(d, "name_en")};
    dish.description = {textOf(d, "description"), textOf(d, "description_en")};
    dish.category_id = idOf(d, "category_id");
    dish.price = moneyOf(d, "price");
    dish.image = textOf(d, "image");
    if (d.contains("kcal") && d["kcal"].is_number_integer()) dish.kcal = d["kcal"].get<int>();
    for (const json& tag : listOf(d, "tags")) dish.tags.push_back(tag.get<std::string>());
    if (d.contains("stock") && d["stock"].is_object()) {
      std::string type = textOf(d["stock"], "type");
      if (type == "limited") dish.stock = {kiosk::StockKind::Limited, intOf(d["stock"], "quantity", 0)};
      if (type == "prohibited") dish.stock = {kiosk::StockKind::Prohibited, 0};
    }
    dish.modifier_scheme_id = idOf(d, "modifier_scheme_id");
    dish.combo_scheme_id = idOf(d, "combo_scheme_id");
    menu.dishes.push_back(std::move(dish));
  }
  for (const json& s : listOf(root, "modifier_schemes")) {
    kiosk::ModifierScheme scheme{idOf(s, "id"), {}};
    for (const json& g : listOf(s, "groups")) {
      kiosk::ModifierGroup group{idOf(g, "id"), {textOf(g, "name"), textOf(g, "name_en")}, intOf(g, "min", 0),
                                 intOf(g, "max", 1), {}};
      for (const json& m : listOf(g, "modifiers")) {
        group.modifiers.push_back(
            {idOf(m, "id"), {textOf(m, "name"), textOf(m, "name_en")}, moneyOf(m, "price"), intOf(m, "max_count", 1)});
      }
      scheme.groups.push_back(std::move(group));
    }
    menu.modifier_schemes.push_back(std::move(scheme));
  }
  for (const json& s : listOf(root, "combo_schemes")) {
    kiosk::ComboScheme scheme{idOf(s, "id"), {textOf(s, "name"), textOf(s, "name_en")}, {}};
    for (const json& g : listOf(s, "groups")) {
      kiosk::ComboGroup group{idOf(g, "id"), {textOf(g, "name"), textOf(g, "name_en")}, intOf(g, "min", 1),
                              intOf(g, "max", 1), idOf(g, "default_dish_id"), {}};
      for (const json& item : listOf(g, "items")) group.items.push_back({idOf(item, "dish_id"), moneyOf(item, "price_delta")});
      scheme.groups.push_back(std::move(group));
    }
    menu.combo_schemes.push_back(std::move(scheme));
  }
  return menu;
}

json menuToJson(const kiosk::Menu& menu) {
  json root = {{"categories", json::array()}, {"dishes", json::array()}, {"modifier_schemes", json::array()},
               {"combo_schemes", json::array()}};
  for (const auto& c : menu.categories) {
    root["categories"].push_back({{"id", c.id}, {"name", c.name.ru}, {"name_en", c.name.en}, {"parent_id", c.parent_id},
                                  {"sort", c.sort}, {"image", c.image}});
  }
  for (const auto& d : menu.dishes) {
    json stock = {{"type", "unlimited"}};
    if (d.stock.kind == kiosk::StockKind::Limited) stock = {{"type", "limited"}, {"quantity", d.stock.quantity}};
    if (d.stock.kind == kiosk::StockKind::Prohibited) stock = {{"type", "prohibited"}};
    root["dishes"].push_back({{"id", d.id}, {"code", d.code}, {"name", d.name.ru}, {"name_en", d.name.en},
                              {"description", d.description.ru}, {"description_en", d.description.en},
                              {"category_id", d.category_id}, {"price", d.price.toDecimal()}, {"image", d.image},
                              {"stock", stock}, {"modifier_scheme_id", d.modifier_scheme_id},
                              {"combo_scheme_id", d.combo_scheme_id}});
  }
  for (const auto& s : menu.modifier_schemes) {
    json groups = json::array();
    for (const auto& g : s.groups) {
      json modifiers = json::array();
      for (const auto& m : g.modifiers) {
        modifiers.push_back({{"id", m.id}, {"name", m.name.ru}, {"name_en", m.name.en}, {"price", m.price.toDecimal()},
                             {"max_count", m.max_count}});
      }
      groups.push_back({{"id", g.id}, {"name", g.name.ru}, {"name_en", g.name.en}, {"min", g.min}, {"max", g.max},
                        {"modifiers", modifiers}});
    }
    root["modifier_schemes"].push_back({{"id", s.id}, {"groups", groups}});
  }
  for (const auto& s : menu.combo_schemes) {
    json groups = json::array();
    for (const auto& g : s.groups) {
      json items = json::array();
      for (const auto& i : g.items) items.push_back({{"dish_id", i.dish_id}, {"price_delta", i.price_delta.toDecimal()}});
      groups.push_back({{"id", g.id}, {"name", g.name.ru}, {"name_en", g.name.en}, {"min", g.min}, {"max", g.max},
                        {"default_dish_id", g.default_dish_id}, {"items", items}});
    }
    root["combo_schemes"].push_back({{"id", s.id}, {"name", s.name.ru}, {"name_en", s.name.en}, {"groups", groups}});
  }
  return root;
}

}  // namespace agreement
