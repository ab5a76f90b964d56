#include "kiosk/core/dish_builder.h"

#include <algorithm>
#include <map>

#include "kiosk/core/line_rules.h"

namespace kiosk {

namespace {

// One dish being configured: the dish itself, or a dish chosen in a combo group.
struct Component {
  const Dish* dish = nullptr;
  std::map<std::string, std::map<std::string, int>> modifiers;  // group id → modifier id → quantity (> 0)
};

}  // namespace

struct DishBuilder::State {
  const Dish* dish = nullptr;
  int quantity = 1;
  Component own;
  std::vector<std::vector<Component>> combo;  // chosen dishes per combo group, in the scheme's group order
};

namespace {

constexpr int kMaxGuestQuantity = 99;  // per kiosk line; the POS itself accepts more (kMaxLineQuantity)

const ModifierScheme* schemeOf(const MenuIndex& menu, const Dish& dish) {
  return dish.modifier_scheme_id.empty() ? nullptr : menu.modifierScheme(dish.modifier_scheme_id);
}

int groupSum(const Component& component, const std::string& group_id) {
  auto it = component.modifiers.find(group_id);
  if (it == component.modifiers.end()) return 0;
  int sum = 0;
  for (const auto& [id, quantity] : it->second) sum += quantity;
  return sum;
}

// Required groups with a single modifier leave the guest nothing to choose: select it for them.
void preselectModifiers(const MenuIndex& menu, Component& component) {
  const ModifierScheme* scheme = schemeOf(menu, *component.dish);
  if (!scheme) return;
  for (const ModifierGroup& group : scheme->groups) {
    if (group.min < 1 || group.modifiers.size() != 1 || groupSum(component, group.id) > 0) continue;
    const Modifier& only = group.modifiers.front();
    int quantity = std::min({group.min, only.max_count, group.max});
    if (quantity > 0) component.modifiers[group.id][only.id] = quantity;
  }
}

Component freshComponent(const MenuIndex& menu, const Dish& dish) {
  Component component;
  component.dish = &dish;
  preselectModifiers(menu, component);
  return component;
}

const ComboItem* offeredItem(const ComboGroup& group, const std::string& dish_id) {
  for (const ComboItem& item : group.items) {
    if (item.dish_id == dish_id) return &item;
  }
  return nullptr;
}

// The default of a combo group; or, in a required group, its only orderable dish when that costs nothing extra
// (a premium choice is never made for the guest).
const Dish* defaultChoice(const MenuIndex& menu, const ComboGroup& group) {
  if (!group.default_dish_id.empty()) {
    const Dish* dish = menu.dish(group.default_dish_id);
    if (dish && dish->stock.orderable()) return dish;
  }
  if (group.min < 1) return nullptr;
  const ComboItem* only = nullptr;
  for (const ComboItem& item : group.items) {
    const Dish* dish = menu.dish(item.dish_id);
    if (!dish || !dish->stock.orderable()) continue;
    if (only) return nullptr;
    only = &item;
  }
  return only && only->price_delta == Money() ? menu.dish(only->dish_id) : nullptr;
}


// Splits "group#2" into ("group", 2); a plain id is choice 0.
std::pair<std::string, int> parseComponent(const std::string& component) {
  size_t hash = component.rfind('#');
  if (hash == std::string::npos) return {component, 0};
  std::string digits = component.substr(hash + 1);
  if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {component, 0};
  }
  return {component.substr(0, hash), std::stoi(digits)};
}

int comboGroupIndex(const ComboScheme* scheme, const std::string& group_id) {
  if (!scheme) return -1;
  for (size_t i = 0; i < scheme->groups.size(); ++i) {
    if (scheme->groups[i].id == group_id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::string comboComponent(const std::string& combo_group_id, int choice) {
  return choice <= 0 ? combo_group_id : combo_group_id + "#" + std::to_string(choice);
}

namespace {

template <class StateT>
auto* findComponent(StateT& state, const ComboScheme* scheme, const std::string& component) {
  using ComponentPtr = decltype(&state.own);
  if (component.empty()) return static_cast<ComponentPtr>(&state.own);
  auto [group_id, choice] = parseComponent(component);
  int group = comboGroupIndex(scheme, group_id);
  if (group < 0 || choice >= static_cast<int>(state.combo[group].size())) return static_cast<ComponentPtr>(nullptr);
  return static_cast<ComponentPtr>(&state.combo[group][choice]);
}

void preselectCombo(const MenuIndex& menu, const ComboScheme& scheme, std::vector<std::vector<Component>>& combo) {
  for (size_t i = 0; i < scheme.groups.size(); ++i) {
    if (!combo[i].empty()) continue;
    if (const Dish* choice = defaultChoice(menu, scheme.groups[i])) combo[i].push_back(freshComponent(menu, *choice));
  }
}

}  // namespace

std::optional<DishBuilder> DishBuilder::forDish(std::shared_ptr<const MenuIndex> menu, const std::string& dish_id) {
  if (!menu) return std::nullopt;
  const Dish* dish = menu->dish(dish_id);
  if (!dish) return std::nullopt;
  DishBuilder builder;
  builder.state_ = std::make_shared<State>();
  State& state = *builder.state_;
  state.dish = dish;
  state.own = freshComponent(*menu, *dish);
  if (const ComboScheme* scheme = dish->combo_scheme_id.empty() ? nullptr : menu->comboScheme(dish->combo_scheme_id)) {
    state.combo.resize(scheme->groups.size());
    preselectCombo(*menu, *scheme, state.combo);
  }
  builder.menu_ = std::move(menu);
  return builder;
}

std::optional<DishBuilder> DishBuilder::fromLine(std::shared_ptr<const MenuIndex> menu, const OrderLine& line) {
  std::optional<DishBuilder> builder = forDish(menu, line.dish_id);
  if (!builder) return std::nullopt;
  State& state = builder->mutableState();
  const MenuIndex& index = *builder->menu_;
  builder->setQuantity(std::clamp(line.quantity, 1, kMaxGuestQuantity));

  // Replays the line's modifiers through the same checks the guest's taps go through: what the menu no longer
  // allows is dropped. `where` is the component's name.
  auto applyModifiers = [&](const std::string& where, const Dish& owner, const std::vector<OrderModifier>& modifiers) {
    const ModifierScheme* scheme = schemeOf(index, owner);
    if (!scheme) return;
    for (const OrderModifier& chosen : modifiers) {
      for (const ModifierGroup& group : scheme->groups) {
        if (!index.modifier(group, chosen.id)) continue;
        int now = builder->modifierQuantity(where, group.id, chosen.id);
        builder->setModifierQuantity(where, group.id, chosen.id, now + std::max(chosen.quantity, 0));
        break;
      }
    }
  };

  state.own.modifiers.clear();
  applyModifiers(kDishItself, *state.dish, line.modifiers);
  preselectModifiers(index, builder->mutableState().own);

  if (const ComboScheme* scheme = builder->comboScheme()) {
    State& combo_state = builder->mutableState();
    for (auto& chosen : combo_state.combo) chosen.clear();
    for (const ComboPart& part : line.combo) {
      int group = comboGroupIndex(scheme, part.group_id);
      const Dish* dish = index.dish(part.dish_id);
      if (group < 0 || !dish || !offeredItem(scheme->groups[group], part.dish_id)) continue;
      auto& chosen = builder->mutableState().combo[group];
      if (static_cast<int>(chosen.size()) >= scheme->groups[group].max) continue;
      // Kept even when now out of stock, so problems() can say which choice must change.
      Component component;
      component.dish = dish;
      chosen.push_back(component);
      applyModifiers(comboComponent(part.group_id, static_cast<int>(chosen.size()) - 1), *dish, part.modifiers);
      preselectModifiers(index, builder->mutableState().combo[group].back());
    }
    preselectCombo(index, *scheme, builder->mutableState().combo);
  }
  return builder;
}

DishBuilder::State& DishBuilder::mutableState() {
  if (state_.use_count() > 1) state_ = std::make_shared<State>(*state_);
  return *state_;
}

const Dish& DishBuilder::dish() const { return *state_->dish; }

bool DishBuilder::isCombo() const { return comboScheme() != nullptr; }

const ComboScheme* DishBuilder::comboScheme() const {
  const std::string& id = state_->dish->combo_scheme_id;
  return id.empty() ? nullptr : menu_->comboScheme(id);
}

const ModifierScheme* DishBuilder::modifierScheme(const std::string& component) const {
  const Component* found = findComponent(*state_, comboScheme(), component);
  return found ? schemeOf(*menu_, *found->dish) : nullptr;
}

int DishBuilder::modifierQuantity(const std::string& component, const std::string& group_id,
                                  const std::string& modifier_id) const {
  const Component* found = findComponent(*state_, comboScheme(), component);
  if (!found) return 0;
  auto group = found->modifiers.find(group_id);
  if (group == found->modifiers.end()) return 0;
  auto it = group->second.find(modifier_id);
  return it == group->second.end() ? 0 : it->second;
}

GroupStatus DishBuilder::groupStatus(const std::string& component, const std::string& group_id) const {
  GroupStatus status;
  const ModifierScheme* scheme = modifierScheme(component);
  const ModifierGroup* group = scheme ? menu_->modifierGroup(*scheme, group_id) : nullptr;
  if (!group) return status;
  const Component* found = findComponent(*state_, comboScheme(), component);
  status.chosen = groupSum(*found, group_id);
  status.min = group->min;
  status.max = group->max;
  status.missing = std::max(0, group->min - status.chosen);
  return status;
}

bool DishBuilder::toggleModifier(const std::string& component, const std::string& group_id,
                                 const std::string& modifier_id) {
  const ModifierScheme* scheme = modifierScheme(component);
  const ModifierGroup* group = scheme ? menu_->modifierGroup(*scheme, group_id) : nullptr;
  const Modifier* modifier = group ? menu_->modifier(*group, modifier_id) : nullptr;
  if (!modifier || modifier->max_count < 1) return false;
  bool selected = modifierQuantity(component, group_id, modifier_id) > 0;
  bool radio = group->max == 1;
  if (selected) {
    if (radio && group->min >= 1) return false;  // a required single choice can be changed, not emptied
    Component* found = findComponent(mutableState(), comboScheme(), component);
    found->modifiers[group_id].erase(modifier_id);
    return true;
  }
  Component* found = findComponent(mutableState(), comboScheme(), component);
  if (radio) {
    found->modifiers[group_id].clear();
  } else if (groupSum(*found, group_id) >= group->max) {
    return false;
  }
  found->modifiers[group_id][modifier_id] = 1;
  return true;
}

bool DishBuilder::setModifierQuantity(const std::string& component, const std::string& group_id,
                                      const std::string& modifier_id, int quantity) {
  const ModifierScheme* scheme = modifierScheme(component);
  const ModifierGroup* group = scheme ? menu_->modifierGroup(*scheme, group_id) : nullptr;
  const Modifier* modifier = group ? menu_->modifier(*group, modifier_id) : nullptr;
  if (!modifier || quantity < 0 || quantity > modifier->max_count) return false;
  int current = modifierQuantity(component, group_id, modifier_id);
  const Component* found = findComponent(*state_, comboScheme(), component);
  if (groupSum(*found, group_id) - current + quantity > group->max) return false;
  auto& chosen = findComponent(mutableState(), comboScheme(), component)->modifiers[group_id];
  if (quantity == 0) {
    chosen.erase(modifier_id);
  } else {
    chosen[modifier_id] = quantity;
  }
  return true;
}

std::vector<std::string> DishBuilder::chosenDishes(const std::string& combo_group_id) const {
  std::vector<std::string> out;
  int group = comboGroupIndex(comboScheme(), combo_group_id);
  if (group < 0) return out;
  for (const Component& component : state_->combo[group]) out.push_back(component.dish->id);
  return out;
}

bool DishBuilder::chooseComboItem(const std::string& combo_group_id, const std::string& dish_id) {
  const ComboScheme* scheme = comboScheme();
  int group_index = comboGroupIndex(scheme, combo_group_id);
  if (group_index < 0) return false;
  const ComboGroup& group = scheme->groups[group_index];
  const Dish* dish = menu_->dish(dish_id);
  if (!dish || !offeredItem(group, dish_id)) return false;
  const auto& current = state_->combo[group_index];
  auto same = std::find_if(current.begin(), current.end(), [&](const Component& c) { return c.dish->id == dish_id; });
  if (group.max == 1) {
    if (same != current.end()) return true;  // already the choice: keep its modifiers
    if (!dish->stock.orderable()) return false;
    auto& chosen = mutableState().combo[group_index];
    chosen.clear();
    chosen.push_back(freshComponent(*menu_, *dish));
    return true;
  }
  if (same != current.end()) {
    auto& chosen = mutableState().combo[group_index];
    chosen.erase(chosen.begin() + (same - current.begin()));
    return true;
  }
  if (!dish->stock.orderable() || static_cast<int>(current.size()) >= group.max) return false;
  mutableState().combo[group_index].push_back(freshComponent(*menu_, *dish));
  return true;
}

int DishBuilder::quantity() const { return state_->quantity; }

bool DishBuilder::setQuantity(int quantity) {
  if (quantity < 1 || quantity > kMaxGuestQuantity) return false;
  if (quantity != state_->quantity) mutableState().quantity = quantity;
  return true;
}

Money DishBuilder::unitPrice() const { return estimateUnitPrice(*menu_, toLine()); }

Money DishBuilder::totalPrice() const { return unitPrice() * state_->quantity; }

namespace {

std::vector<OrderModifier> modifiersInSchemeOrder(const MenuIndex& menu, const Component& component) {
  std::vector<OrderModifier> out;
  const ModifierScheme* scheme = schemeOf(menu, *component.dish);
  if (!scheme) return out;
  for (const ModifierGroup& group : scheme->groups) {
    auto chosen = component.modifiers.find(group.id);
    if (chosen == component.modifiers.end()) continue;
    for (const Modifier& modifier : group.modifiers) {
      auto it = chosen->second.find(modifier.id);
      if (it != chosen->second.end() && it->second > 0) out.push_back({modifier.id, it->second});
    }
  }
  return out;
}

}  // namespace

OrderLine DishBuilder::toLine() const {
  OrderLine line;
  line.dish_id = state_->dish->id;
  line.quantity = state_->quantity;
  line.modifiers = modifiersInSchemeOrder(*menu_, state_->own);
  if (const ComboScheme* scheme = comboScheme()) {
    for (size_t g = 0; g < scheme->groups.size(); ++g) {
      for (const Component& component : state_->combo[g]) {
        line.combo.push_back({scheme->groups[g].id, component.dish->id, modifiersInSchemeOrder(*menu_, component)});
      }
    }
  }
  return line;
}

std::vector<BuilderProblem> DishBuilder::problems() const {
  OrderLine line = toLine();
  // The component name of each combo part, in toLine()'s order.
  std::vector<std::string> part_component;
  std::map<std::string, int> seen;
  for (const ComboPart& part : line.combo) part_component.push_back(comboComponent(part.group_id, seen[part.group_id]++));
  auto componentOf = [&](int part) { return part < 0 ? kDishItself : part_component.at(part); };

  std::vector<BuilderProblem> out;
  for (const LineViolation& v : checkLine(*menu_, line)) {
    using Kind = BuilderProblem::Kind;
    switch (v.rule) {
      case LineRule::ModifiersBelowMin:
        out.push_back({Kind::ModifiersBelowMin, componentOf(v.combo_part), v.group_id, {}, v.count});
        break;
      case LineRule::ComboBelowMin:
        out.push_back({Kind::ComboBelowMin, kDishItself, v.group_id, {}, v.count});
        break;
      case LineRule::Prohibited:
        out.push_back({Kind::Unavailable, componentOf(v.combo_part), v.group_id, v.item_id, 0});
        break;
      case LineRule::StockExceeded: {
        std::string component = kDishItself;
        for (size_t i = 0; i < line.combo.size() && v.item_id != line.dish_id; ++i) {
          if (line.combo[i].dish_id == v.item_id) {
            component = part_component[i];
            break;
          }
        }
        // Nothing left at all reads as "unavailable"; some left reads as "only N left".
        Kind kind = v.count == 0 ? Kind::Unavailable : Kind::StockExceeded;
        out.push_back({kind, component, {}, v.item_id, v.count});
        break;
      }
      default:
        out.push_back({Kind::Invalid, componentOf(v.combo_part), v.group_id, v.item_id, v.count});
        break;
    }
  }
  return out;
}

}  // namespace kiosk
