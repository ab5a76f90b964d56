// Bad menus from ProCart: each broken entry gives a problem line and the rest of the menu stays usable (codec +
// MenuIndex, as the kiosk runs them); a menu that is unusable as a whole leaves the menu shown and the cache as
// they were (MenuRefresher against an in-test ProCart).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>

#include "kiosk/core/menu_index.h"
#include "kiosk/procart/client.h"
#include "kiosk/procart/codec.h"
#include "kiosk/procart/menu_cache.h"
#include "kiosk/procart/menu_refresher.h"
#include "menu_load.h"
#include "test_support.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;

using procart_test::kGoodCategory;
using procart_test::kGoodDishes;
using procart_test::loadMenu;
using procart_test::LoadedMenu;
using procart_test::menuWith;

TEST_CASE("bad menu: entries with missing fields are skipped with a problem line each; the rest is orderable") {
  LoadedMenu l = loadMenu(menuWith(R"({"name": "без id"})",
                           R"({"name": "без id", "category_id": "burgers", "price": "1.00"},
                              {"id": "noprice", "name": "Без цены", "category_id": "burgers"},
                              {"id": "nocat", "name": "Без категории", "price": "1.00"})",
                           R"("modifier_schemes": [{"groups": []}, {"id": "ms", "groups": [{"name": "без id"},
                              {"id": "g", "modifiers": [{"name": "без id"}]}]}],
                              "combo_schemes": [{"id": "cs", "groups": [{"id": "cg",
                                                 "items": [{"price_delta": 1}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("categories[1]: category without id, skipped"));
  CHECK(l.mentions("dishes[2]: dish without id, skipped"));
  CHECK(l.mentions("dishes[3]: dish without a readable price, skipped (id noprice)"));
  CHECK(l.mentions("dish nocat has no category; dropped"));
  CHECK(l.mentions("modifier_schemes[0]: modifier scheme without id, skipped"));
  CHECK(l.mentions("modifier_schemes[1].groups[0]: modifier group without id, skipped"));
  CHECK(l.mentions("modifier_schemes[1].groups[1].modifiers[0]: modifier without id, skipped"));
  CHECK(l.mentions("combo_schemes[0].groups[0].items[0]: combo item without dish_id, skipped"));
  CHECK(l.orderable("good1"));
  CHECK(l.orderable("good2"));
  CHECK(l.index->menu().dishes.size() == 2);
}

TEST_CASE("bad menu: values of the wrong type are reported or defaulted; the rest is orderable") {
  LoadedMenu l = loadMenu(R"({"menu_version": ["v"], "categories": [)" + std::string(kGoodCategory) +
                  R"(, 42, {"id": {"x": 1}, "name": 7}],
      "dishes": [)" + kGoodDishes + R"(, "a string", null, [1, 2],
        {"id": true, "category_id": "burgers", "price": "1.00"},
        {"id": "p1", "category_id": "burgers", "price": [389]},
        {"id": "p2", "category_id": "burgers", "price": "триста"},
        {"id": "p3", "category_id": "burgers", "price": 1.5, "name": {"ru": 5}, "tags": "spicy", "kcal": "lots",
         "stock": {"type": 3, "quantity": "many"}, "modifier_scheme_id": {"id": "ms"}}],
      "modifier_schemes": {"id": "ms"},
      "combo_schemes": "none"})");
  INFO(l.problemsText());
  CHECK(l.mentions("menu: no menu_version"));
  CHECK(l.mentions("categories[1]: not an object, skipped"));
  CHECK(l.mentions("categories[2]: category without id, skipped"));
  CHECK(l.mentions("dishes[2]: not an object, skipped"));
  CHECK(l.mentions("dishes[3]: not an object, skipped"));
  CHECK(l.mentions("dishes[4]: not an object, skipped"));
  CHECK(l.mentions("dishes[5]: dish without id, skipped"));
  CHECK(l.mentions("dishes[6]: dish without a readable price, skipped (id p1)"));
  CHECK(l.mentions("dishes[7]: dish without a readable price, skipped (id p2)"));
  CHECK(l.mentions("dishes[8]: tags is not an array, ignored"));
  CHECK(l.mentions("menu: modifier_schemes is not an array, ignored"));
  CHECK(l.mentions("menu: combo_schemes is not an array, ignored"));
  // The odd but usable dish keeps its defaults: no tags, no kcal, unlimited, no modifiers.
  REQUIRE(l.index->dish("p3"));
  CHECK(l.index->dish("p3")->price == kiosk::Money::kopecks(150));
  CHECK(l.index->dish("p3")->modifier_scheme_id.empty());
  CHECK(l.orderable("p3"));
  CHECK(l.orderable("good1"));
  CHECK(l.orderable("good2"));
}

TEST_CASE("bad menu: category parent chains that loop are cut; every category and its dishes stay reachable") {
  LoadedMenu l = loadMenu(menuWith(R"({"id": "a", "name": "A", "parent_id": "b"},
                              {"id": "b", "name": "B", "parent_id": "c"},
                              {"id": "c", "name": "C", "parent_id": "a"},
                              {"id": "self", "name": "S", "parent_id": "self"},
                              {"id": "d", "name": "D", "parent_id": "a"}, {"id": "orphan", "parent_id": "gone"})",
                           R"({"id": "in-a", "category_id": "a", "price": 1},
                              {"id": "in-c", "category_id": "c", "price": 1},
                              {"id": "in-self", "category_id": "self", "price": 1},
                              {"id": "in-d", "category_id": "d", "price": 1},
                              {"id": "in-orphan", "category_id": "orphan", "price": 1})"));
  INFO(l.problemsText());
  CHECK(l.mentions("category cycle a -> b -> c -> a; a, b, c made top-level"));
  CHECK(l.mentions("category cycle self -> self; self made top-level"));
  CHECK(l.mentions("category orphan names missing parent gone; made top-level"));
  for (const char* dish : {"in-a", "in-c", "in-self", "in-d", "in-orphan", "good1", "good2"}) {
    INFO(dish);
    CHECK(l.orderable(dish));
  }
}

TEST_CASE("bad menu: a dish naming a missing scheme is dropped; a combo choice naming a missing dish is removed") {
  LoadedMenu l = loadMenu(menuWith("",
                           R"({"id": "ghost-mods", "category_id": "burgers", "price": 1, "modifier_scheme_id": "nope"},
                              {"id": "ghost-combo", "category_id": "burgers", "price": 1, "combo_scheme_id": "nope"},
                              {"id": "combo", "category_id": "burgers", "price": 500, "combo_scheme_id": "cs"},
                              {"id": "combo-empty", "category_id": "burgers", "price": 500,
                               "combo_scheme_id": "cs-empty"},
                              {"id": "with-mods", "category_id": "burgers", "price": 1, "modifier_scheme_id": "ms"})",
                           R"("modifier_schemes": [{"id": "ms", "groups": [{"id": "g", "min": 0, "max": 1,
                                 "modifiers": [{"id": "m", "price": "10.00"}]}]}],
                              "combo_schemes": [
                                {"id": "cs", "groups": [{"id": "main", "min": 1, "max": 1, "default_dish_id": "gone",
                                  "items": [{"dish_id": "good1"}, {"dish_id": "gone"}]}]},
                                {"id": "cs-empty", "groups": [{"id": "main", "min": 1,
                                                               "items": [{"dish_id": "gone"}]}]}])"));
  INFO(l.problemsText());
  CHECK(l.mentions("dish ghost-mods names missing modifier scheme nope; dropped"));
  CHECK(l.mentions("dish ghost-combo names missing combo scheme nope; dropped"));
  CHECK(l.mentions("combo cs group main offers missing dish gone; dropped"));
  CHECK(l.mentions("combo cs group main default gone is not offered; no default"));
  CHECK(l.mentions("combo cs-empty group main asks for at least 1 but offers 0 dishes; combos of cs-empty dropped"));
  CHECK(l.mentions("combo dish combo-empty uses combo scheme cs-empty, which cannot be satisfied; dropped"));
  CHECK_FALSE(l.index->dish("ghost-mods"));
  CHECK_FALSE(l.index->dish("ghost-combo"));
  CHECK_FALSE(l.index->dish("combo-empty"));
  CHECK(l.orderable("combo"));
  CHECK(l.orderable("with-mods"));
  CHECK(l.orderable("good1"));
  REQUIRE(l.index->comboScheme("cs"));
  CHECK(l.index->comboScheme("cs")->groups[0].items.size() == 1);
}

