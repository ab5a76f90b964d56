#include "kiosk/sim/menu_loader.h"

#include <cstdio>
#include <set>
#include <stdexcept>

#include "kiosk/common/atomic_file.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

// Thrown inside the loader only; carries the JSON path of the faulty field.
struct MenuError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw MenuError(where + ": " + what); }

const json& member(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) fail(where, std::string("missing \"") + key + "\"");
  return *it;
}

const json& arrayOf(const json& object, const char* key, const std::string& where, bool required = true) {
  static const json empty = json::array();
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) fail(where, std::string("missing \"") + key + "\"");
    return empty;
  }
  if (!it->is_array()) fail(where + "." + key, "must be an array");
  return *it;
}

std::string id(const json& object, const char* key, const std::string& where) {
  auto value = parseId(member(object, key, where));
  if (!value) fail(where + "." + key, "must be a non-empty string or an integer");
  return *value;
}

std::string optionalId(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty())) return "";
  auto value = parseId(*it);
  if (!value) fail(where + "." + key, "must be a string or an integer");
  return *value;
}

std::string text(const json& object, const char* key, const std::string& where) {
  auto value = optionalText(object, key);
  if (!value) fail(where + "." + key, "must be a string");
  return *value;
}

int64_t money(const json& object, const char* key, const std::string& where, bool required = true) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) fail(where, std::string("missing \"") + key + "\"");
    return 0;
  }
  auto value = parseMoney(*it);
  if (!value) fail(where + "." + key, "must be an amount of rubles (number or \"389.00\")");
  return *value;
}

int count(const json& object, const char* key, const std::string& where, int fallback, int lowest, int highest) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  auto value = parseCount(*it);
  if (!value || *value < lowest || *value > highest) {
    fail(where + "." + key, "must be an integer in " + std::to_string(lowest) + ".." + std::to_string(highest));
  }
  return static_cast<int>(*value);
}

std::string at(const std::string& list, size_t i) { return list + "[" + std::to_string(i) + "]"; }

void requireUnique(std::set<std::string>& seen, const std::string& value, const std::string& where) {
  if (!seen.insert(value).second) fail(where, "duplicate id \"" + value + "\"");
}

std::vector<SimCategory> readCategories(const json& root) {
  std::vector<SimCategory> out;
  std::set<std::string> seen;
  const json& list = arrayOf(root, "categories", "menu");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = at("categories", i);
    const json& c = list[i];
    if (!c.is_object()) fail(where, "must be an object");
    SimCategory category;
    category.id = id(c, "id", where);
    requireUnique(seen, category.id, where);
    category.name = text(c, "name", where);
    category.name_en = text(c, "name_en", where);
    category.parent_id = optionalId(c, "parent_id", where);
    category.sort = count(c, "sort", where, 0, -1'000'000, 1'000'000);
    category.image = text(c, "image", where);
    out.push_back(std::move(category));
  }
  return out;
}

