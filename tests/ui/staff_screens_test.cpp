// Staff mode and the availability screens, headless over the UI preview's runtime double (PreviewRuntime): the
// hidden gesture, the PIN keypad and its answers, the staff pages and the actions they post, the admin settings
// (masked token, validation, save, new PINs), and what guests see when the kiosk cannot take orders.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/ops/pin.h"
#include "preview/preview_runtime.h"
#include "support/runtime_harness.h"
#include "support/ui_test_menu.h"

using namespace kiosk;
using kiosk::uitest::PreviewRuntime;
using kiosk::uitest::RuntimeHarness;

namespace {

struct Kiosk {
  PreviewRuntime runtime{KIOSK_ASSETS_DIR, uitest::uiTestIndex()};
  RuntimeHarness h{runtime};
  Kiosk() {
    REQUIRE(runtime.loadError().empty());
    REQUIRE(h.error.empty());
    h.frame(2);
  }
  // Gesture, PIN, and the answer.
  bool enter(const std::string& pin) {
    h.tapLogo();
    if (h.screen() != "staff_pin") return false;
    REQUIRE(h.enterPin(pin));
    return h.waitUntil([&] { return h.screen() != "staff_pin" || h.shown("staff.pin.wrong") ||
                                    h.shown("staff.pin.locked") || h.shown("staff.pin.no_pin"); });
  }
  template <class A>
  int posted() const {
    const auto& all = runtime.postedActions();
    return static_cast<int>(std::count_if(all.begin(), all.end(), [](const StaffAction& a) {
      return std::holds_alternative<A>(a);
    }));
  }
};

void requireTouchSized(const RuntimeHarness& h, float min_px) {
  for (const ui::WidgetInfo& w : h.ui.widgets().widgets()) {
    if (w.visible.empty() || w.covered) continue;
    INFO("widget " << w.id << " is " << w.box.width() << "x" << w.box.height() << " px");
    CHECK(std::min(w.box.width(), w.box.height()) >= min_px);
  }
  CHECK(h.ui.widgets().duplicates().empty());
}

}  // namespace

TEST_CASE("five quick taps on the logo open the PIN keypad; four taps or slow taps do not") {
  Kiosk k;
  REQUIRE(k.h.screen() == "attract");
  k.h.tapLogo(4);
  k.h.wait(0.5);
  CHECK(k.h.screen() == "attract");
  k.h.wait(3.5);  // the four taps expire
  k.h.tapLogo(5, 0.9);  // five taps over more than 3 s
  CHECK(k.h.screen() == "attract");
  k.h.wait(3.5);
  k.h.tapLogo(5, 0.2);
  CHECK(k.h.screen() == "staff_pin");
  CHECK(k.h.shown("staff.pin.prompt"));
  CHECK(k.runtime.state().phase == Phase::Attract);  // no order was started by the taps
  CHECK_FALSE(k.runtime.staffMode());                // not before a PIN is granted
  CHECK_FALSE(k.h.widget("pin.ok")->enabled);        // fewer than 4 digits
  requireTouchSized(k.h, 60.f);
}

TEST_CASE("a wrong PIN says how many attempts are left; Cancel returns to the attract screen") {
  Kiosk k;
  REQUIRE(k.enter("5555"));
  CHECK(k.h.screen() == "staff_pin");
  CHECK(k.h.shown("staff.pin.wrong"));
  CHECK(k.runtime.strings().plural(Lang::En, "staff.pin.wrong", 4) == "Wrong PIN. 4 attempts left");
  CHECK(k.runtime.strings().plural(Lang::Ru, "staff.pin.wrong", 4) == "Неверный PIN. Осталось 4 попытки");
  REQUIRE(k.h.tap("pin.cancel"));
  CHECK(k.h.screen() == "attract");
  CHECK_FALSE(k.runtime.staffMode());
}

