#include "kiosk/ui/admin_settings.h"

#include <algorithm>
#include <chrono>

#include "kiosk/ops/config_checks.h"
#include "kiosk/ops/pin.h"
#include "kiosk/ui/hours_text.h"

namespace kiosk::ui {
namespace {

constexpr const char* kScrollId = "staff.settings.form";
constexpr const char* kDot = "\xE2\x80\xA2";  // •
constexpr size_t kMaskedDots = 12;

std::string dots(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kDot;
  return out;
}

// The end of `text` that fits in `width` (what is being typed is at the end).
std::string tailThatFits(ImFont* font, const std::string& text, float width) {
  if (lineWidth(font, text) <= width) return text;
  static const std::string kEllipsis = "\xE2\x80\xA6";
  size_t start = 0;
  while (start < text.size()) {
    ++start;
    while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
    std::string candidate = kEllipsis + text.substr(start);
    if (lineWidth(font, candidate) <= width) return candidate;
  }
  return kEllipsis;
}

std::string problemLine(const ops::ConfigProblem& problem) {
  return (problem.key.empty() ? std::string() : problem.key + ": ") + problem.why;
}

}  // namespace

std::string shownFieldText(FieldKind kind, const std::string& text, bool reveal, bool editing) {
  if (kind != FieldKind::Secret || reveal || text.empty()) return text;
  return dots(editing ? text.size() : kMaskedDots);
}

void AdminSettings::open(const ops::KioskConfig& saved) {
  close();
  draft_.emplace(saved);
}

void AdminSettings::close() {
  draft_.reset();
  focused_.clear();
  reveal_token_ = false;
  save_status_ = SaveStatus::None;
  saving_pin_ = false;
  pin_.pad.clear();
  std::fill(pin_.first.begin(), pin_.first.end(), '\0');
  pin_.first.clear();
  pin_.stage = PinChange::Stage::Off;
}

void AdminSettings::focus(const std::string& key) {
  if (focused_ == key) return;
  focused_ = key;
  scroll_to_focus_ = true;
  const FieldSpec* spec = findField(key);
  keyboard_.reset(spec && (spec->kind == FieldKind::Integer || spec->kind == FieldKind::Hours));
}

void AdminSettings::postSave(const ops::KioskConfig& config, const StaffView& view, TimeMs now,
                             std::vector<StaffAction>& actions) {
  actions.emplace_back(std::in_place_type<staff::SaveSettings>, staff::SaveSettings{config});
  save_status_ = SaveStatus::Saving;
  save_posted_at_ = now;
  config_before_save_ = view.config;
  posted_ = config;
}

void AdminSettings::trackSave(const StaffView& view, TimeMs now) {
  if (save_status_ != SaveStatus::Saving) return;
  if (view.config != config_before_save_) {
    save_status_ = SaveStatus::Saved;
    // What was saved is now the runtime's config (normalised: a URL loses its trailing '/'): edit from there.
    if (draft_ && draft_->config() == posted_ && focused_.empty()) draft_.emplace(view.config);
  } else if (now - save_posted_at_ > kSaveConfirmMs) {
    save_status_ = SaveStatus::NotConfirmed;
  }
}

void AdminSettings::scrollFocusedIntoView(UiContext& ctx, float box_top, float box_bottom) {
  scroll_to_focus_ = false;
  if (!ctx.scrolls) return;
  app::KineticScroller* scroller = ctx.scrolls->find(kScrollId);
  if (!scroller) return;
  float margin = ctx.px(0.6f);
  if (box_bottom + margin > body_bottom_) {
    scroller->jumpTo(scroller->offset() + box_bottom + margin - body_bottom_);
  } else if (box_top - margin < body_top_) {
    scroller->jumpTo(scroller->offset() - (body_top_ - box_top + margin));
  }
}

void AdminSettings::field(UiContext& ctx, Flow& flow, const std::string& key, const std::string& label) {
  const FieldSpec* spec = findField(key);
  if (!spec || !draft_) return;
  const Theme& theme = ctx.theme;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  bool editing = focused_ == key;

  // The label, and the key as the documentation and the problem list name it.
  ImFont* small = theme.fonts->small;
  float key_w = std::min(lineWidth(small, key), flow.width * 0.45f);
  float label_h = drawText(draw, theme.fonts->body, ImVec2(flow.x, flow.y), flow.width - key_w - ctx.px(0.8f),
                           theme.color.text, label, Align::Left, 2);
  drawText(draw, small, ImVec2(flow.x + flow.width - key_w, flow.y + (theme.fonts->body->FontSize - small->FontSize)),
           key_w, theme.color.text_muted, key, Align::Right, 1);
  flow.y += label_h + ctx.px(0.2f);

  const std::string& value = draft_->text(key);
  std::string shown = shownFieldText(spec->kind, value, reveal_token_, editing);
  float pad = ctx.px(0.5f);
  float inner = flow.width - 2.f * pad;
  ImFont* font = theme.fonts->body;
  bool wraps = spec->kind == FieldKind::Json;
  float text_h = wraps ? std::max(font->FontSize, textHeight(font, inner, shown, editing ? 0 : 3)) : font->FontSize;
  float box_h = std::max(ctx.px(theme.touch), text_h + 2.f * ctx.px(0.55f));
  ImVec2 min(flow.x, flow.y);
  ImVec2 max(flow.x + flow.width, flow.y + box_h);
  ImGui::SetCursorScreenPos(min);
  bool held = false;
  if (tapZone(ctx, "staff.settings.field." + key, ImVec2(flow.width, box_h), true, editing, &held)) focus(key);
  std::vector<ops::ConfigProblem> problems = draft_->problemsFor(key);
  bool has_error = std::any_of(problems.begin(), problems.end(),
                               [](const ops::ConfigProblem& p) { return p.severity == ops::Severity::Error; });
  ImU32 outline = editing ? theme.color.selected_border : has_error ? theme.color.warning : theme.color.border;
  panel(ctx, min, max, held ? theme.color.surface_pressed : theme.color.surface, outline);
  if (editing) {  // a second outline: the field the keyboard types into must be obvious
    float t = std::max(1.f, ctx.px(theme.border));
    draw->AddRect(ImVec2(min.x + t, min.y + t), ImVec2(max.x - t, max.y - t), theme.color.selected_border,
                  ctx.px(theme.radius), 0, t);
  }
  float text_y = min.y + (box_h - text_h) * 0.5f;
  if (shown.empty() && !editing) {
    drawText(draw, font, ImVec2(min.x + pad, text_y), inner, theme.color.text_muted, ctx.t("staff.set.empty"),
             Align::Left, 1);
  } else if (wraps) {
    drawText(draw, font, ImVec2(min.x + pad, text_y), inner, theme.color.text, shown, Align::Left, editing ? 0 : 3);
  } else {
    float caret_room = editing ? ctx.px(0.4f) : 0.f;
    std::string line = editing ? tailThatFits(font, shown, inner - caret_room) : shown;
    drawText(draw, font, ImVec2(min.x + pad, text_y), inner, theme.color.text, line, Align::Left, 1);
    if (editing) {
      float x = min.x + pad + std::min(lineWidth(font, line), inner - caret_room) + ctx.px(0.1f);
      draw->AddLine(ImVec2(x, text_y), ImVec2(x, text_y + font->FontSize), theme.color.accent,
                    std::max(2.f, ctx.px(0.08f)));
    }
  }
  if (editing && scroll_to_focus_) scrollFocusedIntoView(ctx, min.y, max.y);
  flow.y += box_h + ctx.px(0.25f);
  for (const ops::ConfigProblem& problem : problems) {
    note(ctx, flow, problem.why, problem.severity == ops::Severity::Error ? theme.color.warning : theme.color.text_muted,
         small);
  }
  flow.y += ctx.px(0.45f);
}

void AdminSettings::hoursField(UiContext& ctx, Flow& flow, int weekday) {
  field(ctx, flow, std::string("ui.opening_hours.") + ops::weekdayKey(weekday), weekdayName(ctx, weekday));
}

bool AdminSettings::toggle(UiContext& ctx, Flow& flow, const std::string& id, const std::string& label, bool on) {
  const Theme& theme = ctx.theme;
  float h = ctx.px(theme.touch);
  float button_w = ctx.px(6.f);
  float label_w = flow.width - button_w - ctx.px(0.8f);
  float label_h = textHeight(theme.fonts->body, label_w, label, 2);
  float row_h = std::max(h, label_h);
  drawText(ImGui::GetWindowDrawList(), theme.fonts->body, ImVec2(flow.x, flow.y + (row_h - label_h) * 0.5f), label_w,
           theme.color.text, label, Align::Left, 2);
  ImGui::SetCursorScreenPos(ImVec2(flow.x + flow.width - button_w, flow.y + (row_h - h) * 0.5f));
  bool tapped = button(ctx, id, ctx.t(on ? "staff.set.on" : "staff.set.off"), ImVec2(button_w, h),
                       on ? Look::Selected : Look::Secondary, true, theme.fonts->bold);
  flow.y += row_h + ctx.px(0.5f);
  return tapped;
}

namespace {

struct Choice {
  std::string value;  // id suffix
  std::string label;
};

// Segmented buttons; returns the index tapped or -1.
int choiceRow(UiContext& ctx, Flow& flow, const std::string& id_prefix, const std::string& label,
              const std::vector<Choice>& choices, size_t selected) {
  const Theme& theme = ctx.theme;
  flow.y += drawText(ImGui::GetWindowDrawList(), theme.fonts->body, ImVec2(flow.x, flow.y), flow.width,
                     theme.color.text, label, Align::Left, 2) + ctx.px(0.2f);
  float gap = ctx.px(0.4f);
  float w = (flow.width - gap * static_cast<float>(choices.size() - 1)) / static_cast<float>(choices.size());
  float h = ctx.px(theme.touch);
  int tapped = -1;
  for (size_t i = 0; i < choices.size(); ++i) {
    ImGui::SetCursorScreenPos(ImVec2(flow.x + static_cast<float>(i) * (w + gap), flow.y));
    if (button(ctx, id_prefix + choices[i].value, choices[i].label, ImVec2(w, h),
               i == selected ? Look::Selected : Look::Secondary)) {
      tapped = static_cast<int>(i);
    }
  }
  flow.y += h + ctx.px(0.7f);
  return tapped;
}

}  // namespace

void AdminSettings::form(UiContext& ctx, const StaffView& view, Flow& flow) {
  const Theme& theme = ctx.theme;
  SettingsDraft& draft = *draft_;

  if (!draft.problems().empty()) {
    heading(ctx, flow, ctx.t("staff.set.problems"));
    for (const ops::ConfigProblem& problem : draft.problems()) {
      note(ctx, flow, problemLine(problem),
           problem.severity == ops::Severity::Error ? theme.color.warning : theme.color.text_muted);
    }
  }

  heading(ctx, flow, ctx.t("staff.set.procart"));
  field(ctx, flow, "procart.url", ctx.t("staff.set.procart_url"));
  field(ctx, flow, "procart.token", ctx.t("staff.set.procart_token"));
  if (!draft.text("procart.token").empty() &&
      flowButton(ctx, flow, "staff.settings.show_token", ctx.t(reveal_token_ ? "staff.set.hide" : "staff.set.show"),
                 true, Look::Secondary, 0.4f)) {
    reveal_token_ = !reveal_token_;
  }
  {
    ops::ProcartSettings& procart = draft.edit().procart;
    std::vector<Choice> choices = {{"query_body", ctx.t("staff.set.token_query")},
                                   {"bearer", ctx.t("staff.set.token_bearer")},
                                   {"header", ctx.t("staff.set.token_header")}};
    size_t selected = static_cast<size_t>(procart.token_location);
    int tapped = choiceRow(ctx, flow, "staff.settings.token_location.", ctx.t("staff.set.token_location"), choices,
                           selected);
    if (tapped >= 0) {
      procart.token_location = static_cast<ops::TokenLocation>(tapped);
      draft.revalidate();
    }
    if (procart.token_location == ops::TokenLocation::Header) {
      field(ctx, flow, "procart.token_header", ctx.t("staff.set.token_header_name"));
    }
  }

  heading(ctx, flow, ctx.t("staff.set.callback"));
  field(ctx, flow, "callback.listen_address", ctx.t("staff.set.listen_address"));
  field(ctx, flow, "callback.listen_port", ctx.t("staff.set.listen_port"));
  field(ctx, flow, "callback.public_url", ctx.t("staff.set.public_url"));

  heading(ctx, flow, ctx.t("staff.set.orders"));
  field(ctx, flow, "order.currency_id", ctx.t("staff.set.currency_id"));
  field(ctx, flow, "order.eat_in_category_id", ctx.t("staff.set.eat_in_category"));
  field(ctx, flow, "order.take_away_category_id", ctx.t("staff.set.take_away_category"));
  field(ctx, flow, "order.table_code", ctx.t("staff.set.table_code"));
  field(ctx, flow, "order.short_comment_template", ctx.t("staff.set.short_comment"));
  {
    const std::string& templ = draft.config().order.short_comment_template;
    std::string sample = expandShortComment(templ, "123456");
    size_t length = ops::checks::expandedShortCommentLength(templ);
    note(ctx, flow,
         ctx.t("staff.set.comment_preview", {{"text", sample},
                                             {"n", std::to_string(length)},
                                             {"max", std::to_string(ops::checks::kShortCommentMaxChars)}}),
         length > static_cast<size_t>(ops::checks::kShortCommentMaxChars) ? theme.color.warning : 0,
         theme.fonts->small);
  }

  heading(ctx, flow, ctx.t("staff.set.terminal"));
  {
    ops::TerminalSettings& terminal = draft.edit().terminal;
    std::vector<Choice> choices = {{"none", ctx.t("staff.set.driver_none")},
                                   {"sim", "sim"},
                                   {"vtk", "VTK"},
                                   {"sbpilot", "sb_pilot"}};
    int tapped = choiceRow(ctx, flow, "staff.settings.driver.", ctx.t("staff.set.driver"), choices,
                           static_cast<size_t>(terminal.driver));
    if (tapped >= 0) {
      terminal.driver = static_cast<ops::TerminalDriver>(tapped);
      draft.revalidate();
    }
  }
  field(ctx, flow, "terminal.params", ctx.t("staff.set.terminal_params"));

  heading(ctx, flow, ctx.t("staff.set.screen"));
  {
    ops::UiSettings& ui = draft.edit().ui;
    auto offered = [&](Lang lang) { return std::find(ui.languages.begin(), ui.languages.end(), lang) != ui.languages.end(); };
    for (Lang lang : {Lang::Ru, Lang::En}) {
      std::string code(langCode(lang));
      if (toggle(ctx, flow, "staff.settings.lang." + code, ctx.t(lang == Lang::En ? "staff.set.offer_en" : "staff.set.offer_ru"), offered(lang))) {
        std::vector<Lang> next;
        for (Lang l : {Lang::Ru, Lang::En}) {
          if (l == lang ? !offered(l) : offered(l)) next.push_back(l);  // button order stays Russian, English
        }
        ui.languages = next;
        draft.revalidate();
      }
    }
    std::vector<Choice> choices = {{"ru", "Русский"}, {"en", "English"}};
    int tapped = choiceRow(ctx, flow, "staff.settings.default_language.", ctx.t("staff.set.default_language"),
                           choices, ui.default_language == Lang::En ? 1 : 0);
    if (tapped >= 0) {
      ui.default_language = tapped == 1 ? Lang::En : Lang::Ru;
      draft.revalidate();
    }
  }
  field(ctx, flow, "ui.place_name.ru", ctx.t("staff.set.place_ru"));
  field(ctx, flow, "ui.place_name.en", ctx.t("staff.set.place_en"));
  field(ctx, flow, "ui.idle_prompt_s", ctx.t("staff.set.idle_prompt"));
  field(ctx, flow, "ui.idle_reset_s", ctx.t("staff.set.idle_reset"));
  field(ctx, flow, "ui.done_reset_s", ctx.t("staff.set.done_reset"));
  if (toggle(ctx, flow, "staff.settings.upsell", ctx.t("staff.set.upsell"), draft.config().ui.upsell_enabled)) {
    draft.edit().ui.upsell_enabled = !draft.config().ui.upsell_enabled;
    draft.revalidate();
  }
  if (toggle(ctx, flow, "staff.settings.accessibility_default", ctx.t("staff.set.accessibility_default"),
             draft.config().ui.accessibility_default)) {
    draft.edit().ui.accessibility_default = !draft.config().ui.accessibility_default;
    draft.revalidate();
  }

  heading(ctx, flow, ctx.t("staff.set.hours"));
  note(ctx, flow, ctx.t("staff.set.hours_hint"));
  for (int day = 0; day < 7; ++day) hoursField(ctx, flow, day);

  heading(ctx, flow, ctx.t("staff.set.pins"));
  note(ctx, flow, ctx.t("staff.set.pins_hint"));
  const ops::PinHashes& pins = view.config.pins;
  infoRow(ctx, flow, ctx.t("staff.role.staff"), ctx.t(pins.staff.empty() ? "staff.set.pin_unset" : "staff.set.pin_set"));
  if (flowButton(ctx, flow, "staff.settings.pin.staff", ctx.t("staff.set.change_staff_pin"), true, Look::Secondary,
                 0.7f)) {
    startPinChange(ops::StaffRole::Staff);
  }
  infoRow(ctx, flow, ctx.t("staff.role.admin"), ctx.t(pins.admin.empty() ? "staff.set.pin_unset" : "staff.set.pin_set"));
  if (flowButton(ctx, flow, "staff.settings.pin.admin", ctx.t("staff.set.change_admin_pin"), true, Look::Secondary,
                 0.7f)) {
    startPinChange(ops::StaffRole::Admin);
  }
}

void AdminSettings::saveBar(UiContext& ctx, const StaffView& view, ImVec2 min, float width,
                            std::vector<StaffAction>& actions) {
  const Theme& theme = ctx.theme;
  SettingsDraft& draft = *draft_;
  bool changed = draft.config() != view.config;
  float h = ctx.px(theme.touch * 1.1f);
  float gap = ctx.px(0.6f);
  float save_w = width * 0.34f;
  float undo_w = width * 0.26f;
  ImGui::SetCursorScreenPos(min);
  bool can_save = changed && !draft.hasErrors() && save_status_ != SaveStatus::Saving;
  if (button(ctx, "staff.settings.save", ctx.t("staff.set.save"), ImVec2(save_w, h), Look::Primary, can_save)) {
    focused_.clear();
    saving_pin_ = false;
    postSave(draft.config(), view, ctx.facts.now, actions);
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x + save_w + gap, min.y));
  if (button(ctx, "staff.settings.undo", ctx.t("staff.set.undo"), ImVec2(undo_w, h), Look::Secondary, changed)) {
    focused_.clear();
    draft_.emplace(view.config);
  }
  std::string status;
  ImU32 color = theme.color.text_muted;
  if (save_status_ == SaveStatus::Saving) {
    status = ctx.t("staff.set.saving");
  } else if (changed && draft.hasErrors()) {
    status = ctx.t("staff.set.fix_to_save");
    color = theme.color.warning;
  } else if (changed) {
    status = ctx.t("staff.set.unsaved");
  } else if (save_status_ == SaveStatus::Saved) {
    status = ctx.t(saving_pin_ ? "staff.set.pin_saved" : "staff.set.saved");
    color = theme.color.accent;
  } else if (save_status_ == SaveStatus::NotConfirmed) {
    status = ctx.t("staff.set.not_confirmed");
    color = theme.color.warning;
  }
  float status_x = min.x + save_w + undo_w + gap * 2.f;
  float status_w = min.x + width - status_x;
  ImFont* font = theme.fonts->small;
  float status_h = textHeight(font, status_w, status, 3);
  drawText(ImGui::GetWindowDrawList(), font, ImVec2(status_x, min.y + (h - status_h) * 0.5f), status_w, color, status,
           Align::Left, 3);
}

