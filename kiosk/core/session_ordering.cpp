// KioskSession, Ordering phase: browsing the menu, building a dish, the cart, the upsell, menu updates.
#include "kiosk/common/log.h"
#include "kiosk/core/message_keys.h"
#include "kiosk/core/session_steps.h"

namespace kiosk::session_detail {
namespace {

void closeBuilder(Step& step) {
  step.s.builder.reset();
  step.s.editing_line.reset();
}

std::string firstVisibleCategory(const MenuIndex& menu) {
  auto top = menu.visibleCategories();
  return top.empty() ? std::string() : top.front()->id;
}

bool isVisible(const MenuIndex& menu, const std::string& category_id) {
  const Category* category = menu.category(category_id);
  if (!category) return false;
  for (const Category* sibling : menu.visibleCategories(category->parent_id)) {
    if (sibling == category) return true;
  }
  return false;
}

int lineIndexOf(const Cart& cart, uint64_t line_id) {
  for (size_t i = 0; i < cart.lines().size(); ++i) {
    if (cart.lines()[i].id == line_id) return static_cast<int>(i);
  }
  return -1;
}

// A message naming a cart line by position goes stale when lines move or change.
void dropLineMessage(Step& step) {
  if (step.s.message && step.s.message->line_index >= 0) step.s.message.reset();
}

// Adds the builder's line (or replaces the line being edited) and leaves the builder.
void commitBuilder(Step& step) {
  SessionState& s = step.s;
  OrderLine line = s.builder->toLine();
  Money price = s.builder->unitPrice();
  uint64_t line_id = 0;
  bool back_to_cart = false;
  if (s.editing_line && s.cart.replace(*s.editing_line, line, price)) {
    line_id = *s.editing_line;
    back_to_cart = true;
  } else {
    line_id = s.cart.add(std::move(line), price);
  }
  closeBuilder(step);
  s.view = back_to_cart ? OrderingView::Cart : OrderingView::Menu;
  dropLineMessage(step);
  step.cartChanged();
  const CartLine* added = s.cart.find(line_id);
  if (added && added->issue == LineIssue::StockShort) {
    // Together with the lines already in the cart there is not enough left; the line stays flagged.
    step.showMessage(msg::kCartStockLimit, {}, lineIndexOf(s.cart, line_id));
  }
}

// True when the guest has nothing to choose for this dish: "add a drink" can add it straight away.
bool nothingToChoose(const DishBuilder& builder) {
  const ModifierScheme* scheme = builder.modifierScheme();
  return !builder.isCombo() && (!scheme || scheme->groups.empty()) && builder.canAdd();
}

}  // namespace

void apply(Step& step, const ev::StartOrder&) {
  SessionState& s = step.s;
  if (s.phase != Phase::Attract) return;
  if (!s.menu) {
    step.showMessage(msg::kMenuLoading);
    return;
  }
  s.message.reset();
  s.order_number = ++step.orders_started;
  s.order_type = step.config.offer_take_away || !step.config.offer_eat_in ? OrderType::TakeAway : OrderType::EatIn;
  s.category_id = firstVisibleCategory(*s.menu);
  s.view = OrderingView::Menu;
  step.enter(Phase::Ordering);
}

void apply(Step& step, const ev::SetLanguage& e) { step.s.lang = e.lang; }

void apply(Step& step, const ev::ToggleAccessibility&) { step.s.accessibility = !step.s.accessibility; }

void apply(Step& step, const ev::SelectCategory& e) {
  SessionState& s = step.s;
  if (!step.guestInOrdering() || !s.menu || !s.menu->category(e.category_id)) return;
  closeBuilder(step);
  s.category_id = e.category_id;
  s.view = OrderingView::Menu;
}

void apply(Step& step, const ev::OpenDish& e) {
  SessionState& s = step.s;
  if (!step.guestInOrdering()) return;
  std::optional<DishBuilder> builder = DishBuilder::forDish(s.menu, e.dish_id);
  if (!builder) return;
  s.builder = std::move(builder);
  s.editing_line.reset();
  s.view = OrderingView::Dish;
}

void apply(Step& step, const ev::ToggleModifier& e) {
  if (step.guestInOrdering() && step.s.builder) step.s.builder->toggleModifier(e.component, e.group_id, e.modifier_id);
}

void apply(Step& step, const ev::SetModifierQuantity& e) {
  if (step.guestInOrdering() && step.s.builder) {
    step.s.builder->setModifierQuantity(e.component, e.group_id, e.modifier_id, e.quantity);
  }
}

void apply(Step& step, const ev::ChooseComboItem& e) {
  if (step.guestInOrdering() && step.s.builder) step.s.builder->chooseComboItem(e.group_id, e.dish_id);
}

void apply(Step& step, const ev::SetDishQuantity& e) {
  if (step.guestInOrdering() && step.s.builder) step.s.builder->setQuantity(e.quantity);
}

void apply(Step& step, const ev::AddToCart&) {
  if (!step.guestInOrdering() || !step.s.builder || !step.s.builder->canAdd()) return;
  commitBuilder(step);
}

void apply(Step& step, const ev::CloseDish&) {
  SessionState& s = step.s;
  if (!step.guestInOrdering() || !s.builder) return;
  s.view = s.editing_line ? OrderingView::Cart : OrderingView::Menu;
  closeBuilder(step);
}

void apply(Step& step, const ev::OpenCart&) {
  SessionState& s = step.s;
  if (s.phase != Phase::Ordering && s.phase != Phase::Checkout) return;
  step.enter(Phase::Ordering);  // from Checkout: "back to the cart"
  closeBuilder(step);
  s.view = OrderingView::Cart;
  step.offerUpsellOnce();
}

void apply(Step& step, const ev::BackToMenu&) {
  SessionState& s = step.s;
  if (s.phase != Phase::Ordering && s.phase != Phase::Checkout) return;
  step.enter(Phase::Ordering);
  closeBuilder(step);
  s.view = OrderingView::Menu;
}

void apply(Step& step, const ev::ChangeLineQuantity& e) {
  SessionState& s = step.s;
  const CartLine* line = step.guestInOrdering() ? s.cart.find(e.line_id) : nullptr;
  if (!line) return;
  int before = line->line.quantity;
  if (!s.cart.changeQuantity(e.line_id, e.delta)) return;
  dropLineMessage(step);
  step.cartChanged();
  line = s.cart.find(e.line_id);
  if (e.delta > 0 && line->issue == LineIssue::StockShort) {
    // More than is left: undo the increase rather than leave the guest a cart that cannot be paid.
    s.cart.changeQuantity(e.line_id, before - line->line.quantity);
    step.cartChanged();
    step.showMessage(msg::kCartStockLimit, {}, lineIndexOf(s.cart, e.line_id));
  }
}

void apply(Step& step, const ev::RemoveLine& e) {
  SessionState& s = step.s;
  if (!step.guestInOrdering() || !s.cart.remove(e.line_id)) return;
  if (s.editing_line == e.line_id) closeBuilder(step);
  dropLineMessage(step);
  step.cartChanged();
}

void apply(Step& step, const ev::EditLine& e) {
  SessionState& s = step.s;
  if (!step.guestInOrdering()) return;
  const CartLine* line = s.cart.find(e.line_id);
  if (!line) return;
  std::optional<DishBuilder> builder = DishBuilder::fromLine(s.menu, line->line);
  if (!builder) {
    step.showMessage(msg::kDishGone, {}, lineIndexOf(s.cart, e.line_id));
    return;
  }
  s.builder = std::move(builder);
  s.editing_line = e.line_id;
  s.view = OrderingView::Dish;
}

void apply(Step& step, const ev::ClearCart&) {
  SessionState& s = step.s;
  if (!step.guestInOrdering()) return;
  s.cart.clear();
  s.upsell.reset();
  dropLineMessage(step);
  step.cartChanged();
}

void apply(Step& step, const ev::AcceptUpsell&) {
  SessionState& s = step.s;
  if (!step.guestInOrdering() || !s.upsell) return;
  UpsellSuggestion suggestion = *s.upsell;
  s.upsell.reset();
  std::optional<DishBuilder> builder = DishBuilder::forDish(s.menu, suggestion.dish_id);
  if (!builder) return;
  if (suggestion.kind == UpsellSuggestion::Kind::AddDish) {
    s.builder = std::move(builder);
    s.editing_line.reset();
    if (nothingToChoose(*s.builder)) {
      commitBuilder(step);
      s.view = OrderingView::Cart;
    } else {
      s.view = OrderingView::Dish;
    }
    return;
  }
  // MakeCombo: the line's dish, with its modifiers, becomes the component; AddToCart replaces the line.
  const CartLine* line = s.cart.find(suggestion.cart_line_id);
  if (!line) return;
  if (builder->chooseComboItem(suggestion.combo_group_id, line->line.dish_id)) {
    const std::string& component = suggestion.combo_group_id;
    if (const ModifierScheme* scheme = builder->modifierScheme(component)) {
      for (const OrderModifier& chosen : line->line.modifiers) {
        for (const ModifierGroup& group : scheme->groups) {
          if (!s.menu->modifier(group, chosen.id)) continue;
          int now_chosen = builder->modifierQuantity(component, group.id, chosen.id);
          // Radio groups already hold the pre-selected choice: switch it rather than add a second one.
          if (group.max == 1) {
            builder->toggleModifier(component, group.id, chosen.id);
          } else {
            builder->setModifierQuantity(component, group.id, chosen.id, now_chosen + chosen.quantity);
          }
          break;
        }
      }
    }
  }
  builder->setQuantity(line->line.quantity);
  s.builder = std::move(builder);
  s.editing_line = suggestion.cart_line_id;
  s.view = OrderingView::Dish;
}

void apply(Step& step, const ev::DismissUpsell&) { step.s.upsell.reset(); }

void apply(Step& step, const ev::MenuLoaded& e) {
  SessionState& s = step.s;
  if (!e.menu) return;
  log::info("session", "menu ", e.menu->version(), e.from_cache ? " (cache)" : "", ", ", e.menu->menu().dishes.size(),
            " dishes, ", e.menu->problems().size(), " problems");
  s.menu = e.menu;
  bool ordering = s.phase == Phase::Ordering || s.phase == Phase::Checkout;
  if (!isVisible(*s.menu, s.category_id)) s.category_id = firstVisibleCategory(*s.menu);
  if (s.builder) {
    // Rebuilt against the new menu: choices it no longer has are dropped, stopped ones flagged by problems().
    std::optional<DishBuilder> rebuilt = DishBuilder::fromLine(s.menu, s.builder->toLine());
    if (rebuilt) {
      s.builder = std::move(rebuilt);
    } else {
      s.view = s.editing_line ? OrderingView::Cart : OrderingView::Menu;
      closeBuilder(step);
      if (ordering) step.showMessage(msg::kDishGone);
    }
  }
  if (s.cart.empty()) return;
  bool flags_changed = s.cart.recheck(*s.menu);
  s.validation.last_cart_change_ms = step.now;
  if (flags_changed && s.cart.hasIssues() && ordering) {
    step.showMessage(msg::kCartMenuChanged);
    if (s.phase == Phase::Checkout) {  // the cart must be fixed before paying; a guest still browsing carries on
      step.enter(Phase::Ordering);
      s.view = OrderingView::Cart;
    }
  }
}

}  // namespace kiosk::session_detail
