#include "test_menu.h"

namespace kiosk::test {
namespace {

Dish dish(std::string id, std::string code, std::string ru, std::string en, std::string category, int64_t rubles) {
  Dish d;
  d.id = std::move(id);
  d.code = std::move(code);
  d.name = {std::move(ru), std::move(en)};
  d.category_id = std::move(category);
  d.price = Money::rubles(rubles);
  return d;
}

}  // namespace

Menu testMenu() {
  Menu menu;
  menu.version = "v1";
  menu.categories = {
      {"burgers", {"Бургеры", "Burgers"}, "", 1, ""},
      {"drinks", {"Напитки", "Drinks"}, "", 2, ""},
      {"cold", {"Холодные", "Cold"}, "drinks", 1, ""},
      {"combos", {"Комбо", "Combos"}, "", 0, ""},
      {"salads", {"Салаты", "Salads"}, "", 3, ""},
      {"empty", {"Пусто", "Empty"}, "", 4, ""},
      {"stopped", {"Стоп", "Stopped"}, "", 5, ""},
  };

  ModifierScheme burger_mods{"burger_mods", {}};
  burger_mods.groups.push_back({"bun", {"Булочка", "Bun"}, 1, 1, {{"bun_wheat", {"Пшеничная", "Wheat"}, {}, 1}}});
  burger_mods.groups.push_back({"sauce", {"Соус", "Sauce"}, 1, 1,
                                {{"ketchup", {"Кетчуп", "Ketchup"}, {}, 1}, {"mayo", {"Майонез", "Mayo"}, {}, 1}}});
  burger_mods.groups.push_back({"extras", {"Добавки", "Extras"}, 0, 3,
                                {{"cheese", {"Сыр", "Cheese"}, Money::rubles(30), 2},
                                 {"bacon", {"Бекон", "Bacon"}, Money::rubles(50), 1}}});
  ModifierScheme ice{"ice", {}};
  ice.groups.push_back({"ice", {"Лёд", "Ice"}, 1, 1,
                        {{"ice_yes", {"Со льдом", "With ice"}, {}, 1}, {"ice_no", {"Без льда", "No ice"}, {}, 1}}});
  menu.modifier_schemes = {burger_mods, ice};

  ComboScheme combo{"combo_cheese", {"Комбо", "Combo"}, {}};
  combo.groups.push_back({"main", {"Бургер", "Burger"}, 1, 1, "burger", {{"burger", {}}}});
  combo.groups.push_back({"side", {"Гарнир", "Side"}, 1, 1, "fries", {{"fries", {}}, {"wedges", Money::rubles(20)}}});
  combo.groups.push_back(
      {"drink", {"Напиток", "Drink"}, 1, 1, "cola", {{"cola", {}}, {"juice", {}}, {"lemonade", Money::rubles(30)}}});
  ComboScheme duo{"duo", {"Дуэт", "Duo"}, {}};
  duo.groups.push_back({"pick", {"Выберите два", "Pick two"}, 2, 2, "", {{"burger", {}}, {"fries", {}}, {"wedges", {}}}});
  menu.combo_schemes = {combo, duo};

  Dish burger = dish("burger", "101", "Чизбургер", "Cheeseburger", "burgers", 189);
  burger.modifier_scheme_id = "burger_mods";
  burger.kcal = 420;
  Dish cola = dish("cola", "301", "Кола", "Cola", "cold", 120);
  cola.stock = {StockKind::Limited, 5};
  Dish juice = dish("juice", "302", "Сок", "Juice", "cold", 150);
  juice.stock = {StockKind::Prohibited, 0};
  Dish lemonade = dish("lemonade", "303", "Лимонад", "Lemonade", "cold", 140);
  lemonade.modifier_scheme_id = "ice";
  Dish combo_dish = dish("combo", "501", "Комбо Чизбургер", "Cheeseburger combo", "combos", 349);
  combo_dish.combo_scheme_id = "combo_cheese";
  Dish duo_dish = dish("duo", "502", "Дуэт", "Duo", "combos", 299);
  duo_dish.combo_scheme_id = "duo";
  Dish old = dish("old", "901", "Старое", "Old", "stopped", 10);
  old.stock = {StockKind::Prohibited, 0};

  menu.dishes = {combo_dish,
                 duo_dish,
                 burger,
                 dish("fries", "201", "Картофель фри", "French fries", "burgers", 99),
                 dish("wedges", "202", "Картофельные дольки", "Potato wedges", "burgers", 119),
                 dish("tea", "401", "Чай", "Tea", "drinks", 80),
                 cola,
                 juice,
                 lemonade,
                 dish("salad", "601", "Салат со свёклой", "Beet salad", "salads", 150),
                 old};
  return menu;
}

std::shared_ptr<const MenuIndex> testIndex() { return MenuIndex::build(testMenu()); }

Dish* findDish(Menu& menu, const std::string& id) {
  for (Dish& d : menu.dishes) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace kiosk::test
