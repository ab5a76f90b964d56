#pragma once
// Private to the emulator: the state its routes share. emulator.cpp owns it; api_routes.cpp and
// admin_routes.cpp install the HTTP handlers that read and change it.
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <httplib.h>

#include "kiosk/sim/callback_sender.h"
#include "kiosk/sim/emulator.h"
#include "kiosk/sim/faults.h"
#include "kiosk/sim/lifecycle.h"
#include "kiosk/sim/order_store.h"
#include "kiosk/sim/sim_menu.h"

namespace procart_sim {

// A status callback to send once the state lock is released.
struct PendingCallback {
  std::string url;
  std::string body;
};

struct EmulatorState {
  explicit EmulatorState(Options opts)
      : options(std::move(opts)), store(options.state_dir), latency_rng(options.seed) {}

  const Options options;
  std::vector<LifecycleStep> lifecycle_steps;

  // Guarded by `mutex`: the menu, the orders and the POS switch.
  mutable std::mutex mutex;
  std::shared_ptr<const SimMenu> menu;
  std::string images_dir;  // `images/` next to the menu file
  OrderStore store;
  bool pos_online = true;
  bool license_valid = true;  // ProCart's own licence, as /ping reports it

  FaultInjector faults;
  std::map<std::string, std::atomic<int64_t>> requests;  // by method name; keys fixed at construction
  std::mutex latency_mutex;
  std::mt19937_64 latency_rng;  // getmenu's simulated latency

  LifecycleDriver lifecycle;
  CallbackSender callbacks;

  // Set while stopping, so that simulated latencies end early.
  std::mutex pause_mutex;
  std::condition_variable pause_wake;
  bool stopping = false;

  void countRequest(const std::string& method);
  // Sleeps `ms`, or less if the emulator is stopping.
  void pause(int ms);
  // Caller holds `mutex`. Sets the status, stamps updated_at, saves, and returns the callback to send (if the
  // order has a callback_url and the status really changed).
  std::optional<PendingCallback> setStatusLocked(StoredOrder& order, int status);
  void dispatch(const std::optional<PendingCallback>& callback);
  // Caller holds `mutex`.
  std::string reloadMenuLocked(bool& changed);
  // The lifecycle step for one order (takes the lock itself).
  void applyLifecycleStep(const std::string& guid, const LifecycleStep& step);
};

void installApiRoutes(EmulatorState& state, httplib::Server& server);
void installAdminRoutes(EmulatorState& state, httplib::Server& server);

// Paid in full: what the lifecycle may close on its own.
bool fullyPaid(const OrderRecord& order);

}  // namespace procart_sim
