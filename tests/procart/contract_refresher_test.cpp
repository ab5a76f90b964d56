// Contract: the menu refresher against the emulator — the cache first, ProCart down at start with and without a
// cache, never more often than the interval, the cache written only for a new version.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "contract_support.h"
#include "kiosk/common/atomic_file.h"
#include "kiosk/procart/menu_refresher.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;
using procart_test::SimFixture;

namespace {

// Everything the refresher reported, in order.
struct Recorder {
  std::mutex mutex;
  std::vector<std::string> events;  // "menu:cache:<version>", "menu:network:<version>", "up", "down", "unavailable"
  std::vector<kiosk::Menu> menus;
  int64_t getmenu_when_cache_delivered = -1;
  const procart_sim::Emulator* sim = nullptr;

  MenuRefresherCallbacks callbacks() {
    MenuRefresherCallbacks c;
    c.on_menu = [this](const MenuUpdate& u) {
      std::lock_guard lock(mutex);
      if (u.source == MenuSource::Cache && sim) getmenu_when_cache_delivered = sim->requestCount("getmenu");
      events.push_back(std::string("menu:") + (u.source == MenuSource::Cache ? "cache:" : "network:") + u.menu.version);
      menus.push_back(u.menu);
    };
    c.on_reachability = [this](const Reachability& r) {
      std::lock_guard lock(mutex);
      events.push_back(r.up ? "up" : "down");
    };
    c.on_unavailable = [this](const kiosk::ServiceError&) {
      std::lock_guard lock(mutex);
      events.push_back("unavailable");
    };
    return c;
  }
  std::vector<std::string> snapshot() {
    std::lock_guard lock(mutex);
    return events;
  }
  bool has(const std::string& event) {
    auto all = snapshot();
    return std::find(all.begin(), all.end(), event) != all.end();
  }
  size_t count(const std::string& prefix) {
    size_t n = 0;
    for (const auto& e : snapshot()) n += e.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
  }
};

const std::string kCachedMenu =
    R"({"menu_version": "cached-v0", "dishes": [{"id": "101", "name": "Из кэша", "price": "300.00"}]})";

MenuRefresherOptions quickOptions(const std::string& cache_dir) {
  MenuRefresherOptions o;
  o.cache_dir = cache_dir;
  o.refresh_interval = 60s;
  o.retry_interval = 60s;
  o.ping_interval = 0ms;
  return o;
}

std::string copyFixtureMenu(const procart_test::TempDir& dir) {
  std::string path = dir.file("menu.json");
  std::filesystem::copy_file(procart_test::fixtureMenuPath(), path);
  return path;
}

}  // namespace

TEST_CASE("refresher: the cached menu comes first, before any network call, then the network's") {
  procart_test::TempDir cache_dir;
  REQUIRE(MenuCache(cache_dir.path()).store(kCachedMenu, "cached-v0", 1).empty());
  procart_sim::Options o = procart_test::simOptions();
  o.faults = "getmenu.latency=100";
  SimFixture f(o);
  Recorder rec;
  rec.sim = f.sim.get();
  MenuRefresher refresher(*f.client, quickOptions(cache_dir.path()), rec.callbacks());
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 1; }));
  auto events = rec.snapshot();
  REQUIRE(events.size() >= 3);
  CHECK(events[0] == "menu:cache:cached-v0");
  CHECK(rec.getmenu_when_cache_delivered == 0);
  CHECK(events[1] == "up");
  CHECK(events[2].rfind("menu:network:", 0) == 0);
  CHECK(rec.menus.at(0).dishes.at(0).name.ru == "Из кэша");
  CHECK(rec.menus.at(1).dishes.size() == 5);
  // The network's version replaced the cache on disk.
  std::string network_version = events[2].substr(std::string("menu:network:").size());
  auto cached = MenuCache(cache_dir.path()).load();
  REQUIRE(cached.has_value());
  CHECK(cached->version == network_version);
  CHECK(refresher.currentVersion() == network_version);
}

TEST_CASE("refresher: ProCart down at start with a cache — the cached menu, reported down, never unavailable") {
  procart_test::TempDir cache_dir;
  REQUIRE(MenuCache(cache_dir.path()).store(kCachedMenu, "cached-v0", 1).empty());
  ClientOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(procart_test::closedPort()) + "/api/v3";
  o.token = procart_test::kSimToken;
  ProcartClient client(o);
  Recorder rec;
  MenuRefresher refresher(client, quickOptions(cache_dir.path()), rec.callbacks());
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.has("down"); }));
  refresher.stop();
  CHECK(rec.snapshot() == std::vector<std::string>{"menu:cache:cached-v0", "down"});
  CHECK(MenuCache(cache_dir.path()).load()->version == "cached-v0");  // untouched
}