void AdminSettings::draw(UiContext& ctx, const StaffView& view, ImVec2 min, ImVec2 max,
                         std::vector<StaffAction>& actions) {
  if (!draft_) open(view.config);
  trackSave(view, ctx.facts.now);
  const Theme& theme = ctx.theme;
  float pad = ctx.px(0.8f);
  float width = max.x - min.x;

  float bar_h = ctx.px(theme.touch * 1.1f) + 2.f * ctx.px(0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, ImVec2(max.x, min.y + bar_h), theme.color.rail);
  saveBar(ctx, view, ImVec2(min.x + pad, min.y + ctx.px(0.5f)), width - 2.f * pad, actions);

  float keyboard_h = focused_.empty() ? 0.f : keyboard_.height(ctx, width);
  body_top_ = min.y + bar_h;
  body_bottom_ = max.y - keyboard_h;
  ImGui::SetCursorScreenPos(ImVec2(min.x, body_top_));
  beginScroll(ctx, kScrollId, ImVec2(width, body_bottom_ - body_top_));
  Flow flow = beginFlow(pad, width);
  form(ctx, view, flow);
  endFlow(flow, pad);
  endScroll(ctx);

  if (!focused_.empty()) {
    std::string text = draft_->text(focused_);
    std::string before = text;
    bool done = keyboard_.draw(ctx, ImVec2(min.x, body_bottom_), width, text);
    if (text != before) draft_->setText(focused_, std::move(text));
    if (done) focused_.clear();
  }
}

