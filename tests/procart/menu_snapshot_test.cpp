// The binary menu snapshot: the same Menu comes back, and every damaged, truncated, foreign or stale snapshot is
// refused with a reason (the cache then parses the JSON text instead), never a crash or a half-read menu.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

#include "kiosk/common/atomic_file.h"
#include "kiosk/procart/codec.h"
#include "kiosk/procart/menu_cache.h"
#include "kiosk/procart/menu_snapshot.h"
#include "test_support.h"

using namespace kiosk;
using kiosk::procart::decodeMenuSnapshot;
using kiosk::procart::encodeMenuSnapshot;
using kiosk::procart::MenuCache;

namespace {

// Every field of every struct set to something other than its default, so that a field the snapshot forgot
// would show as a difference.
Menu everyFieldSet() {
  Menu m;
  m.version = "v42";
  m.categories.push_back({"c1", {"Бургеры", "Burgers"}, "", 2, "c1.png"});
  m.categories.push_back({"c2", {"Острые", "Hot"}, "c1", -3, ""});
  Dish d;
  d.id = "d1";
  d.code = "1001";
  d.name = {"Чизбургер", "Cheeseburger"};
  d.description = {"Говядина, сыр", "Beef, cheese"};
  d.category_id = "c2";
  d.price = Money::kopecks(24950);
  d.image = "burger.png";
  d.kcal = 530;
  d.tags = {"spicy", "new"};
  d.stock = {StockKind::Limited, 7};
  d.modifier_scheme_id = "mods";
  m.dishes.push_back(d);
  Dish combo;
  combo.id = "combo";
  combo.name = {"Комбо", ""};
  combo.category_id = "c1";
  combo.price = Money::kopecks(39900);
  combo.stock = {StockKind::Prohibited, 0};
  combo.combo_scheme_id = "cs";
  m.dishes.push_back(combo);
  m.modifier_schemes.push_back({"mods", {{"g1", {"Соус", "Sauce"}, 1, 2, {{"m1", {"Кетчуп", "Ketchup"},
                                                                           Money::kopecks(3000), 3}}}}});
  m.combo_schemes.push_back({"cs", {"Обед", "Lunch"}, {{"cg", {"Напиток", "Drink"}, 1, 1, "d1",
                                                         {{"d1", Money::kopecks(-1500)}}}}});
  return m;
}

std::string snapshotOf(const Menu& menu) { return encodeMenuSnapshot(menu, {"dishes[3]: skipped"}, "abc123"); }

// Re-seals a snapshot whose payload a test changed on purpose, so that the reader's own checks are reached.
void reseal(std::string& bytes) {
  std::string_view payload = std::string_view(bytes).substr(40);
  uint64_t hash = kiosk::procart::wordHash(payload);
  std::memcpy(bytes.data() + 32, &hash, 8);
}

}  // namespace

TEST_CASE("menu snapshot: every field of the menu, the problems and the source hash come back the same") {
  Menu menu = everyFieldSet();
  std::string why;
  auto back = decodeMenuSnapshot(snapshotOf(menu), &why);
  REQUIRE(back.has_value());
  CHECK(why.empty());
  CHECK(back->menu == menu);
  CHECK(back->problems == std::vector<std::string>{"dishes[3]: skipped"});
  CHECK(back->source_hash == "abc123");
}

TEST_CASE("menu snapshot: cut at any byte, it is refused as truncated") {
  const std::string whole = snapshotOf(everyFieldSet());
  for (size_t length = 0; length < whole.size(); ++length) {
    std::string why;
    CAPTURE(length);
    REQUIRE_FALSE(decodeMenuSnapshot(std::string_view(whole).substr(0, length), &why));
    CHECK_FALSE(why.empty());
  }
}

TEST_CASE("menu snapshot: a changed byte anywhere is refused") {
  const std::string whole = snapshotOf(everyFieldSet());
  for (size_t at = 0; at < whole.size(); ++at) {
    std::string damaged = whole;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    CAPTURE(at);
    std::string why;
    CHECK_FALSE(decodeMenuSnapshot(damaged, &why));
  }
  std::string damaged = whole;
  damaged[200] = static_cast<char>(damaged[200] ^ 1);
  std::string why;
  REQUIRE_FALSE(decodeMenuSnapshot(damaged, &why));
  CHECK(why == "snapshot checksum differs from its header (damaged)");
}

TEST_CASE("menu snapshot: another format, a foreign file and trailing bytes are refused with their reason") {
  std::string why;
  std::string other_format = snapshotOf(everyFieldSet());
  other_format[16] = 99;
  CHECK_FALSE(decodeMenuSnapshot(other_format, &why));
  CHECK(why == "snapshot format 99, not 2");
  CHECK_FALSE(decodeMenuSnapshot(R"({"menu_version": "v1"})", &why));
  CHECK(why == "not a menu snapshot");

  std::string longer = snapshotOf(everyFieldSet()) + "x";
  uint64_t size = longer.size() - 40;
  std::memcpy(longer.data() + 24, &size, 8);
  reseal(longer);
  CHECK_FALSE(decodeMenuSnapshot(longer, &why));
  CHECK(why == "snapshot unreadable: bytes after the menu");
}

