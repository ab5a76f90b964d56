#include "kiosk/app/script.h"

#include <charconv>
#include <set>
#include <sstream>

namespace kiosk::app {
namespace {

std::vector<std::string> words(std::string_view line) {
  std::vector<std::string> out;
  std::istringstream in{std::string(line)};
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

bool parseInt(const std::string& text, int& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool safeName(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.';
    if (!ok) return false;
  }
  return true;
}

const std::set<std::string> kWaitKinds = {"phase",    "view",     "screen",         "widget",         "text",
                                          "gone",     "enabled",  "disabled",       "selected",       "pictures-ready",
                                          "pictures-broken"};
const std::set<std::string> kExpectKinds = {"phase",         "view",    "screen",         "widget",
                                            "no-widget",     "enabled", "disabled",       "selected",
                                            "text",          "cart-items", "lang",        "accessibility",
                                            "message",       "pictures-ready", "pictures-broken"};
// Conditions whose value is a count.
const std::set<std::string> kCountKinds = {"cart-items", "pictures-ready", "pictures-broken"};

}  // namespace

Expected<std::vector<ScriptStep>, std::string> parseScript(std::string_view text) {
  std::vector<ScriptStep> steps;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> w = words(line);
    if (w.empty() || w[0][0] == '#') continue;
    auto fail = [&](const std::string& why) {
      return Unexpected{"line " + std::to_string(number) + " \"" + line + "\": " + why};
    };
    ScriptStep step;
    step.line = number;
    step.text = line;
    step.args.assign(w.begin() + 1, w.end());
    const std::string& command = w[0];
    size_t n = step.args.size();
    // An optional trailing timeout for tap and wait.
    auto takeTimeout = [&](size_t required) -> bool {
      if (n == required) return true;
      if (n != required + 1) return false;
      int ms = 0;
      if (!parseInt(step.args.back(), ms) || ms <= 0) return false;
      step.timeout_ms = ms;
      step.args.pop_back();
      return true;
    };
    if (command == "tap") {
      step.kind = ScriptStep::Kind::Tap;
      if (!takeTimeout(1)) return fail("expected: tap <widget-id> [timeout_ms]");
    } else if (command == "wait") {
      step.kind = ScriptStep::Kind::Wait;
      bool kinded = n >= 2 && kWaitKinds.count(step.args[0]);
      if (!takeTimeout(kinded ? 2 : 1)) return fail("expected: wait [phase|view|screen|widget|text|gone|enabled|disabled|selected] <what> [timeout_ms]");
      int count = 0;
      if (kCountKinds.count(step.args[0]) && (!kinded || !parseInt(step.args[1], count) || count < 0)) {
        return fail(step.args[0] + " needs a number");
      }
    } else if (command == "expect") {
      step.kind = ScriptStep::Kind::Expect;
      if (n != 2 || !kExpectKinds.count(step.args[0])) {
        return fail("expected: expect <phase|view|screen|widget|no-widget|enabled|disabled|selected|text|cart-items|"
                    "lang|accessibility|message|pictures-ready|pictures-broken> <value>");
      }
      int count = 0;
      if (kCountKinds.count(step.args[0]) && (!parseInt(step.args[1], count) || count < 0)) {
        return fail(step.args[0] + " needs a number");
      }
      if (step.args[0] == "accessibility" && step.args[1] != "on" && step.args[1] != "off") {
        return fail("accessibility is on or off");
      }
    } else if (command == "screenshot") {
      step.kind = ScriptStep::Kind::Screenshot;
      if (n != 1 || !safeName(step.args[0])) return fail("expected: screenshot <name> (letters, digits, - _ .)");
    } else if (command == "sleep") {
      step.kind = ScriptStep::Kind::Sleep;
      int ms = 0;
      if (n != 1 || !parseInt(step.args[0], ms) || ms < 0 || ms > 600'000) return fail("expected: sleep <ms>");
    } else if (command == "touch-drag") {
      step.kind = ScriptStep::Kind::TouchDrag;
      int v = 0;
      if (n != 5) return fail("expected: touch-drag <x1> <y1> <x2> <y2> <ms>");
      for (const std::string& arg : step.args) {
        if (!parseInt(arg, v) || v < 0) return fail("touch-drag takes whole non-negative numbers");
      }
    } else if (command == "lang") {
      step.kind = ScriptStep::Kind::Lang;
      if (n != 1 || (step.args[0] != "ru" && step.args[0] != "en")) return fail("expected: lang <ru|en>");
    } else if (command == "sim" || command == "procart" || command == "kiosk") {
      step.kind = ScriptStep::Kind::Hook;
      if (n == 0) return fail("expected: " + command + " <command>");
      step.args = w;  // the hook gets the whole line, command word included
    } else {
      return fail("unknown command \"" + command + "\"");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace kiosk::app
