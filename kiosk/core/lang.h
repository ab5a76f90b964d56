#pragma once
// The languages the kiosk speaks, and text that exists in several of them.
#include <string>
#include <string_view>

namespace kiosk {

enum class Lang { Ru, En };

std::string_view langCode(Lang lang);             // "ru", "en"
bool parseLang(std::string_view code, Lang& out);  // false for an unknown code

// A text in Russian and English. Russian is what r_keeper holds first; English may be empty.
struct LocalizedText {
  std::string ru;
  std::string en;

  // The text in `lang`, falling back to the other language when empty.
  const std::string& get(Lang lang) const {
    if (lang == Lang::En && !en.empty()) return en;
    return ru.empty() ? en : ru;
  }
  bool operator==(const LocalizedText&) const = default;
};

}  // namespace kiosk
