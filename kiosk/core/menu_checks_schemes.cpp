// Modifier schemes and combo schemes: repeated ids, prices out of range, groups nobody can satisfy, combo choices
// that name a missing dish or another combo.
#include <algorithm>

#include "kiosk/core/line_rules.h"
#include "kiosk/core/menu_checks.h"
#include "kiosk/core/menu_checks_steps.h"

namespace kiosk::menu_checks {
namespace {

// Drops every scheme whose id an earlier one already has (the first stays, as lookups would find it).
template <class Scheme>
void dropRepeatedSchemes(std::vector<Scheme>& schemes, const char* kind, Lines& lines) {
  std::unordered_set<std::string_view> seen;
  std::vector<char> drop(schemes.size(), 0);
  bool any = false;
  for (size_t i = 0; i < schemes.size(); ++i) {
    if (seen.insert(schemes[i].id).second) continue;
    lines.push_back(std::string("duplicate ") + kind + " " + schemes[i].id + " ignored");
    drop[i] = 1;
    any = true;
  }
  if (any) eraseFlagged(schemes, drop);
}

// Drops every group whose id an earlier group of the scheme already has. `name` is "modifier scheme ms" / "combo cs".
template <class Group>
void dropRepeatedGroups(std::vector<Group>& groups, const std::string& name, Lines& lines) {
  std::unordered_set<std::string_view> seen;
  std::vector<char> drop(groups.size(), 0);
  bool any = false;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (seen.insert(groups[i].id).second) continue;
    lines.push_back(name + " repeats group " + groups[i].id + "; the second dropped");
    drop[i] = 1;
    any = true;
  }
  if (any) eraseFlagged(groups, drop);
}

// Refuses modifiers: repeated ids (a modifier id names one modifier of the whole scheme: an order line carries no
// group), prices out of range, and max_count below 1 (a modifier nobody may take). `earlier` maps the modifier ids
// of the scheme's groups kept so far to their group.
void checkModifiers(const std::string& scheme_name, ModifierGroup& group,
                    const std::unordered_map<std::string, std::string>& earlier, Lines& lines) {
  std::string name = scheme_name + " group " + group.id;
  std::unordered_set<std::string_view> here;
  std::vector<char> drop(group.modifiers.size(), 0);
  for (size_t i = 0; i < group.modifiers.size(); ++i) {
    const Modifier& modifier = group.modifiers[i];
    auto first = earlier.find(modifier.id);
    std::string why;
    if (first != earlier.end() || here.count(modifier.id)) {
      const std::string& first_group = first != earlier.end() ? first->second : group.id;
      lines.push_back(name + " repeats modifier " + modifier.id + " of group " + first_group + "; dropped");
    } else if (!(why = badPrice(modifier.price)).empty()) {
      lines.push_back(name + " modifier " + modifier.id + " " + why + "; dropped");
    } else if (modifier.max_count < 1) {
      lines.push_back(name + " modifier " + modifier.id + " has max_count " + std::to_string(modifier.max_count) +
                      "; dropped");
    } else {
      here.insert(modifier.id);
      continue;
    }
    drop[i] = 1;
  }
  eraseFlagged(group.modifiers, drop);
}

// The most one line can take from the group: the POS takes at most kMaxLineQuantity of one modifier.
int64_t modifierCapacity(const ModifierGroup& group) {
  int64_t capacity = 0;
  for (const Modifier& modifier : group.modifiers) capacity += std::min(modifier.max_count, kMaxLineQuantity);
  return capacity;
}

std::string dishCount(size_t n) { return std::to_string(n) + (n == 1 ? " dish" : " dishes"); }

}  // namespace

std::string badPrice(Money price) {
  if (price < Money()) return "has a negative price " + price.toDecimal();
  if (price > kMaxMenuPrice) {
    return "has a price of " + price.toDecimal() + ", above the limit of " + kMaxMenuPrice.toDecimal();
  }
  return {};
}

GroupVerdict judgeGroup(int min, int max, int64_t capacity, const std::string& capacity_text,
                        const char* nothing_text) {
  auto notCount = [](const char* key, int value) { return std::string("has ") + key + " " + std::to_string(value) +
                                                          ", not a count"; };
  if (min < 0) return {GroupVerdict::Unsatisfiable, notCount("min", min)};
  if (min == 0) {
    if (max < 0) return {GroupVerdict::DropGroup, notCount("max", max)};
    if (max == 0) return {GroupVerdict::DropGroup, "allows at most 0"};
    if (capacity == 0) return {GroupVerdict::DropGroup, nothing_text};
    return {};
  }
  std::string asks = "asks for at least " + std::to_string(min) + " but ";
  if (max < 0) return {GroupVerdict::Unsatisfiable, notCount("max", max)};
  if (min > max) return {GroupVerdict::Unsatisfiable, asks + "allows at most " + std::to_string(max)};
  if (min > capacity) return {GroupVerdict::Unsatisfiable, asks + capacity_text};
  return {};
}

