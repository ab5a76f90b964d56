// Scripts: parsing with clear errors, and the runner against a fake world (taps become touches, waits time out
// with the line named, screenshots and the simulator hook).
#include <catch2/catch.hpp>

#include "kiosk/app/script.h"
#include "kiosk/app/script_runner.h"
#include "support/ui_test_menu.h"

using namespace kiosk;
using namespace kiosk::app;

TEST_CASE("a script parses; every command is checked") {
  auto steps = parseScript(
      "# order a burger\n"
      "tap attract.start\n"
      "wait phase Ordering 3000\n"
      "wait menu.dish.burger\n"
      "expect cart-items 0\n"
      "screenshot 01-menu\n"
      "sleep 100\n"
      "touch-drag 500 1500 500 500 300\n"
      "lang en\n"
      "sim approve\n");
  REQUIRE(steps.ok());
  REQUIRE(steps->size() == 9);
  CHECK((*steps)[0].kind == ScriptStep::Kind::Tap);
  CHECK((*steps)[0].line == 2);
  CHECK((*steps)[1].timeout_ms == 3000);
  CHECK((*steps)[1].args == std::vector<std::string>{"phase", "Ordering"});
  CHECK((*steps)[2].args == std::vector<std::string>{"menu.dish.burger"});
  CHECK((*steps)[2].timeout_ms == kDefaultScriptTimeoutMs);
  CHECK((*steps)[8].args == std::vector<std::string>{"sim", "approve"});

  auto error = [](const char* text) {
    auto parsed = parseScript(text);
    return parsed.ok() ? std::string() : parsed.error();
  };
  CHECK(error("tap\n").find("line 1") != std::string::npos);
  CHECK(error("\n\nfly away\n").find("line 3 \"fly away\": unknown command \"fly\"") != std::string::npos);
  CHECK_FALSE(error("wait phase Paying soon\n").empty());
  CHECK_FALSE(error("expect colour blue\n").empty());
  CHECK_FALSE(error("expect cart-items many\n").empty());
  CHECK_FALSE(error("screenshot ../../etc/passwd\n").empty());
  CHECK_FALSE(error("sleep -5\n").empty());
  CHECK_FALSE(error("touch-drag 1 2 3\n").empty());
  CHECK_FALSE(error("lang de\n").empty());
  CHECK_FALSE(error("sim\n").empty());
}

namespace {

struct FakeWorld : ScriptWorld {
  FakeWorld() : session(uitest::uiTestConfig(), [] { return std::string("x"); }) {}
  const SessionState& state() const override { return session.state(); }
  const ui::WidgetRegistry& widgets() const override { return registry; }
  std::string screen() const override { return "attract"; }
  void touch(const PointerEvent& event) override { touches.push_back(event); }
  bool touchIdle() const override { return true; }
  bool scrollIntoView(const ui::WidgetInfo&) override {
    ++scrolls;
    return true;
  }
  void dispatch(const Event& event) override { session.handle(event, 0); }
  void requestScreenshot(const std::string& name) override { shots.push_back(name); }
  std::optional<std::string> screenshotDone() override { return std::string(); }
  std::string hook(const std::string& line) override {
    hooks.push_back(line);
    return line == "sim explode" ? "no such thing" : "";
  }
  void show(const std::string& id, bool enabled = true, bool visible = true) {
    ui::WidgetInfo w;
    w.id = id;
    w.box = {100, 100, 300, 200};
    w.visible = visible ? w.box : ui::WidgetBox{};
    w.enabled = enabled;
    w.scroll_area = "list";
    registry.beginFrame();
    registry.add(w);
    registry.endFrame();
  }

  KioskSession session;
  ui::WidgetRegistry registry;
  std::vector<PointerEvent> touches;
  std::vector<std::string> shots, hooks;
  int scrolls = 0;
};

ScriptRunner::Status runFor(ScriptRunner& runner, double& now, double ms) {
  for (double end = now + ms; now < end && runner.status() == ScriptRunner::Status::Running; now += 16) {
    runner.step(now);
  }
  return runner.status();
}

}  // namespace

TEST_CASE("tap presses and releases the widget's centre; hooks and screenshots pass through") {
  FakeWorld world;
  world.show("attract.start");
  ScriptRunner runner(*parseScript("tap attract.start\nscreenshot one\nsim approve\n"), world);
  double now = 0;
  CHECK(runFor(runner, now, 1000) == ScriptRunner::Status::Passed);
  REQUIRE(world.touches.size() == 2);
  CHECK(world.touches[0].kind == PointerEvent::Kind::Down);
  CHECK(world.touches[1].kind == PointerEvent::Kind::Up);
  CHECK(world.touches[0].x == 200.f);
  CHECK(world.touches[0].y == 150.f);
  CHECK(world.shots == std::vector<std::string>{"one"});
  CHECK(world.hooks == std::vector<std::string>{"sim approve"});
}

TEST_CASE("a tap waits for the widget, scrolls it into view, and fails with the reason when it never comes") {
  FakeWorld world;
  world.show("menu.dish.x", true, false);  // in a scroll area, out of view
  ScriptRunner runner(*parseScript("tap menu.dish.x 300\n"), world);
  double now = 0;
  CHECK(runFor(runner, now, 1000) == ScriptRunner::Status::Failed);
  CHECK(world.scrolls > 0);
  CHECK(runner.failure().find("line 1 \"tap menu.dish.x 300\": cannot tap menu.dish.x: scrolled out of view") !=
        std::string::npos);

  FakeWorld disabled;
  disabled.show("dish.add", false);
  ScriptRunner second(*parseScript("tap dish.add 200\n"), disabled);
  now = 0;
  CHECK(runFor(second, now, 1000) == ScriptRunner::Status::Failed);
  CHECK(second.failure().find("disabled") != std::string::npos);
  CHECK(disabled.touches.empty());
}

TEST_CASE("waits time out with what was found instead; expectations fail at once") {
  FakeWorld world;
  ScriptRunner runner(*parseScript("wait phase Tracking 500\n"), world);
  double now = 0;
  CHECK(runFor(runner, now, 2000) == ScriptRunner::Status::Failed);
  CHECK(runner.failure().find("timed out after 500 ms: phase Attract") != std::string::npos);

  ScriptRunner expect(*parseScript("expect phase Attract\nexpect cart-items 2\n"), world);
  now = 0;
  CHECK(runFor(expect, now, 100) == ScriptRunner::Status::Failed);
  CHECK(expect.failure().find("line 2") != std::string::npos);
  CHECK(expect.failure().find("0 items in the cart") != std::string::npos);
}

TEST_CASE("lang switches directly when no language button is shown; a hook error fails the script") {
  FakeWorld world;
  ScriptRunner runner(*parseScript("lang en\nexpect lang en\nsim explode\n"), world);
  double now = 0;
  CHECK(runFor(runner, now, 500) == ScriptRunner::Status::Failed);
  CHECK(world.state().lang == Lang::En);
  CHECK(runner.failure().find("no such thing") != std::string::npos);
}

TEST_CASE("touch-drag moves a finger from one point to the other over the given time") {
  FakeWorld world;
  ScriptRunner runner(*parseScript("touch-drag 100 900 100 300 200\n"), world);
  double now = 0;
  CHECK(runFor(runner, now, 1000) == ScriptRunner::Status::Passed);
  REQUIRE(world.touches.size() >= 4);
  CHECK(world.touches.front().kind == PointerEvent::Kind::Down);
  CHECK(world.touches.back().kind == PointerEvent::Kind::Up);
  CHECK(world.touches.back().y == 300.f);
}
