// /getmenu JSON → kiosk::Menu: the profile read exactly, and every tolerance the codec promises.
#include <catch2/catch.hpp>

#include "kiosk/procart/codec.h"

using kiosk::Money;
using kiosk::StockKind;
namespace codec = kiosk::procart::codec;

namespace {

// The profile's shape with the emulator's habits: money as strings, ids as strings.
const char* kProfileMenu = R"({
  "menu_version": "v-42",
  "categories": [
    {"id": "1", "name": "Бургеры", "name_en": "Burgers", "parent_id": null, "sort": 10, "image": "images/cat-burgers.png"},
    {"id": "2", "name": "Напитки", "parent_id": "1", "sort": 20}
  ],
  "dishes": [
    {"id": "101", "code": "B-1", "name": "Бургер", "name_en": "Burger", "description": "Говядина",
     "description_en": "Beef", "category_id": "1", "price": "389.00", "image": "images/burger.png", "kcal": 650,
     "tags": ["beef", "spicy"], "stock": {"type": "limited", "quantity": 7}, "modifier_scheme_id": "ms1",
     "combo_scheme_id": null},
    {"id": "201", "name": "Кола", "category_id": "2", "price": "120.50", "stock": {"type": "prohibited"}},
    {"id": "301", "name": "Комбо", "category_id": "1", "price": "499.00", "combo_scheme_id": "cs1"}
  ],
  "modifier_schemes": [
    {"id": "ms1", "groups": [
      {"id": "g1", "name": "Соус", "min": 0, "max": 2, "modifiers": [
        {"id": "m1", "name": "Кетчуп", "price": "0.00", "max_count": 1},
        {"id": "m2", "name": {"ru": "Сырный", "en": "Cheese"}, "price": "30.00", "max_count": 2}]},
      {"id": "g2", "name": "Прожарка", "min": 1, "max": 1, "modifiers": [{"id": "m3", "name": "Medium"}]}
    ]}
  ],
  "combo_schemes": [
    {"id": "cs1", "name": "Обед", "groups": [
      {"id": "cg1", "name": "Бургер", "min": 1, "max": 1, "default_dish_id": "101",
       "items": [{"dish_id": "101", "price_delta": "0.00"}, {"dish_id": "102", "price_delta": "-15.50"}]}
    ]}
  ]
})";

codec::MenuParse parseOk(const std::string& body) {
  auto parsed = codec::parseMenu(body);
  REQUIRE(parsed.ok());
  return std::move(*parsed);
}

}  // namespace

TEST_CASE("codec menu: the profile document reads field by field") {
  auto parsed = parseOk(kProfileMenu);
  const kiosk::Menu& m = parsed.menu;
  CHECK(parsed.problems.empty());
  CHECK(m.version == "v-42");

  REQUIRE(m.categories.size() == 2);
  CHECK(m.categories[0].id == "1");
  CHECK(m.categories[0].name == kiosk::LocalizedText{"Бургеры", "Burgers"});
  CHECK(m.categories[0].parent_id.empty());
  CHECK(m.categories[0].sort == 10);
  CHECK(m.categories[0].image == "images/cat-burgers.png");
  CHECK(m.categories[1].parent_id == "1");
  CHECK(m.categories[1].name.en.empty());

  REQUIRE(m.dishes.size() == 3);
  const kiosk::Dish& burger = m.dishes[0];
  CHECK(burger.id == "101");
  CHECK(burger.code == "B-1");
  CHECK(burger.name == kiosk::LocalizedText{"Бургер", "Burger"});
  CHECK(burger.description == kiosk::LocalizedText{"Говядина", "Beef"});
  CHECK(burger.category_id == "1");
  CHECK(burger.price == Money::kopecks(38900));
  CHECK(burger.image == "images/burger.png");
  REQUIRE(burger.kcal.has_value());
  CHECK(*burger.kcal == 650);
  CHECK(burger.tags == std::vector<std::string>{"beef", "spicy"});
  CHECK(burger.stock.kind == StockKind::Limited);
  CHECK(burger.stock.quantity == 7);
  CHECK(burger.modifier_scheme_id == "ms1");
  CHECK(burger.combo_scheme_id.empty());
  CHECK(m.dishes[1].price == Money::kopecks(12050));
  CHECK(m.dishes[1].stock.kind == StockKind::Prohibited);
  CHECK_FALSE(m.dishes[1].kcal.has_value());
  CHECK(m.dishes[2].combo_scheme_id == "cs1");

  REQUIRE(m.modifier_schemes.size() == 1);
  const auto& groups = m.modifier_schemes[0].groups;
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].min == 0);
  CHECK(groups[0].max == 2);
  REQUIRE(groups[0].modifiers.size() == 2);
  CHECK(groups[0].modifiers[1].name == kiosk::LocalizedText{"Сырный", "Cheese"});
  CHECK(groups[0].modifiers[1].price == Money::kopecks(3000));
  CHECK(groups[0].modifiers[1].max_count == 2);
  CHECK(groups[1].min == 1);
  CHECK(groups[1].modifiers[0].price == Money{});   // missing price: free
  CHECK(groups[1].modifiers[0].max_count == 1);     // missing max_count: one

  REQUIRE(m.combo_schemes.size() == 1);
  const auto& combo_group = m.combo_schemes[0].groups.at(0);
  CHECK(combo_group.default_dish_id == "101");
  REQUIRE(combo_group.items.size() == 2);
  CHECK(combo_group.items[1].dish_id == "102");
  CHECK(combo_group.items[1].price_delta == Money::kopecks(-1550));
}