TEST_CASE("five wrong PINs lock entry: even the right PIN is then refused, with the minutes left") {
  Kiosk k;
  REQUIRE(k.enter("1111"));
  for (int i = 0; i < 4; ++i) {
    REQUIRE(k.h.enterPin("1111"));
    REQUIRE(k.h.waitUntil([&] { return k.h.shown("staff.pin.wrong") || k.h.shown("staff.pin.locked"); }));
    k.h.frame(30);
  }
  REQUIRE(k.h.shown("staff.pin.locked"));
  CHECK(k.runtime.strings().plural(Lang::Ru, "staff.pin.locked", 5) ==
        "Слишком много неверных PIN. Вход заблокирован на 5 минут");
  // The keys do not react while locked; after leaving and coming back the runtime still refuses the right PIN.
  CHECK_FALSE(k.h.widget("pin.key.1")->enabled);
  REQUIRE(k.h.tap("pin.cancel"));
  REQUIRE(k.enter("1234"));
  CHECK(k.h.shown("staff.pin.locked"));
  CHECK(k.h.screen() == "staff_pin");
  CHECK_FALSE(k.runtime.staffMode());
}

TEST_CASE("with no PIN set the keypad says how to set one") {
  Kiosk k;
  REQUIRE(k.runtime.hook("sim pins none").empty());
  REQUIRE(k.enter("1234"));
  CHECK(k.h.shown("staff.pin.no_pin"));
  CHECK(k.runtime.strings().text(Lang::En, "staff.pin.no_pin").find("kiosk --set-pin staff") != std::string::npos);
}

TEST_CASE("the keypad goes back to the attract screen after 30 s without a touch") {
  Kiosk k;
  k.h.tapLogo();
  REQUIRE(k.h.screen() == "staff_pin");
  REQUIRE(k.h.tap("pin.key.1"));
  k.h.wait(25);
  CHECK(k.h.screen() == "staff_pin");
  k.h.wait(6);
  CHECK(k.h.screen() == "attract");
}

TEST_CASE("the staff PIN opens the staff pages without Settings; the admin PIN adds Settings; Exit leaves") {
  Kiosk k;
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.screen() == "staff");
  CHECK(k.runtime.staffMode());
  CHECK(k.h.ui.staff().role() == ops::StaffRole::Staff);
  for (const char* tab : {"connection", "menu", "orders", "payments", "terminal", "kiosk"}) {
    INFO(tab);
    CHECK(k.h.reachable(std::string("staff.tab.") + tab));
  }
  CHECK_FALSE(k.h.widget("staff.tab.settings"));
  requireTouchSized(k.h, 60.f);
  REQUIRE(k.h.tap("staff.exit"));
  CHECK(k.h.screen() == "attract");
  CHECK_FALSE(k.runtime.staffMode());

  k.h.wait(3.5);
  REQUIRE(k.enter("9999"));
  REQUIRE(k.h.screen() == "staff");
  CHECK(k.h.ui.staff().role() == ops::StaffRole::Admin);
  REQUIRE(k.h.tap("staff.tab.settings"));
  CHECK(k.h.reachable("staff.settings.save"));
  CHECK(k.h.reachable("staff.settings.field.procart.url"));
  requireTouchSized(k.h, 60.f);
}

TEST_CASE("connection test: posted as an action, 'running…' until the report comes, then the report in words") {
  Kiosk k;
  REQUIRE(k.enter("1234"));
  CHECK(k.h.shown("staff.conn.never"));
  REQUIRE(k.h.tap("staff.ping"));
  CHECK(k.posted<staff::Ping>() == 1);
  CHECK(k.h.shown("staff.conn.running"));
  CHECK_FALSE(k.h.widget("staff.ping")->enabled);
  k.h.wait(0.6);
  CHECK_FALSE(k.h.shown("staff.conn.running"));
  for (const char* key : {"staff.conn.reachable", "staff.conn.rkeeper", "staff.conn.license", "staff.conn.token",
                          "staff.conn.procart_version", "staff.conn.latency", "staff.conn.checked_at"}) {
    INFO(key);
    CHECK(k.h.shown(key));
  }
  // ProCart down: the report says so, with the reason.
  REQUIRE(k.runtime.hook("sim reachable off").empty());
  REQUIRE(k.h.tap("staff.ping"));
  k.h.wait(0.6);
  CHECK(k.h.shown("staff.conn.error"));
  CHECK_FALSE(k.h.shown("staff.conn.rkeeper"));
}