TEST_CASE("bad menu: 100,000 dishes parse and index in reasonable time") {
  const int count = 100000;
  std::string body = R"({"menu_version": "huge", "categories": [)";
  for (int c = 0; c < 100; ++c) {
    body += (c ? "," : "") + std::string(R"({"id": "c)") + std::to_string(c) + R"(", "name": "Категория )" +
            std::to_string(c) + R"(", "parent_id": ")" + (c < 10 ? "" : "c" + std::to_string(c % 10)) + "\"}";
  }
  body += R"(], "dishes": [)";
  for (int i = 0; i < count; ++i) {
    body += (i ? "," : "") + std::string(R"({"id": ")") + std::to_string(i) + R"(", "code": "K)" + std::to_string(i) +
            R"(", "name": "Блюдо номер )" + std::to_string(i) + R"(", "name_en": "Dish number )" + std::to_string(i) +
            R"(", "description": "Описание блюда, довольно длинное, как в настоящем меню", "category_id": "c)" +
            std::to_string(i % 100) + R"(", "price": ")" + std::to_string(100 + i % 900) +
            R"(.00", "tags": ["a", "b"], "stock": {"type": "unlimited"}})";
  }
  body += "]}";

  auto started = std::chrono::steady_clock::now();
  auto parsed = codec::parseMenu(body);
  auto parsed_at = std::chrono::steady_clock::now();
  REQUIRE(parsed.ok());
  CHECK(parsed->problems.empty());
  auto index = kiosk::MenuIndex::build(std::move(parsed->menu));
  auto indexed_at = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  WARN("100,000 dishes, " << body.size() / 1024 << " KiB: parse " << ms(parsed_at - started) << " ms, index "
                          << ms(indexed_at - parsed_at) << " ms");
  CHECK(index->problems().empty());
  CHECK(index->menu().dishes.size() == static_cast<size_t>(count));
  CHECK(index->dishesIn("c7").size() == static_cast<size_t>(count / 100));
  CHECK(index->dishByCode("K99999")->id == "99999");
  CHECK(index->search("номер 4242", 10).size() == 10);  // 4242, 42420..42429 share the prefix
  // Generous bound: the kiosk parses off the UI thread, but a minute would still be a bug. ASan builds are slower.
  CHECK(indexed_at - started < 30s);
}

