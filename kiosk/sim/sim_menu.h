#pragma once
// The emulator's menu: what the POS holds (prices in kopecks, stock as set in the menu file) plus the
// emulator-only discount rules. Loaded from the menu file (menu_loader.cpp), served by /getmenu (menu_wire.cpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/sim/discounts.h"

namespace procart_sim {

struct SimCategory {
  std::string id, name, name_en, parent_id, image;
  int sort = 0;
};

enum class StockType { Unlimited, Limited, Prohibited };

struct SimModifier {
  std::string id, name, name_en;
  int64_t price = 0;
  int max_count = 1;
};

struct SimModifierGroup {
  std::string id, name, name_en;
  int min = 0;
  int max = 1;
  std::vector<SimModifier> modifiers;
};

struct SimModifierScheme {
  std::string id;
  std::vector<SimModifierGroup> groups;
};

struct SimComboItem {
  std::string dish_id;
  int64_t price_delta = 0;
};

struct SimComboGroup {
  std::string id, name, name_en, default_dish_id;
  int min = 1;
  int max = 1;
  std::vector<SimComboItem> items;
};

struct SimComboScheme {
  std::string id, name, name_en;
  std::vector<SimComboGroup> groups;
};

struct SimDish {
  std::string id, code, name, name_en, description, description_en, category_id, image;
  int64_t price = 0;
  std::optional<int> kcal;
  std::vector<std::string> tags;
  StockType stock = StockType::Unlimited;
  int64_t stock_quantity = 0;  // Limited: the balance before any order of this emulator
  std::string modifier_scheme_id;
  std::string combo_scheme_id;
};

struct SimMenu {
  std::string version;  // a hash of the menu file's bytes: same file, same version
  std::vector<SimCategory> categories;
  std::vector<SimDish> dishes;
  std::vector<SimModifierScheme> modifier_schemes;
  std::vector<SimComboScheme> combo_schemes;
  std::vector<DiscountRule> discounts;

  const SimDish* dish(const std::string& id) const;
  const SimModifierScheme* modifierScheme(const std::string& id) const;
  const SimComboScheme* comboScheme(const std::string& id) const;
  // Builds the id → position maps; call after filling the vectors.
  void index();

 private:
  std::map<std::string, size_t> dish_at_, modifier_scheme_at_, combo_scheme_at_;
};

// Remaining pieces of a dish given what orders used (nullopt = unlimited; 0 for the stop-list).
std::optional<int64_t> stockLeft(const SimDish& dish, const std::map<std::string, int64_t>& used);

}  // namespace procart_sim