std::vector<SimModifierScheme> readModifierSchemes(const json& root) {
  std::vector<SimModifierScheme> out;
  std::set<std::string> seen;
  const json& list = arrayOf(root, "modifier_schemes", "menu", false);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = at("modifier_schemes", i);
    if (!list[i].is_object()) fail(where, "must be an object");
    SimModifierScheme scheme;
    scheme.id = id(list[i], "id", where);
    requireUnique(seen, scheme.id, where);
    const json& groups = arrayOf(list[i], "groups", where);
    std::set<std::string> modifier_ids;
    for (size_t g = 0; g < groups.size(); ++g) {
      std::string gwhere = where + "." + at("groups", g);
      if (!groups[g].is_object()) fail(gwhere, "must be an object");
      SimModifierGroup group;
      group.id = id(groups[g], "id", gwhere);
      group.name = text(groups[g], "name", gwhere);
      group.name_en = text(groups[g], "name_en", gwhere);
      group.min = count(groups[g], "min", gwhere, 0, 0, 100);
      group.max = count(groups[g], "max", gwhere, 1, 1, 100);
      if (group.min > group.max) fail(gwhere, "min is above max");
      const json& modifiers = arrayOf(groups[g], "modifiers", gwhere);
      for (size_t m = 0; m < modifiers.size(); ++m) {
        std::string mwhere = gwhere + "." + at("modifiers", m);
        if (!modifiers[m].is_object()) fail(mwhere, "must be an object");
        SimModifier modifier;
        modifier.id = id(modifiers[m], "id", mwhere);
        // A modifier id names one modifier of the scheme, whatever its group.
        requireUnique(modifier_ids, modifier.id, mwhere);
        modifier.name = text(modifiers[m], "name", mwhere);
        modifier.name_en = text(modifiers[m], "name_en", mwhere);
        modifier.price = money(modifiers[m], "price", mwhere, false);
        if (modifier.price < 0) fail(mwhere + ".price", "must not be negative");
        modifier.max_count = count(modifiers[m], "max_count", mwhere, 1, 1, 100);
        group.modifiers.push_back(std::move(modifier));
      }
      if (group.modifiers.empty()) fail(gwhere, "has no modifiers");
      scheme.groups.push_back(std::move(group));
    }
    out.push_back(std::move(scheme));
  }
  return out;
}

std::vector<SimComboScheme> readComboSchemes(const json& root) {
  std::vector<SimComboScheme> out;
  std::set<std::string> seen;
  const json& list = arrayOf(root, "combo_schemes", "menu", false);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = at("combo_schemes", i);
    if (!list[i].is_object()) fail(where, "must be an object");
    SimComboScheme scheme;
    scheme.id = id(list[i], "id", where);
    requireUnique(seen, scheme.id, where);
    scheme.name = text(list[i], "name", where);
    scheme.name_en = text(list[i], "name_en", where);
    const json& groups = arrayOf(list[i], "groups", where);
    std::set<std::string> group_ids;
    for (size_t g = 0; g < groups.size(); ++g) {
      std::string gwhere = where + "." + at("groups", g);
      if (!groups[g].is_object()) fail(gwhere, "must be an object");
      SimComboGroup group;
      group.id = id(groups[g], "id", gwhere);
      requireUnique(group_ids, group.id, gwhere);
      group.name = text(groups[g], "name", gwhere);
      group.name_en = text(groups[g], "name_en", gwhere);
      group.min = count(groups[g], "min", gwhere, 1, 0, 20);
      group.max = count(groups[g], "max", gwhere, 1, 1, 20);
      if (group.min > group.max) fail(gwhere, "min is above max");
      group.default_dish_id = optionalId(groups[g], "default_dish_id", gwhere);
      const json& items = arrayOf(groups[g], "items", gwhere);
      for (size_t k = 0; k < items.size(); ++k) {
        std::string kwhere = gwhere + "." + at("items", k);
        if (!items[k].is_object()) fail(kwhere, "must be an object");
        SimComboItem item;
        item.dish_id = id(items[k], "dish_id", kwhere);
        item.price_delta = money(items[k], "price_delta", kwhere, false);
        group.items.push_back(std::move(item));
      }
      if (group.items.empty()) fail(gwhere, "has no items");
      scheme.groups.push_back(std::move(group));
    }
    out.push_back(std::move(scheme));
  }
  return out;
}

StockType stockType(const std::string& name, const std::string& where) {
  if (name == "unlimited") return StockType::Unlimited;
  if (name == "limited") return StockType::Limited;
  if (name == "prohibited") return StockType::Prohibited;
  fail(where, "must be \"unlimited\", \"limited\" or \"prohibited\"");
}

