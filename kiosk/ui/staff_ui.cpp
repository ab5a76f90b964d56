#include "kiosk/ui/staff_ui.h"

namespace kiosk::ui {

void StaffUi::logoTapped(TimeMs now) {
  if (stage_ != Stage::Closed) return;
  if (!gesture_.tap(now)) return;
  stage_ = Stage::Pin;
  last_touch_ = now;
  pin_.clear();
  checking_ = false;
  attempt_.reset();
}

void StaffUi::close(Runtime& runtime) {
  if (stage_ == Stage::Open) runtime.setStaffMode(false);
  stage_ = Stage::Closed;
  pin_.clear();
  checking_ = false;
  attempt_.reset();
  screen_.close();
  gesture_.reset();
}

void StaffUi::update(Runtime& runtime, TimeMs now, bool touched) {
  // Answers arrive on a later frame; one nobody waits for any more (the keypad was left) is dropped.
  if (std::optional<ops::PinAttempt> answer = runtime.takePinResult()) {
    if (stage_ == Stage::Pin && checking_) {
      checking_ = false;
      if (answer->outcome == ops::PinAttempt::Outcome::Granted) {
        stage_ = Stage::Open;
        role_ = answer->role;
        attempt_.reset();
        runtime.setStaffMode(true);
        screen_.open(role_, runtime.staffView());
      } else {
        attempt_ = answer;
      }
    }
  }
  if (stage_ == Stage::Closed) return;
  if (touched) last_touch_ = now;
  TimeMs idle_limit = stage_ == Stage::Pin ? kPinIdleMs : kStaffIdleMs;
  if (!checking_ && now - last_touch_ > idle_limit) close(runtime);
}

const char* StaffUi::screenName() const {
  switch (stage_) {
    case Stage::Closed: return "";
    case Stage::Pin: return "staff_pin";
    case Stage::Open: return screen_.screenName();
  }
  return "";
}

std::string StaffUi::pinMessage(UiContext& ctx, bool& problem) const {
  problem = false;
  if (checking_) return ctx.t("staff.pin.checking");
  if (!attempt_) return ctx.t("staff.pin.prompt");
  problem = true;
  switch (attempt_->outcome) {
    case ops::PinAttempt::Outcome::Wrong:
      return ctx.plural("staff.pin.wrong", attempt_->attempts_left);
    case ops::PinAttempt::Outcome::LockedOut: {
      TimeMs left = attempt_->locked_until_ms - ctx.facts.now;
      if (left <= 0) {
        problem = false;
        return ctx.t("staff.pin.prompt");
      }
      return ctx.plural("staff.pin.locked", (left + 59'999) / 60'000);
    }
    case ops::PinAttempt::Outcome::NoPinSet:
      return ctx.t("staff.pin.no_pin");
    case ops::PinAttempt::Outcome::Granted:
      break;
  }
  problem = false;
  return ctx.t("staff.pin.prompt");
}

void StaffUi::drawPin(Runtime& runtime, UiContext& ctx) {
  bool locked = attempt_ && attempt_->outcome == ops::PinAttempt::Outcome::LockedOut &&
                attempt_->locked_until_ms > ctx.facts.now;
  PinPadLook look;
  look.title = ctx.t("staff.pin.title");
  look.message = pinMessage(ctx, look.message_is_problem);
  look.busy = checking_;
  look.enabled = !checking_ && !locked;
  PinPad::Result result = pin_.draw(ctx, look);
  if (result == PinPad::Result::Cancel) {
    close(runtime);
  } else if (result == PinPad::Result::Ok && look.enabled) {
    checking_ = true;
    runtime.submitPin(pin_.digits(), ctx.facts.now);
    pin_.clear();
  }
}

void StaffUi::draw(Runtime& runtime, const SessionState& state, UiContext& ctx) {
  if (stage_ == Stage::Pin) {
    drawPin(runtime, ctx);
  } else if (stage_ == Stage::Open) {
    if (screen_.draw(runtime, ctx, state.lang)) close(runtime);
  }
}

}  // namespace kiosk::ui
