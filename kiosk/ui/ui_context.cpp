#include "kiosk/ui/ui_context.h"

namespace kiosk::ui {

std::string UiContext::t(std::string_view key) const {
  if (widgets) widgets->noteText(key);
  return strings ? strings->text(lang, key) : std::string(key);
}

std::string UiContext::t(std::string_view key, const std::vector<std::pair<std::string, std::string>>& args) const {
  if (widgets) widgets->noteText(key);
  return strings ? strings->format(lang, key, args) : std::string(key);
}

std::string UiContext::plural(std::string_view key, long long n) const {
  if (widgets) widgets->noteText(key);
  return strings ? strings->plural(lang, key, n) : std::string(key);
}

}  // namespace kiosk::ui
