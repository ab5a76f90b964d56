#include "ui_test_menu.h"

namespace kiosk::uitest {
namespace {

LocalizedText text(const char* ru, const char* en) { return LocalizedText{ru, en}; }

// The picture of each test dish among the demo menu's (assets/demo/images); the preview shows those files when
// they exist and makes up a picture otherwise. Headless tests never read them.
std::string pictureOf(const std::string& id) {
  static const std::pair<const char*, const char*> kPictures[] = {
      {"burger", "burger-cheese"}, {"spicy", "burger-ogonyok"},   {"veggie", "burger-veggie"},
      {"combo", "combo-classic"},  {"fries", "fries"},            {"wedges", "potato-wedges"},
      {"tea", "tea-black"},        {"cola", "cola"},              {"juice", "juice-orange"},
      {"lemonade", "lemonade-tarragon"}, {"caesar", "salad-caesar"}, {"beet", "salad-garden"},
      {"icecream", "ice-cream-cone"}, {"cat_burgers", "category-burgers"}, {"cat_combos", "category-combos"},
      {"cat_sides", "category-sides"}, {"cat_drinks", "category-drinks"}, {"cat_cold", "category-drinks"},
      {"cat_salads", "category-salads"}, {"cat_desserts", "category-desserts"},
  };
  for (const auto& [key, file] : kPictures) {
    if (id == key) return std::string("images/") + file + ".png";
  }
  return "img/" + id + ".png";
}

Dish dish(const char* id, const char* category, const char* ru, const char* en, int64_t rubles) {
  Dish d;
  d.id = id;
  d.code = id;
  d.category_id = category;
  d.name = text(ru, en);
  d.price = Money::rubles(rubles);
  d.image = pictureOf(id);
  return d;
}

Modifier modifier(const char* id, const char* ru, const char* en, int64_t rubles, int max_count = 1) {
  return Modifier{id, text(ru, en), Money::rubles(rubles), max_count};
}

}  // namespace

Menu uiTestMenu() {
  Menu menu;
  menu.version = "ui-test-1";
  auto category = [&](const char* id, const char* ru, const char* en, int sort, const char* parent = "") {
    menu.categories.push_back(Category{id, text(ru, en), parent, sort, pictureOf(std::string("cat_") + id)});
  };
  category("burgers", "Бургеры", "Burgers", 0);
  category("combos", "Комбо", "Combos", 1);
  category("sides", "Гарниры", "Sides", 2);
  category("drinks", "Напитки", "Drinks", 3);
  category("cold", "Холодные напитки", "Cold drinks", 0, "drinks");
  category("salads", "Салаты", "Salads", 4);
  category("desserts", "Десерты", "Desserts", 5);

  ModifierScheme burger_mods;
  burger_mods.id = "burger_mods";
  burger_mods.groups.push_back(ModifierGroup{"sauce", text("Соус", "Sauce"), 1, 1,
                                             {modifier("ketchup", "Кетчуп", "Ketchup", 0),
                                              modifier("mayo", "Майонез", "Mayo", 0),
                                              modifier("bbq", "Барбекю", "BBQ", 15)}});
  burger_mods.groups.push_back(ModifierGroup{"extras", text("Добавки", "Extras"), 0, 3,
                                             {modifier("cheese", "Сыр", "Cheese", 30, 2),
                                              modifier("bacon", "Бекон", "Bacon", 50),
                                              modifier("jalapeno", "Халапеньо", "Jalapeño", 20)}});
  menu.modifier_schemes.push_back(burger_mods);
  ModifierScheme ice;
  ice.id = "ice";
  ice.groups.push_back(ModifierGroup{"ice", text("Лёд", "Ice"), 1, 1,
                                     {modifier("with_ice", "Со льдом", "With ice", 0),
                                      modifier("no_ice", "Без льда", "No ice", 0)}});
  menu.modifier_schemes.push_back(ice);

  Dish burger = dish("burger", "burgers", "Чизбургер", "Cheeseburger", 189);
  burger.kcal = 420;
  burger.tags = {"hit"};
  burger.modifier_scheme_id = "burger_mods";
  burger.description = text("Говяжья котлета, сыр чеддер, маринованный огурец, лук и булочка бриошь.",
                            "Beef patty, cheddar, pickles, onion and a brioche bun.");
  menu.dishes.push_back(burger);
  Dish spicy = dish("spicy", "burgers", "Острый бургер", "Spicy burger", 229);
  spicy.kcal = 510;
  spicy.tags = {"spicy"};
  spicy.modifier_scheme_id = "burger_mods";
  spicy.description = text("С перцем халапеньо и острым соусом «Шрирача».", "With jalapeños and sriracha sauce.");
  menu.dishes.push_back(spicy);
  Dish veggie = dish("veggie", "burgers", "Вегбургер", "Veggie burger", 209);
  veggie.kcal = 380;
  veggie.tags = {"vegetarian"};
  menu.dishes.push_back(veggie);

  Dish combo = dish("combo", "combos", "Комбо Чизбургер", "Cheeseburger combo", 349);
  combo.combo_scheme_id = "combo_scheme";
  combo.kcal = 980;
  combo.description = text("Чизбургер, гарнир и напиток.", "A cheeseburger, a side and a drink.");
  menu.dishes.push_back(combo);

  Dish fries = dish("fries", "sides", "Картофель фри", "French fries", 99);
  fries.kcal = 310;
  menu.dishes.push_back(fries);
  Dish wedges = dish("wedges", "sides", "Картофельные дольки", "Potato wedges", 119);
  wedges.kcal = 290;
  menu.dishes.push_back(wedges);

  Dish tea = dish("tea", "drinks", "Чай чёрный", "Black tea", 80);
  menu.dishes.push_back(tea);
  Dish cola = dish("cola", "cold", "Кола", "Cola", 120);
  cola.stock = Stock{StockKind::Limited, 3};
  cola.kcal = 140;
  menu.dishes.push_back(cola);
  Dish juice = dish("juice", "cold", "Апельсиновый сок", "Orange juice", 130);
  juice.stock = Stock{StockKind::Prohibited, 0};
  menu.dishes.push_back(juice);
  Dish lemonade = dish("lemonade", "cold", "Лимонад", "Lemonade", 140);
  lemonade.modifier_scheme_id = "ice";
  menu.dishes.push_back(lemonade);

  Dish caesar = dish("caesar", "salads", "Салат «Цезарь» с курицей", "Chicken Caesar salad", 259);
  caesar.kcal = 350;
  caesar.description = text("Романо, курица гриль, пармезан, гренки и соус «Цезарь» — классика, которую любят все.",
                            "Romaine, grilled chicken, parmesan, croutons and Caesar dressing — a classic.");
  menu.dishes.push_back(caesar);
  Dish beet = dish("beet", "salads", "Салат со свёклой", "Beetroot salad", 150);
  beet.tags = {"vegetarian"};
  menu.dishes.push_back(beet);

  Dish ice_cream = dish("icecream", "desserts", "Мороженое", "Ice cream", 99);
  menu.dishes.push_back(ice_cream);
  Dish pie = dish("pie", "desserts", "Вишнёвый пирожок", "Cherry pie", 89);
  pie.image.clear();
  menu.dishes.push_back(pie);

  ComboScheme scheme;
  scheme.id = "combo_scheme";
  scheme.name = text("Комбо", "Combo");
  scheme.groups.push_back(ComboGroup{"main", text("Бургер", "Burger"), 1, 1, "burger",
                                     {{"burger", Money()}, {"spicy", Money::rubles(40)}}});
  scheme.groups.push_back(ComboGroup{"side", text("Гарнир", "Side"), 1, 1, "fries",
                                     {{"fries", Money()}, {"wedges", Money::rubles(20)}}});
  scheme.groups.push_back(ComboGroup{"drink", text("Напиток", "Drink"), 1, 1, "cola",
                                     {{"cola", Money()}, {"lemonade", Money::rubles(30)}, {"juice", Money()}}});
  menu.combo_schemes.push_back(scheme);
  return menu;
}

std::shared_ptr<const MenuIndex> uiTestIndex() { return MenuIndex::build(uiTestMenu()); }

std::shared_ptr<const MenuIndex> bigMenuIndex(int dishes, int categories) {
  Menu menu;
  menu.version = "big-" + std::to_string(dishes);
  for (int c = 0; c < categories; ++c) {
    std::string id = "c" + std::to_string(c);
    menu.categories.push_back(
        Category{id, text(("Категория " + std::to_string(c)).c_str(), ("Category " + std::to_string(c)).c_str()), "", c,
                 "big/cat" + std::to_string(c) + ".png"});
  }
  for (int d = 0; d < dishes; ++d) {
    Dish dish;
    dish.id = "d" + std::to_string(d);
    dish.code = dish.id;
    dish.category_id = "c" + std::to_string(d % categories);
    dish.name = text(("Блюдо номер " + std::to_string(d)).c_str(), ("Dish number " + std::to_string(d)).c_str());
    dish.price = Money::kopecks(10000 + d * 7);
    dish.image = "big/" + std::to_string(d % 500) + ".png";  // 500 distinct images, as in the brief's figure
    dish.kcal = 100 + d % 700;
    if (d % 13 == 0) dish.stock = Stock{StockKind::Prohibited, 0};
    menu.dishes.push_back(std::move(dish));
  }
  return MenuIndex::build(std::move(menu));
}

SessionConfig uiTestConfig() {
  SessionConfig config;
  config.upsell_rules = {CategoryUpsellRule{"cold", {"drinks", "cold"}, "upsell.add_drink"}};
  config.eat_in_category_id = "eat_in";
  config.take_away_category_id = "take_away";
  return config;
}

ValidationResult localValidation(const Cart& cart, Money discount) {
  ValidationResult result;
  for (size_t i = 0; i < cart.lines().size(); ++i) {
    const CartLine& line = cart.lines()[i];
    ValidatedLine validated;
    validated.index = static_cast<int>(i);
    validated.price = line.estimated_unit_price;
    validated.sum = line.estimated_unit_price * line.line.quantity;
    if (i == 0) validated.discount = discount;
    result.total += validated.sum - validated.discount;
    result.lines.push_back(validated);
  }
  if (discount > Money()) result.discounts.push_back(AppliedDiscount{"promo", "Скидка дня", discount});
  return result;
}

}  // namespace kiosk::uitest
