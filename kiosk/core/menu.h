#pragma once
// The menu as r_keeper sees it through ProCart: categories, dishes, stock, modifier schemes, combo schemes.
// Plain data, filled by the wire codec (kiosk/procart/codec) and read through MenuIndex (menu_index.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/lang.h"
#include "kiosk/core/money.h"

namespace kiosk {

struct Category {
  std::string id;
  LocalizedText name;
  std::string parent_id;  // empty for a top-level category
  int sort = 0;           // ascending
  std::string image;      // URL or file name; may be empty

  bool operator==(const Category&) const = default;
};

enum class StockKind { Unlimited, Limited, Prohibited };

struct Stock {
  StockKind kind = StockKind::Unlimited;
  int64_t quantity = 0;  // pieces left; meaningful only for Limited

  // How many more of this dish can be ordered (nullopt = no limit).
  std::optional<int64_t> available() const {
    if (kind == StockKind::Unlimited) return std::nullopt;
    if (kind == StockKind::Prohibited) return 0;
    return quantity < 0 ? 0 : quantity;
  }
  bool orderable() const { return kind != StockKind::Prohibited && (kind != StockKind::Limited || quantity > 0); }

  bool operator==(const Stock&) const = default;
};

struct Modifier {
  std::string id;
  LocalizedText name;
  Money price;        // per unit, added to the dish price
  int max_count = 1;  // how many of this one modifier a dish may carry

  bool operator==(const Modifier&) const = default;
};

// min/max count the modifiers chosen in the group (sum of their quantities). min >= 1 means "required".
struct ModifierGroup {
  std::string id;
  LocalizedText name;
  int min = 0;
  int max = 1;
  std::vector<Modifier> modifiers;

  bool operator==(const ModifierGroup&) const = default;
};

struct ModifierScheme {
  std::string id;
  std::vector<ModifierGroup> groups;

  bool operator==(const ModifierScheme&) const = default;
};

struct ComboItem {
  std::string dish_id;
  Money price_delta;  // added to the combo dish's price when this item is chosen

  bool operator==(const ComboItem&) const = default;
};

// min/max count the dishes chosen from the group. Usually exactly one (min = max = 1).
struct ComboGroup {
  std::string id;
  LocalizedText name;
  int min = 1;
  int max = 1;
  std::string default_dish_id;  // pre-selected; may be empty
  std::vector<ComboItem> items;

  bool operator==(const ComboGroup&) const = default;
};

struct ComboScheme {
  std::string id;
  LocalizedText name;
  std::vector<ComboGroup> groups;

  bool operator==(const ComboScheme&) const = default;
};

struct Dish {
  std::string id;
  std::string code;
  LocalizedText name;
  LocalizedText description;
  std::string category_id;
  Money price;
  std::string image;
  std::optional<int> kcal;
  std::vector<std::string> tags;  // e.g. "spicy", "vegetarian"
  Stock stock;
  std::string modifier_scheme_id;  // empty: no modifiers
  std::string combo_scheme_id;     // non-empty: this dish is a combo

  bool operator==(const Dish&) const = default;
};

struct Menu {
  std::string version;  // menu_version from ProCart; changes only when the menu changes
  std::vector<Category> categories;
  std::vector<Dish> dishes;
  std::vector<ModifierScheme> modifier_schemes;
  std::vector<ComboScheme> combo_schemes;

  bool operator==(const Menu&) const = default;
};

}  // namespace kiosk