TEST_CASE("menu snapshot: a sealed snapshot with an impossible count, stock kind or flag is refused, nothing reserved") {
  Menu menu;
  menu.version = "v";
  Dish d;
  d.id = "1";
  menu.dishes.push_back(d);
  std::string bytes = encodeMenuSnapshot(menu, {}, "");
  // Payload: source hash "" (4), problems count (4), version "v" (5), categories count (4), dishes count (4).
  const size_t dishes_count_at = 40 + 4 + 4 + 5 + 4;
  std::string huge = bytes;
  uint32_t count = 0xFFFFFFFF;
  std::memcpy(huge.data() + dishes_count_at, &count, 4);
  reseal(huge);
  std::string why;
  CHECK_FALSE(decodeMenuSnapshot(huge, &why));
  CHECK(why == "snapshot unreadable: dishes: count beyond the end");

  // The dish's stock kind byte: after id "1" (5), code (4), name (8), description (8), category (4), price (8),
  // image (4), kcal flag (1), tags count (4).
  std::string kind = bytes;
  const size_t kind_at = dishes_count_at + 4 + 5 + 4 + 8 + 8 + 4 + 8 + 4 + 1 + 4;
  REQUIRE(kind[kind_at] == 0);
  kind[kind_at] = 7;
  reseal(kind);
  CHECK_FALSE(decodeMenuSnapshot(kind, &why));
  CHECK(why == "snapshot unreadable: dish stock kind: unknown value");

  // The kcal flag is 0 or 1, nothing else: an accepted snapshot is always the one encoding of its menu.
  std::string flag = bytes;
  const size_t flag_at = kind_at - 4 - 1;
  REQUIRE(flag[flag_at] == 0);
  flag[flag_at] = 2;
  reseal(flag);
  CHECK_FALSE(decodeMenuSnapshot(flag, &why));
  CHECK(why == "snapshot unreadable: dish kcal flag: neither 0 nor 1");
}

TEST_CASE("menu cache: with the parsed menu stored beside it, loading reads the snapshot and not the text") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  const std::string text = R"({"menu_version": "v7", "dishes": [{"id": 1, "name": "Суп", "price": "250.00"}]})";
  auto parsed = procart::codec::parseMenu(text);
  REQUIRE(parsed.ok());
  REQUIRE(cache.store(text, "v7", 1764417600, &parsed->menu, &parsed->problems) == "");
  REQUIRE(std::filesystem::exists(cache.snapshotPath()));
  auto loaded = cache.load();
  REQUIRE(loaded.has_value());
  REQUIRE(loaded->snapshot.has_value());
  CHECK(loaded->menu_json.empty());  // the 10 MB case: the text was never read past its header line
  CHECK(loaded->snapshot->menu == parsed->menu);
  CHECK(loaded->version == "v7");
  CHECK(loaded->fetched_at_unix == 1764417600);
  CHECK_FALSE(loaded->text_hash.empty());
}

TEST_CASE("menu cache: a snapshot of an older text, a damaged one or none at all — the text is parsed instead") {
  procart_test::TempDir dir;
  MenuCache cache(dir.path());
  const std::string v1 = R"({"menu_version": "v1", "dishes": [{"id": 1, "name": "Суп", "price": "250.00"}]})";
  const std::string v2 = R"({"menu_version": "v2", "dishes": [{"id": 2, "name": "Чай", "price": "90.00"}]})";
  auto parsed_v1 = procart::codec::parseMenu(v1);
  REQUIRE(parsed_v1.ok());
  REQUIRE(cache.store(v1, "v1", 1, &parsed_v1->menu, &parsed_v1->problems) == "");

  SECTION("stale: the text was replaced and the kiosk stopped before its snapshot was written") {
    REQUIRE(cache.store(v2, "v2", 2) == "");
    auto loaded = cache.load();
    REQUIRE(loaded.has_value());
    CHECK_FALSE(loaded->snapshot.has_value());
    CHECK(loaded->menu_json == v2);
  }
  SECTION("damaged") {
    auto bytes = files::readAll(cache.snapshotPath());
    REQUIRE(bytes.ok());
    std::string damaged = *bytes;
    damaged[damaged.size() - 3] ^= 0x40;
    REQUIRE(files::writeAtomically(cache.snapshotPath(), damaged) == "");
    auto loaded = cache.load();
    REQUIRE(loaded.has_value());
    CHECK_FALSE(loaded->snapshot.has_value());
    CHECK(loaded->menu_json == v1);
  }
  SECTION("missing (a cache written before snapshots existed)") {
    std::filesystem::remove(cache.snapshotPath());
    auto loaded = cache.load();
    REQUIRE(loaded.has_value());
    CHECK_FALSE(loaded->snapshot.has_value());
    CHECK(loaded->menu_json == v1);
    // What the refresher does then: the next load reads a snapshot.
    auto parsed = procart::codec::parseMenu(loaded->menu_json);
    REQUIRE(parsed.ok());
    REQUIRE(cache.storeSnapshot(parsed->menu, parsed->problems, loaded->text_hash) == "");
    auto again = cache.load();
    REQUIRE(again.has_value());
    REQUIRE(again->snapshot.has_value());
    CHECK(again->snapshot->menu == parsed_v1->menu);
  }
  SECTION("a damaged text file with a good header still loads from its snapshot; a damaged header does not") {
    auto text = files::readAll(cache.path());
    REQUIRE(text.ok());
    std::string body_broken = *text;
    body_broken[body_broken.size() - 2] ^= 0x01;  // the snapshot carries its own checksum: the text is not read
    REQUIRE(files::writeAtomically(cache.path(), body_broken) == "");
    auto loaded = cache.load();
    REQUIRE(loaded.has_value());
    CHECK(loaded->snapshot.has_value());
    std::string header_broken = "{not json\n" + text->substr(text->find('\n') + 1);
    REQUIRE(files::writeAtomically(cache.path(), header_broken) == "");
    std::string why;
    CHECK_FALSE(cache.load(&why).has_value());
    CHECK(why == "not JSON (corrupt or truncated)");
  }
}
