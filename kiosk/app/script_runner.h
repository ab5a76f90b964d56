#pragma once
// Replays a parsed script (script.h) against the running kiosk, one step per frame: taps go in as synthetic
// touches through the same touch layer a finger uses, waits and expectations read the session state and the
// widget registry. The first failed wait or expectation stops the run with a message naming the line.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/script.h"
#include "kiosk/app/touch_input.h"
#include "kiosk/core/session.h"
#include "kiosk/ui/widget_registry.h"

namespace kiosk::app {

// What a script can observe and do; implemented by the app (and by tests).
class ScriptWorld {
 public:
  virtual ~ScriptWorld() = default;
  virtual const SessionState& state() const = 0;
  virtual const ui::WidgetRegistry& widgets() const = 0;
  virtual std::string screen() const = 0;  // ui::screenName()
  virtual void touch(const PointerEvent& event) = 0;
  virtual bool touchIdle() const = 0;
  // Scrolls the widget's scroll area so the widget is in view; false when it cannot.
  virtual bool scrollIntoView(const ui::WidgetInfo& widget) = 0;
  virtual void dispatch(const Event& event) = 0;
  virtual void requestScreenshot(const std::string& name) = 0;
  // nullopt until the requested screenshot is written; then "" or the error.
  virtual std::optional<std::string> screenshotDone() = 0;
  // A "sim …" or "procart …" line; returns "" when done, else why it could not be.
  virtual std::string hook(const std::string& line) = 0;
  // The menu pictures the last frame asked for, by state (pictures-ready / pictures-broken); none without images.
  struct Pictures {
    int ready = 0, loading = 0, broken = 0;
  };
  virtual Pictures pictures() const { return {}; }
};

class ScriptRunner {
 public:
  enum class Status { Running, Passed, Failed };

  ScriptRunner(std::vector<ScriptStep> steps, ScriptWorld& world) : steps_(std::move(steps)), world_(world) {}

  // Once per frame, after the frame was drawn and its events dispatched. `now_ms`: a monotonic clock.
  Status step(double now_ms);
  Status status() const { return status_; }
  const std::string& failure() const { return failure_; }
  size_t stepsDone() const { return index_; }

 private:
  struct Check {
    bool ok = false;
    std::string actual;  // what was found instead, for the message
  };
  Check evaluate(const std::string& kind, const std::string& value) const;
  Check evaluateWait(const ScriptStep& step) const;
  void startTap(const std::string& id);
  void stepTap(double now_ms, const ScriptStep& step);
  void stepDrag(double now_ms, const ScriptStep& step);
  void next();
  void fail(const ScriptStep& step, const std::string& why);
  std::string context() const;

  std::vector<ScriptStep> steps_;
  ScriptWorld& world_;
  Status status_ = Status::Running;
  std::string failure_;
  size_t index_ = 0;
  bool started_ = false;  // the current step has begun
  double started_ms_ = 0.0;
  int stage_ = 0;
  std::string tap_id_;
  float tap_x_ = 0.f, tap_y_ = 0.f;
  double last_scroll_ms_ = -1e9;
};

}  // namespace kiosk::app
