#include "kiosk/ui/settings_draft.h"

#include <charconv>
#include <optional>

#include "kiosk/ops/opening_hours.h"

namespace kiosk::ui {
namespace {

std::string* textMember(ops::KioskConfig& c, std::string_view key) {
  if (key == "procart.url") return &c.procart.url;
  if (key == "procart.token") return &c.procart.token;
  if (key == "procart.token_header") return &c.procart.token_header;
  if (key == "callback.listen_address") return &c.callback.listen_address;
  if (key == "callback.public_url") return &c.callback.public_url;
  if (key == "order.eat_in_category_id") return &c.order.eat_in_category_id;
  if (key == "order.take_away_category_id") return &c.order.take_away_category_id;
  if (key == "order.table_code") return &c.order.table_code;
  if (key == "order.currency_id") return &c.order.currency_id;
  if (key == "order.short_comment_template") return &c.order.short_comment_template;
  if (key == "ui.place_name.ru") return &c.ui.place_name.ru;
  if (key == "ui.place_name.en") return &c.ui.place_name.en;
  return nullptr;
}

int* intMember(ops::KioskConfig& c, std::string_view key) {
  if (key == "callback.listen_port") return &c.callback.listen_port;
  if (key == "ui.idle_prompt_s") return &c.ui.idle_prompt_s;
  if (key == "ui.idle_reset_s") return &c.ui.idle_reset_s;
  if (key == "ui.done_reset_s") return &c.ui.done_reset_s;
  return nullptr;
}

constexpr std::string_view kHoursPrefix = "ui.opening_hours.";

int dayOf(std::string_view key) {
  if (key.substr(0, kHoursPrefix.size()) != kHoursPrefix) return -1;
  std::string_view day = key.substr(kHoursPrefix.size());
  for (int d = 0; d < 7; ++d) {
    if (day == ops::weekdayKey(d)) return d;
  }
  return -1;
}

std::vector<FieldSpec> makeFields() {
  std::vector<FieldSpec> fields = {
      {"procart.url", FieldKind::Text},
      {"procart.token", FieldKind::Secret},
      {"procart.token_header", FieldKind::Text},
      {"callback.listen_address", FieldKind::Text},
      {"callback.listen_port", FieldKind::Integer},
      {"callback.public_url", FieldKind::Text},
      {"order.eat_in_category_id", FieldKind::Text},
      {"order.take_away_category_id", FieldKind::Text},
      {"order.table_code", FieldKind::Text},
      {"order.currency_id", FieldKind::Text},
      {"order.short_comment_template", FieldKind::Text},
      {"terminal.params", FieldKind::Json},
      {"ui.place_name.ru", FieldKind::Text},
      {"ui.place_name.en", FieldKind::Text},
      {"ui.idle_prompt_s", FieldKind::Integer},
      {"ui.idle_reset_s", FieldKind::Integer},
      {"ui.done_reset_s", FieldKind::Integer},
  };
  for (int d = 0; d < 7; ++d) fields.push_back({std::string(kHoursPrefix) + ops::weekdayKey(d), FieldKind::Hours});
  return fields;
}

std::string initialText(ops::KioskConfig& c, const FieldSpec& field) {
  switch (field.kind) {
    case FieldKind::Text:
    case FieldKind::Secret:
      if (std::string* s = textMember(c, field.key)) return *s;
      return {};
    case FieldKind::Integer:
      if (int* n = intMember(c, field.key)) return std::to_string(*n);
      return {};
    case FieldKind::Json:
      return c.terminal.params.dump();
    case FieldKind::Hours: {
      int day = dayOf(field.key);
      return day < 0 ? std::string() : ops::formatDayHours(c.ui.opening_hours.days[static_cast<size_t>(day)]);
    }
  }
  return {};
}

bool belongsTo(std::string_view problem_key, std::string_view field_key) {
  if (problem_key == field_key) return true;
  if (problem_key.size() > field_key.size() && problem_key.substr(0, field_key.size()) == field_key) {
    char next = problem_key[field_key.size()];
    return next == '[' || next == '.';
  }
  return false;
}

}  // namespace

const std::vector<FieldSpec>& settingsFields() {
  static const std::vector<FieldSpec> fields = makeFields();
  return fields;
}

const FieldSpec* findField(std::string_view key) {
  for (const FieldSpec& field : settingsFields()) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

SettingsDraft::SettingsDraft(ops::KioskConfig config) : config_(std::move(config)) {
  for (const FieldSpec& field : settingsFields()) texts_[field.key] = initialText(config_, field);
  revalidate();
}

const std::string& SettingsDraft::text(std::string_view key) const {
  static const std::string kNone;
  auto it = texts_.find(key);
  return it == texts_.end() ? kNone : it->second;
}

std::string SettingsDraft::apply(const FieldSpec& field, const std::string& text) {
  switch (field.kind) {
    case FieldKind::Text:
    case FieldKind::Secret:
      if (std::string* s = textMember(config_, field.key)) *s = text;
      return {};
    case FieldKind::Integer: {
      int value = 0;
      const char* end = text.data() + text.size();
      auto [ptr, ec] = std::from_chars(text.data(), end, value);
      if (text.empty() || ec != std::errc() || ptr != end) return "not a whole number";
      if (int* n = intMember(config_, field.key)) *n = value;
      return {};
    }
    case FieldKind::Json: {
      nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
      if (parsed.is_discarded()) return "not valid JSON";
      if (!parsed.is_object()) return "must be a JSON object {…}";
      config_.terminal.params = std::move(parsed);
      return {};
    }
    case FieldKind::Hours: {
      std::string why;
      std::optional<ops::DayHours> hours = ops::parseDayHours(text, why);
      if (!hours) return why.empty() ? "write HH:MM-HH:MM or closed" : why;
      int day = dayOf(field.key);
      if (day >= 0) config_.ui.opening_hours.days[static_cast<size_t>(day)] = *hours;
      return {};
    }
  }
  return {};
}

void SettingsDraft::setText(std::string_view key, std::string text) {
  const FieldSpec* field = findField(key);
  if (!field) return;
  std::string why = apply(*field, text);
  if (why.empty()) {
    parse_problems_.erase(field->key);
  } else {
    parse_problems_[field->key] = why;
  }
  texts_[field->key] = std::move(text);
  revalidate();
}

void SettingsDraft::revalidate() {
  problems_.clear();
  for (const auto& [key, why] : parse_problems_) problems_.push_back({key, why, ops::Severity::Error, ""});
  for (ops::ConfigProblem& problem : ops::validateConfig(config_)) problems_.push_back(std::move(problem));
}

std::vector<ops::ConfigProblem> SettingsDraft::problemsFor(std::string_view key) const {
  std::vector<ops::ConfigProblem> out;
  // The header name is typed in a field of its own; its problems are the token location's.
  std::string_view own = key == "procart.token_header" ? std::string_view("procart.token_location") : key;
  for (const ops::ConfigProblem& problem : problems_) {
    if (belongsTo(problem.key, key) || belongsTo(problem.key, own)) out.push_back(problem);
  }
  return out;
}

bool SettingsDraft::hasErrors() const {
  for (const ops::ConfigProblem& problem : problems_) {
    if (problem.severity == ops::Severity::Error) return true;
  }
  return false;
}

std::string expandShortComment(std::string_view templ, std::string_view number) {
  std::string out(templ);
  constexpr std::string_view kPlaceholder = "{number}";
  size_t at = 0;
  while ((at = out.find(kPlaceholder, at)) != std::string::npos) {
    out.replace(at, kPlaceholder.size(), number);
    at += number.size();
  }
  return out;
}

}  // namespace kiosk::ui