TEST_CASE("bad menu: invalid UTF-8 in names is replaced and reported; the rest of the menu is unchanged") {
  // A stray cp1251 byte, a cut two-byte sequence, an overlong '/', a UTF-16 surrogate: nlohmann::json refuses each.
  const std::string body = menuWith(
      "", std::string(R"({"id": "cp1251", "name": "Ч)") + "\xe0\xe9" + R"(", "category_id": "burgers", "price": 1},
      {"id": "cut", "name": "Борщ )" + "\xd0" + R"(", "name_en": "Borscht", "category_id": "burgers", "price": 2},
      {"id": "overlong", "name": "a)" + "\xc0\xaf" + R"(b", "category_id": "burgers", "price": 3},
      {"id": "surrogate", "name": "x", "description": "y)" + "\xed\xa0\x80" +
                R"(", "category_id": "burgers", "price": 4})");
  LoadedMenu l = loadMenu(body);
  INFO(l.problemsText());
  CHECK(l.mentions("menu: 8 invalid UTF-8 sequence(s) replaced by U+FFFD, the first at byte"));
  for (const char* id : {"cp1251", "cut", "overlong", "surrogate"}) {
    INFO(id);
    CHECK(l.mentions(std::string("dish ") + id + ": invalid UTF-8 in its name or description, replaced by U+FFFD"));
    CHECK(l.orderable(id));
  }
  CHECK_FALSE(l.mentions("dish good1"));
  CHECK(l.index->dish("cp1251")->name.ru == "Ч\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(l.index->dish("cut")->name.ru == "Борщ \xEF\xBF\xBD");
  CHECK(l.index->dish("cut")->name.en == "Borscht");
  CHECK(l.index->dish("good1")->name.ru == "Бургер");
  CHECK(l.orderable("good1"));

  // The cache keeps the menu as read, so the next start shows the same.
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  REQUIRE(cache.store(body, "v1", 1).empty());
  auto cached = cache.load();
  REQUIRE(cached);
  LoadedMenu again = loadMenu(cached->menu_json);
  CHECK(again.index->dish("cut")->name.ru == "Борщ \xEF\xBF\xBD");
  CHECK(again.index->menu().dishes.size() == l.index->menu().dishes.size());

  // Outside a string invalid bytes are still a broken document.
  auto broken = codec::parseMenu(std::string("{\"dishes\": [\xff]}"));
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().detail == "/getmenu: answer is not JSON");
}

namespace {

// An in-test ProCart whose /getmenu answers are set by the test.
struct MenuServer {
  std::mutex mutex;
  std::string body;
  std::string content_type = "application/json";
  int status = 200;
  std::atomic<int> getmenu_calls{0};
  procart_test::TestServer http;  // last: stopped before the members its handler uses are gone

  MenuServer() {
    http.http().Get("/api/v3/getmenu", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard lock(mutex);
      ++getmenu_calls;
      res.status = status;
      res.set_content(body, content_type.c_str());
    });
    http.start();
  }
  void serve(std::string new_body, int new_status = 200, std::string type = "application/json") {
    std::lock_guard lock(mutex);
    body = std::move(new_body);
    status = new_status;
    content_type = std::move(type);
  }
};

struct Events {
  std::mutex mutex;
  std::vector<std::string> menus;  // "cache:<version>" / "network:<version>"
  int unavailable = 0;
  MenuRefresherCallbacks callbacks() {
    MenuRefresherCallbacks c;
    c.on_menu = [this](const MenuUpdate& u) {
      std::lock_guard lock(mutex);
      menus.push_back((u.source == MenuSource::Cache ? "cache:" : "network:") + u.menu.version);
    };
    c.on_unavailable = [this](const kiosk::ServiceError&) {
      std::lock_guard lock(mutex);
      ++unavailable;
    };
    return c;
  }
  std::vector<std::string> snapshot() {
    std::lock_guard lock(mutex);
    return menus;
  }
  int unavailableCount() {
    std::lock_guard lock(mutex);
    return unavailable;
  }
};

MenuRefresherOptions refresherOptions(const std::string& cache_dir) {
  MenuRefresherOptions o;
  o.cache_dir = cache_dir;
  o.refresh_interval = 60s;
  o.retry_interval = 60s;
  o.ping_interval = 0ms;
  return o;
}

ClientOptions clientFor(const MenuServer& server) {
  ClientOptions o;
  o.base_url = server.http.baseUrl();
  o.token = "t";
  o.timeouts.getmenu = 5000ms;
  return o;
}

const std::string kGoodMenu = menuWith("", "");

struct Unusable {
  const char* what;
  std::string body;
  int status;
  const char* type;
};

std::vector<Unusable> unusableMenus() {
  std::string garbage(10u << 20, '\x01');
  return {
      {"not JSON", "menu follows: {", 200, "text/plain"},
      {"an HTML error page with 200", "<html><body>502 Bad Gateway</body></html>", 200, "text/html"},
      {"cut short", kGoodMenu.substr(0, kGoodMenu.size() / 2), 200, "application/json"},
      {"no dishes array", R"({"menu_version": "v2", "categories": []})", 200, "application/json"},
      {"every dish broken", R"({"menu_version": "v2", "dishes": [{"name": "x"}, {"id": "1"}, 7]})", 200,
       "application/json"},
      {"no dishes at all", R"({"menu_version": "v2", "dishes": []})", 200, "application/json"},
      {"every dish refused by the menu checks (negative price, missing category, a combo of itself)",
       R"({"menu_version": "v2", "categories": [{"id": "c"}], "dishes": [{"id": "1", "category_id": "c", "price": -1},
           {"id": "2", "category_id": "gone", "price": 1},
           {"id": "3", "category_id": "c", "price": 1, "combo_scheme_id": "cs"}],
           "combo_schemes": [{"id": "cs", "groups": [{"id": "g", "items": [{"dish_id": "3"}]}]}]})",
       200, "application/json"},
      {"ok: false", R"({"ok": false, "error": {"code": "pos_offline", "message": "r_keeper is restarting"}})", 200,
       "application/json"},
      {"a server error", R"({"error": {"code": "internal"}})", 500, "application/json"},
      {"10 MB of garbage", garbage, 200, "application/json"},
  };
}

}  // namespace