TEST_CASE("codec menu: ids as numbers, money as numbers or strings, unknown fields ignored") {
  auto parsed = parseOk(R"({
    "menu_version": 17, "vendor_extension": {"x": [1, 2]},
    "categories": [{"id": 1, "name": "A", "color": "#fff"}],
    "dishes": [
      {"id": 101, "name": "Int price", "category_id": 1, "price": 389, "future_field": true},
      {"id": 102.0, "name": "Float price", "category_id": "1", "price": 12.34},
      {"id": "103", "name": "Comma string", "category_id": "1", "price": "99,90"},
      {"id": "104", "name": "Int as string kcal", "category_id": "1", "price": " 5.5 ", "kcal": "250",
       "stock": {"type": "limited", "quantity": "3"}, "modifier_scheme_id": 7}
    ],
    "discounts": [{"id": "d1", "type": "percent", "percent": 10}]
  })");
  const auto& d = parsed.menu.dishes;
  CHECK(parsed.menu.version == "17");
  REQUIRE(d.size() == 4);
  CHECK(parsed.menu.categories[0].id == "1");
  CHECK(d[0].id == "101");
  CHECK(d[0].category_id == "1");
  CHECK(d[0].price == Money::kopecks(38900));
  CHECK(d[1].id == "102");
  CHECK(d[1].price == Money::kopecks(1234));
  CHECK(d[2].price == Money::kopecks(9990));
  CHECK(d[3].price == Money::kopecks(550));
  CHECK(d[3].kcal == 250);
  CHECK(d[3].stock.quantity == 3);
  CHECK(d[3].modifier_scheme_id == "7");
}

TEST_CASE("codec menu: name as an object, name_en filling English") {
  auto parsed = parseOk(R"({"menu_version": "1", "dishes": [
      {"id": "1", "name": {"ru": "Суп", "en": "Soup"}, "price": 1},
      {"id": "2", "name": {"en": "Only English"}, "price": 1},
      {"id": "3", "name": "Чай", "name_en": "Tea", "description": {"ru": "Чёрный"}, "description_en": "Black", "price": 1}
  ]})");
  const auto& d = parsed.menu.dishes;
  REQUIRE(d.size() == 3);
  CHECK(d[0].name == kiosk::LocalizedText{"Суп", "Soup"});
  CHECK(d[1].name.ru.empty());
  CHECK(d[1].name.get(kiosk::Lang::Ru) == "Only English");
  CHECK(d[2].name == kiosk::LocalizedText{"Чай", "Tea"});
  CHECK(d[2].description == kiosk::LocalizedText{"Чёрный", "Black"});
}

