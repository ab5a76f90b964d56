#include "big_menu.h"

#include <fstream>
#include <set>
#include <vector>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kiosk::bench {

std::string bigMenuFile(const std::string& demo_menu_path, int dishes, int images) {
  std::ifstream in(demo_menu_path);
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json demo = nlohmann::json::parse(text.str());
  nlohmann::json menu = demo;
  menu["categories"] = nlohmann::json::array();
  for (int c = 0; c < 40; ++c) {
    menu["categories"].push_back({{"id", "cat" + std::to_string(c)},
                                  {"name", "Категория " + std::to_string(c)},
                                  {"name_en", "Category " + std::to_string(c)},
                                  {"parent_id", ""},
                                  {"sort", c},
                                  {"image", "images/category-burgers.png"}});
  }
  // Keep the demo's combos valid: their component dishes stay, in their own categories.
  nlohmann::json out_dishes = nlohmann::json::array();
  for (auto dish : demo["dishes"]) {
    menu["categories"].push_back({{"id", dish["category_id"]}, {"name", "Демо"}, {"parent_id", ""}, {"sort", 100}});
    out_dishes.push_back(dish);
  }
  const auto& templates = demo["dishes"];
  // images > 0: that many distinct references (files that do not exist: placeholders on screen, parse cost only);
  // images == 0: the demo's own pictures, cycled (they exist next to the demo menu).
  std::vector<std::string> demo_images;
  for (const auto& dish : templates)
    if (dish.contains("image")) demo_images.push_back(dish["image"].get<std::string>());
  for (int i = 0; out_dishes.size() < static_cast<size_t>(dishes); ++i) {
    nlohmann::json dish = templates[static_cast<size_t>(i) % templates.size()];
    if (dish.contains("combo_scheme_id") && !dish["combo_scheme_id"].get<std::string>().empty()) continue;
    dish["id"] = "g" + std::to_string(i);
    dish["code"] = std::to_string(100000 + i);
    dish["category_id"] = "cat" + std::to_string(i % 40);
    dish["name"] = dish["name"].get<std::string>() + " №" + std::to_string(i);
    // Real menus carry long descriptions in both languages: ≈ 1 KB per dish, ≈ 10 MB for 10,000 dishes.
    std::string about = dish.value("description", std::string("Описание блюда"));
    std::string long_about;
    while (long_about.size() < 450) long_about += about + " ";
    dish["description"] = long_about;
    dish["description_en"] = std::string(250, 'x').replace(0, 18, "Long English text ");
    dish["image"] = images > 0 ? "images/gen-" + std::to_string(i % images) + ".png"
                               : demo_images[static_cast<size_t>(i) % demo_images.size()];
    out_dishes.push_back(dish);
  }
  // Deduplicate the demo categories pushed once per dish.
  nlohmann::json categories = nlohmann::json::array();
  std::set<std::string> seen;
  for (auto& c : menu["categories"])
    if (seen.insert(c["id"].get<std::string>()).second) categories.push_back(c);
  menu["categories"] = categories;
  menu["dishes"] = out_dishes;
  return menu.dump();
}

}  // namespace kiosk::bench
