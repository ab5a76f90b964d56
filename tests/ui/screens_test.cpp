// The screens, headless: what each one offers, that tapping by widget id drives the session, and the rules a
// guest relies on (out-of-stock dishes do not react, Add waits for required choices, the cart survives a
// language change, accessibility moves everything into reach).
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/core/message_keys.h"
#include "support/ui_harness.h"

using namespace kiosk;
using kiosk::uitest::UiHarness;

namespace {

bool emittedAny(const UiHarness& h, const std::string& name) {
  return std::find(h.emitted.begin(), h.emitted.end(), name) != h.emitted.end();
}

// Every widget a finger can reach now is at least `min_px` in both directions.
void requireTouchSized(const UiHarness& h, float min_px) {
  for (const ui::WidgetInfo& w : h.ui.widgets().widgets()) {
    if (w.visible.empty() || w.covered) continue;
    INFO("widget " << w.id << " is " << w.box.width() << "×" << w.box.height() << " px");
    CHECK(std::min(w.box.width(), w.box.height()) >= min_px);
  }
}

}  // namespace

TEST_CASE("attract offers ordering, both languages, accessibility and the logo") {
  UiHarness h;
  REQUIRE(h.error.empty());
  h.frame();
  CHECK(h.screen() == "attract");
  for (const char* id : {"attract.start", "lang.ru", "lang.en", "a11y.toggle", "attract.logo"}) {
    INFO(id);
    CHECK(h.reachable(id));
  }
  CHECK(h.ui.widgets().duplicates().empty());
  CHECK(h.ui.widgets().textShown("attract.start"));
}

TEST_CASE("tapping the start opens the menu with the category rail and the dish grid") {
  UiHarness h;
  h.startOrdering();
  CHECK(h.state().phase == Phase::Ordering);
  CHECK(h.screen() == "menu");
  CHECK(h.state().category_id == "burgers");
  std::vector<std::string> rail = h.ui.widgets().idsWithPrefix("menu.category.");
  CHECK(rail == std::vector<std::string>{"menu.category.burgers", "menu.category.combos", "menu.category.sides",
                                         "menu.category.drinks", "menu.category.salads", "menu.category.desserts"});
  CHECK(h.reachable("menu.dish.burger"));
  CHECK(h.reachable("menu.dish.veggie"));
  CHECK(h.reachable("menu.cart"));
  CHECK_FALSE(h.widget("menu.checkout")->enabled);  // nothing to check out yet
  CHECK(h.ui.widgets().duplicates().empty());
  requireTouchSized(h, 60.f);
}

TEST_CASE("a sub-category's dishes appear under their parent; a sold-out dish is greyed and does not react") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.category.drinks"));
  CHECK(h.state().category_id == "drinks");
  REQUIRE(h.widget("menu.dish.juice"));
  CHECK(h.widget("menu.dish.cola"));  // "cold" is a child of "drinks"
  CHECK_FALSE(h.widget("menu.dish.juice")->enabled);
  CHECK(h.ui.widgets().textShown("menu.sold_out"));
  CHECK(h.ui.widgets().textShown("menu.few_left"));  // cola: 3 left
  h.emitted.clear();
  REQUIRE(h.tap("menu.dish.juice"));
  CHECK(h.state().view == OrderingView::Menu);
  CHECK_FALSE(emittedAny(h, "OpenDish"));
}