std::vector<SimDish> readDishes(const json& root) {
  std::vector<SimDish> out;
  std::set<std::string> seen;
  const json& list = arrayOf(root, "dishes", "menu");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = at("dishes", i);
    const json& d = list[i];
    if (!d.is_object()) fail(where, "must be an object");
    SimDish dish;
    dish.id = id(d, "id", where);
    requireUnique(seen, dish.id, where);
    dish.code = optionalId(d, "code", where);
    dish.name = text(d, "name", where);
    if (dish.name.empty()) fail(where + ".name", "must not be empty");
    dish.name_en = text(d, "name_en", where);
    dish.description = text(d, "description", where);
    dish.description_en = text(d, "description_en", where);
    dish.category_id = id(d, "category_id", where);
    dish.price = money(d, "price", where);
    if (dish.price < 0) fail(where + ".price", "must not be negative");
    dish.image = text(d, "image", where);
    if (d.contains("kcal") && !d["kcal"].is_null()) dish.kcal = count(d, "kcal", where, 0, 0, 100000);
    for (const json& tag : arrayOf(d, "tags", where, false)) {
      if (!tag.is_string()) fail(where + ".tags", "must hold strings");
      dish.tags.push_back(tag.get<std::string>());
    }
    auto stock = d.find("stock");
    if (stock != d.end() && !stock->is_null()) {
      if (!stock->is_object()) fail(where + ".stock", "must be an object");
      dish.stock = stockType(text(*stock, "type", where + ".stock"), where + ".stock.type");
      if (dish.stock == StockType::Limited) {
        dish.stock_quantity = count(*stock, "quantity", where + ".stock", -1, 0, 1'000'000);
        if (dish.stock_quantity < 0) fail(where + ".stock", "a limited stock needs \"quantity\"");
      }
    }
    dish.modifier_scheme_id = optionalId(d, "modifier_scheme_id", where);
    dish.combo_scheme_id = optionalId(d, "combo_scheme_id", where);
    out.push_back(std::move(dish));
  }
  return out;
}

std::set<std::string> idSet(const json& list, const char* key, const std::string& where) {
  std::set<std::string> out;
  if (!list.is_array()) fail(where, "must be an array");
  for (const json& v : list) {
    auto value = parseId(v);
    if (!value) fail(where, std::string("must hold ") + key + " ids");
    out.insert(*value);
  }
  return out;
}

std::vector<DiscountRule> readDiscounts(const json& root) {
  std::vector<DiscountRule> out;
  std::set<std::string> seen;
  const json& list = arrayOf(root, "discounts", "menu", false);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = at("discounts", i);
    const json& d = list[i];
    if (!d.is_object()) fail(where, "must be an object");
    DiscountRule rule;
    rule.id = id(d, "id", where);
    requireUnique(seen, rule.id, where);
    rule.name = text(d, "name", where);
    rule.name_en = text(d, "name_en", where);
    std::string type = text(d, "type", where);
    if (type == "percent") {
      rule.type = DiscountType::Percent;
    } else if (type == "every_nth") {
      rule.type = DiscountType::EveryNth;
      rule.nth = count(d, "nth", where, -1, 2, 1000);
      if (rule.nth < 0) fail(where, "an every_nth rule needs \"nth\"");
    } else {
      fail(where + ".type", "must be \"percent\" or \"every_nth\"");
    }
    rule.percent = count(d, "percent", where, -1, 1, 100);
    if (rule.percent < 0) fail(where, "missing \"percent\"");
    if (d.contains("combos")) {
      if (!d["combos"].is_boolean()) fail(where + ".combos", "must be true or false");
      rule.combos = d["combos"].get<bool>();
    }
    if (d.contains("category_ids")) rule.category_ids = idSet(d["category_ids"], "category", where + ".category_ids");
    if (d.contains("dish_ids")) rule.dish_ids = idSet(d["dish_ids"], "dish", where + ".dish_ids");
    out.push_back(std::move(rule));
  }
  return out;
}

