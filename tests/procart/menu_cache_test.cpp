// The menu cache on disk: round trip, and every way a cache file can be unusable (ignored, never a crash).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/common/atomic_file.h"
#include "kiosk/procart/codec.h"
#include "kiosk/procart/menu_cache.h"
#include "test_support.h"

using kiosk::procart::MenuCache;

namespace {
const std::string kMenu =
    R"({"menu_version": "v7", "dishes": [{"id": 1, "name": "Суп", "price": "250.00"}], "discounts": []})";

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}
}  // namespace

TEST_CASE("menu cache: what is stored loads back, and the menu parses the same") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path() + "/nested/cache");  // created on store
  REQUIRE(cache.store(kMenu, "v7", 1764417600) == "");
  std::string why;
  auto loaded = cache.load(&why);
  REQUIRE(loaded.has_value());
  CHECK(loaded->version == "v7");
  CHECK(loaded->fetched_at_unix == 1764417600);
  CHECK(loaded->fetched_at == "2025-11-29T12:00:00Z");
  auto menu = kiosk::procart::codec::parseMenu(loaded->menu_json);
  REQUIRE(menu.ok());
  CHECK(menu->menu.version == "v7");
  REQUIRE(menu->menu.dishes.size() == 1);
  CHECK(menu->menu.dishes[0].name.ru == "Суп");
  CHECK(menu->menu.dishes[0].price == kiosk::Money::kopecks(25000));
  // No temp file left behind by the atomic write.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() + "/nested/cache")) {
    (void)entry;
    ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("menu cache: a newer store replaces the older one") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  REQUIRE(cache.store(kMenu, "v7", 1).empty());
  REQUIRE(cache.store(R"({"menu_version": "v8", "dishes": []})", "v8", 2).empty());
  auto loaded = cache.load();
  REQUIRE(loaded.has_value());
  CHECK(loaded->version == "v8");
}

TEST_CASE("menu cache: a missing file is no cache") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path() + "/never-written");
  std::string why;
  CHECK_FALSE(cache.load(&why).has_value());
  CHECK(why.find("no cache file") == 0);
}

TEST_CASE("menu cache: a corrupt file is ignored with a log line") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  procart_test::LogCapture log;
  for (const std::string& junk :
       {std::string("\x00\x01\x02garbage", 10), std::string("[1,2,3]"), std::string("{\"format\": 1}"),
        std::string("{\"format\": 99, \"menu\": {}}"), std::string("{\"format\": 1, \"menu\": \"text\"}"),
        std::string("")}) {
    writeFile(cache.path(), junk);
    std::string why;
    CHECK_FALSE(cache.load(&why).has_value());
    CHECK_FALSE(why.empty());
  }
  CHECK(log.contains("ignored"));
}

TEST_CASE("menu cache: a truncated file is ignored") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  REQUIRE(cache.store(kMenu, "v7", 1).empty());
  auto full = kiosk::files::readAll(cache.path());
  REQUIRE(full.ok());
  for (size_t cut : {full->size() - 1, full->size() / 2, size_t{1}}) {
    writeFile(cache.path(), full->substr(0, cut));
    CHECK_FALSE(cache.load().has_value());
  }
}

TEST_CASE("menu cache: a menu that is not a JSON object is not written") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  CHECK_FALSE(cache.store("not json", "v1", 1).empty());
  CHECK_FALSE(cache.store("[1]", "v1", 1).empty());
  CHECK_FALSE(std::filesystem::exists(cache.path()));
}

TEST_CASE("menu cache: an unwritable directory is reported, not thrown") {
  procart_test::TempDir dir;
  writeFile(dir.file("plain-file"), "x");
  MenuCache cache(dir.file("plain-file") + "/sub");  // a directory under a regular file cannot exist
  CHECK_FALSE(cache.store(kMenu, "v7", 1).empty());
}
