#pragma once
// Building blocks of the staff screens, laid out top to bottom inside a scroll area: headings, "label  value"
// rows, notes, banners, full-width buttons. Staff screens are for people who know the place; they favour plain
// rows of facts over decoration, but keep the guest screens' touch sizes.
#include <string>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/ui_context.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// Where the next row goes.
struct Flow {
  float x = 0.f;
  float y = 0.f;
  float width = 0.f;
};

// A Flow over the scroll area that starts at the cursor, with `pad` on every side.
Flow beginFlow(float pad, float width);
// Tells the scroll area how tall the content was (call before endScroll).
void endFlow(const Flow& flow, float pad);

void heading(UiContext& ctx, Flow& flow, std::string_view text);
// "label   value" on one line when it fits, else the value under the label. `value_color` 0: the text colour.
// Values start in one column (42 % of the width) so that rows read as a table; `label_indent` leaves room for an
// icon before the label.
void infoRow(UiContext& ctx, Flow& flow, std::string_view label, std::string_view value, ImU32 value_color = 0,
             float label_indent = 0.f);
// A yes/no fact with a tick or a cross.
void checkRow(UiContext& ctx, Flow& flow, std::string_view label, bool ok, std::string_view value);
void note(UiContext& ctx, Flow& flow, std::string_view text, ImU32 color = 0, ImFont* font = nullptr);
// A coloured block with text (warnings staff must see).
void banner(UiContext& ctx, Flow& flow, std::string_view text, ImU32 fill, ImU32 color);
// A button `width_fraction` of the flow's width (left-aligned), touch-sized.
bool flowButton(UiContext& ctx, Flow& flow, std::string_view id, std::string_view label, bool enabled = true,
                Look look = Look::Secondary, float width_fraction = 1.f);
// Two buttons side by side (a confirmation): returns 1 or 2 when tapped, else 0.
int flowButtonPair(UiContext& ctx, Flow& flow, std::string_view id1, std::string_view label1, Look look1,
                   std::string_view id2, std::string_view label2, Look look2);
// A spinner with a text beside it ("running…").
void busyRow(UiContext& ctx, Flow& flow, std::string_view text);
void space(UiContext& ctx, Flow& flow, float ems);

// "2 min", "3 h 05 min", "45 s" in the UI language.
std::string ageText(UiContext& ctx, long long seconds);

}  // namespace kiosk::ui