TEST_CASE("Add waits for the required sauce, then adds the line and returns to the menu") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.burger"));
  REQUIRE(h.screen() == "dish");
  CHECK_FALSE(h.widget("dish.add")->enabled);
  CHECK(h.ui.widgets().textShown("dish.choose_more_of"));  // "Choose 1 more: Sauce"
  REQUIRE(h.tap("dish.add"));
  CHECK(h.state().cart.empty());
  REQUIRE(h.tap("dish.mod.sauce.mayo"));
  CHECK(h.widget("dish.mod.sauce.mayo")->selected);
  CHECK(h.widget("dish.add")->enabled);
  REQUIRE(h.tap("dish.mod.sauce.bbq"));  // radio: replaces mayo
  CHECK_FALSE(h.widget("dish.mod.sauce.mayo")->selected);
  CHECK(h.state().builder->unitPrice() == Money::rubles(189 + 15));
  REQUIRE(h.tap("dish.qty.plus"));
  CHECK(h.state().builder->quantity() == 2);
  REQUIRE(h.tap("dish.add"));
  REQUIRE(h.state().cart.lines().size() == 1);
  const OrderLine& line = h.state().cart.lines()[0].line;
  CHECK(line.dish_id == "burger");
  CHECK(line.quantity == 2);
  REQUIRE(line.modifiers.size() == 1);
  CHECK(line.modifiers[0].id == "bbq");
  CHECK(h.screen() == "menu");
  CHECK(h.state().cart.itemCount() == 2);
}

TEST_CASE("a counter modifier goes up to its own maximum; Back leaves the cart alone") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.burger"));
  REQUIRE(h.tap("dish.mod.extras.cheese.plus"));
  REQUIRE(h.tap("dish.mod.extras.cheese.plus"));
  CHECK(h.state().builder->modifierQuantity(kDishItself, "extras", "cheese") == 2);
  CHECK_FALSE(h.widget("dish.mod.extras.cheese.plus")->enabled);  // max_count 2
  REQUIRE(h.tap("dish.mod.extras.bacon"));
  CHECK_FALSE(h.widget("dish.mod.extras.jalapeno")->enabled);  // the group's max of 3 is reached
  REQUIRE(h.tap("dish.mod.extras.cheese.minus"));
  CHECK(h.widget("dish.mod.extras.jalapeno")->enabled);
  REQUIRE(h.tap("dish.close"));
  CHECK(h.screen() == "menu");
  CHECK(h.state().cart.empty());
}

TEST_CASE("a combo walks one step per group; Add is enabled only when the whole combo can be added") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.category.combos"));
  REQUIRE(h.tap("menu.dish.combo"));
  REQUIRE(h.screen() == "combo");
  CHECK(h.reachable("combo.step.main"));
  CHECK(h.reachable("combo.step.drink"));
  CHECK(h.widget("combo.item.main.burger")->selected);  // the default
  CHECK_FALSE(h.widget("combo.next")->enabled);          // the burger still needs its sauce
  REQUIRE(h.tap("combo.mod.main.sauce.ketchup"));
  CHECK(h.widget("combo.next")->enabled);
  REQUIRE(h.tap("combo.next"));
  REQUIRE(h.tap("combo.item.side.wedges"));
  CHECK(h.state().builder->unitPrice() == Money::rubles(349 + 20));
  REQUIRE(h.tap("combo.next"));
  CHECK(h.reachable("combo.add"));
  CHECK_FALSE(h.widget("combo.item.drink.juice")->enabled);  // stop-list
  REQUIRE(h.tap("combo.item.drink.lemonade"));
  CHECK_FALSE(h.widget("combo.add")->enabled);  // lemonade needs "ice"
  REQUIRE(h.tap("combo.mod.drink.ice.no_ice"));
  CHECK(h.widget("combo.add")->enabled);
  REQUIRE(h.tap("combo.step.main"));  // jump back: the choice is kept
  CHECK(h.widget("combo.mod.main.sauce.ketchup")->selected);
  REQUIRE(h.tap("combo.step.drink"));
  REQUIRE(h.tap("combo.add"));
  REQUIRE(h.state().cart.lines().size() == 1);
  const OrderLine& line = h.state().cart.lines()[0].line;
  CHECK(line.dish_id == "combo");
  REQUIRE(line.combo.size() == 3);
  CHECK(line.combo[1].dish_id == "wedges");
  CHECK(line.combo[2].dish_id == "lemonade");
  CHECK(h.state().cart.estimatedTotal() == Money::rubles(349 + 20 + 30));
}

