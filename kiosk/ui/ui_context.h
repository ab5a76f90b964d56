#pragma once
// What a screen draws with: the strings of the guest's language, the theme, the widget registry, the scroll
// areas, images, the time — and the list of events it emits. A screen reads SessionState and this context and
// adds events; it never calls the network, the disk or the terminal.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/app/scroll_areas.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/money.h"
#include "kiosk/core/session.h"
#include "kiosk/ui/image_source.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widget_registry.h"

namespace kiosk::ui {

// UI-only state that is not part of the order (which combo step is shown, an open confirmation).
struct ViewState {
  std::string combo_dish;  // the combo the step belongs to (a new builder starts at step 0)
  size_t combo_step = 0;
  bool confirm_cancel = false;  // "Start over?" is showing
  std::string last_screen;      // to notice a screen change
};

// Facts the screens need that are not in SessionState (they come from the session object or the runtime).
struct FrameFacts {
  TimeMs now = 0;
  bool can_pay = false;            // KioskSession::canPay()
  int idle_seconds_left = 0;       // KioskSession::idleCountdownSeconds(now)
  std::string place_name;          // in the guest's language
  std::vector<std::string> languages = {"ru", "en"};
  // From the session's configuration (checkout asks only what is configured).
  bool offer_eat_in = true;
  bool offer_take_away = true;
  bool ask_table_number = false;
};

struct UiContext {
  const Strings* strings = nullptr;
  ImageSource* images = nullptr;  // null: placeholders only
  WidgetRegistry* widgets = nullptr;
  app::ScrollAreas* scrolls = nullptr;
  ViewState* view = nullptr;
  Theme theme;
  Area area;  // where the screen lays out (the lower band in accessibility mode)
  Lang lang = Lang::Ru;
  FrameFacts facts;
  std::vector<Event> events;  // emitted this frame, in order
  bool logo_tapped = false;   // the logo ("attract.logo") was tapped this frame: staff mode counts it
  struct OpenScroll {
    std::string id;
    float offset;
  };
  std::vector<OpenScroll> scroll_stack;  // the scroll areas being drawn (innermost last)

  void emit(Event event) { events.push_back(std::move(event)); }

  // The text for `key` in the guest's language (noted in the registry: scripts can wait for it).
  std::string t(std::string_view key) const;
  std::string t(std::string_view key, const std::vector<std::pair<std::string, std::string>>& args) const;
  std::string plural(std::string_view key, long long n) const;
  std::string money(Money amount) const { return amount.format(lang); }
  const std::string& name(const LocalizedText& text) const { return text.get(lang); }
  float px(float ems) const { return theme.px(ems); }
};

}  // namespace kiosk::ui
