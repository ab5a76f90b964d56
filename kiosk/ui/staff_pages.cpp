// The staff screen's pages about the outside world: ProCart connection, menu and stop list, last orders, open
// payments, card terminal.
#include "kiosk/ui/staff_pages.h"

#include <string_view>

namespace kiosk::ui {
namespace {

std::string yesNo(UiContext& ctx, bool yes) { return ctx.t(yes ? "staff.yes" : "staff.no"); }
std::string validity(UiContext& ctx, bool valid) { return ctx.t(valid ? "staff.conn.valid" : "staff.conn.invalid"); }
std::string orDash(const std::string& text) { return text.empty() ? "\xE2\x80\x94" : text; }  // —

// r_keeper's order status in words; an unknown one as it came.
std::string orderStatusText(UiContext& ctx, const std::string& status) {
  if (status == "new") return ctx.t("staff.order_status.new");
  if (status == "open") return ctx.t("staff.order_status.open");
  if (status == "bill") return ctx.t("staff.order_status.bill");
  if (status == "close") return ctx.t("staff.order_status.close");
  if (status == "deleted") return ctx.t("staff.order_status.deleted");
  if (status == "deferred") return ctx.t("staff.order_status.deferred");
  return orDash(status);
}

}  // namespace

// What guests see now and the other pages in one line each, under the connection report.
void drawAtAGlance(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const StaffView& view = page.view;
  heading(ctx, flow, ctx.t("staff.glance.title"));
  const char* guests = view.needs_configuration ? "staff.glance.needs_config"
                       : view.out_of_order      ? "staff.glance.out_of_order"
                       : view.closed_now        ? "staff.glance.closed"
                       : view.menu_version.empty() ? "staff.glance.no_menu"
                                                   : "staff.glance.ordering";
  bool ordering = std::string_view(guests) == "staff.glance.ordering";
  infoRow(ctx, flow, ctx.t("staff.glance.guests"), ctx.t(guests), ordering ? 0 : ctx.theme.color.warning);
  infoRow(ctx, flow, ctx.t("staff.glance.menu"),
          view.menu_version.empty() ? ctx.t("staff.unknown") : view.menu_version + ", " + ageText(ctx, view.menu_age_s));
  long long needs_staff = 0;
  for (const JournalItem& item : view.open_payments) needs_staff += item.needs_staff ? 1 : 0;
  infoRow(ctx, flow, ctx.t("staff.glance.payments"),
          view.open_payments.empty()
              ? ctx.t("staff.glance.none")
              : ctx.t("staff.glance.payments_value",
                      {{"n", std::to_string(view.open_payments.size())}, {"m", std::to_string(needs_staff)}}),
          needs_staff > 0 ? ctx.theme.color.warning : 0);
  infoRow(ctx, flow, ctx.t("staff.glance.procart"),
          view.procart_problem_key.empty() ? ctx.t("staff.procart.ok") : ctx.t(view.procart_problem_key),
          view.procart_problem_key.empty() ? 0 : ctx.theme.color.warning);
  infoRow(ctx, flow, ctx.t("staff.glance.terminal"), orDash(view.terminal_state));
  if (!view.orders.empty()) {
    const OrderLogItem& last = view.orders.front();
    infoRow(ctx, flow, ctx.t("staff.glance.last_order"), orDash(last.number) + ", " + last.at);
  }
}

void drawConnectionPage(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const StaffView& view = page.view;
  heading(ctx, flow, ctx.t("staff.conn.title"));
  if (flowButton(ctx, flow, "staff.ping", ctx.t("staff.conn.test"), !view.ping_running, Look::Primary, 0.6f)) {
    page.actions.emplace_back(std::in_place_type<staff::Ping>);
  }
  if (view.ping_running) busyRow(ctx, flow, ctx.t("staff.conn.running"));
  if (!view.ping) {
    if (!view.ping_running) note(ctx, flow, ctx.t("staff.conn.never"));
    drawAtAGlance(page, flow);
    return;
  }
  const PingReport& ping = *view.ping;
  checkRow(ctx, flow, ctx.t("staff.conn.reachable"), ping.reachable, yesNo(ctx, ping.reachable));
  if (ping.reachable) {
    checkRow(ctx, flow, ctx.t("staff.conn.rkeeper"), ping.rkeeper_connected, yesNo(ctx, ping.rkeeper_connected));
    checkRow(ctx, flow, ctx.t("staff.conn.license"), ping.license_valid, validity(ctx, ping.license_valid));
    checkRow(ctx, flow, ctx.t("staff.conn.token"), ping.token_valid, validity(ctx, ping.token_valid));
    infoRow(ctx, flow, ctx.t("staff.conn.procart_version"), orDash(ping.procart_version));
    infoRow(ctx, flow, ctx.t("staff.conn.rkeeper_version"), orDash(ping.rkeeper_version));
  }
  if (!ping.error.empty()) infoRow(ctx, flow, ctx.t("staff.conn.error"), ping.error, ctx.theme.color.warning);
  infoRow(ctx, flow, ctx.t("staff.conn.latency"), ctx.t("staff.ms", {{"n", std::to_string(ping.latency_ms)}}));
  infoRow(ctx, flow, ctx.t("staff.conn.checked_at"), orDash(ping.checked_at));
  drawAtAGlance(page, flow);
}

void drawMenuPage(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const StaffView& view = page.view;
  heading(ctx, flow, ctx.t("staff.menu.title"));
  if (view.menu_version.empty()) {
    note(ctx, flow, ctx.t("staff.menu.no_menu"), ctx.theme.color.warning);
  } else {
    infoRow(ctx, flow, ctx.t("staff.menu.version"), view.menu_version);
    infoRow(ctx, flow, ctx.t("staff.menu.age"), ageText(ctx, view.menu_age_s));
    infoRow(ctx, flow, ctx.t("staff.menu.source"),
            ctx.t(view.menu_from_cache ? "staff.menu.from_cache" : "staff.menu.from_procart"),
            view.menu_from_cache ? ctx.theme.color.warning : 0);
  }
  if (flowButton(ctx, flow, "staff.menu.refresh", ctx.t("staff.menu.refresh"), !view.menu_refresh_running,
                 Look::Secondary, 0.6f)) {
    page.actions.emplace_back(std::in_place_type<staff::RefreshMenu>);
  }
  if (view.menu_refresh_running) busyRow(ctx, flow, ctx.t("staff.menu.refreshing"));

  heading(ctx, flow, ctx.t("staff.menu.stop_list"));
  if (view.stop_list.empty()) {
    note(ctx, flow, ctx.t("staff.menu.stop_list_empty"));
    return;
  }
  for (const StopListItem& item : view.stop_list) {
    infoRow(ctx, flow, item.name.empty() ? item.dish_id : item.name, item.state,
            item.state == "stop-list" ? ctx.theme.color.warning : 0);
  }
}

void drawOrdersPage(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const Theme& theme = ctx.theme;
  heading(ctx, flow, ctx.t("staff.orders.title"));
  if (page.view.orders.empty()) {
    note(ctx, flow, ctx.t("staff.orders.none"));
    return;
  }
  note(ctx, flow, ctx.t("staff.orders.hint"));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const OrderLogItem& order : page.view.orders) {
    // One card per order: number, time and amount; then status and payment; then what the journal knows.
    float pad = ctx.px(0.5f);
    float inner = flow.width - 2.f * pad;
    // No number when no order was created: the external id is what the journal and the log know it by.
    std::string first = (order.number.empty() ? order.external_id : order.number) + "   " + order.at + "   " +
                        ctx.money(order.amount);
    std::string second =
        ctx.t("staff.orders.status", {{"status", orderStatusText(ctx, order.status)}}) + "   " + order.payment;
    float h = theme.fonts->bold->FontSize + textHeight(theme.fonts->body, inner, second, 2) +
              textHeight(theme.fonts->small, inner, order.outcome, 2) + 2.f * pad;
    ImVec2 min(flow.x, flow.y);
    panel(ctx, min, ImVec2(flow.x + flow.width, flow.y + h), theme.color.surface, theme.color.border);
    float y = min.y + pad;
    y += drawText(draw, theme.fonts->bold, ImVec2(min.x + pad, y), inner, theme.color.text, first, Align::Left, 1);
    y += drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y), inner, theme.color.text, second, Align::Left, 2);
    drawText(draw, theme.fonts->small, ImVec2(min.x + pad, y), inner, theme.color.text_muted, order.outcome,
             Align::Left, 2);
    flow.y += h + ctx.px(0.3f);
  }
}

