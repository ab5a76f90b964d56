#pragma once
// Loading a /getmenu answer the way the kiosk does (codec, then MenuIndex) for the bad-menu tests, with every
// problem line of both steps kept, and the questions those tests ask: is a line there, can a guest order a dish.
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/menu_index.h"

namespace procart_test {

struct LoadedMenu {
  std::shared_ptr<const kiosk::MenuIndex> index;
  std::vector<std::string> problems;  // the codec's, then the index's

  // Some problem line contains `text`.
  bool mentions(const std::string& text) const;
  // How many problem lines contain `text`.
  size_t count(const std::string& text) const;
  // The dish is on the menu, in stock, and its category and every parent up to the top are shown.
  bool orderable(const std::string& dish_id) const;
  // Every problem line, one a line, for INFO().
  std::string problemsText() const;
};

// Parses `body` (REQUIREs that the codec accepts it) and indexes it.
LoadedMenu loadMenu(const std::string& body);

// The category and the two dishes every menu below carries (JSON text).
inline constexpr const char* kGoodCategory = R"({"id": "burgers", "name": "Бургеры"})";
inline constexpr const char* kGoodDishes =
    R"({"id": "good1", "name": "Бургер", "category_id": "burgers", "price": "389.00"},
       {"id": "good2", "name": "Кола", "category_id": "burgers", "price": 120})";

// A menu with category "burgers" and the dishes good1 (389 ₽) and good2 (120 ₽) in it, plus the given categories
// and dishes (JSON array elements, comma-separated) and top-level members (`rest`, e.g. the scheme arrays).
std::string menuWith(const std::string& categories, const std::string& dishes, const std::string& rest = "");

}  // namespace procart_test
