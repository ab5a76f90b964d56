// Menus a careless POS configuration can produce, read as the kiosk reads them (codec, then MenuIndex): each broken
// piece is refused with one problem line naming its ids, the rest of the menu stays as it was, and nothing a guest
// could order vanishes without a line saying why. docs/PROCART-WIRE.md, "Menu validation".
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/core/menu_checks.h"
#include "kiosk/core/menu_index.h"
#include "menu_load.h"

using procart_test::LoadedMenu;
using procart_test::loadMenu;
using procart_test::menuWith;

namespace {

std::vector<std::string> ids(const std::vector<const kiosk::Dish*>& dishes) {
  std::vector<std::string> out;
  for (const kiosk::Dish* d : dishes) out.push_back(d->id);
  return out;
}

std::vector<std::string> ids(const std::vector<const kiosk::Category*>& categories) {
  std::vector<std::string> out;
  for (const kiosk::Category* c : categories) out.push_back(c->id);
  return out;
}

std::vector<std::string> itemsOf(const kiosk::ComboGroup& group) {
  std::vector<std::string> out;
  for (const kiosk::ComboItem& item : group.items) out.push_back(item.dish_id);
  return out;
}

// The good dishes of menuWith() are untouched and still orderable.
void checkGoodDishesKept(const LoadedMenu& l) {
  CHECK(l.orderable("good1"));
  CHECK(l.orderable("good2"));
  CHECK(l.index->dish("good1")->price == kiosk::Money::rubles(389));
  CHECK_FALSE(l.mentions("dish good1"));
  CHECK_FALSE(l.mentions("dish good2"));
}

}  // namespace

// ---- prices ------------------------------------------------------------------------------------------------------

