#pragma once
// Configures one cart line: a dish with its modifier scheme, or a combo with one choice per combo group
// (each chosen component with its own modifiers). It answers, at every moment, what is still missing and
// whether the POS would accept the line: canAdd() agrees with the emulator's /validate rules.
//
// A "component" names whose modifiers are meant: kDishItself for the dish (or the combo dish itself),
// otherwise a combo group id (the component chosen in that group).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/menu.h"
#include "kiosk/core/menu_index.h"
#include "kiosk/core/order.h"

namespace kiosk {

inline const std::string kDishItself;  // empty string

// The component name of the `choice`-th dish chosen in a combo group: the group id itself for the first (the usual
// case, groups with max 1), "group_id#2" for the third choice of a group with max > 1.
std::string comboComponent(const std::string& combo_group_id, int choice = 0);

struct GroupStatus {
  int chosen = 0;   // Σ quantities chosen in the group
  int min = 0;
  int max = 0;
  int missing = 0;  // max(0, min - chosen)
  bool complete() const { return missing == 0 && chosen <= max; }
  bool atMax() const { return chosen >= max; }
  bool required() const { return min > 0; }
};

// Why the line cannot be added yet; the UI turns it into "choose 1 more sauce".
struct BuilderProblem {
  enum class Kind {
    ModifiersBelowMin,  // group_id of `component` needs `count` more
    ComboBelowMin,      // combo group `group_id` needs `count` more dishes
    Unavailable,        // the dish or a chosen component is out of stock / on the stop-list (dish_id)
    StockExceeded,      // quantity above what is left (count = how many are left)
    Invalid,            // a POS rule the builder normally prevents (only after fromLine() of an odd line)
  };
  Kind kind;
  std::string component;  // kDishItself or a combo group id
  std::string group_id;
  std::string dish_id;
  int count = 0;
};

class DishBuilder {
 public:
  // A fresh builder: required modifier groups with exactly one modifier get it pre-selected; combo groups get
  // their default dish (when orderable). Returns nullopt for an unknown dish.
  static std::optional<DishBuilder> forDish(std::shared_ptr<const MenuIndex> menu, const std::string& dish_id);
  // A builder holding an existing line, for "edit". Entries the menu no longer knows are dropped.
  static std::optional<DishBuilder> fromLine(std::shared_ptr<const MenuIndex> menu, const OrderLine& line);

  const Dish& dish() const;
  bool isCombo() const;
  const ComboScheme* comboScheme() const;  // nullptr unless isCombo()

  // ---- modifiers (of the dish itself, or of a combo component) ----
  // The modifier scheme that applies to `component` (nullptr when it has none).
  const ModifierScheme* modifierScheme(const std::string& component = kDishItself) const;
  int modifierQuantity(const std::string& component, const std::string& group_id, const std::string& modifier_id) const;
  GroupStatus groupStatus(const std::string& component, const std::string& group_id) const;
  // Radio behaviour when the group's max is 1 (selecting one deselects the other); checkbox otherwise, refusing
  // (returning false) when the group is already at its max. Toggling a selected modifier deselects it, except the
  // last choice of a radio group that is required.
  bool toggleModifier(const std::string& component, const std::string& group_id, const std::string& modifier_id);
  // Counter: 0..max_count, refused beyond the modifier's max_count or the group's max.
  bool setModifierQuantity(const std::string& component, const std::string& group_id, const std::string& modifier_id,
                           int quantity);

  // ---- combo groups ----
  std::vector<std::string> chosenDishes(const std::string& combo_group_id) const;
  // Choosing in a group with max 1 replaces the previous choice (and its modifiers); with max > 1 toggles.
  // Refused for a dish outside the group or not orderable.
  bool chooseComboItem(const std::string& combo_group_id, const std::string& dish_id);

  // ---- quantity and price ----
  int quantity() const;
  bool setQuantity(int quantity);  // 1..99
  Money unitPrice() const;   // dish price + Σ modifier price×qty + Σ combo deltas + Σ component modifiers
  Money totalPrice() const;  // unitPrice × quantity

  std::vector<BuilderProblem> problems() const;
  bool canAdd() const { return problems().empty(); }
  OrderLine toLine() const;

 private:
  DishBuilder() = default;
  struct State;
  State& mutableState();  // copy-on-write: copies share state_ until one of them changes
  std::shared_ptr<const MenuIndex> menu_;
  std::shared_ptr<State> state_;  // copy-on-write is the implementer's choice; DishBuilder is copyable
};

}  // namespace kiosk
