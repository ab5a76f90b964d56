#include <catch2/catch.hpp>

#include "kiosk/core/cart.h"
#include "test_menu.h"

using namespace kiosk;

namespace {

OrderLine line(const std::string& dish_id, int quantity = 1, std::vector<OrderModifier> modifiers = {}) {
  return OrderLine{dish_id, quantity, "", std::move(modifiers), {}};
}

const std::vector<OrderModifier> kBurgerOk = {{"bun_wheat", 1}, {"ketchup", 1}};

}  // namespace

TEST_CASE("Cart keeps stable line ids and bumps its revision on every change") {
  Cart cart;
  CHECK(cart.empty());
  uint64_t r0 = cart.revision();
  uint64_t tea = cart.add(line("tea", 2), Money::rubles(80));
  uint64_t cola = cart.add(line("cola"), Money::rubles(120));
  CHECK(tea != cola);
  CHECK(cart.revision() == r0 + 2);
  CHECK(cart.itemCount() == 3);
  CHECK(cart.estimatedTotal() == Money::rubles(280));

  CHECK(cart.changeQuantity(cola, +2));
  CHECK(cart.find(cola)->line.quantity == 3);
  CHECK(cart.changeQuantity(cola, -5));  // clamps at 1
  CHECK(cart.find(cola)->line.quantity == 1);
  CHECK_FALSE(cart.changeQuantity(cola, -1));  // already 1: unchanged, no revision
  uint64_t before = cart.revision();
  CHECK_FALSE(cart.changeQuantity(999, 1));
  CHECK(cart.revision() == before);
  CHECK(cart.changeQuantity(cola, 500));
  CHECK(cart.find(cola)->line.quantity == 99);

  CHECK(cart.remove(tea));
  CHECK_FALSE(cart.remove(tea));
  CHECK(cart.find(cola)->id == cola);  // ids do not move when others go
  uint64_t salad = cart.add(line("salad"), Money::rubles(150));
  CHECK(salad > cola);
  CHECK(cart.replace(salad, line("tea", 0), Money::rubles(80)));
  CHECK(cart.find(salad)->line.dish_id == "tea");
  CHECK(cart.find(salad)->line.quantity == 1);  // quantity kept within 1..99
  CHECK_FALSE(cart.replace(12345, line("tea"), Money::rubles(80)));

  std::vector<OrderLine> lines = cart.orderLines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].dish_id == "cola");
  CHECK(lines[1].dish_id == "tea");
  before = cart.revision();
  cart.clear();
  CHECK(cart.empty());
  CHECK(cart.revision() == before + 1);
}

TEST_CASE("Cart::recheck flags lines a new menu cannot serve, line by line, and removes nothing") {
  auto menu = test::testIndex();
  Cart cart;
  uint64_t burger = cart.add(line("burger", 1, kBurgerOk), Money::rubles(189));
  uint64_t tea = cart.add(line("tea"), Money::rubles(80));
  uint64_t lemonade = cart.add(line("lemonade", 1, {{"ice_no", 1}}), Money::rubles(140));
  uint64_t salad = cart.add(line("salad"), Money::rubles(150));
  CHECK_FALSE(cart.recheck(*menu));
  CHECK_FALSE(cart.hasIssues());

  auto changed = test::testIndexWith([](Menu& m) {
    test::findDish(m, "tea")->stock = {StockKind::Prohibited, 0};
    m.modifier_schemes[1].groups[0].modifiers.pop_back();  // "ice_no" gone
    m.dishes.erase(m.dishes.begin() + 9);                  // salad gone
    test::findDish(m, "burger")->price = Money::rubles(199);
  });
  REQUIRE(changed->dish("salad") == nullptr);
  uint64_t revision = cart.revision();
  CHECK(cart.recheck(*changed));
  CHECK(cart.revision() > revision);  // whatever was validated is stale now
  CHECK(cart.lines().size() == 4);
  CHECK(cart.find(burger)->issue == LineIssue::None);
  CHECK(cart.find(burger)->estimated_unit_price == Money::rubles(199));
  CHECK(cart.find(tea)->issue == LineIssue::Unavailable);
  CHECK(cart.find(lemonade)->issue == LineIssue::ChoiceRemoved);
  CHECK(cart.find(salad)->issue == LineIssue::DishRemoved);
  CHECK(cart.find(salad)->estimated_unit_price == Money::rubles(150));  // unknown now: keeps the last estimate
  CHECK(cart.hasIssues());
  CHECK_FALSE(cart.recheck(*changed));  // nothing new

  CHECK(cart.recheck(*menu));  // the old menu again: all fine
  CHECK_FALSE(cart.hasIssues());
}

TEST_CASE("Cart::recheck shares limited stock across lines") {
  auto menu = test::testIndex();  // 5 colas left
  Cart cart;
  uint64_t first = cart.add(line("cola", 3), Money::rubles(120));
  OrderLine combo{"combo", 2, "", {}, {{"main", "burger", kBurgerOk}, {"side", "fries", {}}, {"drink", "cola", {}}}};
  uint64_t second = cart.add(combo, Money::rubles(349));
  CHECK_FALSE(cart.recheck(*menu));  // 3 + 2 = 5
  CHECK(cart.changeQuantity(second, +1));
  CHECK(cart.recheck(*menu));
  CHECK(cart.find(first)->issue == LineIssue::None);
  CHECK(cart.find(second)->issue == LineIssue::StockShort);
  CHECK(cart.changeQuantity(first, -1));
  CHECK(cart.recheck(*menu));
  CHECK_FALSE(cart.hasIssues());
}

TEST_CASE("Cart::flag marks a line the POS refused until that line changes") {
  auto menu = test::testIndex();
  Cart cart;
  uint64_t tea = cart.add(line("tea"), Money::rubles(80));
  uint64_t cola = cart.add(line("cola"), Money::rubles(120));
  CHECK(cart.flag(tea, LineIssue::Unavailable));
  CHECK_FALSE(cart.flag(tea, LineIssue::Unavailable));
  CHECK_FALSE(cart.flag(777, LineIssue::Unavailable));
  cart.recheck(*menu);  // the local menu does not know better: the POS's word stays
  CHECK(cart.find(tea)->issue == LineIssue::Unavailable);
  CHECK(cart.changeQuantity(cola, 1));
  CHECK(cart.find(tea)->issue == LineIssue::Unavailable);
  CHECK(cart.changeQuantity(tea, 1));
  CHECK(cart.find(tea)->issue == LineIssue::None);
}
