#pragma once
// A stand-in for the real runtime (kiosk/runtime), for developing and testing the UI before and apart from it:
// a KioskSession over the C++ test menu, answers to validation from the local prices, pictures from
// assets/demo/images (made up when missing), and a
// payment terminal and order flow moved by script lines ("sim …"). It is a TEST DOUBLE — no ProCart, no terminal.
//
// Script lines it takes (KioskApp's hook):
//   sim progress <message-key> [cancellable|locked] [terminal text…]
//   sim approve | sim decline | sim cancelled | sim failed [message-key]
//   sim post <number> | sim post-failed <reversed|staff>
//   sim status <new|open|bill|close|deleted|deferred>
//   sim reachable <on|off> | sim discount <rubles> | sim stop <dish-id>
//   sim timers <idle_prompt_ms> <idle_reset_ms> | sim table <on|off>   (on the attract screen only)
//   sim closed <on|off> | sim needs-config <on|off> | sim no-menu <on|off>   (what availability() says)
//   sim pins none | sim pins default                     (no PIN set / staff 1234, admin 9999)
//   sim journal-refuses <on|off>                         (the payment journal cannot be written)
//   sim terminal <vtk|sbpilot>                           (which driver staff see; sbpilot by default)
//
// Staff mode (preview_staff.cpp): PINs "1234" (staff) and "9999" (admin) checked by the real ops::PinGate on a
// worker (five wrong in a row lock entry for five minutes); the staff actions answer after a short delay with
// made-up but plausible results (a ping report, a menu refresh, a reconciliation slip, one open journal entry that
// "resolve" settles); SaveSettings is validated with ops::validateConfig and kept in memory only.
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/common/message_queue.h"
#include "kiosk/ops/pin_gate.h"
#include "kiosk/runtime/runtime.h"

namespace kiosk::uitest {

class PreviewRuntime final : public Runtime {
 public:
  PreviewRuntime(const std::string& assets_dir, std::shared_ptr<const MenuIndex> menu);
  ~PreviewRuntime() override;

  const SessionState& state() const override { return session_.state(); }
  const KioskSession& session() const override { return session_; }
  const Strings& strings() const override { return strings_; }
  std::string placeName(Lang lang) const override;
  void dispatch(const Event& event, TimeMs now) override;
  void pump(TimeMs now) override;
  void fetchImage(const std::string& image_ref,
                  std::function<void(Expected<std::string, std::string>)> done) override;

  // ---- staff mode and availability (preview_staff.cpp) ----
  Availability availability() const override;
  StaffView staffView() const override { return view_; }
  void staffAction(const StaffAction& action) override;
  void submitPin(std::string pin, TimeMs now) override;
  std::optional<ops::PinAttempt> takePinResult() override;
  void setStaffMode(bool open) override { staff_mode_ = open; }
  bool restartRequested() const override { return restart_requested_; }
  std::string scriptCommand(const std::string& line) override { return hook(line); }

  // A "sim …" script line; "" when done, else why not.
  std::string hook(const std::string& line);
  const std::string& loadError() const { return load_error_; }

  // For tests: what the UI posted, in order, and whether staff mode is open.
  const std::vector<StaffAction>& postedActions() const { return posted_; }
  bool staffMode() const { return staff_mode_; }

 private:
  void handle(const Event& event, TimeMs now);
  void later(Event event, TimeMs delay_ms);
  // preview_staff.cpp
  void initStaff();
  void pumpStaff(TimeMs now);
  void staffLater(TimeMs delay_ms, std::function<void()> apply);
  std::optional<std::string> staffHook(const std::vector<std::string>& words);  // nullopt: not a staff line
  void useTerminal(const std::string& driver);  // "vtk" or "sbpilot": the driver staff see, with its capabilities
  void refreshMenuFacts();

  KioskSession session_;
  Strings strings_;
  std::string load_error_;
  std::shared_ptr<const MenuIndex> menu_;
  std::string assets_dir_;
  TimeMs now_ = 0;
  Money discount_;
  bool reachable_ = true;  // "sim reachable off": validations fail as with a network error
  std::string order_guid_ = "preview-guid";
  struct Due {
    TimeMs at;
    Event event;
  };
  std::vector<Due> due_;
  bool started_ = false;

  // Pictures are made on a worker, as the real runtime answers from disk or network off the UI thread.
  struct ImageJob {
    std::string ref;
    std::function<void(Expected<std::string, std::string>)> done;
  };
  MessageQueue<ImageJob> image_jobs_;
  std::map<std::string, Expected<std::string, std::string>> made_;  // worker thread only: each picture made once
  std::atomic<bool> stop_{false};
  std::thread image_worker_;

  // Staff mode. view_ and everything below but the PIN worker's queue live on the UI thread.
  StaffView view_;
  std::vector<StaffAction> posted_;
  bool staff_mode_ = false;
  bool restart_requested_ = false;
  bool closed_ = false;
  bool needs_config_ = false;
  bool no_menu_ = false;
  TimeMs menu_loaded_at_ = 0;
  struct StaffDue {
    TimeMs at;
    std::function<void()> apply;
  };
  std::vector<StaffDue> staff_due_;
  // PIN checks run on a worker, as PBKDF2 would stall a frame.
  ops::PinGate pin_gate_;
  struct PinJob {
    std::string pin;
    TimeMs now;
  };
  MessageQueue<PinJob> pin_jobs_;
  MessageQueue<ops::PinAttempt> pin_results_;
  std::thread pin_worker_;
};

}  // namespace kiosk::uitest
