#include "kiosk/ui/kiosk_ui.h"

#include <optional>

#include "kiosk/app/kinetic_scroll.h"
#include "kiosk/ui/availability_screen.h"
#include "kiosk/ui/screens.h"

namespace kiosk::ui {

const char* screenName(const SessionState& state) {
  switch (state.phase) {
    case Phase::Attract:
      return "attract";
    case Phase::Ordering:
      if (state.view == OrderingView::Cart) return "cart";
      if (state.view == OrderingView::Dish && state.builder) return state.builder->isCombo() ? "combo" : "dish";
      return "menu";
    case Phase::Checkout:
      return "checkout";
    case Phase::Validating:
    case Phase::Paying:
    case Phase::Posting:
      return "payment";
    case Phase::Tracking:
    case Phase::Done:
      return "status";
  }
  return "attract";
}

namespace {

void drawGuestScreen(const SessionState& state, UiContext& ctx) {
  switch (state.phase) {
    case Phase::Attract:
      drawAttract(state, ctx);
      break;
    case Phase::Ordering:
      if (state.view == OrderingView::Cart) {
        drawCart(state, ctx);
      } else if (state.view == OrderingView::Dish && state.builder) {
        if (state.builder->isCombo()) {
          drawCombo(state, ctx);
        } else {
          drawDish(state, ctx);
        }
      } else {
        drawMenu(state, ctx);
      }
      break;
    case Phase::Checkout:
      drawCheckout(state, ctx);
      break;
    case Phase::Validating:
    case Phase::Paying:
    case Phase::Posting:
      drawPayment(state, ctx);
      break;
    case Phase::Tracking:
    case Phase::Done:
      drawStatus(state, ctx);
      break;
  }
}

}  // namespace

std::string KioskUi::buildFor(bool accessible) {
  float em = accessible ? em_ * kLargeTextFactor : em_;
  FontSet fonts;
  std::string error = buildFonts(*ImGui::GetIO().Fonts, em, em_, font_dir_, fonts);
  if (!error.empty()) return error;
  fonts_ = fonts;
  fonts_accessible_ = accessible;
  style_applied_ = false;
  return {};
}

std::string KioskUi::setDisplay(ImVec2 display, float user_scale, const std::string& font_dir) {
  em_ = emForDisplay(display.x, display.y, user_scale);
  font_dir_ = font_dir;
  scrolls_.setParams(app::KineticParams::forEm(em_));
  return buildFor(fonts_accessible_);
}

bool KioskUi::prepareFrame(const SessionState& state, std::string& error) {
  if (state.accessibility == fonts_accessible_ || em_ <= 0.f) return false;
  error = buildFor(state.accessibility);
  return error.empty();
}

std::vector<Event> KioskUi::draw(const SessionState& state, const FrameFacts& facts, const Strings& strings,
                                 ImageSource* images, Runtime* runtime) {
  widgets_.beginFrame();
  // The atlas holds the sizes of one mode; until prepareFrame() rebuilt it, the other mode's layout still works.
  theme_ = makeTheme(fonts_, state.accessibility);
  if (!style_applied_ || style_accessible_ != state.accessibility) {
    applyStyle(theme_, ImGui::GetStyle());
    style_applied_ = true;
    style_accessible_ = state.accessibility;
  }
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 display = io.DisplaySize;

  // Staff mode first (the PIN answer, its timeouts), then what guests may do.
  if (runtime) {
    bool touched = io.MouseDown[0] || io.MouseReleased[0] || io.InputQueueCharacters.Size > 0;
    staff_.update(*runtime, facts.now, touched);
  }
  bool staff_shown = runtime && staff_.active();
  Availability availability = runtime ? runtime->availability() : Availability::Open;
  // A guest already ordering finishes; the next one sees why the kiosk is not taking orders.
  bool unavailable = !staff_shown && availability != Availability::Open && state.phase == Phase::Attract;

  UiContext ctx;
  ctx.strings = &strings;
  ctx.images = images;
  ctx.widgets = &widgets_;
  ctx.scrolls = &scrolls_;
  ctx.view = &view_;
  ctx.theme = theme_;
  ctx.area = staff_shown ? Area{ImVec2(0, 0), display} : uiArea(display, state.accessibility);
  ctx.lang = state.lang;
  ctx.facts = facts;

  screen_ = staff_shown ? staff_.screenName() : unavailable ? availabilityScreenName(availability) : screenName(state);
  if (view_.last_screen != screen_) {
    view_.last_screen = screen_;
    view_.confirm_cancel = false;
  }

  ImGui::PushFont(theme_.fonts->body);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);  // the renderer clears to it
  if (state.accessibility && !staff_shown) drawAccessibilityBand(state, ctx);
  if (staff_shown) {
    staff_.draw(*runtime, state, ctx);
  } else if (unavailable) {
    std::optional<ops::WeeklyHours> hours;
    if (availability == Availability::Closed) hours = runtime->staffView().config.ui.opening_hours;
    drawAvailability(availability, state, ctx, hours ? &*hours : nullptr);
  } else {
    drawGuestScreen(state, ctx);
  }
  ImGui::End();
  if (!staff_shown) drawOverlays(state, ctx);
  ImGui::PopFont();
  scrolls_.endFrame();
  widgets_.endFrame();
  if (ctx.logo_tapped && runtime) staff_.logoTapped(facts.now);
  return std::move(ctx.events);
}

}  // namespace kiosk::ui