// Every id a menu part points at must exist, and a combo must not contain a combo.
void checkReferences(const SimMenu& menu) {
  std::set<std::string> categories;
  for (const auto& c : menu.categories) categories.insert(c.id);
  for (size_t i = 0; i < menu.categories.size(); ++i) {
    const auto& c = menu.categories[i];
    if (!c.parent_id.empty() && (categories.count(c.parent_id) == 0 || c.parent_id == c.id)) {
      fail(at("categories", i) + ".parent_id", "unknown category \"" + c.parent_id + "\"");
    }
  }
  for (size_t i = 0; i < menu.dishes.size(); ++i) {
    const SimDish& d = menu.dishes[i];
    std::string where = at("dishes", i);
    if (categories.count(d.category_id) == 0)
      fail(where + ".category_id", "unknown category \"" + d.category_id + "\"");
    if (!d.modifier_scheme_id.empty() && !menu.modifierScheme(d.modifier_scheme_id)) {
      fail(where + ".modifier_scheme_id", "unknown scheme \"" + d.modifier_scheme_id + "\"");
    }
    if (!d.combo_scheme_id.empty() && !menu.comboScheme(d.combo_scheme_id)) {
      fail(where + ".combo_scheme_id", "unknown combo scheme \"" + d.combo_scheme_id + "\"");
    }
  }
  for (size_t i = 0; i < menu.combo_schemes.size(); ++i) {
    for (const auto& group : menu.combo_schemes[i].groups) {
      std::string where = at("combo_schemes", i) + " group " + group.id;
      bool default_listed = group.default_dish_id.empty();
      for (const auto& item : group.items) {
        const SimDish* dish = menu.dish(item.dish_id);
        if (!dish) fail(where, "unknown dish \"" + item.dish_id + "\"");
        if (!dish->combo_scheme_id.empty()) fail(where, "dish \"" + item.dish_id + "\" is itself a combo");
        default_listed = default_listed || item.dish_id == group.default_dish_id;
      }
      if (!default_listed) fail(where, "default_dish_id \"" + group.default_dish_id + "\" is not among its items");
    }
  }
  for (size_t i = 0; i < menu.discounts.size(); ++i) {
    for (const auto& category : menu.discounts[i].category_ids) {
      if (categories.count(category) == 0) fail(at("discounts", i), "unknown category \"" + category + "\"");
    }
    for (const auto& dish : menu.discounts[i].dish_ids) {
      if (!menu.dish(dish)) fail(at("discounts", i), "unknown dish \"" + dish + "\"");
    }
  }
}

}  // namespace

std::string menuVersionOf(std::string_view file_content) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : file_content) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

kiosk::Expected<SimMenu, std::string> parseSimMenu(std::string_view file_content) {
  json root = json::parse(file_content.begin(), file_content.end(), nullptr, false);
  if (root.is_discarded()) return kiosk::Unexpected{std::string("menu: not valid JSON")};
  if (!root.is_object()) return kiosk::Unexpected{std::string("menu: must be a JSON object")};
  try {
    SimMenu menu;
    menu.version = menuVersionOf(file_content);
    menu.categories = readCategories(root);
    menu.modifier_schemes = readModifierSchemes(root);
    menu.combo_schemes = readComboSchemes(root);
    menu.dishes = readDishes(root);
    menu.discounts = readDiscounts(root);
    menu.index();
    checkReferences(menu);
    return menu;
  } catch (const MenuError& e) {
    return kiosk::Unexpected{std::string("menu: ") + e.what()};
  } catch (const json::exception& e) {
    return kiosk::Unexpected{std::string("menu: ") + e.what()};
  }
}

kiosk::Expected<SimMenu, std::string> loadSimMenu(const std::string& path) {
  auto content = kiosk::files::readAll(path);
  if (!content) return kiosk::Unexpected{content.error()};
  auto menu = parseSimMenu(*content);
  if (!menu) return kiosk::Unexpected{path + ": " + menu.error()};
  return menu;
}

}  // namespace procart_sim
