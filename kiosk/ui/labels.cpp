#include "kiosk/ui/labels.h"

namespace kiosk::ui {

std::string_view orderStatusKey(OrderStatus status) {
  switch (status) {
    case OrderStatus::New:
    case OrderStatus::Deferred:
      return "status.accepted";
    case OrderStatus::Open:
    case OrderStatus::Bill:
      return "status.preparing";
    case OrderStatus::Close:
      return "status.ready";
    case OrderStatus::Deleted:
      return "status.cancelled";
  }
  return "status.accepted";
}

int orderStatusStep(OrderStatus status) {
  switch (status) {
    case OrderStatus::New:
    case OrderStatus::Deferred:
      return 0;
    case OrderStatus::Open:
    case OrderStatus::Bill:
      return 1;
    case OrderStatus::Close:
      return 2;
    case OrderStatus::Deleted:
      return -1;
  }
  return 0;
}

std::string_view lineIssueKey(LineIssue issue) {
  switch (issue) {
    case LineIssue::None: return "";
    case LineIssue::DishRemoved: return "cart.issue.removed";
    case LineIssue::Unavailable: return "cart.issue.unavailable";
    case LineIssue::StockShort: return "cart.issue.stock_short";
    case LineIssue::ChoiceRemoved: return "cart.issue.choices";
  }
  return "";
}

std::string tagText(UiContext& ctx, const std::string& tag) {
  std::string key = "tag." + tag;
  if (ctx.strings && ctx.strings->has(ctx.lang, key)) return ctx.t(key);
  return tag;
}

std::string problemText(UiContext& ctx, const DishBuilder& builder, const BuilderProblem& problem) {
  std::string name;
  switch (problem.kind) {
    case BuilderProblem::Kind::ModifiersBelowMin: {
      if (const ModifierScheme* scheme = builder.modifierScheme(problem.component)) {
        for (const ModifierGroup& group : scheme->groups) {
          if (group.id == problem.group_id) name = ctx.name(group.name);
        }
      }
      return ctx.t("dish.choose_more_of", {{"n", std::to_string(problem.count)}, {"group", name}});
    }
    case BuilderProblem::Kind::ComboBelowMin: {
      if (const ComboScheme* scheme = builder.comboScheme()) {
        for (const ComboGroup& group : scheme->groups) {
          if (group.id == problem.group_id) name = ctx.name(group.name);
        }
      }
      return ctx.t("dish.choose_more_of", {{"n", std::to_string(problem.count)}, {"group", name}});
    }
    case BuilderProblem::Kind::Unavailable:
      return ctx.t("dish.sold_out_part");
    case BuilderProblem::Kind::StockExceeded:
      return ctx.plural("dish.only_left", problem.count);
    case BuilderProblem::Kind::Invalid:
      return ctx.t("dish.choices_invalid");
  }
  return {};
}

namespace {

// The name of modifier `modifier_id` in a dish's scheme ("" when unknown), with "×N" for N > 1.
std::string modifierLabel(UiContext& ctx, const MenuIndex& menu, const Dish* dish, const OrderModifier& chosen) {
  if (!dish || dish->modifier_scheme_id.empty()) return {};
  const ModifierScheme* scheme = menu.modifierScheme(dish->modifier_scheme_id);
  if (!scheme) return {};
  for (const ModifierGroup& group : scheme->groups) {
    if (const Modifier* modifier = menu.modifier(group, chosen.id)) {
      std::string label = ctx.name(modifier->name);
      if (chosen.quantity > 1) label += " \xC3\x97" + std::to_string(chosen.quantity);  // ×
      return label;
    }
  }
  return {};
}

std::string joinModifiers(UiContext& ctx, const MenuIndex& menu, const Dish* dish,
                          const std::vector<OrderModifier>& modifiers) {
  std::string text;
  for (const OrderModifier& chosen : modifiers) {
    std::string label = modifierLabel(ctx, menu, dish, chosen);
    if (label.empty()) continue;
    if (!text.empty()) text += ", ";
    text += label;
  }
  return text;
}

}  // namespace

std::string lineDetails(UiContext& ctx, const MenuIndex& menu, const OrderLine& line) {
  const Dish* dish = menu.dish(line.dish_id);
  if (line.combo.empty()) return joinModifiers(ctx, menu, dish, line.modifiers);
  std::string text;
  for (const ComboPart& part : line.combo) {
    const Dish* component = menu.dish(part.dish_id);
    if (!component) continue;
    if (!text.empty()) text += ", ";
    text += ctx.name(component->name);
    std::string modifiers = joinModifiers(ctx, menu, component, part.modifiers);
    if (!modifiers.empty()) text += " (" + modifiers + ")";
  }
  std::string own = joinModifiers(ctx, menu, dish, line.modifiers);
  if (!own.empty()) text += text.empty() ? own : "; " + own;
  return text;
}

std::string groupHint(UiContext& ctx, const GroupStatus& status) {
  if (status.missing > 0) return ctx.plural("dish.choose_n_more", status.missing);
  if (status.required()) return "\xE2\x9C\x93";  // ✓ the required choice is made
  if (status.max > 1) return ctx.plural("dish.up_to", status.max);
  return ctx.t("dish.optional");
}

}  // namespace kiosk::ui
