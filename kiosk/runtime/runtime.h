#pragma once
// The runtime wires the pure KioskSession to the slow world: the ProCart client, the menu cache, the callback
// receiver, the payment settlement and the image source. The UI thread calls dispatch() for guest events and
// pump() once per frame; every service result comes back through an internal message queue drained by pump(),
// so nothing here ever blocks the frame.
//
// CONTRACT for kiosk/app and kiosk/ui (the implementation lives in kiosk/runtime/*.cpp).
#include <functional>
#include <memory>
#include <string>

#include "kiosk/common/expected.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/session.h"

namespace kiosk {

struct RuntimeOptions {
  bool demo = false;             // start procart-sim and the simulated terminal in-process on loopback ports
  std::string config_path;       // kiosk.json; empty in demo mode = built-in demo settings
  std::string assets_dir;        // assets/ (i18n, demo menu and images)
  std::string state_dir;         // journal and order log (demo: a temp dir unless given)
  std::string cache_dir;         // menu and image cache (demo: a temp dir unless given)
};

class Runtime {
 public:
  virtual ~Runtime() = default;

  // Starts every service. Never blocks on the network: the menu comes from the cache at once, the network
  // refresh follows in the background. Returns nullptr and sets `error` only for unusable options.
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
};

}  // namespace kiosk
