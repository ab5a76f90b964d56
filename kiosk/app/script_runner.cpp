#include "kiosk/app/script_runner.h"

#include <algorithm>
#include <string_view>

#include "kiosk/common/log.h"

namespace kiosk::app {
namespace {

constexpr Phase kPhases[] = {Phase::Attract, Phase::Ordering,  Phase::Checkout, Phase::Validating,
                             Phase::Paying,  Phase::Posting,   Phase::Tracking, Phase::Done};
constexpr OrderingView kViews[] = {OrderingView::Menu, OrderingView::Dish, OrderingView::Cart};
constexpr std::string_view kScreens[] = {"attract", "menu", "dish", "combo", "cart", "checkout", "payment", "status"};

bool isPhase(const std::string& v) {
  return std::any_of(std::begin(kPhases), std::end(kPhases), [&](Phase p) { return v == phaseName(p); });
}
bool isView(const std::string& v) {
  return std::any_of(std::begin(kViews), std::end(kViews), [&](OrderingView o) { return v == orderingViewName(o); });
}
bool isScreen(const std::string& v) {
  return std::any_of(std::begin(kScreens), std::end(kScreens), [&](std::string_view s) { return v == s; });
}

std::string whyNotReachable(const ui::WidgetRegistry& widgets, const std::string& id) {
  const ui::WidgetInfo* info = widgets.find(id);
  if (!info) return "not on screen";
  if (info->covered) return "under an overlay";
  if (info->visible.empty()) return "scrolled out of view";
  if (!info->enabled) return "disabled";
  return "reachable";
}

}  // namespace

std::string ScriptRunner::context() const {
  const SessionState& s = world_.state();
  std::string text = std::string("phase ") + phaseName(s.phase) + ", screen " + world_.screen();
  if (s.message) text += ", message " + s.message->key;
  if (s.idle_prompt) text += ", \"are you still there?\" showing";
  return text;
}

void ScriptRunner::fail(const ScriptStep& step, const std::string& why) {
  status_ = Status::Failed;
  failure_ = "line " + std::to_string(step.line) + " \"" + step.text + "\": " + why + " (" + context() + ")";
  log::error("script", failure_);
}

void ScriptRunner::next() {
  ++index_;
  started_ = false;
  stage_ = 0;
}

ScriptRunner::Check ScriptRunner::evaluate(const std::string& kind, const std::string& value) const {
  const SessionState& s = world_.state();
  const ui::WidgetRegistry& widgets = world_.widgets();
  Check c;
  if (kind == "phase") {
    c.actual = std::string("phase ") + phaseName(s.phase);
    c.ok = value == phaseName(s.phase);
  } else if (kind == "view") {
    c.actual = s.phase == Phase::Ordering ? std::string("view ") + orderingViewName(s.view)
                                          : std::string("phase ") + phaseName(s.phase);
    c.ok = s.phase == Phase::Ordering && value == orderingViewName(s.view);
  } else if (kind == "screen") {
    c.actual = "screen " + world_.screen();
    c.ok = value == world_.screen();
  } else if (kind == "widget") {
    c.ok = widgets.reachable(value);
    c.actual = value + " is " + whyNotReachable(widgets, value);
  } else if (kind == "no-widget" || kind == "gone") {
    c.ok = !widgets.reachable(value);
    c.actual = value + " is still reachable";
  } else if (kind == "enabled" || kind == "disabled" || kind == "selected") {
    const ui::WidgetInfo* info = widgets.find(value);
    if (!info) {
      c.actual = value + " is not on screen";
    } else if (kind == "enabled") {
      c.ok = info->enabled;
      c.actual = value + " is disabled";
    } else if (kind == "disabled") {
      c.ok = !info->enabled;
      c.actual = value + " is enabled";
    } else {
      c.ok = info->selected;
      c.actual = value + " is not selected";
    }
  } else if (kind == "text") {
    c.ok = widgets.textShown(value);
    c.actual = "no text \"" + value + "\" on screen";
  } else if (kind == "cart-items") {
    c.ok = std::to_string(s.cart.itemCount()) == value;
    c.actual = std::to_string(s.cart.itemCount()) + " items in the cart";
  } else if (kind == "pictures-ready" || kind == "pictures-broken") {
    ScriptWorld::Pictures pictures = world_.pictures();
    int wanted = std::stoi(value);  // a number: checked by parseScript
    c.ok = (kind == "pictures-ready" ? pictures.ready : pictures.broken) >= wanted;
    c.actual = "pictures: " + std::to_string(pictures.ready) + " ready, " + std::to_string(pictures.loading) +
               " loading, " + std::to_string(pictures.broken) + " broken";
  } else if (kind == "lang") {
    c.ok = value == langCode(s.lang);
    c.actual = "language " + std::string(langCode(s.lang));
  } else if (kind == "accessibility") {
    c.ok = (value == "on") == s.accessibility;
    c.actual = std::string("accessibility ") + (s.accessibility ? "on" : "off");
  } else if (kind == "message") {
    c.ok = value == "none" ? !s.message : (s.message && s.message->key == value);
    c.actual = s.message ? "message " + s.message->key : "no message";
  } else {
    c.actual = "unknown condition " + kind;
  }
  return c;
}

ScriptRunner::Check ScriptRunner::evaluateWait(const ScriptStep& step) const {
  if (step.args.size() == 2) return evaluate(step.args[0], step.args[1]);
  const std::string& token = step.args[0];
  if (isPhase(token)) return evaluate("phase", token);
  if (isView(token)) return evaluate("view", token);
  if (isScreen(token)) return evaluate("screen", token);
  Check widget = evaluate("widget", token);
  if (widget.ok) return widget;
  Check text = evaluate("text", token);
  if (text.ok) return text;
  widget.actual = "neither a reachable widget nor a text \"" + token + "\"";
  return widget;
}

void ScriptRunner::startTap(const std::string& id) {
  tap_id_ = id;
  stage_ = 0;
}

void ScriptRunner::stepTap(double now_ms, const ScriptStep& step) {
  switch (stage_) {
    case 0: {  // find it: on screen, enabled, not covered
      const ui::WidgetInfo* info = world_.widgets().find(tap_id_);
      if (info && !info->covered && info->enabled && !info->visible.empty()) {
        tap_x_ = info->visible.centerX();
        tap_y_ = info->visible.centerY();
        world_.touch({PointerEvent::Kind::Down, tap_x_, tap_y_, now_ms / 1000.0, 9001});
        stage_ = 1;
        return;
      }
      if (info && !info->covered && info->visible.empty() && !info->scroll_area.empty() &&
          now_ms - last_scroll_ms_ > 200.0) {
        world_.scrollIntoView(*info);
        last_scroll_ms_ = now_ms;
      }
      if (now_ms - started_ms_ > step.timeout_ms) {
        fail(step, "cannot tap " + tap_id_ + ": " + whyNotReachable(world_.widgets(), tap_id_) + " after " +
                       std::to_string(step.timeout_ms) + " ms");
      }
      return;
    }
    case 1:  // held for one frame, then lifted where it went down
      world_.touch({PointerEvent::Kind::Up, tap_x_, tap_y_, now_ms / 1000.0, 9001});
      stage_ = 2;
      return;
    case 2:  // the release was delivered; one more frame lets the screen act on it
      if (world_.touchIdle()) stage_ = 3;
      return;
    default:
      next();
      return;
  }
}

void ScriptRunner::stepDrag(double now_ms, const ScriptStep& step) {
  auto number = [&](size_t i) { return static_cast<float>(std::stoi(step.args[i])); };
  float x1 = number(0), y1 = number(1), x2 = number(2), y2 = number(3);
  double duration = std::max(1.0, static_cast<double>(std::stoi(step.args[4])));
  double t = now_ms / 1000.0;
  switch (stage_) {
    case 0:
      world_.touch({PointerEvent::Kind::Down, x1, y1, t, 9002});
      stage_ = 1;
      return;
    case 1: {
      double f = std::min(1.0, (now_ms - started_ms_) / duration);
      float x = x1 + (x2 - x1) * static_cast<float>(f);
      float y = y1 + (y2 - y1) * static_cast<float>(f);
      world_.touch({PointerEvent::Kind::Move, x, y, t, 9002});
      if (f >= 1.0) {
        world_.touch({PointerEvent::Kind::Up, x2, y2, t, 9002});
        stage_ = 2;
      }
      return;
    }
    default:
      if (world_.touchIdle()) next();
      return;
  }
}

ScriptRunner::Status ScriptRunner::step(double now_ms) {
  if (status_ != Status::Running) return status_;
  if (index_ >= steps_.size()) {
    status_ = Status::Passed;
    log::info("script", "passed (", steps_.size(), " steps)");
    return status_;
  }
  const ScriptStep& step = steps_[index_];
  if (!started_) {
    started_ = true;
    started_ms_ = now_ms;
    stage_ = 0;
    log::debug("script", "line ", step.line, ": ", step.text);
    if (step.kind == ScriptStep::Kind::Tap) startTap(step.args[0]);
    if (step.kind == ScriptStep::Kind::Lang) {
      std::string id = "lang." + step.args[0];
      if (world_.widgets().reachable(id)) {
        startTap(id);
      } else {
        Lang lang = Lang::Ru;
        parseLang(step.args[0], lang);
        world_.dispatch(ev::SetLanguage{lang});
        next();
        return status_;
      }
    }
  }
  switch (step.kind) {
    case ScriptStep::Kind::Tap:
    case ScriptStep::Kind::Lang:
      stepTap(now_ms, step);
      break;
    case ScriptStep::Kind::Wait: {
      Check check = evaluateWait(step);
      if (check.ok) {
        next();
      } else if (now_ms - started_ms_ > step.timeout_ms) {
        fail(step, "timed out after " + std::to_string(step.timeout_ms) + " ms: " + check.actual);
      }
      break;
    }
    case ScriptStep::Kind::Expect: {
      Check check = evaluate(step.args[0], step.args[1]);
      if (check.ok) {
        next();
      } else {
        fail(step, "expectation failed: " + check.actual);
      }
      break;
    }
    case ScriptStep::Kind::Screenshot:
      if (stage_ == 0) {
        world_.requestScreenshot(step.args[0]);
        stage_ = 1;
      } else if (std::optional<std::string> done = world_.screenshotDone()) {
        if (done->empty()) {
          next();
        } else {
          fail(step, "screenshot failed: " + *done);
        }
      }
      break;
    case ScriptStep::Kind::Sleep:
      if (now_ms - started_ms_ >= std::stoi(step.args[0])) next();
      break;
    case ScriptStep::Kind::TouchDrag:
      stepDrag(now_ms, step);
      break;
    case ScriptStep::Kind::Hook: {
      std::string line;
      for (const std::string& word : step.args) line += (line.empty() ? "" : " ") + word;
      std::string error = world_.hook(line);
      if (error.empty()) {
        next();
      } else {
        fail(step, error);
      }
      break;
    }
  }
  return status_;
}

}  // namespace kiosk::app