TEST_CASE("codec menu: missing optional fields take their defaults") {
  auto parsed = parseOk(R"({"dishes": [{"id": "1", "price": "10"}],
      "modifier_schemes": [{"id": "s", "groups": [{"id": "g", "modifiers": [{"id": "m"}]}]}],
      "combo_schemes": [{"id": "c", "groups": [{"id": "cg", "items": [{"dish_id": "1"}]}]}]})");
  const kiosk::Dish& dish = parsed.menu.dishes.at(0);
  CHECK(dish.name.ru.empty());
  CHECK(dish.category_id.empty());
  CHECK(dish.stock.kind == StockKind::Unlimited);
  CHECK(dish.tags.empty());
  CHECK_FALSE(dish.kcal.has_value());
  CHECK(parsed.menu.categories.empty());
  const auto& group = parsed.menu.modifier_schemes.at(0).groups.at(0);
  CHECK(group.min == 0);
  CHECK(group.max == 1);
  const auto& combo_group = parsed.menu.combo_schemes.at(0).groups.at(0);
  CHECK(combo_group.min == 1);
  CHECK(combo_group.max == 1);
  CHECK(combo_group.items.at(0).price_delta == Money{});
  // No menu_version is worth a line in the log, not a failure.
  CHECK(parsed.menu.version.empty());
  REQUIRE(parsed.problems.size() == 1);
  CHECK(parsed.problems[0].find("menu_version") != std::string::npos);
}

TEST_CASE("codec menu: a broken dish is skipped with a problem line, the rest of the menu stays") {
  auto parsed = parseOk(R"({"menu_version": "1", "dishes": [
      {"id": "1", "name": "Good", "price": "100.00"},
      {"name": "No id", "price": "50.00"},
      {"id": "3", "name": "No price"},
      {"id": "4", "name": "Bad price", "price": "12.345"},
      {"id": "5", "name": "Price is a bool", "price": true},
      "not an object",
      {"id": "", "name": "Empty id", "price": 1},
      {"id": "8", "name": "Also good", "price": 1.5}
  ]})");
  const auto& d = parsed.menu.dishes;
  REQUIRE(d.size() == 2);
  CHECK(d[0].id == "1");
  CHECK(d[1].id == "8");
  CHECK(d[1].price == Money::kopecks(150));
  REQUIRE(parsed.problems.size() == 6);
  CHECK(parsed.problems[0].find("dishes[1]") == 0);
  CHECK(parsed.problems[1].find("id 3") != std::string::npos);
}

TEST_CASE("codec menu: broken nested entries are skipped; impossible limits are kept as sent, for MenuIndex") {
  auto parsed = parseOk(R"({"menu_version": "1", "dishes": [],
      "categories": [{"name": "no id"}, {"id": "c"}],
      "modifier_schemes": [{"groups": []},
        {"id": "s", "groups": [{"id": "g", "min": 3, "max": 1, "modifiers": [{"name": "no id"}, {"id": "m"}]},
                               {"name": "no id"}]}],
      "combo_schemes": [{"id": "c", "groups": [{"id": "cg", "items": [{"price_delta": 1}, {"dish_id": 5}]}]}],
      "stock_is_weird": 1})");
  CHECK(parsed.menu.categories.size() == 1);
  REQUIRE(parsed.menu.modifier_schemes.size() == 1);
  const auto& groups = parsed.menu.modifier_schemes[0].groups;
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].min == 3);  // MenuIndex refuses the dishes with this scheme (careless_menu_test.cpp)
  CHECK(groups[0].max == 1);
  CHECK(groups[0].modifiers.size() == 1);
  CHECK(parsed.menu.combo_schemes.at(0).groups.at(0).items.size() == 1);
  CHECK(parsed.menu.combo_schemes.at(0).groups.at(0).items[0].dish_id == "5");
  CHECK(parsed.problems.size() == 5);
}

TEST_CASE("codec menu: an unknown stock type keeps the dish orderable and is reported") {
  auto parsed = parseOk(R"({"menu_version": "1", "dishes": [{"id": "1", "price": 1, "stock": {"type": "frozen"}}]})");
  CHECK(parsed.menu.dishes.at(0).stock.kind == StockKind::Unlimited);
  CHECK(parsed.problems.size() == 1);
}

TEST_CASE("codec menu: an unusable document is a Malformed error") {
  for (const char* body : {"", "not json", "[1, 2]", "\"menu\"", "42", "{\"categories\": []}",
                           "{\"dishes\": {\"1\": {}}}", "{\"dishes\": [", "null"}) {
    INFO(body);
    auto parsed = codec::parseMenu(body);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == kiosk::ErrorKind::Malformed);
    CHECK(parsed.error().message_key == "error.procart_malformed");
  }
}

TEST_CASE("codec menu: an \"ok\": false answer is the error it names") {
  auto parsed = codec::parseMenu(R"({"ok": false, "error": {"code": "token_invalid", "message": "bad token"}})");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().kind == kiosk::ErrorKind::Auth);
}