TEST_CASE("cart: quantity, edit, remove, the one upsell, validated totals with a discount") {
  UiHarness h;
  h.validation_discount = Money::rubles(10);
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.veggie"));  // in no combo: the suggestion is a drink
  REQUIRE(h.tap("dish.add"));
  REQUIRE(h.tap("menu.cart"));
  REQUIRE(h.screen() == "cart");
  REQUIRE(h.state().upsell);  // "add a drink?" once, on the cart
  CHECK(h.state().upsell->dish_id == "cola");
  CHECK(h.reachable("upsell.accept"));
  REQUIRE(h.tap("cart.line.0.plus"));
  CHECK(h.state().cart.lines()[0].line.quantity == 2);
  CHECK_FALSE(h.widget("cart.line.0.minus") == nullptr);
  h.t += 1.0;  // let the validate debounce pass
  h.frame(2);
  REQUIRE(h.state().validated_fresh());
  CHECK(h.ui.widgets().textShown("cart.total"));
  CHECK(h.state().validation.result->total == Money::rubles(209 * 2 - 10));
  REQUIRE(h.tap("upsell.accept"));  // cola has nothing to choose: straight into the cart
  CHECK(h.state().cart.lines().size() == 2);
  CHECK_FALSE(h.state().upsell);
  REQUIRE(h.tap("cart.line.1.remove"));
  CHECK(h.state().cart.lines().size() == 1);
  REQUIRE(h.tap("cart.line.0.edit"));
  CHECK(h.screen() == "dish");
  CHECK(h.ui.widgets().textShown("dish.save"));
  REQUIRE(h.tap("dish.close"));
  CHECK(h.screen() == "cart");
}

TEST_CASE("the whole order through the screens: checkout, payment, number and status, back to attract") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.veggie"));
  REQUIRE(h.tap("dish.add"));
  REQUIRE(h.tap("menu.checkout"));
  REQUIRE(h.screen() == "cart");  // the upsell comes first, once
  REQUIRE(h.tap("upsell.dismiss"));
  REQUIRE(h.tap("cart.checkout"));
  REQUIRE(h.screen() == "checkout");
  h.frame(2);
  CHECK(h.reachable("checkout.eat_in"));
  REQUIRE(h.tap("checkout.eat_in"));
  CHECK(h.state().order_type == OrderType::EatIn);
  REQUIRE(h.widget("checkout.pay"));
  CHECK(h.widget("checkout.pay")->enabled);
  REQUIRE(h.tap("checkout.pay"));
  REQUIRE(h.state().phase == Phase::Paying);
  CHECK(h.screen() == "payment");
  CHECK(h.ui.widgets().textShown("payment.follow_terminal"));
  CHECK_FALSE(h.widget("payment.cancel")->enabled);
  h.send(ev::PaymentProgress{"payment.enter_pin", "ENTER PIN", true});
  h.frame();
  CHECK(h.ui.widgets().textShown("payment.enter_pin"));
  CHECK(h.widget("payment.cancel")->enabled);
  h.approvePayment();
  h.frame();
  CHECK(h.ui.widgets().textShown("order.placing"));
  h.postOrder("K-042");
  h.frame();
  CHECK(h.screen() == "status");
  CHECK(h.ui.widgets().textShown("status.accepted"));
  h.send(ev::OrderStatusChanged{"guid-1", OrderStatus::Open});
  h.frame();
  CHECK(h.ui.widgets().textShown("status.preparing"));
  h.send(ev::OrderStatusChanged{"guid-1", OrderStatus::Close});
  h.frame();
  CHECK(h.state().phase == Phase::Done);
  CHECK(h.ui.widgets().textShown("status.ready"));
  REQUIRE(h.tap("status.new_order"));
  CHECK(h.state().phase == Phase::Attract);
}

