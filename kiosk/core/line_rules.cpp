#include "kiosk/core/line_rules.h"

#include <algorithm>
#include <map>

namespace kiosk {
namespace {

// The group of `scheme` that holds `modifier_id` (the first one, when a menu repeats an id), or nullptr.
const ModifierGroup* groupHolding(const ModifierScheme* scheme, const std::string& modifier_id,
                                  const Modifier** found) {
  if (!scheme) return nullptr;
  for (const ModifierGroup& group : scheme->groups) {
    for (const Modifier& modifier : group.modifiers) {
      if (modifier.id == modifier_id) {
        *found = &modifier;
        return &group;
      }
    }
  }
  return nullptr;
}

void checkModifiers(const MenuIndex& menu, const Dish& dish, const std::vector<OrderModifier>& chosen, int combo_part,
                    std::vector<LineViolation>& out) {
  const ModifierScheme* scheme = dish.modifier_scheme_id.empty() ? nullptr : menu.modifierScheme(dish.modifier_scheme_id);
  std::map<const ModifierGroup*, long long> per_group;
  std::map<const Modifier*, long long> per_modifier;
  std::vector<const Modifier*> modifier_order;
  std::map<const Modifier*, const ModifierGroup*> group_of;
  for (const OrderModifier& m : chosen) {
    const Modifier* modifier = nullptr;
    const ModifierGroup* group = groupHolding(scheme, m.id, &modifier);
    if (!group) {
      out.push_back({LineRule::UnknownModifier, combo_part, {}, m.id, 0});
      continue;
    }
    if (m.quantity < 1 || m.quantity > kMaxLineQuantity) {
      out.push_back({LineRule::BadQuantity, combo_part, group->id, m.id, m.quantity});
      continue;
    }
    if (!per_modifier.count(modifier)) modifier_order.push_back(modifier);
    per_modifier[modifier] += m.quantity;
    group_of[modifier] = group;
    per_group[group] += m.quantity;
  }
  for (const Modifier* modifier : modifier_order) {
    long long quantity = per_modifier[modifier];
    if (quantity > modifier->max_count) {
      out.push_back({LineRule::ModifierAboveMaxCount, combo_part, group_of[modifier]->id, modifier->id,
                     static_cast<int>(quantity - modifier->max_count)});
    }
  }
  if (!scheme) return;
  for (const ModifierGroup& group : scheme->groups) {
    long long quantity = per_group.count(&group) ? per_group[&group] : 0;
    if (quantity < group.min) {
      out.push_back({LineRule::ModifiersBelowMin, combo_part, group.id, {}, static_cast<int>(group.min - quantity)});
    } else if (quantity > group.max) {
      out.push_back({LineRule::ModifiersAboveMax, combo_part, group.id, {}, static_cast<int>(quantity - group.max)});
    }
  }
}

const ComboGroup* findComboGroup(const ComboScheme& scheme, const std::string& group_id) {
  for (const ComboGroup& group : scheme.groups) {
    if (group.id == group_id) return &group;
  }
  return nullptr;
}

bool groupOffers(const ComboGroup& group, const std::string& dish_id) {
  return std::any_of(group.items.begin(), group.items.end(),
                     [&](const ComboItem& item) { return item.dish_id == dish_id; });
}

void checkCombo(const MenuIndex& menu, const Dish& dish, const OrderLine& line, std::vector<LineViolation>& out) {
  const ComboScheme* scheme = dish.combo_scheme_id.empty() ? nullptr : menu.comboScheme(dish.combo_scheme_id);
  std::map<std::string, int> per_group;
  for (size_t i = 0; i < line.combo.size(); ++i) {
    const ComboPart& part = line.combo[i];
    int index = static_cast<int>(i);
    const ComboGroup* group = scheme ? findComboGroup(*scheme, part.group_id) : nullptr;
    const Dish* component = menu.dish(part.dish_id);
    if (!group) {
      out.push_back({LineRule::UnknownComboGroup, index, part.group_id, part.dish_id, 0});
      continue;
    }
    if (!component || !groupOffers(*group, part.dish_id)) {
      out.push_back({LineRule::UnknownComboItem, index, part.group_id, part.dish_id, 0});
      continue;
    }
    ++per_group[group->id];
    if (component->stock.kind == StockKind::Prohibited) {
      out.push_back({LineRule::Prohibited, index, group->id, component->id, 0});
    }
    checkModifiers(menu, *component, part.modifiers, index, out);
  }
  if (!scheme) return;
  for (const ComboGroup& group : scheme->groups) {
    int chosen = per_group.count(group.id) ? per_group[group.id] : 0;
    if (chosen < group.min) {
      out.push_back({LineRule::ComboBelowMin, -1, group.id, {}, group.min - chosen});
    } else if (chosen > group.max) {
      out.push_back({LineRule::ComboAboveMax, -1, group.id, {}, chosen - group.max});
    }
  }
}

}  // namespace

const char* lineRuleName(LineRule rule) {
  switch (rule) {
    case LineRule::BadQuantity: return "bad_quantity";
    case LineRule::UnknownDish: return "unknown_dish";
    case LineRule::UnknownModifier: return "unknown_modifier";
    case LineRule::UnknownComboGroup: return "unknown_combo_group";
    case LineRule::UnknownComboItem: return "unknown_combo_item";
    case LineRule::ModifiersBelowMin: return "below_min";
    case LineRule::ModifiersAboveMax: return "above_max";
    case LineRule::ModifierAboveMaxCount: return "modifier_count";
    case LineRule::ComboBelowMin: return "combo_below_min";
    case LineRule::ComboAboveMax: return "combo_above_max";
    case LineRule::Prohibited: return "prohibited";
    case LineRule::StockExceeded: return "limited";
  }
  return "unknown";
}

std::vector<std::pair<std::string, long long>> stockUsage(const OrderLine& line) {
  std::vector<std::pair<std::string, long long>> usage;
  auto add = [&](const std::string& dish_id) {
    for (auto& [id, pieces] : usage) {
      if (id == dish_id) {
        pieces += line.quantity;
        return;
      }
    }
    usage.emplace_back(dish_id, line.quantity);
  };
  add(line.dish_id);
  for (const ComboPart& part : line.combo) add(part.dish_id);
  return usage;
}

std::vector<LineViolation> checkLine(const MenuIndex& menu, const OrderLine& line) {
  std::vector<LineViolation> out;
  if (line.quantity < 1 || line.quantity > kMaxLineQuantity) {
    out.push_back({LineRule::BadQuantity, -1, {}, line.dish_id, line.quantity});
  }
  const Dish* dish = menu.dish(line.dish_id);
  if (!dish) {
    out.push_back({LineRule::UnknownDish, -1, {}, line.dish_id, 0});
    return out;
  }
  if (dish->stock.kind == StockKind::Prohibited) out.push_back({LineRule::Prohibited, -1, {}, dish->id, 0});
  checkModifiers(menu, *dish, line.modifiers, -1, out);
  checkCombo(menu, *dish, line, out);
  if (line.quantity >= 1 && line.quantity <= kMaxLineQuantity) {
    for (const auto& [dish_id, pieces] : stockUsage(line)) {
      const Dish* used = menu.dish(dish_id);
      if (!used || used->stock.kind != StockKind::Limited) continue;
      int64_t left = *used->stock.available();
      if (pieces > left) out.push_back({LineRule::StockExceeded, -1, {}, dish_id, static_cast<int>(left)});
    }
  }
  return out;
}

Money estimateUnitPrice(const MenuIndex& menu, const OrderLine& line) {
  const Dish* dish = menu.dish(line.dish_id);
  if (!dish) return {};
  auto modifiersPrice = [&](const Dish& owner, const std::vector<OrderModifier>& chosen) {
    Money sum;
    const ModifierScheme* scheme =
        owner.modifier_scheme_id.empty() ? nullptr : menu.modifierScheme(owner.modifier_scheme_id);
    for (const OrderModifier& m : chosen) {
      const Modifier* modifier = nullptr;
      if (groupHolding(scheme, m.id, &modifier) && m.quantity > 0) sum += modifier->price * m.quantity;
    }
    return sum;
  };
  Money unit = dish->price + modifiersPrice(*dish, line.modifiers);
  const ComboScheme* scheme = dish->combo_scheme_id.empty() ? nullptr : menu.comboScheme(dish->combo_scheme_id);
  for (const ComboPart& part : line.combo) {
    const ComboGroup* group = scheme ? findComboGroup(*scheme, part.group_id) : nullptr;
    const Dish* component = menu.dish(part.dish_id);
    if (!group || !component) continue;
    for (const ComboItem& item : group->items) {
      if (item.dish_id == part.dish_id) {
        unit += item.price_delta;
        break;
      }
    }
    unit += modifiersPrice(*component, part.modifiers);
  }
  return unit;
}

}  // namespace kiosk