TEST_CASE("refresher: the next start shows the network's menu from its snapshot, equal to what was fetched") {
  procart_test::TempDir cache_dir;
  kiosk::Menu fetched;
  {
    SimFixture f(procart_test::simOptions());
    Recorder rec;
    MenuRefresher refresher(*f.client, quickOptions(cache_dir.path()), rec.callbacks());
    refresher.start();
    REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 1; }));
    refresher.stop();
    std::lock_guard lock(rec.mutex);
    fetched = rec.menus.at(0);
  }
  MenuCache cache(cache_dir.path());
  REQUIRE(std::filesystem::exists(cache.snapshotPath()));
  ClientOptions down;
  down.base_url = "http://127.0.0.1:" + std::to_string(procart_test::closedPort()) + "/api/v3";
  down.token = procart_test::kSimToken;
  ProcartClient client(down);
  auto restart = [&] {
    Recorder rec;
    MenuRefresher refresher(client, quickOptions(cache_dir.path()), rec.callbacks());
    refresher.start();
    REQUIRE(procart_test::waitFor([&] { return rec.has("down"); }));
    refresher.stop();
    std::lock_guard lock(rec.mutex);
    REQUIRE(rec.menus.size() == 1);
    return rec.menus[0];
  };
  auto loaded = cache.load();
  REQUIRE(loaded.has_value());
  REQUIRE(loaded->snapshot.has_value());  // read without parsing the text
  CHECK(restart() == fetched);

  // A cache from before snapshots (or with a damaged one): parsed once, and the snapshot written for next time.
  std::filesystem::remove(cache.snapshotPath());
  CHECK(restart() == fetched);
  REQUIRE(std::filesystem::exists(cache.snapshotPath()));
  auto again = cache.load();
  REQUIRE(again.has_value());
  CHECK(again->snapshot.has_value());
}

TEST_CASE("refresher: ProCart down at start without a cache — 'not available', then the menu once it is back") {
  procart_test::TempDir cache_dir;
  int port = procart_test::closedPort();
  ClientOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(port) + "/api/v3";
  o.token = procart_test::kSimToken;
  o.timeouts.connect = 500ms;
  ProcartClient client(o);
  Recorder rec;
  MenuRefresherOptions ro = quickOptions(cache_dir.path());
  ro.ping_interval = 50ms;  // notices ProCart's return quickly; the fetch follows at once
  MenuRefresher refresher(client, ro, rec.callbacks());
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.has("unavailable"); }));
  CHECK(rec.snapshot() == std::vector<std::string>{"down", "unavailable"});
  CHECK_FALSE(MenuCache(cache_dir.path()).load().has_value());

  procart_sim::Emulator sim(procart_test::simOptions());
  REQUIRE(sim.start("127.0.0.1", port) == port);
  REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 1; }));
  auto events = rec.snapshot();
  CHECK(events.at(2) == "up");
  CHECK(events.at(3).rfind("menu:network:", 0) == 0);
  CHECK(MenuCache(cache_dir.path()).load().has_value());
  CHECK(sim.requestCount("getmenu") == 1);
}

TEST_CASE("refresher: never more often than the interval — the cache is written only for a new version") {
  procart_test::TempDir dir;
  procart_sim::Options so = procart_test::simOptions();
  so.menu_file = copyFixtureMenu(dir);
  SimFixture f(so);
  Recorder rec;
  MenuRefresherOptions o = quickOptions(dir.file("cache"));
  o.refresh_interval = 250ms;
  MenuRefresher refresher(*f.client, o, rec.callbacks());
  auto started = std::chrono::steady_clock::now();
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 1; }));
  auto first_write = std::filesystem::last_write_time(dir.file("cache/menu.json"));
  std::this_thread::sleep_for(900ms);
  auto elapsed = std::chrono::steady_clock::now() - started;
  int64_t allowed = 1 + elapsed / 250ms;
  int64_t fetched = f.sim->requestCount("getmenu");
  CHECK(fetched >= 2);  // at least one refresh after the first fetch (loose: the machine may be loaded)
  CHECK(fetched <= allowed);
  CHECK(refresher.fetchAttempts() == fetched);
  // Same version every time: delivered once, cache written once.
  CHECK(rec.count("menu:network:") == 1);
  CHECK(std::filesystem::last_write_time(dir.file("cache/menu.json")) == first_write);

  // A changed menu file: the next refresh delivers and caches the new version.
  {
    auto text = kiosk::files::readAll(so.menu_file);
    REQUIRE(text.ok());
    std::string changed = *text;
    changed.replace(changed.find("\"389.00\""), 8, "\"399.00\"");
    REQUIRE(kiosk::files::writeAtomically(so.menu_file, changed).empty());
  }
  REQUIRE(f.sim->reloadMenu());
  REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 2; }));
  {
    std::lock_guard lock(rec.mutex);
    CHECK(rec.menus.back().dishes.at(0).price == kiosk::Money::kopecks(39900));
  }
  CHECK(MenuCache(dir.file("cache")).load()->version == refresher.currentVersion());
}

