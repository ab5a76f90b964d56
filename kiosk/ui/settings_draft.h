#pragma once
// The admin settings form's model: a copy of the kiosk's config being edited, the text of every typed field as the
// admin typed it, and the problems of the draft (a field that does not parse, then ops::validateConfig). Pure (no
// ImGui), so the form's rules are tested alone. Toggles and choices edit config() directly, then revalidate().
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ops/config.h"

namespace kiosk::ui {

enum class FieldKind {
  Text,     // a string setting
  Secret,   // a string setting shown masked (the ProCart token)
  Integer,  // whole number
  Json,     // a JSON object (terminal.params)
  Hours,    // "09:00-22:00" or "closed" (ui.opening_hours.<day>)
};

struct FieldSpec {
  std::string key;  // the config key ("procart.url"); "procart.token_header" is the header name of token_location
  FieldKind kind = FieldKind::Text;
};

// Every typed field of the form, in form order.
const std::vector<FieldSpec>& settingsFields();
const FieldSpec* findField(std::string_view key);

class SettingsDraft {
 public:
  explicit SettingsDraft(ops::KioskConfig config);

  const ops::KioskConfig& config() const { return config_; }
  ops::KioskConfig& edit() { return config_; }  // toggles and choices; call revalidate() after

  // The text of a typed field as shown and edited ("" for an unknown key).
  const std::string& text(std::string_view key) const;
  // Sets a typed field: the text is kept as typed; when it parses, the config takes the value. Revalidates.
  void setText(std::string_view key, std::string text);

  void revalidate();
  // Every problem: fields that do not parse ("callback.listen_port: not a whole number"), then validateConfig's.
  const std::vector<ops::ConfigProblem>& problems() const { return problems_; }
  // The problems that belong to one field (its key, its list items "key[1]…", its sub-keys "key.x").
  std::vector<ops::ConfigProblem> problemsFor(std::string_view key) const;
  bool hasErrors() const;

 private:
  std::string apply(const FieldSpec& field, const std::string& text);  // "" or why it does not parse

  ops::KioskConfig config_;
  std::map<std::string, std::string, std::less<>> texts_;
  std::map<std::string, std::string, std::less<>> parse_problems_;
  std::vector<ops::ConfigProblem> problems_;
};

// "order.short_comment_template" preview: the template with {number} expanded to a sample number.
std::string expandShortComment(std::string_view templ, std::string_view number);

}  // namespace kiosk::ui
