#pragma once
// The runtime wires the pure KioskSession to the slow world: the ProCart client, the menu cache, the callback
// receiver, the payment settlement and the image source. The UI thread calls dispatch() for guest events and
// pump() once per frame; every service result comes back through an internal message queue drained by pump(),
// so nothing here ever blocks the frame.
//
// CONTRACT for kiosk/app and kiosk/ui (the implementation lives in kiosk/runtime/*.cpp).
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/common/expected.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/session.h"
#include "kiosk/ops/pin_gate.h"
#include "kiosk/runtime/staff_api.h"

namespace kiosk {

struct RuntimeOptions {
  bool demo = false;             // start procart-sim and the simulated terminal in-process on loopback ports
  bool demo_procart_offline = false;  // demo: the emulator starts only when a script says "procart start"
  std::string demo_menu_file;    // demo: the emulator serves this menu (images from its images/) instead of assets/demo
  std::string config_path;       // kiosk.json; empty in demo mode = built-in demo settings
  std::string assets_dir;        // assets/ (i18n, demo menu and images)
  std::string state_dir;         // journal and order log (demo: a temp dir unless given)
  std::string cache_dir;         // menu and image cache (demo: a temp dir unless given)
};

class Runtime {
 public:
  virtual ~Runtime() = default;

  // Starts every service and drives open payment journal entries to a final state (recovery) before it returns.
  // Never blocks on the network otherwise: the menu comes from the cache at once, the network refresh follows in
  // the background. Returns nullptr and sets `error` only for unusable options.
  static std::unique_ptr<Runtime> start(const RuntimeOptions& options, std::string& error);

  virtual const SessionState& state() const = 0;
  virtual const KioskSession& session() const = 0;
  virtual const Strings& strings() const = 0;
  virtual std::string placeName(Lang lang) const = 0;

  // A guest event from the UI thread.
  virtual void dispatch(const Event& event, TimeMs now) = 0;
  // Once per frame from the UI thread: applies finished service results, sends Tick, carries out commands.
  virtual void pump(TimeMs now) = 0;

  // The bytes of a menu image (a dish's or category's `image` reference): from the disk cache or ProCart.
  // `done` runs on a worker thread, never on the caller's.
  virtual void fetchImage(const std::string& image_ref,
                          std::function<void(Expected<std::string, std::string>)> done) = 0;

  // ---- guest availability and staff mode ----
  virtual Availability availability() const = 0;
  virtual StaffView staffView() const = 0;  // a copy, refreshed by pump()
  virtual void staffAction(const StaffAction& action) = 0;
  // PIN entry runs PBKDF2 on a worker; the answer is picked up with takePinResult() on a later frame.
  virtual void submitPin(std::string pin, TimeMs now) = 0;
  virtual std::optional<ops::PinAttempt> takePinResult() = 0;
  // While staff mode is open the guest session gets no timers (nothing resets under the staff's fingers).
  virtual void setStaffMode(bool open) = 0;
  // Set by staff::Restart: the app leaves its frame loop and exits 0 (systemd starts it again).
  virtual bool restartRequested() const = 0;

  // Demo and scripted runs: "sim …" (the simulated terminal) and "procart …" (the emulator) lines of a script.
  // "" when done, otherwise why not.
  virtual std::string scriptCommand(const std::string& line) = 0;
};

}  // namespace kiosk