TEST_CASE("menu, orders, payments and terminal pages read the view and post their actions") {
  Kiosk k;
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.tap("staff.tab.menu"));
  CHECK(k.h.shown("staff.menu.version"));
  CHECK(k.h.shown("staff.menu.stop_list"));
  CHECK_FALSE(k.h.shown("staff.menu.stop_list_empty"));  // juice is on the stop list
  REQUIRE(k.h.tap("staff.menu.refresh"));
  CHECK(k.posted<staff::RefreshMenu>() == 1);

  REQUIRE(k.h.tap("staff.tab.orders"));
  CHECK(k.h.shown("staff.orders.status"));
  REQUIRE(k.h.tap("staff.tab.payments"));
  CHECK(k.h.shown("staff.pay.needs_staff"));
  CHECK(k.h.shown("staff.pay.pos_check"));
  REQUIRE(k.h.tap("staff.pay.resolve"));
  CHECK(k.posted<staff::ResolvePayments>() == 1);
  k.h.wait(1.0);
  CHECK(k.runtime.staffView().open_payments.size() == 1);  // only a look in the POS settles that one
  REQUIRE(k.h.tap("staff.pay.not_in_pos/K2-0046"));
  CHECK(k.posted<staff::ReportPosCheck>() == 1);
  k.h.wait(0.6);
  CHECK(k.h.shown("staff.pay.none"));
  CHECK(k.h.shown("staff.pay.last_report"));
  CHECK(k.runtime.staffView().open_payments.empty());
  REQUIRE(k.runtime.hook("sim journal-refuses on").empty());
  k.h.frame();
  CHECK(k.h.shown("staff.banner.refuses"));

  REQUIRE(k.h.tap("staff.tab.terminal"));
  REQUIRE(k.h.tap("staff.term.reconcile"));
  CHECK(k.posted<staff::Reconcile>() == 0);  // asks first
  CHECK(k.h.shown("staff.term.confirm"));
  REQUIRE(k.h.tap("staff.term.reconcile_confirm"));
  CHECK(k.posted<staff::Reconcile>() == 1);
  CHECK(k.h.shown("staff.term.reconciling"));
  k.h.wait(1.5);
  CHECK(k.runtime.staffView().last_reconcile.find("ПАКЕТ 118") != std::string::npos);
  CHECK_FALSE(k.h.shown("staff.term.never"));
  // A VTK terminal closes its day with the bank by itself: no button, the words why.
  REQUIRE(k.runtime.hook("sim terminal vtk").empty());
  k.h.frame();
  CHECK_FALSE(k.h.shown("staff.term.reconcile"));
  CHECK(k.h.shown("staff.term.no_day_close"));
  CHECK(k.h.shown("staff.term.no_refund"));
  REQUIRE(k.runtime.hook("sim terminal sbpilot").empty());
  k.h.frame();
  CHECK(k.h.shown("staff.term.reconcile"));
  CHECK_FALSE(k.h.shown("staff.term.no_day_close"));
  requireTouchSized(k.h, 60.f);
}

TEST_CASE("out of order: staff switch it on, the guest sees 'temporarily unavailable', the gesture still works") {
  Kiosk k;
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.tap("staff.tab.kiosk"));
  CHECK(k.h.shown("staff.kiosk.ooo_is_off"));
  REQUIRE(k.h.tap("staff.kiosk.out_of_order"));
  k.h.wait(0.3);
  REQUIRE(k.posted<staff::SetOutOfOrder>() == 1);
  CHECK(std::get<staff::SetOutOfOrder>(k.runtime.postedActions().back()).on);
  CHECK(k.h.shown("staff.kiosk.ooo_is_on"));
  CHECK(k.h.shown("staff.banner.out_of_order"));
  REQUIRE(k.h.tap("staff.exit"));
  CHECK(k.h.screen() == "out_of_order");
  CHECK(k.h.shown("unavailable.out_of_order.title"));
  CHECK_FALSE(k.h.widget("attract.start"));  // no way to order
  CHECK(k.h.reachable("lang.en"));
  requireTouchSized(k.h, 60.f);

  k.h.wait(3.5);
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.screen() == "staff");
  REQUIRE(k.h.tap("staff.tab.kiosk"));
  REQUIRE(k.h.tap("staff.kiosk.out_of_order"));
  k.h.wait(0.3);
  REQUIRE(k.h.tap("staff.exit"));
  CHECK(k.h.screen() == "attract");
}

