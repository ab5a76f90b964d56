#include "kiosk/core/lang.h"

namespace kiosk {

std::string_view langCode(Lang lang) { return lang == Lang::En ? "en" : "ru"; }

bool parseLang(std::string_view code, Lang& out) {
  if (code == "ru") { out = Lang::Ru; return true; }
  if (code == "en") { out = Lang::En; return true; }
  return false;
}

}  // namespace kiosk
