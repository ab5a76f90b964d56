// The scripts' picture conditions (pictures-ready N, pictures-broken N): parsed with a count, waited for until at
// least N of the pictures the last frame asked for are textures (or placeholders for good), with the counts in the
// failure message.
#include <catch2/catch.hpp>

#include "kiosk/app/script.h"
#include "kiosk/app/script_runner.h"

using namespace kiosk;
using namespace kiosk::app;

namespace {

struct PictureWorld : ScriptWorld {
  const SessionState& state() const override { return session_state; }
  const ui::WidgetRegistry& widgets() const override { return registry; }
  std::string screen() const override { return "menu"; }
  void touch(const PointerEvent&) override {}
  bool touchIdle() const override { return true; }
  bool scrollIntoView(const ui::WidgetInfo&) override { return false; }
  void dispatch(const Event&) override {}
  void requestScreenshot(const std::string&) override {}
  std::optional<std::string> screenshotDone() override { return std::string(); }
  std::string hook(const std::string&) override { return {}; }
  Pictures pictures() const override { return shown; }

  SessionState session_state;
  ui::WidgetRegistry registry;
  Pictures shown;
};

std::string parseError(const char* text) {
  auto parsed = parseScript(text);
  return parsed.ok() ? std::string() : parsed.error();
}

}  // namespace

TEST_CASE("pictures-ready and pictures-broken take a count, in waits and expectations") {
  auto steps = parseScript("wait pictures-ready 8 30000\nwait pictures-broken 2\nexpect pictures-ready 1\n");
  REQUIRE(steps.ok());
  CHECK((*steps)[0].args == std::vector<std::string>{"pictures-ready", "8"});
  CHECK((*steps)[0].timeout_ms == 30000);
  CHECK((*steps)[1].timeout_ms == kDefaultScriptTimeoutMs);
  CHECK(parseError("wait pictures-ready many\n").find("pictures-ready needs a number") != std::string::npos);
  CHECK(parseError("expect pictures-broken -1\n").find("pictures-broken needs a number") != std::string::npos);
  CHECK_FALSE(parseError("wait pictures-ready\n").empty());
}

TEST_CASE("a picture wait passes once enough pictures are shown, and says how many were when it times out") {
  PictureWorld world;
  world.shown = {2, 5, 0};
  ScriptRunner runner(*parseScript("wait pictures-ready 6 1000\nexpect pictures-broken 1\n"), world);
  double now = 0;
  for (; now < 300; now += 16) runner.step(now);
  CHECK(runner.status() == ScriptRunner::Status::Running);
  world.shown = {6, 0, 1};
  for (; now < 600 && runner.status() == ScriptRunner::Status::Running; now += 16) runner.step(now);
  CHECK(runner.status() == ScriptRunner::Status::Passed);

  PictureWorld never;
  never.shown = {3, 1, 0};
  ScriptRunner waiting(*parseScript("wait pictures-ready 6 500\n"), never);
  for (now = 0; now < 2000 && waiting.status() == ScriptRunner::Status::Running; now += 16) waiting.step(now);
  CHECK(waiting.status() == ScriptRunner::Status::Failed);
  CHECK(waiting.failure().find("pictures: 3 ready, 1 loading, 0 broken") != std::string::npos);
}
