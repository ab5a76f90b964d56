#include "kiosk/core/i18n.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

size_t tableIndex(Lang lang) { return lang == Lang::En ? 1 : 0; }

bool parseForm(const std::string& name, PluralForm& out) {
  if (name == "one") { out = PluralForm::One; return true; }
  if (name == "few") { out = PluralForm::Few; return true; }
  if (name == "many") { out = PluralForm::Many; return true; }
  if (name == "other") { out = PluralForm::Other; return true; }
  return false;
}

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// The form to use when the wanted one is missing: "other" is the general form, "many" the Russian one.
const std::string* pickForm(const std::map<PluralForm, std::string>& forms, PluralForm wanted) {
  for (PluralForm form : {wanted, PluralForm::Other, PluralForm::Many, PluralForm::One, PluralForm::Few}) {
    auto it = forms.find(form);
    if (it != forms.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace

PluralForm pluralForm(Lang lang, long long n) {
  unsigned long long abs = n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  if (lang == Lang::En) return abs == 1 ? PluralForm::One : PluralForm::Other;
  unsigned long long last = abs % 10, last_two = abs % 100;
  if (last == 1 && last_two != 11) return PluralForm::One;
  if (last >= 2 && last <= 4 && (last_two < 12 || last_two > 14)) return PluralForm::Few;
  return PluralForm::Many;
}

std::string Strings::load(Lang lang, std::string_view json_text) {
  nlohmann::json root = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (root.is_discarded()) return "not valid JSON";
  if (!root.is_object()) return "the table must be a JSON object of \"key\": \"text\"";
  // Parsed whole into a new table first: a bad file changes nothing.
  std::map<std::string, std::map<PluralForm, std::string>, std::less<>> parsed;
  for (const auto& [key, value] : root.items()) {
    if (value.is_string()) {
      parsed[key][PluralForm::Other] = value.get<std::string>();
    } else if (value.is_object() && !value.empty()) {
      for (const auto& [form_name, text] : value.items()) {
        PluralForm form;
        if (!parseForm(form_name, form)) return "key \"" + key + "\": unknown plural form \"" + form_name + "\"";
        if (!text.is_string()) return "key \"" + key + "\": plural form \"" + form_name + "\" is not a string";
        parsed[key][form] = text.get<std::string>();
      }
    } else {
      return "key \"" + key + "\": expected a string or an object of plural forms";
    }
  }
  auto& table = tables_[tableIndex(lang)];
  for (auto& [key, forms] : parsed) table[key] = std::move(forms);
  return {};
}

std::string Strings::text(Lang lang, std::string_view key) const {
  for (Lang source : {lang, Lang::Ru}) {
    const auto& table = tables_[tableIndex(source)];
    auto it = table.find(key);
    if (it == table.end()) continue;
    if (const std::string* text = pickForm(it->second, PluralForm::Other)) return *text;
  }
  return std::string(key);
}

std::string Strings::format(Lang lang, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string out = text(lang, key);
  for (const auto& [name, value] : args) replaceAll(out, "{" + name + "}", value);
  return out;
}

std::string Strings::plural(Lang lang, std::string_view key, long long n) const {
  std::string out(key);
  for (Lang source : {lang, Lang::Ru}) {
    const auto& table = tables_[tableIndex(source)];
    auto it = table.find(key);
    if (it == table.end()) continue;
    if (const std::string* text = pickForm(it->second, pluralForm(source, n))) {
      out = *text;
      break;
    }
  }
  replaceAll(out, "{n}", std::to_string(n));
  return out;
}

bool Strings::has(Lang lang, std::string_view key) const {
  const auto& table = tables_[tableIndex(lang)];
  return table.find(key) != table.end();
}

std::vector<std::string> Strings::keys(Lang lang) const {
  std::vector<std::string> out;
  for (const auto& [key, forms] : tables_[tableIndex(lang)]) out.push_back(key);
  return out;
}

}  // namespace kiosk
