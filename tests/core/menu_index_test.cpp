#include <algorithm>
#include <catch2/catch.hpp>

#include "kiosk/core/menu_index.h"
#include "test_menu.h"

using namespace kiosk;

namespace {

std::vector<std::string> ids(const std::vector<const Dish*>& dishes) {
  std::vector<std::string> out;
  for (const Dish* d : dishes) out.push_back(d->id);
  return out;
}

std::vector<std::string> ids(const std::vector<const Category*>& categories) {
  std::vector<std::string> out;
  for (const Category* c : categories) out.push_back(c->id);
  return out;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("MenuIndex finds dishes, categories and schemes by id and dishes by code") {
  auto menu = test::testIndex();
  REQUIRE(menu->problems().empty());
  CHECK(menu->version() == "v1");
  REQUIRE(menu->dish("burger"));
  CHECK(menu->dish("burger")->name.en == "Cheeseburger");
  CHECK(menu->dishByCode("301") == menu->dish("cola"));
  CHECK(menu->dish("nope") == nullptr);
  CHECK(menu->dishByCode("nope") == nullptr);
  CHECK(menu->category("cold")->parent_id == "drinks");
  const ModifierScheme* scheme = menu->modifierScheme("burger_mods");
  REQUIRE(scheme);
  const ModifierGroup* extras = menu->modifierGroup(*scheme, "extras");
  REQUIRE(extras);
  CHECK(menu->modifier(*extras, "cheese")->price == Money::rubles(30));
  CHECK(menu->modifier(*extras, "ketchup") == nullptr);
  CHECK(menu->comboScheme("combo_cheese")->groups.size() == 3);
}

TEST_CASE("MenuIndex orders categories by sort and hides the ones with nothing orderable") {
  auto menu = test::testIndex();
  // "empty" has no dish and "stopped" only a stop-listed one: both hidden.
  CHECK(ids(menu->visibleCategories()) == std::vector<std::string>{"combos", "burgers", "drinks", "salads"});
  CHECK(ids(menu->visibleCategories("drinks")) == std::vector<std::string>{"cold"});
  CHECK(menu->visibleCategories("burgers").empty());

  // Same sort: by Russian name. A category visible only through its child stays visible.
  auto tied = test::testIndexWith([](Menu& m) {
    for (Category& c : m.categories) c.sort = 0;
    test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0};
  });
  CHECK(ids(tied->visibleCategories()) == std::vector<std::string>{"burgers", "combos", "drinks", "salads"});

  // A whole branch out of stock disappears, parent included.
  auto dry = test::testIndexWith([](Menu& m) {
    test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0};
    test::findDish(m, "cola")->stock = {StockKind::Limited, 0};
    test::findDish(m, "lemonade")->stock = {StockKind::Prohibited, 0};
  });
  CHECK(ids(dry->visibleCategories()) == std::vector<std::string>{"combos", "burgers", "salads"});
}

TEST_CASE("MenuIndex lists a category's dishes in menu order, out-of-stock ones included") {
  auto menu = test::testIndex();
  CHECK(ids(menu->dishesIn("cold")) == std::vector<std::string>{"cola", "juice", "lemonade"});
  CHECK(ids(menu->dishesIn("drinks")) == std::vector<std::string>{"tea"});  // not its children's
  CHECK(menu->dishesIn("empty").empty());
  CHECK(menu->dishesIn("no-such").empty());
}

TEST_CASE("foldCase lower-cases ASCII and Cyrillic including Ё, and leaves the rest alone") {
  CHECK(foldCase("ЧИЗБУРГЕР Cola") == "чизбургер cola");
  CHECK(foldCase("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ") == "абвгдеёжзийклмнопрстуфхцчшщъыьэюя");
  CHECK(foldCase("уже строчные") == "уже строчные");
  CHECK(foldCase("₽ — «Ok»") == "₽ — «ok»");
  CHECK(foldCase("\xD0") == "\xD0");  // a cut-off sequence stays as it is
}

