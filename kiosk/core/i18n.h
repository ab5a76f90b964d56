#pragma once
// String tables (assets/i18n/<lang>.json, flat "key": "text" objects, loaded by the app) and lookup with
// fallback to Russian, {name} placeholders, and plural forms.
//
// Plurals: a key may hold an object {"one": …, "few": …, "many": …, "other": …}; Russian picks by the CLDR
// rules (1, 21 → one; 2–4, 22–24 → few; 0, 5–20, 25… → many), English by one/other.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk {

enum class PluralForm { One, Few, Many, Other };
PluralForm pluralForm(Lang lang, long long n);

class Strings {
 public:
  // Parses one language's table from JSON text; returns an error description (empty on success).
  // Keys already loaded for that language are replaced.
  std::string load(Lang lang, std::string_view json_text);

  // The text for `key` in `lang`, else in Russian, else the key itself (so a missing string is visible, not blank).
  std::string text(Lang lang, std::string_view key) const;
  // text() with {name} placeholders replaced.
  std::string format(Lang lang, std::string_view key, const std::vector<std::pair<std::string, std::string>>& args) const;
  // The plural variant for n; "{n}" in it becomes n.
  std::string plural(Lang lang, std::string_view key, long long n) const;

  bool has(Lang lang, std::string_view key) const;
  std::vector<std::string> keys(Lang lang) const;

 private:
  // key → (form → text); plain strings are stored under PluralForm::Other.
  std::map<std::string, std::map<PluralForm, std::string>, std::less<>> tables_[2];
};

}  // namespace kiosk
