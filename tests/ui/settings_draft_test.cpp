// The admin form's model (SettingsDraft), the staff gesture's rule and the on-screen keyboard's text editing,
// without a screen.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/ui/admin_settings.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/settings_draft.h"
#include "kiosk/ui/staff_gesture.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

ops::KioskConfig validConfig() {
  ops::KioskConfig c;
  c.procart.token = "5f0c2a9e-7b41-4d3c-9a8e-21f6c0d4b7e3";
  c.order.currency_id = "1";
  c.order.eat_in_category_id = "1001";
  c.order.take_away_category_id = "1002";
  c.terminal.driver = ops::TerminalDriver::Vtk;
  c.callback.secret = "cb-8f41d2c07a9e4b15";
  return c;
}

bool hasProblem(const SettingsDraft& draft, const std::string& key) {
  return !draft.problemsFor(key).empty();
}

}  // namespace

TEST_CASE("the staff gesture needs five taps within three seconds") {
  StaffGesture gesture;
  for (int i = 0; i < 4; ++i) CHECK_FALSE(gesture.tap(1000 + i * 200));
  CHECK(gesture.tap(1800));  // fifth within 0.8 s
  CHECK(gesture.pending() == 0);

  StaffGesture slow;
  for (int i = 0; i < 10; ++i) CHECK_FALSE(slow.tap(i * 800));  // any five span 3.2 s

  StaffGesture edge;
  for (int i = 0; i < 4; ++i) CHECK_FALSE(edge.tap(i * 750));
  CHECK(edge.tap(3000));  // exactly 3 s from the first
}

TEST_CASE("a valid config drafts without errors; typed values reach the config only when they parse") {
  SettingsDraft draft(validConfig());
  CHECK_FALSE(draft.hasErrors());
  CHECK(draft.text("callback.listen_port") == "9181");
  CHECK(draft.text("procart.url") == "http://127.0.0.1:11111/api/v3");

  draft.setText("callback.listen_port", "91a");
  CHECK(draft.hasErrors());
  REQUIRE(hasProblem(draft, "callback.listen_port"));
  CHECK(draft.problemsFor("callback.listen_port")[0].why == "not a whole number");
  CHECK(draft.config().callback.listen_port == 9181);  // the last value that parsed
  CHECK(draft.text("callback.listen_port") == "91a");   // the text stays as typed

  draft.setText("callback.listen_port", "70000");
  CHECK(draft.config().callback.listen_port == 70000);
  CHECK(hasProblem(draft, "callback.listen_port"));  // validateConfig: outside 0..65535
  draft.setText("callback.listen_port", "9200");
  CHECK_FALSE(draft.hasErrors());
  CHECK(draft.config().callback.listen_port == 9200);
}

TEST_CASE("terminal params must be a JSON object; opening hours parse per day") {
  SettingsDraft draft(validConfig());
  draft.setText("terminal.params", "{\"host\": \"10.0.0.40\"");
  CHECK(hasProblem(draft, "terminal.params"));
  draft.setText("terminal.params", "[1, 2]");
  CHECK(draft.problemsFor("terminal.params")[0].why == "must be a JSON object {…}");
  draft.setText("terminal.params", "{\"host\": \"10.0.0.40\", \"port\": 62801}");
  CHECK_FALSE(hasProblem(draft, "terminal.params"));
  CHECK(draft.config().terminal.params["port"] == 62801);

  draft.setText("ui.opening_hours.sat", "10:00-23:30");
  CHECK_FALSE(hasProblem(draft, "ui.opening_hours.sat"));
  CHECK(draft.config().ui.opening_hours.days[5].open_minute == 600);
  draft.setText("ui.opening_hours.sun", "late");
  CHECK(hasProblem(draft, "ui.opening_hours.sun"));
  CHECK_FALSE(hasProblem(draft, "ui.opening_hours.sat"));
}

TEST_CASE("validateConfig's problems land on their fields: template length, required values, the header name") {
  SettingsDraft draft(validConfig());
  draft.setText("order.short_comment_template", "Киоск самообслуживания 2 №{number}");  // 32 with the number
  REQUIRE(hasProblem(draft, "order.short_comment_template"));
  CHECK(draft.problemsFor("order.short_comment_template")[0].why.find("at most 30") != std::string::npos);
  CHECK(expandShortComment("Киоск 2 №{number}", "123456") == "Киоск 2 №123456");

  draft.setText("procart.token", "");
  CHECK(hasProblem(draft, "procart.token"));
  draft.edit().procart.token_location = ops::TokenLocation::Header;
  draft.setText("procart.token_header", "X Token");  // a space is not allowed in a header name
  CHECK(hasProblem(draft, "procart.token_header"));
}

TEST_CASE("a secret shows as dots, a fixed number of them unless it is being typed") {
  std::string token = "5f0c2a9e-7b41";
  std::string masked = shownFieldText(FieldKind::Secret, token, false, false);
  CHECK(masked.find("5f0c") == std::string::npos);
  CHECK(masked == shownFieldText(FieldKind::Secret, "x", false, false));  // the length does not show
  CHECK(shownFieldText(FieldKind::Secret, token, false, true).size() == token.size() * 3);  // one • per character
  CHECK(shownFieldText(FieldKind::Secret, token, true, false) == token);
  CHECK(shownFieldText(FieldKind::Text, token, false, false) == token);
}

TEST_CASE("keyboard text helpers: UTF-8 backspace, upper-case Russian letters, the layers hold what settings need") {
  std::string text = "Киоск №";
  eraseLastCharacter(text);
  CHECK(text == "Киоск ");
  eraseLastCharacter(text);
  eraseLastCharacter(text);
  CHECK(text == "Киос");
  CHECK(upperLetter("й") == "Й");
  CHECK(upperLetter("ё") == "Ё");
  CHECK(upperLetter("q") == "Q");
  CHECK(upperLetter("1") == "1");
  CHECK(utf8FromCodepoint(0x2116) == "\xE2\x84\x96");

  auto ids = [](KeyboardLayer layer) {
    std::vector<std::string> out;
    for (const auto& row : keyboardRows(layer, false)) {
      for (const KeySpec& key : row) out.push_back(key.id);
    }
    return out;
  };
  auto has = [](const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  };
  std::vector<std::string> symbols = ids(KeyboardLayer::Symbols);
  for (const char* id : {"osk.key.{", "osk.key.}", "osk.key.\xE2\x84\x96", "osk.key.:", "osk.key.\"", "osk.key.-"}) {
    INFO(id);
    CHECK(has(symbols, id));
  }
  CHECK(has(ids(KeyboardLayer::Cyrillic), "osk.key.ж"));
  CHECK(has(ids(KeyboardLayer::Latin), "osk.key.q"));
  for (KeyboardLayer layer : {KeyboardLayer::Latin, KeyboardLayer::Cyrillic, KeyboardLayer::Symbols}) {
    std::vector<std::string> list = ids(layer);
    std::vector<std::string> sorted = list;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // no id twice
    CHECK(has(list, "osk.done"));
    CHECK(has(list, "osk.back"));
  }
}
