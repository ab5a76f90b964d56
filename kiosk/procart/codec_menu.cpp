// Wire codec, /getmenu part: menu JSON → kiosk::Menu. Field names live here and in codec.cpp only.
// An unreadable entry (a dish without id or price, a modifier without id…) is skipped with a problem line;
// only an unusable document (not JSON, not an object, no dishes array) fails as a whole. Values are read as they
// are: whether they make sense (a negative price, min above max, a combo holding itself) is MenuIndex's to judge
// (kiosk/core/menu_checks.h), so a menu built in C++ gets the same checks.
#include <algorithm>
#include <limits>

#include "kiosk/procart/codec.h"
#include "kiosk/procart/wire_values.h"

namespace kiosk::procart::codec {
namespace {

using wire::Json;
using wire::member;

struct Reader {
  std::vector<std::string>& problems;

  void problem(const std::string& where, const std::string& what) { problems.push_back(where + ": " + what); }

  // `name` as a plain string or {"ru","en"}; `name_en` (when given) fills or overrides English.
  LocalizedText localized(const Json& entry, const char* key, const char* key_en) {
    LocalizedText text = wire::readLocalized(member(entry, key)).value_or(LocalizedText{});
    if (auto en = wire::readText(member(entry, key_en)); en && !en->empty()) text.en = *en;
    return text;
  }

  std::string optionalId(const Json& entry, const char* key) { return wire::readId(member(entry, key)).value_or(""); }

  // Arrays that are absent are empty; a present non-array is reported and treated as empty.
  const Json* array(const Json& entry, const char* key, const std::string& where) {
    const Json* value = member(entry, key);
    if (!value) return nullptr;
    if (!value->is_array()) {
      problem(where, std::string(key) + " is not an array, ignored");
      return nullptr;
    }
    return value;
  }