TEST_CASE("cancel at the terminal returns to checkout with a calm message") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.veggie"));
  REQUIRE(h.tap("dish.add"));
  h.send(ev::GoToCheckout{});  // upsell
  h.send(ev::GoToCheckout{});
  h.frame(2);
  REQUIRE(h.tap("checkout.pay"));
  h.send(ev::PaymentProgress{"payment.insert_card", "", true});
  h.frame();
  h.commands.clear();
  REQUIRE(h.tap("payment.cancel"));
  REQUIRE(std::any_of(h.commands.begin(), h.commands.end(),
                      [](const Command& c) { return std::holds_alternative<cmd::CancelPayment>(c); }));
  h.send(ev::PaymentCancelled{});
  h.frame();
  CHECK(h.screen() == "checkout");
  CHECK(h.reachable("message.ok"));
  CHECK_FALSE(h.reachable("checkout.pay"));  // under the message
  REQUIRE(h.tap("message.ok"));
  CHECK_FALSE(h.state().message);
}

TEST_CASE("the language changes at any moment without losing the cart") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.veggie"));
  REQUIRE(h.tap("dish.add"));
  REQUIRE(h.reachable("lang.en"));
  REQUIRE(h.tap("lang.en"));
  CHECK(h.state().lang == Lang::En);
  CHECK(h.state().cart.lines().size() == 1);
  CHECK(h.widget("lang.en")->selected);
  REQUIRE(h.tap("menu.cart"));
  REQUIRE(h.tap("lang.ru"));
  CHECK(h.state().lang == Lang::Ru);
  CHECK(h.screen() == "cart");
}

TEST_CASE("accessibility mode puts every control in the lower band, with larger text") {
  UiHarness h;
  h.startOrdering();
  float regular_em = h.ui.theme().em;
  REQUIRE(h.tap("a11y.toggle"));
  REQUIRE(h.state().accessibility);
  h.frame();
  CHECK(h.ui.theme().em > regular_em);
  for (const char* step : {"menu", "dish", "cart"}) {
    if (std::string(step) == "dish") REQUIRE(h.tap("menu.dish.burger"));
    if (std::string(step) == "cart") {
      h.send(ev::OpenCart{});
      h.frame();
    }
    INFO("screen " << h.screen());
    for (const ui::WidgetInfo& w : h.ui.widgets().widgets()) {
      if (w.visible.empty()) continue;
      INFO("widget " << w.id);
      CHECK(w.visible.y0 >= h.display.y * 0.45f - 0.5f);
    }
  }
  REQUIRE(h.tap("a11y.toggle"));
  CHECK_FALSE(h.state().accessibility);
}

TEST_CASE("\"Are you still there?\" covers the screen, counts down and answers") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.veggie"));
  REQUIRE(h.tap("dish.add"));
  h.t += 46.0;  // past idle_prompt_after_ms
  h.frame();
  REQUIRE(h.state().idle_prompt);
  h.frame();
  CHECK(h.reachable("idle.continue"));
  CHECK_FALSE(h.reachable("menu.cart"));  // covered
  CHECK(h.widget("menu.cart")->covered);
  REQUIRE(h.tap("idle.continue"));
  CHECK_FALSE(h.state().idle_prompt);
  CHECK(h.state().cart.lines().size() == 1);
}

TEST_CASE("\"Start over\" asks first, then clears the order") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.dish.veggie"));
  REQUIRE(h.tap("dish.add"));
  REQUIRE(h.tap("order.cancel"));
  CHECK(h.reachable("cancel.no"));
  REQUIRE(h.tap("cancel.no"));
  CHECK(h.state().cart.lines().size() == 1);
  REQUIRE(h.tap("order.cancel"));
  REQUIRE(h.tap("cancel.yes"));
  CHECK(h.state().phase == Phase::Attract);
}

TEST_CASE("the calm message modal: start before the menu is there") {
  UiHarness h(ImVec2(1080, 1920), uitest::uiTestConfig(), nullptr);
  h.frame();
  REQUIRE(h.tap("attract.start"));
  REQUIRE(h.state().message);
  CHECK(h.state().message->key == msg::kMenuLoading);
  CHECK(h.ui.widgets().textShown("menu.loading"));
  REQUIRE(h.tap("message.ok"));
  CHECK_FALSE(h.state().message);
}

TEST_CASE("ordering paused: a calm banner on the menu") {
  UiHarness h;
  h.startOrdering();
  h.send(ev::ProcartReachable{false});
  h.frame();
  CHECK(h.ui.widgets().textShown("error.ordering_paused"));
}

