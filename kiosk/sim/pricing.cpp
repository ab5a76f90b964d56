#include "kiosk/sim/pricing.h"

#include <algorithm>

namespace procart_sim {
namespace {

struct Fault {
  ValidationError error;
};

[[noreturn]] void fail(std::string rule, int line, std::string component, std::string message) {
  throw Fault{{std::move(rule), line, std::move(component), std::move(message)}};
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// Checks the modifiers chosen for `dish` and returns their price for one unit of the dish.
int64_t priceModifiers(const SimMenu& menu, const SimDish& dish, const std::vector<RequestModifier>& chosen, int line,
                       const std::string& component) {
  const SimModifierScheme* scheme = menu.modifierScheme(dish.modifier_scheme_id);
  std::map<std::string, const SimModifier*> offered;
  if (scheme) {
    for (const auto& group : scheme->groups) {
      for (const auto& modifier : group.modifiers) offered[modifier.id] = &modifier;
    }
  }
  std::map<std::string, int64_t> count;  // a modifier listed twice counts once with both quantities
  for (const auto& m : chosen) {
    if (!m.quantity) fail("bad_quantity", line, component, "modifier " + quoted(m.id) + ": bad quantity");
    if (offered.count(m.id) == 0) {
      fail("unknown_modifier", line, component,
           "modifier " + quoted(m.id) + " is not offered for " + quoted(dish.name));
    }
    count[m.id] += *m.quantity;
  }
  int64_t price = 0;
  for (const auto& [id, n] : count) {
    const SimModifier& modifier = *offered[id];
    if (n > modifier.max_count) {
      fail("modifier_count", line, component,
           "modifier " + quoted(modifier.name) + ": at most " + std::to_string(modifier.max_count));
    }
    price += modifier.price * n;
  }
  if (!scheme) return price;
  for (const auto& group : scheme->groups) {
    int64_t in_group = 0;
    for (const auto& modifier : group.modifiers) {
      auto it = count.find(modifier.id);
      if (it != count.end()) in_group += it->second;
    }
    if (in_group < group.min) {
      fail("below_min", line, component,
           "group " + quoted(group.name) + ": choose at least " + std::to_string(group.min));
    }
    if (in_group > group.max) {
      fail("above_max", line, component, "group " + quoted(group.name) + ": at most " + std::to_string(group.max));
    }
  }
  return price;
}

void requireOrderable(const SimDish& dish, int line, const std::string& component) {
  if (dish.stock == StockType::Prohibited)
    fail("prohibited", line, component, quoted(dish.name) + " is on the stop-list");
}

// Checks the combo components of a line and returns what they add to one unit of the combo.
int64_t priceCombo(const SimMenu& menu, const SimDish& dish, const RequestLine& req, int line,
                   std::map<std::string, int64_t>& units, std::vector<std::pair<std::string, std::string>>& taken) {
  const SimComboScheme* scheme = menu.comboScheme(dish.combo_scheme_id);
  int64_t price = 0;
  std::map<std::string, int> chosen_in_group;
  for (const auto& choice : req.combo) {
    const SimComboGroup* group = nullptr;
    if (scheme) {
      for (const auto& g : scheme->groups) {
        if (g.id == choice.group_id) group = &g;
      }
    }
    if (!group)
      fail("unknown_combo_group", line, choice.group_id,
           "combo group " + quoted(choice.group_id) + " is not in " + quoted(dish.name));
    const SimComboItem* item = nullptr;
    for (const auto& i : group->items) {
      if (i.dish_id == choice.dish_id) item = &i;
    }
    if (!item)
      fail("unknown_combo_item", line, group->id,
           quoted(choice.dish_id) + " is not a choice of " + quoted(group->name));
    const SimDish* component = menu.dish(item->dish_id);
    requireOrderable(*component, line, group->id);
    price += item->price_delta + priceModifiers(menu, *component, choice.modifiers, line, group->id);
    ++chosen_in_group[group->id];
    units[component->id] += *req.quantity;
    taken.emplace_back(component->id, group->id);
  }
  if (scheme) {
    for (const auto& group : scheme->groups) {
      int chosen = chosen_in_group[group.id];
      if (chosen < group.min)
        fail("combo_below_min", line, group.id,
             "combo group " + quoted(group.name) + ": choose at least " + std::to_string(group.min));
      if (chosen > group.max)
        fail("combo_above_max", line, group.id,
             "combo group " + quoted(group.name) + ": at most " + std::to_string(group.max));
    }
  }
  return price;
}

PricedOrder price(const SimMenu& menu, const std::map<std::string, int64_t>& stock_used, const OrderRequest& order) {
  if (order.lines.empty()) fail("empty_order", -1, "", "the order has no lines");
  PricedOrder out;
  std::vector<DiscountLineInput> discount_input;
  for (size_t i = 0; i < order.lines.size(); ++i) {
    const RequestLine& req = order.lines[i];
    int line = static_cast<int>(i);
    if (!req.quantity)
      fail("bad_quantity", line, "", "quantity must be a whole number from 1 to " + std::to_string(kMaxLineQuantity));
    const SimDish* dish = menu.dish(req.dish_id);
    if (!dish) fail("unknown_dish", line, "", "dish " + quoted(req.dish_id) + " is not on the menu");
    requireOrderable(*dish, line, "");
    int64_t unit = dish->price + priceModifiers(menu, *dish, req.modifiers, line, "");
    // Pieces this line takes from stock: (dish id, combo group or "") in the order they appear.
    std::vector<std::pair<std::string, std::string>> taken{{dish->id, ""}};
    std::map<std::string, int64_t> line_units{{dish->id, *req.quantity}};
    unit += priceCombo(menu, *dish, req, line, line_units, taken);
    // Stock "limited" is summed over every line and combo component of the order so far.
    for (const auto& [dish_id, units] : line_units) out.dish_units[dish_id] += units;
    for (const auto& [dish_id, group_id] : taken) {
      const SimDish* d = menu.dish(dish_id);
      auto left = stockLeft(*d, stock_used);
      if (left && out.dish_units[dish_id] > *left) {
        fail("limited", line, group_id, quoted(d->name) + ": only " + std::to_string(*left) + " left");
      }
    }
    out.lines.push_back({line, unit, unit * *req.quantity, 0});
    discount_input.push_back({dish->id, dish->category_id, !dish->combo_scheme_id.empty(), unit, *req.quantity});
  }

  DiscountResult discounts = applyDiscounts(menu.discounts, discount_input);
  int64_t total = 0;
  for (size_t i = 0; i < out.lines.size(); ++i) {
    out.lines[i].discount = discounts.line_discounts[i];
    total += out.lines[i].sum - out.lines[i].discount;
  }
  for (size_t r = 0; r < menu.discounts.size(); ++r) {
    if (discounts.rule_amounts[r] > 0) {
      out.discounts.push_back({menu.discounts[r].id, menu.discounts[r].name, discounts.rule_amounts[r]});
    }
  }
  // The order's own sum discounts (r_keeper "sum discounts") come off the total after the automatic ones.
  for (const auto& d : order.discounts) {
    if (d.amount > total) fail("bad_request", -1, "", "discount " + quoted(d.id) + " is larger than the order total");
    total -= d.amount;
    out.discounts.push_back({d.id, d.id, d.amount});
  }
  out.total = total;
  return out;
}

}  // namespace

kiosk::Expected<PricedOrder, ValidationError> priceOrder(const SimMenu& menu,
                                                         const std::map<std::string, int64_t>& stock_used,
                                                         const OrderRequest& order) {
  try {
    return price(menu, stock_used, order);
  } catch (const Fault& f) {
    return kiosk::Unexpected{f.error};
  }
}

}  // namespace procart_sim