  // A count (min, max, max_count): absent → `fallback`; a whole number → itself, held to int's range (a trillion
  // allowed is no limit in practice; a trillion required can never be met, which MenuIndex reports); anything else
  // → -1 with a problem line. The codec guesses at no count: MenuIndex refuses what a negative count leaves unusable.
  int count(const Json& entry, const char* key, int fallback, const std::string& where) {
    const Json* value = member(entry, key);
    if (!value) return fallback;
    auto v = wire::readInt(value);
    if (!v) {
      problem(where, std::string(key) + " " + value->dump(-1, ' ', false, Json::error_handler_t::replace) +
                         " is not a count");
      return -1;
    }
    return static_cast<int>(std::clamp<int64_t>(*v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
  }

  // min/max pairs, as read: MenuIndex judges whether the group can be satisfied (menu_checks.h).
  void limits(const Json& entry, int& min, int& max, const std::string& where) {
    min = count(entry, "min", min, where);
    max = count(entry, "max", max, where);
  }

  // An optional price: absent → 0 (a free modifier, no delta); present but unreadable → nullopt (the entry is
  // skipped: guessing 0 would give away what the POS charges for).
  std::optional<Money> optionalMoney(const Json& entry, const char* key) {
    const Json* value = member(entry, key);
    if (!value) return Money{};
    return wire::readMoney(value);
  }

  std::optional<Category> category(const Json& c, const std::string& where) {
    auto id = wire::readId(member(c, "id"));
    if (!id) {
      problem(where, "category without id, skipped");
      return std::nullopt;
    }
    Category out;
    out.id = *id;
    out.name = localized(c, "name", "name_en");
    out.parent_id = optionalId(c, "parent_id");
    out.sort = wire::readSmallInt(member(c, "sort")).value_or(0);
    out.image = wire::readText(member(c, "image")).value_or("");
    return out;
  }

  Stock stock(const Json* s, const std::string& where) {
    Stock out;
    if (!s) return out;
    std::string type = wire::readText(member(*s, "type")).value_or("unlimited");
    if (type == "limited") {
      out.kind = StockKind::Limited;
      auto quantity = wire::readInt(member(*s, "quantity"));
      if (!quantity) {
        problem(where, "limited stock without a readable quantity, taken as 0 (sold out)");
      } else if (*quantity < 0) {
        problem(where, "stock quantity " + std::to_string(*quantity) + " below zero, taken as 0 (sold out)");
      } else {
        out.quantity = *quantity;
      }
    } else if (type == "prohibited") {
      out.kind = StockKind::Prohibited;
    } else if (type != "unlimited") {
      // /validate remains the authority on stock; an unknown kind must not hide the dish.
      problem(where, "unknown stock type '" + type + "', taken as unlimited");
    }
    return out;
  }

  std::optional<Dish> dish(const Json& d, const std::string& where) {
    auto id = wire::readId(member(d, "id"));
    auto price = wire::readMoney(member(d, "price"));
    if (!id || !price) {
      problem(where, std::string("dish without ") + (!id ? "id" : "a readable price") + ", skipped" +
                         (id ? " (id " + *id + ")" : ""));
      return std::nullopt;
    }
    Dish out;
    out.id = *id;
    out.code = wire::readText(member(d, "code")).value_or("");
    out.name = localized(d, "name", "name_en");
    out.description = localized(d, "description", "description_en");
    out.category_id = optionalId(d, "category_id");
    out.price = *price;
    out.image = wire::readText(member(d, "image")).value_or("");
    if (auto kcal = wire::readSmallInt(member(d, "kcal")); kcal && *kcal >= 0) out.kcal = *kcal;
    if (const Json* tags = array(d, "tags", where)) {
      for (const Json& t : *tags) {
        if (t.is_string()) out.tags.push_back(t.get<std::string>());
      }
    }
    out.stock = stock(member(d, "stock"), where);
    out.modifier_scheme_id = optionalId(d, "modifier_scheme_id");
    out.combo_scheme_id = optionalId(d, "combo_scheme_id");
    return out;
  }

  std::optional<ModifierGroup> modifierGroup(const Json& g, const std::string& where) {
    auto id = wire::readId(member(g, "id"));
    if (!id) {
      problem(where, "modifier group without id, skipped");
      return std::nullopt;
    }
    ModifierGroup out;
    out.id = *id;
    out.name = localized(g, "name", "name_en");
    limits(g, out.min, out.max, where);
    if (const Json* modifiers = array(g, "modifiers", where)) {
      for (size_t i = 0; i < modifiers->size(); ++i) {
        const Json& m = (*modifiers)[i];
        std::string at = where + ".modifiers[" + std::to_string(i) + "]";
        auto mid = wire::readId(member(m, "id"));
        if (!mid) {
          problem(at, "modifier without id, skipped");
          continue;
        }
        auto price = optionalMoney(m, "price");
        if (!price) {
          problem(at, "modifier " + *mid + " without a readable price, skipped");
          continue;
        }
        Modifier modifier;
        modifier.id = *mid;
        modifier.name = localized(m, "name", "name_en");
        modifier.price = *price;
        modifier.max_count = count(m, "max_count", 1, at);
        out.modifiers.push_back(std::move(modifier));
      }
    }
    return out;
  }

  std::optional<ModifierScheme> modifierScheme(const Json& s, const std::string& where) {
    auto id = wire::readId(member(s, "id"));
    if (!id) {
      problem(where, "modifier scheme without id, skipped");
      return std::nullopt;
    }
    ModifierScheme out;
    out.id = *id;
    if (const Json* groups = array(s, "groups", where)) {
      for (size_t i = 0; i < groups->size(); ++i) {
        if (auto g = modifierGroup((*groups)[i], where + ".groups[" + std::to_string(i) + "]")) {
          out.groups.push_back(std::move(*g));
        }
      }
    }
    return out;
  }

  std::optional<ComboGroup> comboGroup(const Json& g, const std::string& where) {
    auto id = wire::readId(member(g, "id"));
    if (!id) {
      problem(where, "combo group without id, skipped");
      return std::nullopt;
    }
    ComboGroup out;
    out.id = *id;
    out.name = localized(g, "name", "name_en");
    limits(g, out.min, out.max, where);
    out.default_dish_id = optionalId(g, "default_dish_id");
    if (const Json* items = array(g, "items", where)) {
      for (size_t i = 0; i < items->size(); ++i) {
        const Json& item = (*items)[i];
        std::string at = where + ".items[" + std::to_string(i) + "]";
        auto dish_id = wire::readId(member(item, "dish_id"));
        if (!dish_id) {
          problem(at, "combo item without dish_id, skipped");
          continue;
        }
        auto delta = optionalMoney(item, "price_delta");
        if (!delta) {
          problem(at, "combo item " + *dish_id + " without a readable price_delta, skipped");
          continue;
        }
        out.items.push_back({*dish_id, *delta});
      }
    }
    return out;
  }

  std::optional<ComboScheme> comboScheme(const Json& s, const std::string& where) {
    auto id = wire::readId(member(s, "id"));
    if (!id) {
      problem(where, "combo scheme without id, skipped");
      return std::nullopt;
    }
    ComboScheme out;
    out.id = *id;
    out.name = localized(s, "name", "name_en");
    if (const Json* groups = array(s, "groups", where)) {
      for (size_t i = 0; i < groups->size(); ++i) {
        if (auto g = comboGroup((*groups)[i], where + ".groups[" + std::to_string(i) + "]")) {
          out.groups.push_back(std::move(*g));
        }
      }
    }
    return out;
  }

  // After a UTF-8 repair: which dishes and categories carry a replaced character, so staff know what to fix.
  void namesWithReplacements(const Menu& menu) {
    auto damaged = [](const LocalizedText& text) {
      return text.ru.find(kReplacement) != std::string::npos || text.en.find(kReplacement) != std::string::npos;
    };
    for (const Category& c : menu.categories) {
      if (damaged(c.name)) problem("category " + c.id, "invalid UTF-8 in its name, replaced by U+FFFD");
    }
    for (const Dish& d : menu.dishes) {
      if (damaged(d.name) || damaged(d.description)) {
        problem("dish " + d.id, "invalid UTF-8 in its name or description, replaced by U+FFFD");
      }
    }
  }
  static constexpr const char* kReplacement = "\xEF\xBF\xBD";

  // Reads each entry of doc[key] with `read`, appending the usable ones to `out`.
  template <class T, class ReadFn>
  void each(const Json& doc, const char* key, std::vector<T>& out, ReadFn read) {
    const Json* entries = array(doc, key, "menu");
    if (!entries) return;
    for (size_t i = 0; i < entries->size(); ++i) {
      std::string where = std::string(key) + "[" + std::to_string(i) + "]";
      const Json& entry = (*entries)[i];
      if (!entry.is_object()) {
        problem(where, "not an object, skipped");
        continue;
      }
      if (auto value = (this->*read)(entry, where)) out.push_back(std::move(*value));
    }
  }
};

}  // namespace

Expected<MenuParse, ServiceError> parseMenu(std::string_view body) {
  Json doc = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  // One invalid UTF-8 byte in one dish name must not cost the whole menu: such bytes are replaced and reported.
  size_t repaired = 0, first_repair = 0;
  if (doc.is_discarded()) {
    std::string fixed = wire::repairUtf8(body, repaired, first_repair);
    if (repaired > 0) doc = Json::parse(fixed, nullptr, /*allow_exceptions=*/false);
  }
  if (doc.is_discarded()) return Unexpected{malformed("/getmenu: answer is not JSON", 200, true)};
  if (!doc.is_object()) return Unexpected{malformed("/getmenu: answer is not a JSON object", 200, true)};
  if (auto ok = wire::readBool(member(doc, "ok")); ok && !*ok) return Unexpected{errorFromAnswer(200, body)};
  const Json* dishes = member(doc, "dishes");
  if (!dishes || !dishes->is_array()) return Unexpected{malformed("/getmenu: no dishes array", 200, true)};

  MenuParse out;
  Reader reader{out.problems};
  out.menu.version = wire::readText(member(doc, "menu_version")).value_or("");
  if (out.menu.version.empty()) reader.problem("menu", "no menu_version");
  if (repaired > 0) {
    reader.problem("menu", std::to_string(repaired) + " invalid UTF-8 sequence(s) replaced by U+FFFD, " +
                               "the first at byte " + std::to_string(first_repair));
  }
  reader.each(doc, "categories", out.menu.categories, &Reader::category);
  reader.each(doc, "dishes", out.menu.dishes, &Reader::dish);
  reader.each(doc, "modifier_schemes", out.menu.modifier_schemes, &Reader::modifierScheme);
  reader.each(doc, "combo_schemes", out.menu.combo_schemes, &Reader::comboScheme);
  if (repaired > 0) reader.namesWithReplacements(out.menu);
  return out;
}

}  // namespace kiosk::procart::codec