TEST_CASE("MenuIndex search is case-insensitive over Russian and English names") {
  auto menu = test::testIndex();
  CHECK(ids(menu->search("ЧИЗ")) == std::vector<std::string>{"combo", "burger"});
  CHECK(ids(menu->search("cheese")) == std::vector<std::string>{"combo", "burger"});
  CHECK(ids(menu->search("  cola ")) == std::vector<std::string>{"cola"});
  CHECK(ids(menu->search("свекл")) == std::vector<std::string>{"salad"});  // ё typed as е
  CHECK(ids(menu->search("СВЁКЛ")) == std::vector<std::string>{"salad"});
  CHECK(ids(menu->search("картофель", 1)) == std::vector<std::string>{"fries"});
  CHECK(menu->search("").empty());
  CHECK(menu->search("   ").empty());
  CHECK(menu->search("zzz").empty());
  CHECK(menu->search("r\nb").empty());  // never matches across the ru/en join
}

TEST_CASE("MenuIndex knows which combos hold a dish, and what is on the stop-list") {
  auto menu = test::testIndex();
  CHECK(ids(menu->combosContaining("burger")) == std::vector<std::string>{"combo", "duo"});
  CHECK(ids(menu->combosContaining("lemonade")) == std::vector<std::string>{"combo"});
  CHECK(menu->combosContaining("salad").empty());
  CHECK(ids(menu->stopList()) == std::vector<std::string>{"cola", "juice", "old"});
}

TEST_CASE("MenuIndex drops dishes with broken references and says why") {
  auto menu = test::testIndexWith([](Menu& m) {
    Dish stray = *test::findDish(m, "tea");
    stray.id = "stray";
    stray.category_id = "nowhere";
    Dish no_scheme = *test::findDish(m, "tea");
    no_scheme.id = "no_scheme";
    no_scheme.modifier_scheme_id = "missing_mods";
    Dish no_combo = *test::findDish(m, "tea");
    no_combo.id = "no_combo";
    no_combo.combo_scheme_id = "missing_combo";
    Dish twin = *test::findDish(m, "tea");
    twin.name.en = "Second tea";
    Dish nameless = *test::findDish(m, "tea");
    nameless.id = "";
    m.dishes.insert(m.dishes.end(), {stray, no_scheme, no_combo, twin, nameless});
  });
  CHECK(menu->dish("stray") == nullptr);
  CHECK(menu->dish("no_scheme") == nullptr);
  CHECK(menu->dish("no_combo") == nullptr);
  CHECK(menu->dish("tea")->name.en == "Tea");  // the first of two with one id wins
  CHECK(menu->dish("") == nullptr);
  const auto& problems = menu->problems();
  CHECK(problems.size() == 5);
  CHECK(mentions(problems, "stray names missing category nowhere"));
  CHECK(mentions(problems, "missing modifier scheme missing_mods"));
  CHECK(mentions(problems, "missing combo scheme missing_combo"));
  CHECK(mentions(problems, "duplicate"));
  CHECK(mentions(problems, "dish without id dropped"));
}

TEST_CASE("MenuIndex cleans combo groups that offer missing dishes") {
  auto menu = test::testIndexWith([](Menu& m) {
    m.combo_schemes[0].groups[1].items.push_back({"ghost", Money::rubles(5)});
    m.combo_schemes[0].groups[2].default_dish_id = "ghost_drink";
    m.combo_schemes[1].groups[0].items = {{"burger", {}}, {"ghost", {}}};  // duo: pick 2 of 1 left → unorderable
  });
  const ComboScheme* combo = menu->comboScheme("combo_cheese");
  CHECK(combo->groups[1].items.size() == 2);
  CHECK(combo->groups[2].default_dish_id.empty());
  CHECK(menu->dish("combo") != nullptr);
  CHECK(menu->dish("duo") == nullptr);
  CHECK(mentions(menu->problems(), "offers missing dish ghost"));
  CHECK(mentions(menu->problems(), "default ghost_drink is not offered"));
  CHECK(mentions(menu->problems(), "combo dish duo"));
  CHECK(ids(menu->combosContaining("burger")) == std::vector<std::string>{"combo"});
}