TEST_CASE("bad menu: an unusable menu from ProCart leaves the menu shown and the cache as they were") {
  for (const Unusable& bad : unusableMenus()) {
    DYNAMIC_SECTION(bad.what) {
      procart_test::TempDir dir;
      MenuServer server;
      server.serve(kGoodMenu);
      ProcartClient client(clientFor(server));
      Events events;
      procart_test::LogCapture log;
      MenuRefresher refresher(client, refresherOptions(dir.path()), events.callbacks());
      refresher.start();
      REQUIRE(procart_test::waitFor([&] { return events.snapshot().size() == 1; }));
      REQUIRE(events.snapshot()[0] == "network:v1");

      server.serve(bad.body, bad.status, bad.type);
      refresher.refreshNow();
      REQUIRE(procart_test::waitFor([&] { return server.getmenu_calls == 2; }));
      refresher.stop();
      CHECK(events.snapshot() == std::vector<std::string>{"network:v1"});
      CHECK(refresher.currentVersion() == "v1");
      CHECK(events.unavailableCount() == 0);
      auto cached = MenuCache(dir.path()).load();
      REQUIRE(cached);
      CHECK(cached->version == "v1");
    }
  }
}

TEST_CASE("bad menu: at start the cached menu stays when ProCart's is unusable; with no cache, 'no menu'") {
  procart_test::TempDir dir;
  MenuServer server;
  server.serve(R"({"menu_version": "v2", "dishes": [{"name": "no id"}]})");
  ProcartClient client(clientFor(server));

  SECTION("with a cache") {
    REQUIRE(MenuCache(dir.path()).store(kGoodMenu, "v1", 1).empty());
    Events events;
    MenuRefresher refresher(client, refresherOptions(dir.path()), events.callbacks());
    refresher.start();
    REQUIRE(procart_test::waitFor([&] { return server.getmenu_calls == 1; }));
    refresher.stop();
    CHECK(events.snapshot() == std::vector<std::string>{"cache:v1"});
    CHECK(events.unavailableCount() == 0);
    CHECK(MenuCache(dir.path()).load()->version == "v1");
  }
  SECTION("without a cache: 'no menu', then the menu once ProCart's is good") {
    Events events;
    MenuRefresher refresher(client, refresherOptions(dir.path()), events.callbacks());
    refresher.start();
    REQUIRE(procart_test::waitFor([&] { return events.unavailableCount() == 1; }));
    CHECK(events.snapshot().empty());
    CHECK_FALSE(MenuCache(dir.path()).load());
    server.serve(kGoodMenu);
    refresher.refreshNow();
    REQUIRE(procart_test::waitFor([&] { return events.snapshot().size() == 1; }));
    refresher.stop();
    CHECK(events.snapshot()[0] == "network:v1");
    CHECK(MenuCache(dir.path()).load()->version == "v1");
  }
}