TEST_CASE("refresher: refreshNow fetches at once — a malformed answer leaves menu and cache alone") {
  procart_test::TempDir dir;
  SimFixture f;
  Recorder rec;
  MenuRefresher refresher(*f.client, quickOptions(dir.path()), rec.callbacks());
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 1; }));
  std::string version = refresher.currentVersion();
  f.sim->setFaults("getmenu.malformed=#1");
  refresher.refreshNow();
  REQUIRE(procart_test::waitFor([&] { return f.sim->requestCount("getmenu") == 2; }));
  refresher.refreshNow();
  REQUIRE(procart_test::waitFor([&] { return f.sim->requestCount("getmenu") == 3; }));
  refresher.stop();
  CHECK(rec.count("menu:") == 1);
  CHECK(rec.count("down") == 0);  // a malformed menu says nothing about ordering
  CHECK(MenuCache(dir.path()).load()->version == version);
}

TEST_CASE("refresher: a fetch that finds the cached version unchanged still says the menu is current") {
  SimFixture f;
  procart_test::TempDir dir;
  {
    Recorder rec;
    MenuRefresher first(*f.client, quickOptions(dir.path()), rec.callbacks());
    first.start();
    REQUIRE(procart_test::waitFor([&] { return rec.count("menu:network:") == 1; }));
  }
  // The next start: the cache holds ProCart's version, so the network's answer brings no new menu.
  Recorder rec;
  MenuRefresherCallbacks callbacks = rec.callbacks();
  std::atomic<int> fetched_calls{0};
  callbacks.on_fetched = [&] { ++fetched_calls; };
  MenuRefresher second(*f.client, quickOptions(dir.path()), callbacks);
  second.start();
  REQUIRE(procart_test::waitFor([&] { return fetched_calls.load() == 1; }));
  second.stop();
  CHECK(fetched_calls.load() == 1);
  CHECK(rec.count("menu:cache:") == 1);
  CHECK(rec.count("menu:network:") == 0);
}

TEST_CASE("refresher: /ping comes first at the start of work, before /getmenu") {
  SimFixture f;
  Recorder rec;
  MenuRefresherOptions o = quickOptions("");
  o.ping_interval = 60s;  // only the first ping can have come
  MenuRefresher refresher(*f.client, o, rec.callbacks());
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.has("up"); }));
  REQUIRE(procart_test::waitFor([&] { return rec.count("menu:") == 1; }));
  refresher.stop();
  CHECK(f.sim->requestCount("ping") == 1);
  auto events = rec.snapshot();
  CHECK(events.front() == "up");  // ProCart's state was known before the menu arrived
}

TEST_CASE("refresher: a licence ProCart reports invalid makes ProCart unusable, and its return usable again") {
  SimFixture f;
  f.sim->setLicenseValid(false);
  Recorder rec;
  MenuRefresherOptions o = quickOptions("");
  o.ping_interval = 50ms;
  std::vector<kiosk::ServiceError> reasons;
  std::mutex reasons_mutex;
  MenuRefresherCallbacks callbacks = rec.callbacks();
  auto recorded = callbacks.on_reachability;
  callbacks.on_reachability = [&](const Reachability& r) {
    recorded(r);
    std::lock_guard lock(reasons_mutex);
    reasons.push_back(r.error);
  };
  MenuRefresher refresher(*f.client, o, callbacks);
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.has("down"); }));
  f.sim->setLicenseValid(true);
  REQUIRE(procart_test::waitFor([&] { return rec.has("up"); }));
  refresher.stop();
  std::lock_guard lock(reasons_mutex);
  REQUIRE_FALSE(reasons.empty());
  CHECK(reasons.front().code == "license_invalid");
  CHECK(reasons.front().detail == "/ping: license_valid is false");
}

TEST_CASE("refresher: /ping notices POS offline and a refused token between menu fetches") {
  SimFixture f;
  Recorder rec;
  MenuRefresherOptions o = quickOptions("");
  o.ping_interval = 50ms;
  MenuRefresher refresher(*f.client, o, rec.callbacks());
  refresher.start();
  REQUIRE(procart_test::waitFor([&] { return rec.has("up"); }));
  f.sim->setPosOnline(false);
  REQUIRE(procart_test::waitFor([&] { return rec.has("down"); }));
  f.sim->setPosOnline(true);
  REQUIRE(procart_test::waitFor([&] { return rec.count("up") == 2; }));
  CHECK(f.sim->requestCount("getmenu") == 1);  // pings do not fetch the menu again
  refresher.stop();
  auto events = rec.snapshot();
  CHECK(std::count(events.begin(), events.end(), "down") == 1);  // reported once per change
}