TEST_CASE("closed, needs configuration and no menu each have their calm screen; a guest mid-order finishes") {
  Kiosk k;
  REQUIRE(k.runtime.hook("sim closed on").empty());
  k.h.frame();
  CHECK(k.h.screen() == "closed");
  CHECK(k.h.shown("unavailable.closed.title"));
  CHECK(k.h.shown("unavailable.hours"));
  REQUIRE(k.runtime.hook("sim closed off").empty());

  REQUIRE(k.runtime.hook("sim no-menu on").empty());
  k.h.frame();
  CHECK(k.h.screen() == "no_menu");
  CHECK(k.h.shown("unavailable.no_menu.title"));
  REQUIRE(k.runtime.hook("sim no-menu off").empty());

  REQUIRE(k.runtime.hook("sim needs-config on").empty());
  k.h.frame();
  CHECK(k.h.screen() == "needs_configuration");
  CHECK(k.h.shown("unavailable.setup.title"));
  // Staff still get in, land on the Kiosk page and see what is wrong.
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.screen() == "staff");
  CHECK(k.h.ui.staff().screen().tab() == ui::StaffTab::Kiosk);
  CHECK(k.h.shown("staff.banner.needs_config"));
  CHECK(k.h.shown("staff.kiosk.problems_hint"));
  CHECK(k.runtime.staffView().config_problems.size() == 3);
  REQUIRE(k.h.tap("staff.exit"));

  // A guest already ordering is not thrown out when the kiosk closes.
  REQUIRE(k.runtime.hook("sim needs-config off").empty());
  k.h.frame();
  REQUIRE(k.h.tap("attract.start"));
  REQUIRE(k.h.screen() == "menu");
  REQUIRE(k.runtime.hook("sim closed on").empty());
  k.h.frame();
  CHECK(k.h.screen() == "menu");
}

TEST_CASE("admin settings: the token is masked until Show; typing goes through the on-screen keyboard") {
  Kiosk k;
  REQUIRE(k.enter("9999"));
  REQUIRE(k.h.tap("staff.tab.settings"));
  const ui::AdminSettings& settings = k.h.ui.staff().screen().settings();
  CHECK_FALSE(settings.tokenRevealed());
  CHECK(k.h.reachable("staff.settings.show_token"));
  REQUIRE(k.h.tap("staff.settings.show_token"));
  CHECK(settings.tokenRevealed());
  REQUIRE(k.h.tap("staff.settings.show_token"));
  CHECK_FALSE(settings.tokenRevealed());

  // The table code: tap the field, type on the keyboard, a capital with shift, a Russian letter, a digit.
  REQUIRE(k.h.tap("staff.settings.field.order.table_code"));
  CHECK(settings.focused() == "order.table_code");
  REQUIRE(k.h.reachable("osk.key.q"));
  requireTouchSized(k.h, 60.f);
  REQUIRE(k.h.tap("osk.shift"));
  REQUIRE(k.h.tap("osk.key.t"));
  REQUIRE(k.h.tap("osk.key.t"));  // shift is for one letter
  REQUIRE(k.h.tap("osk.script"));
  REQUIRE(k.h.tap("osk.key.ж"));
  REQUIRE(k.h.tap("osk.key.7"));
  REQUIRE(k.h.tap("osk.back"));
  REQUIRE(k.h.tap("osk.key.5"));
  CHECK(settings.draft()->text("order.table_code") == "Ttж5");
  // A physical keyboard types into the same field.
  ImGui::GetIO().AddInputCharactersUTF8("-1");
  k.h.frame();
  CHECK(settings.draft()->config().order.table_code == "Ttж5-1");
  REQUIRE(k.h.tap("osk.done"));
  CHECK(settings.focused().empty());
  CHECK_FALSE(k.h.widget("osk.key.q"));
}

