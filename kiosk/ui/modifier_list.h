#pragma once
// The modifier groups of one component of a DishBuilder as touch rows: radio rows (group max 1), checkbox rows,
// and counter rows (a modifier that may be taken several times) with −/+. Each group shows its hint ("Required",
// "Choose 1 more", "Up to 3"). Used by the dish screen and, per chosen component, by the combo screen.
#include <string>

#include "kiosk/core/dish_builder.h"
#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

// Draws at the cursor, `width` wide, and moves the cursor below. Widget ids are
// "<id_prefix>.<group>.<modifier>" (and ".minus" / ".plus" for counters).
void drawModifierGroups(UiContext& ctx, const DishBuilder& builder, const std::string& component,
                        const std::string& id_prefix, float width);

}  // namespace kiosk::ui
