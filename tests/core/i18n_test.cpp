#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "kiosk/core/i18n.h"
#include "kiosk/core/message_keys.h"
#include "kiosk/core/upsell.h"

using namespace kiosk;

TEST_CASE("Russian plural forms follow the CLDR rules") {
  auto form = [](long long n) { return pluralForm(Lang::Ru, n); };
  for (long long n : {1, 21, 31, 101, 1001}) CHECK(form(n) == PluralForm::One);
  for (long long n : {2, 3, 4, 22, 24, 102, 1003}) CHECK(form(n) == PluralForm::Few);
  for (long long n : {0, 5, 10, 11, 12, 14, 19, 20, 25, 111, 112, 114}) CHECK(form(n) == PluralForm::Many);
  CHECK(form(-1) == PluralForm::One);
  CHECK(form(-3) == PluralForm::Few);
}

TEST_CASE("English plural forms are one and other") {
  CHECK(pluralForm(Lang::En, 1) == PluralForm::One);
  for (long long n : {0, 2, 11, 21, 101}) CHECK(pluralForm(Lang::En, n) == PluralForm::Other);
}

TEST_CASE("Strings look up by key with fallback to Russian, then the key") {
  Strings s;
  REQUIRE(s.load(Lang::Ru, R"({"cart.title": "Корзина", "only.ru": "Только по-русски"})").empty());
  REQUIRE(s.load(Lang::En, R"({"cart.title": "Cart"})").empty());
  CHECK(s.text(Lang::En, "cart.title") == "Cart");
  CHECK(s.text(Lang::Ru, "cart.title") == "Корзина");
  CHECK(s.text(Lang::En, "only.ru") == "Только по-русски");
  CHECK(s.text(Lang::En, "missing.key") == "missing.key");
  CHECK(s.has(Lang::Ru, "only.ru"));
  CHECK_FALSE(s.has(Lang::En, "only.ru"));
  CHECK(s.keys(Lang::Ru) == std::vector<std::string>{"cart.title", "only.ru"});

  REQUIRE(s.load(Lang::En, R"({"only.ru": "Now in English"})").empty());  // adds, replaces, keeps the rest
  CHECK(s.text(Lang::En, "only.ru") == "Now in English");
  CHECK(s.text(Lang::En, "cart.title") == "Cart");
}

TEST_CASE("Strings fill {placeholders}") {
  Strings s;
  REQUIRE(s.load(Lang::En, R"({"pay": "Pay {amount} for {n} items, {amount}!"})").empty());
  CHECK(s.format(Lang::En, "pay", {{"amount", "₽389.00"}, {"n", "3"}}) == "Pay ₽389.00 for 3 items, ₽389.00!");
  CHECK(s.format(Lang::En, "pay", {}) == "Pay {amount} for {n} items, {amount}!");
  CHECK(s.format(Lang::En, "nope", {{"amount", "1"}}) == "nope");
}

TEST_CASE("Strings pick plural variants and put n in") {
  Strings s;
  REQUIRE(s.load(Lang::Ru, R"({"items": {"one": "{n} товар", "few": "{n} товара", "many": "{n} товаров"},
                               "left": {"one": "остался {n}", "other": "осталось {n}"}})")
              .empty());
  REQUIRE(s.load(Lang::En, R"({"items": {"one": "{n} item", "other": "{n} items"}})").empty());
  CHECK(s.plural(Lang::Ru, "items", 1) == "1 товар");
  CHECK(s.plural(Lang::Ru, "items", 3) == "3 товара");
  CHECK(s.plural(Lang::Ru, "items", 11) == "11 товаров");
  CHECK(s.plural(Lang::Ru, "items", 21) == "21 товар");
  CHECK(s.plural(Lang::En, "items", 1) == "1 item");
  CHECK(s.plural(Lang::En, "items", 0) == "0 items");
  CHECK(s.plural(Lang::Ru, "left", 5) == "осталось 5");  // no "many": falls back to "other"
  CHECK(s.plural(Lang::En, "left", 2) == "осталось 2");  // no English: Russian, by the Russian rule
  CHECK(s.plural(Lang::En, "absent", 2) == "absent");
  CHECK(s.text(Lang::En, "items") == "{n} items");
}

TEST_CASE("Strings refuse a bad table with a clear error and change nothing") {
  Strings s;
  REQUIRE(s.load(Lang::Ru, R"({"a": "А"})").empty());
  CHECK_FALSE(s.load(Lang::Ru, "{not json").empty());
  CHECK_FALSE(s.load(Lang::Ru, R"(["a", "b"])").empty());
  std::string error = s.load(Lang::Ru, R"({"b": "Б", "a": 5})");
  CHECK(error.find("\"a\"") != std::string::npos);
  CHECK_FALSE(s.load(Lang::Ru, R"({"c": {"several": "x"}})").empty());
  CHECK_FALSE(s.load(Lang::Ru, R"({"c": {"one": 1}})").empty());
  CHECK_FALSE(s.load(Lang::Ru, R"({"c": {}})").empty());
  CHECK_FALSE(s.load(Lang::Ru, "").empty());
  CHECK(s.keys(Lang::Ru) == std::vector<std::string>{"a"});
  CHECK(s.text(Lang::Ru, "a") == "А");
}

TEST_CASE("Every message key the core emits is listed once and looks like area.name") {
  std::set<std::string_view> seen;
  for (std::string_view key : msg::kAllMessageKeys) {
    INFO(key);
    CHECK(seen.insert(key).second);
    auto dot = key.find('.');
    CHECK(dot != std::string_view::npos);
    CHECK(dot > 0);
    CHECK(dot + 1 < key.size());
    CHECK(std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_' || c == '.'; }));
  }
  CHECK(seen.count(CategoryUpsellRule{}.message_key) == 1);
}
