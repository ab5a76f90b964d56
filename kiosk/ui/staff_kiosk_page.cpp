// The staff screen's page about the kiosk itself (out-of-order switch, opening hours, configuration problems,
// restart, version) and the banners every page starts with.
#include "kiosk/ui/hours_text.h"
#include "kiosk/ui/staff_pages.h"

namespace kiosk::ui {

void drawStaffBanners(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const Theme& theme = ctx.theme;
  const StaffView& view = page.view;
  if (view.needs_configuration) {
    banner(ctx, flow, ctx.plural("staff.banner.needs_config", static_cast<long long>(view.config_problems.size())),
           theme.color.warning, theme.color.accent_text);
  }
  if (!view.journal_refuses.empty()) {
    banner(ctx, flow, ctx.t("staff.banner.refuses", {{"why", view.journal_refuses}}), theme.color.warning,
           theme.color.accent_text);
  }
  if (!view.journal_damage.empty()) {
    // A damaged record may hide a paid card: staff compare the terminal's report with the POS.
    banner(ctx, flow, ctx.t("staff.banner.journal_damaged", {{"n", std::to_string(view.journal_damage.size())}}),
           theme.color.warning, theme.color.accent_text);
  }
  if (view.out_of_order) banner(ctx, flow, ctx.t("staff.banner.out_of_order"), theme.color.banner, theme.color.banner_text);
  if (view.closed_now) banner(ctx, flow, ctx.t("staff.banner.closed"), theme.color.banner, theme.color.banner_text);
}

void drawKioskPage(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const Theme& theme = ctx.theme;
  const StaffView& view = page.view;

  heading(ctx, flow, ctx.t("staff.kiosk.out_of_order"));
  note(ctx, flow, ctx.t(view.out_of_order ? "staff.kiosk.ooo_is_on" : "staff.kiosk.ooo_is_off"), theme.color.text);
  if (flowButton(ctx, flow, "staff.kiosk.out_of_order",
                 ctx.t(view.out_of_order ? "staff.kiosk.ooo_turn_off" : "staff.kiosk.ooo_turn_on"), true,
                 view.out_of_order ? Look::Primary : Look::Secondary, 0.7f)) {
    staff::SetOutOfOrder request;
    request.on = !view.out_of_order;
    page.actions.emplace_back(request);
  }

  heading(ctx, flow, ctx.t("staff.kiosk.hours"));
  note(ctx, flow, ctx.t(view.closed_now ? "staff.kiosk.closed_now" : "staff.kiosk.open_now"),
       view.closed_now ? theme.color.warning : theme.color.text);
  const ops::WeeklyHours& hours = view.config.ui.opening_hours;
  int today = todayWeekday();
  for (int day = 0; day < 7; ++day) {
    infoRow(ctx, flow, weekdayName(ctx, day), dayHoursText(ctx, hours.days[static_cast<size_t>(day)]),
            day == today ? theme.color.accent : 0);
  }

  heading(ctx, flow, ctx.t("staff.kiosk.problems"));
  if (view.config_problems.empty()) {
    note(ctx, flow, ctx.t("staff.kiosk.no_problems"));
  } else {
    for (const std::string& problem : view.config_problems) note(ctx, flow, problem, theme.color.warning);
    note(ctx, flow, ctx.t("staff.kiosk.problems_hint"));
  }

  heading(ctx, flow, ctx.t("staff.kiosk.app"));
  infoRow(ctx, flow, ctx.t("staff.kiosk.version"), view.version);
  infoRow(ctx, flow, ctx.t("staff.kiosk.config_path"), view.config_path);
  if (page.state.confirm_restart) {
    space(ctx, flow, 0.3f);
    note(ctx, flow, ctx.t("staff.kiosk.restart_confirm"), theme.color.text, theme.fonts->bold);
    int tapped = flowButtonPair(ctx, flow, "staff.kiosk.restart_cancel", ctx.t("staff.cancel"), Look::Secondary,
                                "staff.kiosk.restart_confirm", ctx.t("staff.kiosk.restart_yes"), Look::Primary);
    if (tapped == 2) page.actions.emplace_back(std::in_place_type<staff::Restart>);
    if (tapped != 0) page.state.confirm_restart = false;
  } else if (flowButton(ctx, flow, "staff.kiosk.restart", ctx.t("staff.kiosk.restart"), true, Look::Secondary,
                        0.6f)) {
    page.state.confirm_restart = true;
  }
}

}  // namespace kiosk::ui