IdSet checkModifierSchemes(std::vector<ModifierScheme>& schemes, Lines& lines) {
  dropRepeatedSchemes(schemes, "modifier scheme", lines);
  IdSet unusable;
  for (ModifierScheme& scheme : schemes) {
    std::string name = "modifier scheme " + scheme.id;
    dropRepeatedGroups(scheme.groups, name, lines);
    std::unordered_map<std::string, std::string> modifier_group;  // of the groups kept so far
    std::vector<char> drop(scheme.groups.size(), 0);
    for (size_t i = 0; i < scheme.groups.size(); ++i) {
      ModifierGroup& group = scheme.groups[i];
      checkModifiers(name, group, modifier_group, lines);
      int64_t capacity = modifierCapacity(group);
      GroupVerdict verdict = judgeGroup(group.min, group.max, capacity,
                                        "its modifiers allow " + std::to_string(capacity) + " in all",
                                        "offers no modifiers");
      if (verdict.kind == GroupVerdict::DropGroup) {
        lines.push_back(name + " group " + group.id + " " + verdict.why + "; the group dropped");
        drop[i] = 1;
      } else if (verdict.kind == GroupVerdict::Unsatisfiable) {
        lines.push_back(name + " group " + group.id + " " + verdict.why + "; dishes with " + scheme.id + " dropped");
        unusable.insert(scheme.id);
      }
      if (!drop[i]) {
        for (const Modifier& modifier : group.modifiers) modifier_group.emplace(modifier.id, group.id);
      }
    }
    eraseFlagged(scheme.groups, drop);
  }
  return unusable;
}

void checkComboSchemes(std::vector<ComboScheme>& schemes, Lines& lines) {
  dropRepeatedSchemes(schemes, "combo scheme", lines);
  for (ComboScheme& scheme : schemes) {
    std::string name = "combo " + scheme.id;
    dropRepeatedGroups(scheme.groups, name, lines);
    for (ComboGroup& group : scheme.groups) {
      std::string where = name + " group " + group.id;
      std::unordered_set<std::string_view> offered;
      std::vector<char> drop(group.items.size(), 0);
      for (size_t i = 0; i < group.items.size(); ++i) {
        const ComboItem& item = group.items[i];
        if (offered.count(item.dish_id)) {
          lines.push_back(where + " offers " + item.dish_id + " twice; the second dropped");
          drop[i] = 1;
        } else if (item.price_delta > kMaxMenuPrice || item.price_delta < -kMaxMenuPrice) {
          lines.push_back(where + " item " + item.dish_id + " has a price delta of " + item.price_delta.toDecimal() +
                          ", beyond the limit of " + kMaxMenuPrice.toDecimal() + " either way; dropped");
          drop[i] = 1;
        } else {
          offered.insert(item.dish_id);
        }
      }
      eraseFlagged(group.items, drop);
    }
  }
}

IdSet checkComboChoices(std::vector<ComboScheme>& schemes,
                        const std::unordered_map<std::string_view, const Dish*>& dishes, Lines& lines) {
  IdSet unusable;
  for (ComboScheme& scheme : schemes) {
    std::string name = "combo " + scheme.id;
    std::vector<char> drop_group(scheme.groups.size(), 0);
    for (size_t g = 0; g < scheme.groups.size(); ++g) {
      ComboGroup& group = scheme.groups[g];
      std::string where = name + " group " + group.id;
      std::vector<char> drop(group.items.size(), 0);
      for (size_t i = 0; i < group.items.size(); ++i) {
        const std::string& dish_id = group.items[i].dish_id;
        auto found = dishes.find(dish_id);
        if (found == dishes.end()) {
          lines.push_back(where + " offers missing dish " + dish_id + "; dropped");
        } else if (found->second->combo_scheme_id == scheme.id) {
          lines.push_back(where + " offers " + dish_id +
                          ", which is itself a combo of this scheme (a combo of itself); dropped");
        } else if (!found->second->combo_scheme_id.empty()) {
          // The POS would need that combo's own choices inside this one, which an order line cannot carry.
          lines.push_back(where + " offers " + dish_id +
                          ", which is itself a combo; a combo cannot hold a combo; dropped");
        } else {
          continue;
        }
        drop[i] = 1;
      }
      eraseFlagged(group.items, drop);
      bool default_offered = std::any_of(group.items.begin(), group.items.end(),
                                         [&](const ComboItem& item) { return item.dish_id == group.default_dish_id; });
      if (!group.default_dish_id.empty() && !default_offered) {
        lines.push_back(where + " default " + group.default_dish_id + " is not offered; no default");
        group.default_dish_id.clear();
      }
      GroupVerdict verdict = judgeGroup(group.min, group.max, static_cast<int64_t>(group.items.size()),
                                        "offers " + dishCount(group.items.size()), "offers no dishes");
      if (verdict.kind == GroupVerdict::DropGroup) {
        lines.push_back(where + " " + verdict.why + "; the group dropped");
        drop_group[g] = 1;
      } else if (verdict.kind == GroupVerdict::Unsatisfiable) {
        lines.push_back(where + " " + verdict.why + "; combos of " + scheme.id + " dropped");
        unusable.insert(scheme.id);
      }
    }
    eraseFlagged(scheme.groups, drop_group);
  }
  return unusable;
}

}  // namespace kiosk::menu_checks
