#include "kiosk/ui/staff_screen.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

const char* tabLabelKey(StaffTab tab) {
  switch (tab) {
    case StaffTab::Connection: return "staff.tab.connection";
    case StaffTab::Menu: return "staff.tab.menu";
    case StaffTab::Orders: return "staff.tab.orders";
    case StaffTab::Payments: return "staff.tab.payments";
    case StaffTab::Terminal: return "staff.tab.terminal";
    case StaffTab::Kiosk: return "staff.tab.kiosk";
    case StaffTab::Settings: return "staff.tab.settings";
  }
  return "staff.tab.connection";
}

}  // namespace

const char* staffTabName(StaffTab tab) {
  switch (tab) {
    case StaffTab::Connection: return "connection";
    case StaffTab::Menu: return "menu";
    case StaffTab::Orders: return "orders";
    case StaffTab::Payments: return "payments";
    case StaffTab::Terminal: return "terminal";
    case StaffTab::Kiosk: return "kiosk";
    case StaffTab::Settings: return "settings";
  }
  return "connection";
}

void StaffScreen::open(ops::StaffRole role, const StaffView& view) {
  close();
  role_ = role;
  tab_ = StaffTab::Connection;
  if (view.needs_configuration) tab_ = role == ops::StaffRole::Admin ? StaffTab::Settings : StaffTab::Kiosk;
}

void StaffScreen::close() {
  settings_.close();
  page_state_ = {};
  tab_ = StaffTab::Connection;
}

const char* StaffScreen::screenName() const { return settings_.pinChangeOpen() ? "staff_pin_change" : "staff"; }

std::vector<StaffTab> StaffScreen::tabs() const {
  std::vector<StaffTab> out = {StaffTab::Connection, StaffTab::Menu,     StaffTab::Orders,
                               StaffTab::Payments,   StaffTab::Terminal, StaffTab::Kiosk};
  if (role_ == ops::StaffRole::Admin) out.push_back(StaffTab::Settings);
  return out;
}

float StaffScreen::header(UiContext& ctx, Lang lang, bool& exit) {
  const Theme& theme = ctx.theme;
  ImVec2 min = ctx.area.min;
  float height = ctx.px(3.4f);
  ImVec2 max(ctx.area.max.x, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, theme.color.text);  // dark: staff mode must not be mistaken for the guest screens
  float pad = ctx.px(0.7f);
  float button_h = ctx.px(theme.touch);
  float y = min.y + (height - button_h) * 0.5f;

  float exit_w = ctx.px(5.5f);
  ImGui::SetCursorScreenPos(ImVec2(max.x - pad - exit_w, y));
  if (button(ctx, "staff.exit", ctx.t("staff.exit"), ImVec2(exit_w, button_h), Look::Primary)) exit = true;
  float lang_w = ctx.px(3.2f);
  float x = max.x - pad - exit_w - ctx.px(0.8f) - lang_w * 2.f - ctx.px(0.3f);
  for (Lang l : {Lang::Ru, Lang::En}) {
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    bool current = l == lang;
    if (button(ctx, "staff.lang." + std::string(langCode(l)), l == Lang::En ? "Eng" : "Рус", ImVec2(lang_w, button_h),
               current ? Look::Selected : Look::Secondary, true, theme.fonts->bold) &&
        !current) {
      ctx.emit(ev::SetLanguage{l});
    }
    x += lang_w + ctx.px(0.3f);
  }
  float title_w = max.x - pad - exit_w - ctx.px(0.8f) - lang_w * 2.f - ctx.px(1.2f) - (min.x + pad);
  std::string title = ctx.t("staff.title");
  std::string role = ctx.t(role_ == ops::StaffRole::Admin ? "staff.role.admin" : "staff.role.staff");
  ImFont* bold = theme.fonts->price;
  ImFont* small = theme.fonts->small;
  float block = bold->FontSize + small->FontSize;
  float ty = min.y + (height - block) * 0.5f;
  drawText(draw, bold, ImVec2(min.x + pad, ty), title_w, theme.color.background, title, Align::Left, 1);
  drawText(draw, small, ImVec2(min.x + pad, ty + bold->FontSize), title_w, theme.color.border, role, Align::Left, 1);
  return height;
}