void drawPaymentsPage(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const Theme& theme = ctx.theme;
  const StaffView& view = page.view;
  if (!view.journal_damage.empty()) {
    heading(ctx, flow, ctx.t("staff.pay.damaged"));
    for (const std::string& problem : view.journal_damage) note(ctx, flow, problem, theme.color.warning);
    note(ctx, flow, ctx.t("staff.pay.damaged_hint"));
  }
  heading(ctx, flow, ctx.t("staff.pay.title"));
  if (view.open_payments.empty()) {
    note(ctx, flow, ctx.t("staff.pay.none"));
  } else {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const JournalItem& item : view.open_payments) {
      float pad = ctx.px(0.5f);
      float inner = flow.width - 2.f * pad;
      std::string first = ctx.money(item.amount) + "   " + item.external_id;
      std::string second = item.state + (item.outcome.empty() ? "" : " \xE2\x80\x94 " + item.outcome);
      std::string flag = ctx.t("staff.pay.needs_staff");
      float flag_h = item.needs_staff ? pillSize(ctx, flag).y + ctx.px(0.2f) : 0.f;
      float h = theme.fonts->bold->FontSize + textHeight(theme.fonts->body, inner, second, 3) + flag_h + 2.f * pad;
      ImVec2 min(flow.x, flow.y);
      // Entries staff must settle by hand stand out.
      panel(ctx, min, ImVec2(flow.x + flow.width, flow.y + h), item.needs_staff ? theme.color.banner : theme.color.surface,
            item.needs_staff ? theme.color.warning : theme.color.border);
      float y = min.y + pad;
      if (item.needs_staff) {
        y += pill(ctx, ImVec2(min.x + pad, y), flag, theme.color.warning, theme.color.accent_text).y + ctx.px(0.2f);
      }
      y += drawText(draw, theme.fonts->bold, ImVec2(min.x + pad, y), inner,
                    item.needs_staff ? theme.color.banner_text : theme.color.text, first, Align::Left, 1);
      drawText(draw, theme.fonts->body, ImVec2(min.x + pad, y), inner,
               item.needs_staff ? theme.color.banner_text : theme.color.text, second, Align::Left, 3);
      flow.y += h + ctx.px(0.3f);
      if (item.awaiting_pos_check) {
        // Only a look in the POS can tell whether this order exists: staff say what they found.
        note(ctx, flow, ctx.t("staff.pay.pos_check", {{"id", item.external_id}, {"amount", ctx.money(item.amount)}}),
             theme.color.text);
        int tapped = flowButtonPair(ctx, flow, "staff.pay.in_pos/" + item.external_id, ctx.t("staff.pay.in_pos"),
                                    Look::Primary, "staff.pay.not_in_pos/" + item.external_id,
                                    ctx.t("staff.pay.not_in_pos"), Look::Secondary);
        if (tapped != 0) page.actions.emplace_back(staff::ReportPosCheck{item.external_id, tapped == 1});
      }
    }
  }
  if (flowButton(ctx, flow, "staff.pay.resolve", ctx.t("staff.pay.resolve"),
                 !view.resolve_running && !view.open_payments.empty(), Look::Primary, 0.6f)) {
    page.actions.emplace_back(std::in_place_type<staff::ResolvePayments>);
  }
  note(ctx, flow, ctx.t("staff.pay.hint"));
  if (view.resolve_running) busyRow(ctx, flow, ctx.t("staff.pay.resolving"));
  if (!view.last_resolve_report.empty()) {
    heading(ctx, flow, ctx.t("staff.pay.last_report"));
    note(ctx, flow, view.last_resolve_report, theme.color.text);
  }
}

