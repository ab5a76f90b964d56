#include "menu_load.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/procart/codec.h"

namespace procart_test {

bool LoadedMenu::mentions(const std::string& text) const { return count(text) > 0; }

size_t LoadedMenu::count(const std::string& text) const {
  return static_cast<size_t>(std::count_if(problems.begin(), problems.end(),
                                           [&](const std::string& p) { return p.find(text) != std::string::npos; }));
}

bool LoadedMenu::orderable(const std::string& dish_id) const {
  const kiosk::Dish* dish = index->dish(dish_id);
  if (!dish || !dish->stock.orderable()) return false;
  std::vector<std::string> chain;  // the dish's category, its parent, …, the top-level one
  for (std::string at = dish->category_id; !at.empty(); at = index->category(at)->parent_id) {
    chain.push_back(at);
    if (chain.size() > index->menu().categories.size()) return false;  // a loop the index should have cut
  }
  std::string parent;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto visible = index->visibleCategories(parent);
    if (std::none_of(visible.begin(), visible.end(), [&](const kiosk::Category* c) { return c->id == *it; })) {
      return false;
    }
    parent = *it;
  }
  return true;
}

std::string LoadedMenu::problemsText() const {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

LoadedMenu loadMenu(const std::string& body) {
  auto parsed = kiosk::procart::codec::parseMenu(body);
  INFO(body.substr(0, 200));
  REQUIRE(parsed.ok());
  LoadedMenu out;
  out.problems = parsed->problems;
  out.index = kiosk::MenuIndex::build(std::move(parsed->menu));
  out.problems.insert(out.problems.end(), out.index->problems().begin(), out.index->problems().end());
  return out;
}

std::string menuWith(const std::string& categories, const std::string& dishes, const std::string& rest) {
  return R"({"menu_version": "v1", "categories": [)" + std::string(kGoodCategory) +
         (categories.empty() ? "" : ", " + categories) + R"(], "dishes": [)" + kGoodDishes +
         (dishes.empty() ? "" : ", " + dishes) + "]" + (rest.empty() ? "" : ", " + rest) + "}";
}

}  // namespace procart_test