float StaffScreen::tabGrid(UiContext& ctx, float top) {
  const Theme& theme = ctx.theme;
  std::vector<StaffTab> list = tabs();
  float pad = ctx.px(0.7f);
  float gap = ctx.px(0.4f);
  float width = ctx.area.width() - 2.f * pad;
  int max_cols = std::max(1, static_cast<int>(width / ctx.px(7.f)));
  int n = static_cast<int>(list.size());
  int rows = (n + max_cols - 1) / max_cols;
  int cols = (n + rows - 1) / rows;
  float w = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  float h = ctx.px(theme.touch);
  float y = top + pad;
  for (int i = 0; i < n; ++i) {
    StaffTab tab = list[static_cast<size_t>(i)];
    ImGui::SetCursorScreenPos(ImVec2(ctx.area.min.x + pad + static_cast<float>(i % cols) * (w + gap),
                                     y + static_cast<float>(i / cols) * (h + gap)));
    std::string name = staffTabName(tab);
    if (button(ctx, "staff.tab." + name, ctx.t(tabLabelKey(tab)), ImVec2(w, h),
               tab == tab_ ? Look::Selected : Look::Secondary, true, tab == tab_ ? theme.fonts->bold : nullptr)) {
      tab_ = tab;
      page_state_ = {};
    }
  }
  float bottom = y + static_cast<float>(rows) * h + static_cast<float>(rows - 1) * gap + pad;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(ctx.area.min.x, bottom), ImVec2(ctx.area.max.x, bottom),
                                      theme.color.border, std::max(1.f, ctx.px(theme.border)));
  return bottom - top;
}

bool StaffScreen::draw(Runtime& runtime, UiContext& ctx, Lang lang) {
  StaffView view = runtime.staffView();
  std::vector<StaffAction> actions;
  bool exit = false;
  if (role_ != ops::StaffRole::Admin && tab_ == StaffTab::Settings) tab_ = StaffTab::Connection;

  if (settings_.pinChangeOpen()) {
    settings_.drawPinChange(ctx, view, actions);
  } else {
    float top = ctx.area.min.y + header(ctx, lang, exit);
    top += tabGrid(ctx, top);
    ImVec2 min(ctx.area.min.x, top);
    ImVec2 max = ctx.area.max;
    if (tab_ == StaffTab::Settings) {
      settings_.draw(ctx, view, min, max, actions);
    } else {
      settings_.unfocus();  // the draft lives on until staff mode is left
      float pad = ctx.px(0.8f);
      ImGui::SetCursorScreenPos(min);
      beginScroll(ctx, std::string("staff.page.") + staffTabName(tab_), ImVec2(max.x - min.x, max.y - min.y));
      Flow flow = beginFlow(pad, max.x - min.x);
      StaffPage page{view, ctx, page_state_, actions};
      drawStaffBanners(page, flow);
      switch (tab_) {
        case StaffTab::Connection: drawConnectionPage(page, flow); break;
        case StaffTab::Menu: drawMenuPage(page, flow); break;
        case StaffTab::Orders: drawOrdersPage(page, flow); break;
        case StaffTab::Payments: drawPaymentsPage(page, flow); break;
        case StaffTab::Terminal: drawTerminalPage(page, flow); break;
        case StaffTab::Kiosk: drawKioskPage(page, flow); break;
        case StaffTab::Settings: break;
      }
      endFlow(flow, pad);
      endScroll(ctx);
    }
  }
  for (StaffAction& action : actions) runtime.staffAction(action);
  return exit;
}

}  // namespace kiosk::ui