void drawTerminalPage(StaffPage& page, Flow& flow) {
  UiContext& ctx = page.ctx;
  const StaffView& view = page.view;
  heading(ctx, flow, ctx.t("staff.term.title"));
  infoRow(ctx, flow, ctx.t("staff.term.driver"), orDash(view.terminal_driver));
  infoRow(ctx, flow, ctx.t("staff.term.state"), orDash(view.terminal_state));
  if (!view.terminal_refund) note(ctx, flow, ctx.t("staff.term.no_refund"), ctx.theme.color.text);
  if (!view.terminal_day_close) {
    // Nothing to press: the terminal closes its day with the bank by itself.
    heading(ctx, flow, ctx.t("staff.term.day_close"));
    note(ctx, flow, ctx.t("staff.term.no_day_close"), ctx.theme.color.text);
    return;
  }
  if (page.state.confirm_reconcile && !view.reconcile_running) {
    space(ctx, flow, 0.3f);
    note(ctx, flow, ctx.t("staff.term.confirm"), ctx.theme.color.text, ctx.theme.fonts->bold);
    int tapped = flowButtonPair(ctx, flow, "staff.term.reconcile_cancel", ctx.t("staff.cancel"), Look::Secondary,
                                "staff.term.reconcile_confirm", ctx.t("staff.term.confirm_yes"), Look::Primary);
    if (tapped == 2) page.actions.emplace_back(std::in_place_type<staff::Reconcile>);
    if (tapped != 0) page.state.confirm_reconcile = false;
  } else if (flowButton(ctx, flow, "staff.term.reconcile", ctx.t("staff.term.reconcile"), !view.reconcile_running,
                        Look::Primary, 0.7f)) {
    page.state.confirm_reconcile = true;
  }
  if (view.reconcile_running) busyRow(ctx, flow, ctx.t("staff.term.reconciling"));
  heading(ctx, flow, ctx.t("staff.term.last"));
  note(ctx, flow, view.last_reconcile.empty() ? ctx.t("staff.term.never") : view.last_reconcile,
       view.last_reconcile.empty() ? 0 : ctx.theme.color.text);
}

}  // namespace kiosk::ui