TEST_CASE("careless menu: a dish with a negative price is refused with a line; the rest of the menu loads") {
  LoadedMenu l = loadMenu(menuWith("", R"({"id": "refund", "name": "Возврат", "category_id": "burgers", "price": -5},
                                          {"id": "refund2", "category_id": "burgers", "price": "-0.01"},
                                          {"id": "free", "name": "Салфетки", "category_id": "burgers", "price": 0})"));
  INFO(l.problemsText());
  CHECK(l.mentions("dish refund has a negative price -5.00; dropped"));
  CHECK(l.mentions("dish refund2 has a negative price -0.01; dropped"));
  CHECK_FALSE(l.index->dish("refund"));
  CHECK_FALSE(l.index->dish("refund2"));
  CHECK(l.index->search("Возврат").empty());
  CHECK(l.orderable("free"));  // free is not negative
  CHECK(l.problems.size() == 2);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: absurdly large prices are refused; the largest sane price is kept") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "gold", "category_id": "burgers", "price": 1e12},
             {"id": "gold-text", "category_id": "burgers", "price": "100000000000.00"},
             {"id": "banquet", "category_id": "burgers", "price": "1000000.00"},
             {"id": "with-mods", "category_id": "burgers", "price": 100, "modifier_scheme_id": "ms"},
             {"id": "combo", "category_id": "burgers", "price": 500, "combo_scheme_id": "cs"})",
      R"("modifier_schemes": [{"id": "ms", "groups": [{"id": "extras", "min": 0, "max": 3, "modifiers": [
           {"id": "caviar", "price": 9e12}, {"id": "cheese", "price": 30}]}]}],
         "combo_schemes": [{"id": "cs", "groups": [{"id": "main", "items": [
           {"dish_id": "good1"}, {"dish_id": "good2", "price_delta": "-99999999999"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("dish gold has a price of 1000000000000.00, above the limit of 1000000.00; dropped"));
  CHECK(l.mentions("dish gold-text has a price of 100000000000.00, above the limit of 1000000.00; dropped"));
  CHECK(l.mentions("modifier scheme ms group extras modifier caviar has a price of 9000000000000.00, above the limit "
                   "of 1000000.00; dropped"));
  CHECK(l.mentions("combo cs group main item good2 has a price delta of -99999999999.00, beyond the limit of "
                   "1000000.00 either way; dropped"));
  CHECK_FALSE(l.index->dish("gold"));
  CHECK_FALSE(l.index->dish("gold-text"));
  CHECK(l.orderable("banquet"));
  CHECK(l.orderable("with-mods"));
  CHECK(l.orderable("combo"));
  CHECK(l.index->modifierScheme("ms")->groups[0].modifiers.size() == 1);
  CHECK(itemsOf(l.index->comboScheme("cs")->groups[0]) == std::vector<std::string>{"good1"});
  CHECK(l.problems.size() == 4);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: a modifier with a negative or unreadable price is refused, not given away") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "burger", "category_id": "burgers", "price": 189, "modifier_scheme_id": "ms"})",
      R"("modifier_schemes": [{"id": "ms", "groups": [{"id": "extras", "min": 0, "max": 3, "modifiers": [
           {"id": "minus", "price": -10}, {"id": "words", "price": "тридцать"}, {"id": "cheese", "price": 30},
           {"id": "free-onion"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("modifier scheme ms group extras modifier minus has a negative price -10.00; dropped"));
  CHECK(l.mentions("modifier_schemes[0].groups[0].modifiers[1]: modifier words without a readable price, skipped"));
  const kiosk::ModifierGroup& extras = l.index->modifierScheme("ms")->groups[0];
  REQUIRE(extras.modifiers.size() == 2);
  CHECK(extras.modifiers[0].id == "cheese");
  CHECK(extras.modifiers[1].id == "free-onion");  // no price at all is a free modifier, as documented
  CHECK(extras.modifiers[1].price == kiosk::Money());
  CHECK(l.orderable("burger"));
  CHECK(l.problems.size() == 2);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: a combo whose discounts could make it cost less than nothing is refused") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "cheap-combo", "category_id": "burgers", "price": 50, "combo_scheme_id": "cs"},
             {"id": "dear-combo", "category_id": "burgers", "price": 500, "combo_scheme_id": "cs"})",
      R"("combo_schemes": [{"id": "cs", "groups": [
           {"id": "main", "items": [{"dish_id": "good1"}]},
           {"id": "drink", "items": [{"dish_id": "good2", "price_delta": "-60.00"}, {"dish_id": "good1"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("combo dish cheap-combo could cost -10.00 (price 50.00 with the largest discounts of "
                   "combo cs); dropped"));
  CHECK_FALSE(l.index->dish("cheap-combo"));
  CHECK(l.orderable("dear-combo"));  // the same scheme on a dearer combo is fine: a discount is not an error
  CHECK(l.index->comboScheme("cs")->groups[1].items.size() == 2);
  CHECK(l.problems.size() == 1);
  checkGoodDishesKept(l);
}

// ---- combos ------------------------------------------------------------------------------------------------------

TEST_CASE("careless menu: a combo that contains itself loses that choice only; a burger is never its own combo") {
  LoadedMenu l = loadMenu(menuWith(
      R"({"id": "combos", "name": "Комбо"})",
      R"({"id": "burger-combo", "name": "Бургер комбо", "category_id": "combos", "price": 349,
          "combo_scheme_id": "cs"},
         {"id": "self-only", "name": "Сам в себе", "category_id": "combos", "price": 300, "combo_scheme_id": "cs-self"},
         {"id": "fries", "name": "Картофель", "category_id": "burgers", "price": 99})",
      R"("combo_schemes": [
           {"id": "cs", "groups": [
             {"id": "main", "default_dish_id": "burger-combo",
              "items": [{"dish_id": "burger-combo"}, {"dish_id": "good1"}]},
             {"id": "side", "items": [{"dish_id": "fries"}]}]},
           {"id": "cs-self", "groups": [{"id": "main", "items": [{"dish_id": "self-only"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("combo cs group main offers burger-combo, which is itself a combo of this scheme (a combo of "
                   "itself); dropped"));
  CHECK(l.mentions("combo cs group main default burger-combo is not offered; no default"));
  CHECK(l.mentions("combo cs-self group main offers self-only, which is itself a combo of this scheme (a combo of "
                   "itself); dropped"));
  CHECK(l.mentions("combo cs-self group main asks for at least 1 but offers 0 dishes; combos of cs-self dropped"));
  CHECK(l.mentions("combo dish self-only uses combo scheme cs-self, which cannot be satisfied; dropped"));
  // The combo stays, built from real dishes only.
  CHECK(l.orderable("burger-combo"));
  const kiosk::ComboScheme* cs = l.index->comboScheme("cs");
  CHECK(itemsOf(cs->groups[0]) == std::vector<std::string>{"good1"});
  CHECK(itemsOf(cs->groups[1]) == std::vector<std::string>{"fries"});
  CHECK(ids(l.index->combosContaining("burger-combo")).empty());
  CHECK(ids(l.index->combosContaining("good1")) == std::vector<std::string>{"burger-combo"});
  CHECK_FALSE(l.index->dish("self-only"));
  // The combos category keeps its good combo; no other dish or category went missing.
  CHECK(ids(l.index->visibleCategories()) == std::vector<std::string>{"burgers", "combos"});
  CHECK(l.orderable("fries"));
  CHECK(l.problems.size() == 5);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: a combo offered inside another combo is refused as a choice; both combos stay") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "small-combo", "category_id": "burgers", "price": 300, "combo_scheme_id": "small"},
             {"id": "big-combo", "category_id": "burgers", "price": 600, "combo_scheme_id": "big"})",
      R"("combo_schemes": [
           {"id": "small", "groups": [{"id": "main", "items": [{"dish_id": "good1"}]}]},
           {"id": "big", "groups": [{"id": "main", "items": [{"dish_id": "small-combo"}, {"dish_id": "good1"}]},
                                    {"id": "drink", "items": [{"dish_id": "good2"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("combo big group main offers small-combo, which is itself a combo; a combo cannot hold a combo; "
                   "dropped"));
  CHECK(l.orderable("small-combo"));
  CHECK(l.orderable("big-combo"));
  CHECK(itemsOf(l.index->comboScheme("big")->groups[0]) == std::vector<std::string>{"good1"});
  CHECK(ids(l.index->combosContaining("small-combo")).empty());
  CHECK(l.problems.size() == 1);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: combo groups with no dishes, repeated dishes or limits that contradict are handled") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "empty-required", "category_id": "burgers", "price": 300, "combo_scheme_id": "no-items"},
             {"id": "with-optional", "category_id": "burgers", "price": 300, "combo_scheme_id": "optional-empty"},
             {"id": "contradiction", "category_id": "burgers", "price": 300, "combo_scheme_id": "min-above-max"},
             {"id": "repeats", "category_id": "burgers", "price": 300, "combo_scheme_id": "repeats"})",
      R"("combo_schemes": [
           {"id": "no-items", "groups": [{"id": "main", "min": 1, "items": []}]},
           {"id": "optional-empty", "groups": [{"id": "main", "items": [{"dish_id": "good1"}]},
                                               {"id": "extra", "min": 0, "max": 1, "items": []}]},
           {"id": "min-above-max", "groups": [{"id": "main", "min": 2, "max": 1,
                                               "items": [{"dish_id": "good1"}, {"dish_id": "good2"}]}]},
           {"id": "repeats", "groups": [
             {"id": "main", "items": [{"dish_id": "good1"}, {"dish_id": "good1", "price_delta": 50}]},
             {"id": "main", "items": [{"dish_id": "good2"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("combo no-items group main asks for at least 1 but offers 0 dishes; combos of no-items dropped"));
  CHECK(l.mentions("combo dish empty-required uses combo scheme no-items, which cannot be satisfied; dropped"));
  CHECK(l.mentions("combo optional-empty group extra offers no dishes; the group dropped"));
  CHECK(l.mentions("combo min-above-max group main asks for at least 2 but allows at most 1; combos of "
                   "min-above-max dropped"));
  CHECK(l.mentions("combo dish contradiction uses combo scheme min-above-max, which cannot be satisfied; dropped"));
  CHECK(l.mentions("combo repeats group main offers good1 twice; the second dropped"));
  CHECK(l.mentions("combo repeats repeats group main; the second dropped"));
  CHECK_FALSE(l.index->dish("empty-required"));
  CHECK_FALSE(l.index->dish("contradiction"));
  CHECK(l.orderable("with-optional"));
  CHECK(l.index->comboScheme("optional-empty")->groups.size() == 1);
  CHECK(l.orderable("repeats"));
  const kiosk::ComboScheme* repeats = l.index->comboScheme("repeats");
  REQUIRE(repeats->groups.size() == 1);
  REQUIRE(repeats->groups[0].items.size() == 1);
  CHECK(repeats->groups[0].items[0].price_delta == kiosk::Money());  // the first of the two
  CHECK(l.problems.size() == 7);
  checkGoodDishesKept(l);
}

// ---- modifier schemes ----------------------------------------------------------------------------------------------

TEST_CASE("careless menu: a dish whose modifier scheme is a combo scheme (or the other way) is refused by name") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "mods-from-combo", "category_id": "burgers", "price": 189, "modifier_scheme_id": "cs"},
             {"id": "combo-from-mods", "category_id": "burgers", "price": 349, "combo_scheme_id": "ms"},
             {"id": "combo", "category_id": "burgers", "price": 349, "combo_scheme_id": "cs"},
             {"id": "with-mods", "category_id": "burgers", "price": 189, "modifier_scheme_id": "ms"})",
      R"("modifier_schemes": [{"id": "ms", "groups": [{"id": "sauce", "min": 0, "max": 1,
                                                        "modifiers": [{"id": "ketchup"}]}]}],
         "combo_schemes": [{"id": "cs", "groups": [{"id": "main", "items": [{"dish_id": "good1"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("dish mods-from-combo names combo scheme cs as its modifier scheme; dropped"));
  CHECK(l.mentions("dish combo-from-mods names modifier scheme ms as its combo scheme; dropped"));
  CHECK_FALSE(l.index->dish("mods-from-combo"));
  CHECK_FALSE(l.index->dish("combo-from-mods"));
  CHECK(l.orderable("combo"));
  CHECK(l.orderable("with-mods"));
  CHECK(l.problems.size() == 2);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: a modifier group that cannot be satisfied refuses the dishes that need it") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "min-above-max", "category_id": "burgers", "price": 189, "modifier_scheme_id": "contradiction"},
             {"id": "too-few", "category_id": "burgers", "price": 189, "modifier_scheme_id": "short"},
             {"id": "too-few-2", "category_id": "burgers", "price": 199, "modifier_scheme_id": "short"},
             {"id": "nothing", "category_id": "burgers", "price": 189, "modifier_scheme_id": "empty-required"},
             {"id": "fine", "category_id": "burgers", "price": 189, "modifier_scheme_id": "optional-broken"})",
      R"("modifier_schemes": [
           {"id": "contradiction", "groups": [{"id": "sauce", "min": 5, "max": 1, "modifiers": [{"id": "ketchup"}]}]},
           {"id": "short", "groups": [{"id": "sauce", "min": 5, "max": 5,
                                       "modifiers": [{"id": "ketchup"}, {"id": "mayo", "max_count": 2}]}]},
           {"id": "empty-required", "groups": [{"id": "bun", "min": 1, "max": 1, "modifiers": []}]},
           {"id": "optional-broken", "groups": [
             {"id": "sauce", "min": 1, "max": 1, "modifiers": [{"id": "ketchup"}]},
             {"id": "no-room", "min": 0, "max": 0, "modifiers": [{"id": "cheese", "price": 30}]},
             {"id": "empty", "min": 0, "max": 2, "modifiers": []}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("modifier scheme contradiction group sauce asks for at least 5 but allows at most 1; dishes "
                   "with contradiction dropped"));
  CHECK(l.mentions("dish min-above-max uses modifier scheme contradiction, which cannot be satisfied; dropped"));
  CHECK(l.mentions("modifier scheme short group sauce asks for at least 5 but its modifiers allow 3 in all; dishes "
                   "with short dropped"));
  CHECK(l.mentions("dish too-few uses modifier scheme short, which cannot be satisfied; dropped"));
  CHECK(l.mentions("dish too-few-2 uses modifier scheme short, which cannot be satisfied; dropped"));
  CHECK(l.mentions("modifier scheme empty-required group bun asks for at least 1 but its modifiers allow 0 in all"));
  CHECK(l.mentions("dish nothing uses modifier scheme empty-required, which cannot be satisfied; dropped"));
  // Optional groups nobody can use are dropped alone: the dish keeps its required group.
  CHECK(l.mentions("modifier scheme optional-broken group no-room allows at most 0; the group dropped"));
  CHECK(l.mentions("modifier scheme optional-broken group empty offers no modifiers; the group dropped"));
  CHECK(l.orderable("fine"));
  REQUIRE(l.index->modifierScheme("optional-broken")->groups.size() == 1);
  CHECK(l.index->modifierScheme("optional-broken")->groups[0].id == "sauce");
  for (const char* gone : {"min-above-max", "too-few", "too-few-2", "nothing"}) {
    INFO(gone);
    CHECK_FALSE(l.index->dish(gone));
  }
  CHECK(l.problems.size() == 9);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: counts that are not counts are named; a negative or absurd count is never guessed at") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "negative-min", "category_id": "burgers", "price": 189, "modifier_scheme_id": "neg"},
             {"id": "word-min", "category_id": "burgers", "price": 189, "modifier_scheme_id": "word"},
             {"id": "huge-min", "category_id": "burgers", "price": 189, "modifier_scheme_id": "huge-min"},
             {"id": "huge-max", "category_id": "burgers", "price": 189, "modifier_scheme_id": "huge-max"},
             {"id": "stocked", "category_id": "burgers", "price": 10,
              "stock": {"type": "limited", "quantity": 1e15}},
             {"id": "no-quantity", "category_id": "burgers", "price": 10, "stock": {"type": "limited"}},
             {"id": "owed", "category_id": "burgers", "price": 10, "stock": {"type": "limited", "quantity": -3}})",
      R"("modifier_schemes": [
           {"id": "neg", "groups": [{"id": "g", "min": -1, "max": 1, "modifiers": [{"id": "m"}]}]},
           {"id": "word", "groups": [{"id": "g", "min": "один", "max": 1, "modifiers": [{"id": "m"}]}]},
           {"id": "huge-min", "groups": [{"id": "g", "min": 1e12, "max": 1e12,
                                          "modifiers": [{"id": "m", "max_count": 1e12}]}]},
           {"id": "huge-max", "groups": [{"id": "g", "min": 0, "max": 1e12, "modifiers": [
             {"id": "m", "max_count": 1e12}, {"id": "zero", "max_count": 0}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("modifier scheme neg group g has min -1, not a count; dishes with neg dropped"));
  CHECK(l.mentions("dish negative-min uses modifier scheme neg, which cannot be satisfied; dropped"));
  CHECK(l.mentions("modifier_schemes[1].groups[0]: min \"один\" is not a count"));
  CHECK(l.mentions("modifier scheme word group g has min -1, not a count; dishes with word dropped"));
  CHECK(l.mentions("dish word-min uses modifier scheme word, which cannot be satisfied; dropped"));
  // A trillion to choose can never be met (the POS takes at most 999 of one modifier in a line).
  CHECK(l.mentions("modifier scheme huge-min group g asks for at least 2147483647 but its modifiers allow 999 in all"));
  CHECK_FALSE(l.index->dish("huge-min"));
  // A trillion allowed is just "no limit"; a modifier nobody may take (max_count 0) is refused.
  CHECK(l.mentions("modifier scheme huge-max group g modifier zero has max_count 0; dropped"));
  CHECK(l.orderable("huge-max"));
  CHECK(l.index->modifierScheme("huge-max")->groups[0].modifiers.size() == 1);
  // Stock: plenty is plenty; a limited stock without a quantity, or below zero, is sold out and says so.
  CHECK(l.orderable("stocked"));
  CHECK(l.index->dish("stocked")->stock.available() == int64_t{1'000'000'000'000'000});
  CHECK(l.mentions("dishes[7]: limited stock without a readable quantity, taken as 0 (sold out)"));
  CHECK(l.mentions("dishes[8]: stock quantity -3 below zero, taken as 0 (sold out)"));
  CHECK_FALSE(l.orderable("no-quantity"));
  CHECK(l.index->dish("no-quantity") != nullptr);  // shown greyed, as any sold-out dish
  CHECK(l.index->dish("owed")->stock.available() == int64_t{0});
  CHECK(l.mentions("dish huge-min uses modifier scheme huge-min, which cannot be satisfied; dropped"));
  CHECK(l.problems.size() == 10);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: ids repeated inside a scheme keep the first and refuse the rest, each with a line") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "burger", "category_id": "burgers", "price": 189, "modifier_scheme_id": "ms"},
             {"id": "burger", "category_id": "burgers", "price": 1},
             {"id": "tea", "category_id": "burgers", "price": 80, "modifier_scheme_id": "ms2"})",
      R"("modifier_schemes": [
           {"id": "ms", "groups": [
             {"id": "sauce", "min": 1, "max": 1, "modifiers": [{"id": "ketchup"}, {"id": "mayo"}]},
             {"id": "sauce", "min": 1, "max": 1, "modifiers": [{"id": "bbq"}]},
             {"id": "extras", "min": 0, "max": 2, "modifiers": [{"id": "ketchup", "price": 10}, {"id": "cheese"}]}]},
           {"id": "ms", "groups": []},
           {"id": "ms2", "groups": [{"id": "sugar", "min": 0, "max": 2, "modifiers": [{"id": "s"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("modifier scheme ms repeats group sauce; the second dropped"));
  CHECK(l.mentions("modifier scheme ms group extras repeats modifier ketchup of group sauce; dropped"));
  CHECK(l.mentions("duplicate modifier scheme ms ignored"));
  CHECK(l.mentions("dish burger is a duplicate; dropped"));
  const kiosk::ModifierScheme* ms = l.index->modifierScheme("ms");
  REQUIRE(ms->groups.size() == 2);
  CHECK(ms->groups[0].modifiers.size() == 2);
  REQUIRE(ms->groups[1].modifiers.size() == 1);
  CHECK(ms->groups[1].modifiers[0].id == "cheese");
  CHECK(l.index->dish("burger")->price == kiosk::Money::rubles(189));
  CHECK(l.orderable("burger"));
  CHECK(l.orderable("tea"));
  CHECK(l.problems.size() == 4);
  checkGoodDishesKept(l);
}

// ---- categories --------------------------------------------------------------------------------------------------

TEST_CASE("careless menu: every category of a cycle is made top-level, one line a cycle; no dish vanishes") {
  LoadedMenu l = loadMenu(menuWith(
      R"({"id": "drinks", "name": "Напитки", "parent_id": "cold"},
         {"id": "cold", "name": "Холодные", "parent_id": "drinks"},
         {"id": "juices", "name": "Соки", "parent_id": "cold"},
         {"id": "self", "name": "Сам", "parent_id": "self"})",
      R"({"id": "tea", "category_id": "drinks", "price": 80}, {"id": "cola", "category_id": "cold", "price": 120},
         {"id": "orange", "category_id": "juices", "price": 150},
         {"id": "mirror", "category_id": "self", "price": 1})"));
  INFO(l.problemsText());
  CHECK(l.count("category cycle") == 2);
  CHECK(l.mentions("category cycle drinks -> cold -> drinks; drinks, cold made top-level"));
  CHECK(l.mentions("category cycle self -> self; self made top-level"));
  // Top-level categories come by sort, then Russian name: Бургеры, Напитки, Сам, Холодные.
  CHECK(ids(l.index->visibleCategories()) == std::vector<std::string>{"burgers", "drinks", "self", "cold"});
  CHECK(ids(l.index->visibleCategories("cold")) == std::vector<std::string>{"juices"});  // off the cycle: kept
  for (const char* dish : {"tea", "cola", "orange", "mirror"}) {
    INFO(dish);
    CHECK(l.orderable(dish));
  }
  CHECK(l.problems.size() == 2);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: the result of a cycle does not depend on the order the categories come in") {
  auto cycleMenu = [](bool reversed) {
    std::string a = R"({"id": "a", "name": "A", "parent_id": "b"})";
    std::string b = R"({"id": "b", "name": "B", "parent_id": "c"})";
    std::string c = R"({"id": "c", "name": "C", "parent_id": "a"})";
    return menuWith(reversed ? c + ", " + b + ", " + a : a + ", " + b + ", " + c,
                    R"({"id": "in-a", "category_id": "a", "price": 1}, {"id": "in-b", "category_id": "b", "price": 1},
                       {"id": "in-c", "category_id": "c", "price": 1})");
  };
  LoadedMenu forward = loadMenu(cycleMenu(false));
  LoadedMenu backward = loadMenu(cycleMenu(true));
  INFO(forward.problemsText() << backward.problemsText());
  CHECK(ids(forward.index->visibleCategories()) == std::vector<std::string>{"a", "b", "c", "burgers"});
  CHECK(ids(backward.index->visibleCategories()) == ids(forward.index->visibleCategories()));
  CHECK(forward.mentions("category cycle a -> b -> c -> a; a, b, c made top-level"));
  CHECK(backward.mentions("category cycle c -> a -> b -> c; c, a, b made top-level"));
}

TEST_CASE("careless menu: a category nested deeper than the menu screen shows is made top-level with a line") {
  // l0 (top) > l1 > … > l10: the screen shows a category up to kMaxCategoryDepth levels below a top-level one.
  std::string categories;
  std::string dishes;
  for (int i = 0; i <= 10; ++i) {
    std::string id = "l" + std::to_string(i);
    categories += (i ? ", " : "") + std::string(R"({"id": ")") + id + R"(", "name": ")" + id + R"(", "parent_id": ")" +
                  (i ? "l" + std::to_string(i - 1) : "") + "\"}";
    dishes += (i ? ", " : "") + std::string(R"({"id": "in-)") + id + R"(", "category_id": ")" + id +
              R"(", "price": 1})";
  }
  LoadedMenu l = loadMenu(menuWith(categories, dishes));
  INFO(l.problemsText());
  static_assert(kiosk::kMaxCategoryDepth == 8);
  CHECK(l.mentions("category l9 sits 9 levels deep, more than the 8 the menu shows; made top-level"));
  CHECK(l.problems.size() == 1);
  CHECK(l.index->category("l9")->parent_id.empty());
  CHECK(l.index->category("l10")->parent_id == "l9");
  CHECK(l.index->category("l8")->parent_id == "l7");
  for (int i = 0; i <= 10; ++i) {
    INFO(i);
    CHECK(l.orderable("in-l" + std::to_string(i)));
  }
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: a dish in a category that does not exist, or in none, is refused by name") {
  LoadedMenu l = loadMenu(menuWith(
      "", R"({"id": "lost", "category_id": "gone", "price": 1}, {"id": "homeless", "price": 1},
             {"id": "stranger", "category_id": "", "price": 1})"));
  INFO(l.problemsText());
  CHECK(l.mentions("dish lost names missing category gone; dropped"));
  CHECK(l.mentions("dish homeless has no category; dropped"));
  CHECK(l.mentions("dish stranger has no category; dropped"));
  CHECK(l.problems.size() == 3);
  checkGoodDishesKept(l);
}

TEST_CASE("careless menu: pieces refused together still leave every other dish orderable") {
  // One menu with every finding at once; the dishes and categories that are fine must all survive.
  LoadedMenu l = loadMenu(menuWith(
      R"({"id": "x", "name": "X", "parent_id": "y"}, {"id": "y", "name": "Y", "parent_id": "x"},
         {"id": "combos", "name": "Комбо"})",
      R"({"id": "neg", "category_id": "burgers", "price": -1},
         {"id": "in-x", "category_id": "x", "price": 10}, {"id": "in-y", "category_id": "y", "price": 10},
         {"id": "self-combo", "category_id": "combos", "price": 300, "combo_scheme_id": "cs"},
         {"id": "wrong-scheme", "category_id": "burgers", "price": 10, "modifier_scheme_id": "cs"},
         {"id": "good-combo", "category_id": "combos", "price": 400, "combo_scheme_id": "cs2"})",
      R"("combo_schemes": [{"id": "cs", "groups": [{"id": "main", "items": [{"dish_id": "self-combo"}]}]},
                           {"id": "cs2", "groups": [{"id": "main", "items": [{"dish_id": "neg"},
                                                                             {"dish_id": "good1"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("dish neg has a negative price"));
  CHECK(l.mentions("category cycle x -> y -> x"));
  CHECK(l.mentions("offers self-combo, which is itself a combo of this scheme"));
  CHECK(l.mentions("combo cs group main asks for at least 1 but offers 0 dishes; combos of cs dropped"));
  CHECK(l.mentions("combo dish self-combo uses combo scheme cs, which cannot be satisfied; dropped"));
  CHECK(l.mentions("dish wrong-scheme names combo scheme cs as its modifier scheme; dropped"));
  CHECK(l.mentions("combo cs2 group main offers missing dish neg; dropped"));
  for (const char* dish : {"in-x", "in-y", "good-combo"}) {
    INFO(dish);
    CHECK(l.orderable(dish));
  }
  CHECK(ids(l.index->visibleCategories()) == std::vector<std::string>{"x", "y", "burgers", "combos"});
  CHECK(l.problems.size() == 7);
  checkGoodDishesKept(l);
}
