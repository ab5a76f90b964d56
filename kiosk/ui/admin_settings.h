#pragma once
// The admin settings page of the staff screen: a form over a copy of the kiosk's config (SettingsDraft), typed on
// the on-screen keyboard, checked with ops::validateConfig as it is typed ("key: why" beside each field and in a
// list on top), saved with staff::SaveSettings. New PINs are typed twice on the PIN keypad, hashed on a worker
// (ops::hashPin: PBKDF2 takes tens of milliseconds) and saved as hashes only.
//
// Widgets: "staff.settings.save", "staff.settings.undo", "staff.settings.field.<key>" (typed fields),
// "staff.settings.show_token", "staff.settings.token_location.<query_body|bearer|header>",
// "staff.settings.driver.<none|sim|vtk|sbpilot>", "staff.settings.lang.<ru|en>",
// "staff.settings.default_language.<ru|en>", "staff.settings.upsell", "staff.settings.accessibility_default",
// "staff.settings.pin.<staff|admin>", and the keyboard's "osk.*".
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/runtime/staff_api.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/pin_pad.h"
#include "kiosk/ui/settings_draft.h"
#include "kiosk/ui/staff_rows.h"

namespace kiosk::ui {

// How a typed field's value is shown: secrets as dots unless revealed (a fixed number while not being edited, so
// a glance does not even give the length).
std::string shownFieldText(FieldKind kind, const std::string& text, bool reveal, bool editing);

class AdminSettings {
 public:
  static constexpr TimeMs kSaveConfirmMs = 10'000;  // no change in the view by then: "not confirmed"

  // A fresh draft of `saved` (the config the runtime holds).
  void open(const ops::KioskConfig& saved);
  // Forgets the draft, the typed PINs and the focus.
  void close();
  // Closes the keyboard; the draft stays (staff may look at another page and come back to their edits).
  void unfocus() { focused_.clear(); }
  bool isOpen() const { return draft_.has_value(); }

  // The form in [min, max].
  void draw(UiContext& ctx, const StaffView& view, ImVec2 min, ImVec2 max, std::vector<StaffAction>& actions);
  // A new PIN is being typed: the keypad takes the whole screen (drawPinChange instead of draw).
  bool pinChangeOpen() const { return pin_.stage != PinChange::Stage::Off; }
  void drawPinChange(UiContext& ctx, const StaffView& view, std::vector<StaffAction>& actions);

  const SettingsDraft* draft() const { return draft_ ? &*draft_ : nullptr; }
  const std::string& focused() const { return focused_; }
  bool tokenRevealed() const { return reveal_token_; }

 private:
  enum class SaveStatus { None, Saving, Saved, NotConfirmed };
  struct PinChange {
    enum class Stage { Off, First, Second, Hashing };
    Stage stage = Stage::Off;
    ops::StaffRole role = ops::StaffRole::Staff;
    std::string first;
    PinPad pad;
    std::string message_key;
    bool message_is_problem = false;
    std::future<std::string> hash;
  };

  void trackSave(const StaffView& view, TimeMs now);
  void postSave(const ops::KioskConfig& config, const StaffView& view, TimeMs now, std::vector<StaffAction>& actions);
  void saveBar(UiContext& ctx, const StaffView& view, ImVec2 min, float width, std::vector<StaffAction>& actions);
  void form(UiContext& ctx, const StaffView& view, Flow& flow);
  void field(UiContext& ctx, Flow& flow, const std::string& key, const std::string& label);
  void hoursField(UiContext& ctx, Flow& flow, int weekday);
  bool toggle(UiContext& ctx, Flow& flow, const std::string& id, const std::string& label, bool on);
  void focus(const std::string& key);
  void scrollFocusedIntoView(UiContext& ctx, float box_top, float box_bottom);
  void startPinChange(ops::StaffRole role);

  std::optional<SettingsDraft> draft_;
  std::string focused_;  // the typed field being edited ("" = keyboard closed)
  bool scroll_to_focus_ = false;
  OnScreenKeyboard keyboard_;
  bool reveal_token_ = false;
  float body_top_ = 0.f, body_bottom_ = 0.f;  // the form's visible part this frame

  SaveStatus save_status_ = SaveStatus::None;
  TimeMs save_posted_at_ = 0;
  ops::KioskConfig config_before_save_;
  ops::KioskConfig posted_;
  bool saving_pin_ = false;

  PinChange pin_;
};

}  // namespace kiosk::ui