TEST_CASE("admin settings: problems are shown per key and block Save; Save posts SaveSettings with the edits") {
  Kiosk k;
  REQUIRE(k.enter("9999"));
  REQUIRE(k.h.tap("staff.tab.settings"));
  const ui::AdminSettings& settings = k.h.ui.staff().screen().settings();
  CHECK_FALSE(k.h.widget("staff.settings.save")->enabled);  // nothing changed yet
  CHECK_FALSE(k.h.shown("staff.set.problems"));

  // The short comment: "Киоск 2 самообслуживания №{number}" is 32 characters with the number, r_keeper takes 30.
  REQUIRE(k.h.tap("staff.settings.field.order.short_comment_template"));
  for (int i = 0; i < 9; ++i) REQUIRE(k.h.tap("osk.back"));  // "Киоск 2 №{number}" → "Киоск 2 "
  CHECK(settings.draft()->text("order.short_comment_template") == "Киоск 2 ");
  REQUIRE(k.h.tap("osk.script"));
  for (const char* letter : {"с", "а", "м", "о", "о", "б", "с", "л", "у", "ж", "и", "в", "а", "н", "и", "я"}) {
    REQUIRE(k.h.tap(std::string("osk.key.") + letter));
  }
  REQUIRE(k.h.tap("osk.space"));
  REQUIRE(k.h.tap("osk.symbols"));
  for (const char* c : {"\xE2\x84\x96", "{"}) REQUIRE(k.h.tap(std::string("osk.key.") + c));
  REQUIRE(k.h.tap("osk.letters"));
  REQUIRE(k.h.tap("osk.script"));
  for (const char* c : {"n", "u", "m", "b", "e", "r"}) REQUIRE(k.h.tap(std::string("osk.key.") + c));
  REQUIRE(k.h.tap("osk.symbols"));
  REQUIRE(k.h.tap("osk.key.}"));
  CHECK(settings.draft()->text("order.short_comment_template") == "Киоск 2 самообслуживания №{number}");
  std::vector<ops::ConfigProblem> problems = settings.draft()->problemsFor("order.short_comment_template");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].why.find("at most 30") != std::string::npos);
  CHECK(k.h.shown("staff.set.problems"));
  CHECK(k.h.shown("staff.set.fix_to_save"));
  CHECK_FALSE(k.h.widget("staff.settings.save")->enabled);
  REQUIRE(k.h.tap("osk.done"));

  // Undo, then a valid change: the callback port.
  REQUIRE(k.h.tap("staff.settings.undo"));
  CHECK(settings.draft()->problems().empty());
  REQUIRE(k.h.tap("staff.settings.field.callback.listen_port"));
  CHECK(k.h.reachable("osk.key.9"));
  REQUIRE(k.h.tap("osk.back"));
  REQUIRE(k.h.tap("osk.key.2"));
  REQUIRE(k.h.tap("osk.done"));
  REQUIRE(k.h.tap("staff.settings.driver.sbpilot"));
  REQUIRE(k.h.tap("staff.tab.kiosk"));  // a look at another page keeps the edits
  REQUIRE(k.h.tap("staff.tab.settings"));
  CHECK(settings.draft()->config().callback.listen_port == 9182);
  REQUIRE(k.h.widget("staff.settings.save")->enabled);
  REQUIRE(k.h.tap("staff.settings.save"));
  REQUIRE(k.posted<staff::SaveSettings>() == 1);
  const auto& save = std::get<staff::SaveSettings>(k.runtime.postedActions().back());
  CHECK(save.config.callback.listen_port == 9182);
  CHECK(save.config.terminal.driver == ops::TerminalDriver::SbPilot);
  CHECK(save.config.procart.token == k.runtime.staffView().config.procart.token);  // secrets travel unchanged
  CHECK(k.h.shown("staff.set.saving"));
  k.h.wait(0.3);
  CHECK(k.h.shown("staff.set.saved"));
  CHECK(k.runtime.staffView().config.callback.listen_port == 9182);
  CHECK_FALSE(k.h.widget("staff.settings.save")->enabled);
}