TEST_CASE("MenuIndex detaches category cycles and missing parents instead of looping") {
  auto menu = test::testIndexWith([](Menu& m) {
    m.categories.push_back({"a", {"А", "A"}, "b", 10, ""});
    m.categories.push_back({"b", {"Б", "B"}, "c", 11, ""});
    m.categories.push_back({"c", {"В", "C"}, "a", 12, ""});
    m.categories.push_back({"self", {"Сам", "Self"}, "self", 13, ""});
    m.categories.push_back({"orphan", {"Сирота", "Orphan"}, "gone", 14, ""});
    m.categories.push_back({"burgers", {"Дубль", "Duplicate"}, "", 99, ""});
    for (const char* category : {"a", "b", "c", "self", "orphan"}) {
      Dish d = *test::findDish(m, "tea");
      d.id = std::string("tea_") + category;
      d.category_id = category;
      m.dishes.push_back(d);
    }
  });
  auto top = ids(menu->visibleCategories());
  // Every member of the a→b→c→a cycle is made top-level: which link is the wrong one cannot be known.
  int cycle_roots = static_cast<int>(std::count_if(top.begin(), top.end(),
                                                   [](const std::string& id) { return id == "a" || id == "b" || id == "c"; }));
  CHECK(cycle_roots == 3);
  CHECK(std::find(top.begin(), top.end(), "self") != top.end());
  CHECK(std::find(top.begin(), top.end(), "orphan") != top.end());
  CHECK(menu->category("burgers")->name.en == "Burgers");
  CHECK(mentions(menu->problems(), "category cycle a -> b -> c -> a; a, b, c made top-level"));
  CHECK(mentions(menu->problems(), "self made top-level"));
  CHECK(mentions(menu->problems(), "missing parent gone"));
  CHECK(mentions(menu->problems(), "duplicate category burgers"));
  for (const char* id : {"a", "b", "c"}) CHECK(menu->dish(std::string("tea_") + id) != nullptr);
}

TEST_CASE("MenuIndex builds and searches a 10,000-dish menu") {
  Menu menu;
  menu.version = "big";
  for (int c = 0; c < 100; ++c) {
    menu.categories.push_back({"c" + std::to_string(c), {"Категория " + std::to_string(c), "Category"},
                               c < 10 ? "" : "c" + std::to_string(c % 10), c, ""});
  }
  menu.modifier_schemes.push_back(test::testMenu().modifier_schemes[0]);
  for (int i = 0; i < 10'000; ++i) {
    Dish d;
    d.id = "d" + std::to_string(i);
    d.code = std::to_string(100000 + i);
    d.name = {"Блюдо номер " + std::to_string(i) + " ЧИЗ", "Dish number " + std::to_string(i)};
    d.category_id = "c" + std::to_string(i % 100);
    d.price = Money::kopecks(10000 + i);
    if (i % 3 == 0) d.modifier_scheme_id = "burger_mods";
    if (i % 50 == 0) d.stock = {StockKind::Limited, i % 7};
    menu.dishes.push_back(std::move(d));
  }
  // How fast this is belongs to the benchmark (tests/bench, docs/PERFORMANCE.md), not to a test: a shared CI machine
  // or a sanitizer build would make any time limit flaky. Here: a menu of this size is indexed whole and correctly.
  auto index = MenuIndex::build(std::move(menu));
  CHECK(index->menu().dishes.size() == 10'000);
  CHECK(index->problems().empty());
  CHECK(index->dishByCode("109999")->id == "d9999");
  CHECK(index->search("номер 9999").size() == 1);

  auto found = index->search("чиз", 10'000);
  CHECK(found.size() == 10'000);
}