TEST_CASE("a menu update flags a cart line: a calm message, and the cart says why") {
  UiHarness h;
  h.startOrdering();
  REQUIRE(h.tap("menu.category.sides"));
  REQUIRE(h.tap("menu.dish.fries"));
  REQUIRE(h.tap("dish.add"));
  Menu changed = uitest::uiTestMenu();
  for (Dish& dish : changed.dishes) {
    if (dish.id == "fries") dish.stock = Stock{StockKind::Prohibited, 0};
  }
  h.send(ev::MenuLoaded{MenuIndex::build(changed), false});
  h.frame();
  CHECK(h.ui.widgets().textShown(msg::kCartMenuChanged));
  REQUIRE(h.tap("message.ok"));
  REQUIRE(h.tap("menu.cart"));
  CHECK(h.ui.widgets().textShown("cart.issue.unavailable"));
  CHECK_FALSE(h.widget("cart.line.0.plus")->enabled);
}

TEST_CASE("a drag that starts on a card scrolls the grid instead of opening the dish") {
  UiHarness h(ImVec2(1080, 1920), uitest::uiTestConfig(), uitest::bigMenuIndex(60, 1));
  h.startOrdering();
  const ui::WidgetInfo* card = h.widget("menu.dish.d1");
  REQUIRE(card);
  float x = card->visible.centerX();
  float y = card->visible.centerY();
  h.emitted.clear();
  h.drag(x, y, x, y - 500.f, 0.25);
  CHECK_FALSE(emittedAny(h, "OpenDish"));
  CHECK(h.state().view == OrderingView::Menu);
  app::KineticScroller* grid = h.scrolls.find("menu.grid.c0");
  REQUIRE(grid);
  CHECK(grid->offset() > 300.f);
  // It glides on after the release, then comes to rest.
  float released = grid->offset();
  h.frame(120);
  CHECK(grid->offset() >= released);
  CHECK_FALSE(grid->moving());
  // A tap (no movement) still opens a dish.
  const ui::WidgetInfo* visible_card = nullptr;
  for (const ui::WidgetInfo& w : h.ui.widgets().widgets()) {
    if (w.id.rfind("menu.dish.", 0) == 0 && w.enabled && h.ui.widgets().reachable(w.id) &&
        w.visible.height() == w.box.height()) {
      visible_card = &w;
      break;
    }
  }
  REQUIRE(visible_card);
  std::string id = visible_card->id;
  REQUIRE(h.tap(id));
  CHECK(h.state().view == OrderingView::Dish);
  CHECK("menu.dish." + h.state().builder->dish().id == id);
}

TEST_CASE("landscape lays every screen out inside the display with touch-sized targets") {
  UiHarness h(ImVec2(1920, 1080));
  h.frame();
  requireTouchSized(h, 60.f);
  h.startOrdering();
  requireTouchSized(h, 60.f);
  REQUIRE(h.tap("menu.dish.burger"));
  requireTouchSized(h, 60.f);
  for (const ui::WidgetInfo& w : h.ui.widgets().widgets()) {
    if (w.visible.empty()) continue;
    INFO(w.id);
    CHECK(w.box.x0 >= 0.f);
    CHECK(w.box.x1 <= 1920.f);
  }
}

TEST_CASE("the fonts hold Cyrillic and the typographic signs the screens use") {
  UiHarness h;
  REQUIRE(h.error.empty());
  ImFont* body = ImGui::GetIO().Fonts->Fonts[0];
  for (ImWchar c : {ImWchar(0x0416), ImWchar(0x0451), ImWchar(0x20BD), ImWchar(0x2014), ImWchar(0x00AB),
                    ImWchar(0x00BB), ImWchar(0x2116), ImWchar(0x2026), ImWchar(0x2713), ImWchar(0x00D7),
                    ImWchar(0x2212), ImWchar(0x00A0), ImWchar(0x267F)}) {
    INFO("U+" << std::hex << static_cast<int>(c));
    CHECK(body->FindGlyphNoFallback(c) != nullptr);
  }
}