TEST_CASE("admin settings: a new PIN is typed twice and only its hash is saved") {
  Kiosk k;
  REQUIRE(k.enter("9999"));
  REQUIRE(k.h.tap("staff.tab.settings"));
  REQUIRE(k.h.tap("staff.settings.pin.staff"));
  REQUIRE(k.h.screen() == "staff_pin_change");
  CHECK(k.h.shown("staff.pin.new_staff"));
  REQUIRE(k.h.enterPin("2222"));  // too simple
  CHECK(k.h.shown("staff.pin.too_simple"));
  REQUIRE(k.h.enterPin("2580"));
  CHECK(k.h.shown("staff.pin.repeat"));
  REQUIRE(k.h.enterPin("2581"));
  CHECK(k.h.shown("staff.pin.mismatch"));
  REQUIRE(k.h.enterPin("2580"));
  REQUIRE(k.h.enterPin("2580"));
  REQUIRE(k.h.waitUntil([&] { return k.posted<staff::SaveSettings>() == 1; }));
  const auto& save = std::get<staff::SaveSettings>(k.runtime.postedActions().back());
  CHECK(save.config.pins.staff.rfind("pbkdf2-sha256$", 0) == 0);
  CHECK(save.config.pins.staff.find("2580") == std::string::npos);
  CHECK(ops::verifyPin("2580", save.config.pins.staff));
  CHECK(save.config.pins.admin == k.runtime.staffView().config.pins.admin);
  k.h.frame();
  CHECK(k.h.screen() == "staff");
  k.h.wait(0.3);
  CHECK(k.h.shown("staff.set.pin_saved"));

  // The new PIN opens staff mode; the old one no longer does.
  REQUIRE(k.h.tap("staff.exit"));
  k.h.wait(3.5);
  REQUIRE(k.enter("1234"));
  CHECK(k.h.shown("staff.pin.wrong"));
  REQUIRE(k.h.enterPin("2580"));
  REQUIRE(k.h.waitUntil([&] { return k.h.screen() == "staff"; }));
  CHECK(k.h.ui.staff().role() == ops::StaffRole::Staff);
}

TEST_CASE("restart asks first, then the runtime is told to restart") {
  Kiosk k;
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.tap("staff.tab.kiosk"));
  REQUIRE(k.h.tap("staff.kiosk.restart"));
  CHECK_FALSE(k.runtime.restartRequested());
  REQUIRE(k.h.tap("staff.kiosk.restart_confirm"));
  CHECK(k.posted<staff::Restart>() == 1);
  CHECK(k.runtime.restartRequested());
}

TEST_CASE("the staff screen closes itself after three minutes without a touch") {
  Kiosk k;
  REQUIRE(k.enter("1234"));
  REQUIRE(k.h.screen() == "staff");
  k.h.wait(170, 0.5);
  CHECK(k.h.screen() == "staff");
  k.h.wait(15, 0.5);
  CHECK(k.h.screen() == "attract");
  CHECK_FALSE(k.runtime.staffMode());
}

TEST_CASE("landscape 1920x1080: the keypad, every staff page and the keyboard fit and stay touch-sized") {
  PreviewRuntime runtime{KIOSK_ASSETS_DIR, uitest::uiTestIndex()};
  RuntimeHarness h{runtime, ImVec2(1920, 1080)};
  REQUIRE(h.error.empty());
  h.frame(2);
  h.tapLogo();
  REQUIRE(h.screen() == "staff_pin");
  auto insideScreen = [&] {
    for (const ui::WidgetInfo& w : h.ui.widgets().widgets()) {
      if (!w.scroll_area.empty()) continue;  // rows of a scroll area may lie beyond it
      INFO(w.id);
      CHECK(w.box.x0 >= 0.f);
      CHECK(w.box.y0 >= 0.f);
      CHECK(w.box.x1 <= 1920.f);
      CHECK(w.box.y1 <= 1080.f);
    }
  };
  insideScreen();
  requireTouchSized(h, 60.f);
  REQUIRE(h.enterPin("9999"));
  REQUIRE(h.waitUntil([&] { return h.screen() == "staff"; }));
  for (const char* tab : {"connection", "menu", "orders", "payments", "terminal", "kiosk", "settings"}) {
    INFO(tab);
    REQUIRE(h.tap(std::string("staff.tab.") + tab));
    insideScreen();
    requireTouchSized(h, 60.f);
  }
  REQUIRE(h.tap("staff.settings.field.procart.url"));
  REQUIRE(h.reachable("osk.done"));
  insideScreen();
  requireTouchSized(h, 60.f);
}