void AdminSettings::startPinChange(ops::StaffRole role) {
  focused_.clear();
  pin_.stage = PinChange::Stage::First;
  pin_.role = role;
  pin_.pad.clear();
  pin_.first.clear();
  pin_.message_key = "staff.pin.rule";
  pin_.message_is_problem = false;
}

void AdminSettings::drawPinChange(UiContext& ctx, const StaffView& view, std::vector<StaffAction>& actions) {
  PinChange& p = pin_;
  if (p.stage == PinChange::Stage::Hashing && p.hash.valid() &&
      p.hash.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    std::string hash = p.hash.get();
    if (hash.empty()) {
      p.stage = PinChange::Stage::First;
      p.message_key = "staff.pin.hash_failed";
      p.message_is_problem = true;
    } else {
      ops::KioskConfig config = view.config;
      (p.role == ops::StaffRole::Admin ? config.pins.admin : config.pins.staff) = hash;
      if (draft_) (p.role == ops::StaffRole::Admin ? draft_->edit().pins.admin : draft_->edit().pins.staff) = hash;
      postSave(config, view, ctx.facts.now, actions);
      saving_pin_ = true;
      p.stage = PinChange::Stage::Off;
      return;
    }
  }

  PinPadLook look;
  bool second = p.stage == PinChange::Stage::Second;
  look.title = ctx.t(second ? "staff.pin.repeat"
                            : (p.role == ops::StaffRole::Admin ? "staff.pin.new_admin" : "staff.pin.new_staff"));
  look.busy = p.stage == PinChange::Stage::Hashing;
  look.enabled = !look.busy;
  look.message = ctx.t(look.busy ? "staff.pin.saving" : p.message_key);
  look.message_is_problem = p.message_is_problem;
  PinPad::Result result = p.pad.draw(ctx, look);
  if (result == PinPad::Result::Cancel && !look.busy) {
    p.pad.clear();
    std::fill(p.first.begin(), p.first.end(), '\0');
    p.first.clear();
    p.stage = PinChange::Stage::Off;
    return;
  }
  if (result != PinPad::Result::Ok) return;
  std::string typed = p.pad.digits();
  p.pad.clear();
  if (p.stage == PinChange::Stage::First) {
    if (!ops::checkNewPin(typed).empty()) {
      p.message_key = "staff.pin.too_simple";
      p.message_is_problem = true;
      return;
    }
    p.first = std::move(typed);
    p.stage = PinChange::Stage::Second;
    p.message_key = "staff.pin.repeat_hint";
    p.message_is_problem = false;
  } else if (p.stage == PinChange::Stage::Second) {
    bool same = typed == p.first;
    std::fill(p.first.begin(), p.first.end(), '\0');
    p.first.clear();
    if (!same) {
      p.stage = PinChange::Stage::First;
      p.message_key = "staff.pin.mismatch";
      p.message_is_problem = true;
      return;
    }
    p.stage = PinChange::Stage::Hashing;
    p.hash = std::async(std::launch::async, [pin = std::move(typed)]() mutable {
      std::string hash = ops::hashPin(pin);
      std::fill(pin.begin(), pin.end(), '\0');
      return hash;
    });
  }
  std::fill(typed.begin(), typed.end(), '\0');
}

}  // namespace kiosk::ui
