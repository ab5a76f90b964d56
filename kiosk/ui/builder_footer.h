#pragma once
// The footer shared by the dish and combo screens: what is still missing (if anything), then
// [Back] [− quantity +] [Add · price].
#include <string>

#include "kiosk/core/dish_builder.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

struct FooterButtons {
  std::string prefix;         // "dish" or "combo": ids <prefix>.close / .qty.minus / .qty.plus / <primary_id>
  std::string primary_id;     // "dish.add", "combo.next", "combo.add"
  std::string primary_label;
  bool primary_enabled = true;
  std::string back_id;        // "dish.close", "combo.back"
};

enum class FooterTap { None, Back, Primary };

// The height the footer needs (with the problem line when `problem` is not empty).
float builderFooterHeight(const UiContext& ctx, bool with_problem);
// Draws in [min, max]; quantity changes are emitted directly (SetDishQuantity); returns which other button was
// tapped.
FooterTap drawBuilderFooter(UiContext& ctx, const DishBuilder& builder, const FooterButtons& buttons,
                            const std::string& problem, ImVec2 min, ImVec2 max);

}  // namespace kiosk::ui
