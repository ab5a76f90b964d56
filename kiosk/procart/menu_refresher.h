#pragma once
// Keeps the kiosk's menu current: the cached menu first (before any network call), then /getmenu in the background
// at most once per refresh interval, plus a cheap /ping between fetches to report whether ProCart is usable.
// All callbacks run on the refresher's own thread, one at a time, never under a lock. The runtime builds its
// MenuIndex from each delivered menu. A /getmenu answer that cannot be read, or that holds no usable dish, is
// ignored: the menu shown and the cache stay as they were.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/menu.h"
#include "kiosk/core/service_error.h"
#include "kiosk/procart/client.h"
#include "kiosk/procart/menu_cache.h"

namespace kiosk::procart {

enum class MenuSource { Cache, Network };

struct MenuUpdate {
  Menu menu;
  MenuSource source = MenuSource::Network;
  std::string fetched_at;             // ISO 8601 (cache: when it was fetched; network: now)
  std::vector<std::string> problems;  // entries the codec skipped or repaired
};

// "ProCart usable": reachable, token accepted, r_keeper connected. `error` says why not when down.
struct Reachability {
  bool up = false;
  ServiceError error;
};

struct MenuRefresherOptions {
  std::string cache_dir;  // empty: no cache
  // ProCart refreshes its own menu every 10–60 s; asking more often than once a minute gains nothing.
  std::chrono::milliseconds refresh_interval{60000};
  // After a fetch that never reached ProCart (connection refused, no route): try again this soon instead.
  std::chrono::milliseconds retry_interval{15000};
  // /ping between fetches, to notice ProCart going down or coming back; 0 = no pings.
  std::chrono::milliseconds ping_interval{15000};
};

struct MenuRefresherCallbacks {
  // A menu to show (first the cache, then new versions); handed over whole, so that the receiver can keep it
  // without copying 10 MB.
  std::function<void(MenuUpdate)> on_menu;
  std::function<void(const Reachability&)> on_reachability;   // the first finding, then each change
  std::function<void(const ServiceError&)> on_unavailable;    // no cache and the network failed: no menu at all
  // Every /getmenu ProCart answered with a usable menu, new or not: the menu shown is current as of now (a restart
  // whose cache already holds ProCart's version gets no on_menu from the network, but its age is known).
  std::function<void()> on_fetched;
};

class MenuRefresher {
 public:
  // `client` must outlive the refresher.
  MenuRefresher(ProcartClient& client, MenuRefresherOptions options, MenuRefresherCallbacks callbacks);
  ~MenuRefresher();  // stop()
  MenuRefresher(const MenuRefresher&) = delete;
  MenuRefresher& operator=(const MenuRefresher&) = delete;

  void start();
  // Waits for a call in progress to finish (bounded by the client's timeouts).
  void stop();
  // Staff asked for a fresh menu: fetch now (coalesced with one already queued or running).
  void refreshNow();

  int64_t fetchAttempts() const { return fetch_attempts_.load(); }
  std::string currentVersion() const;

 private:
  void run();
  void loadCache();
  // One /getmenu. Returns true when ProCart was reached (even if it answered with an error).
  bool fetch();
  void ping();
  void report(bool up, const ServiceError& error);
  bool waitUntil(std::chrono::steady_clock::time_point when);  // false when stopping

  ProcartClient& client_;
  MenuRefresherOptions options_;
  MenuRefresherCallbacks callbacks_;
  MenuCache cache_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool refresh_requested_ = false;
  std::string version_;  // of the menu delivered last (guarded by mutex_)
  std::thread thread_;

  // Refresher-thread state.
  bool delivered_any_ = false;
  bool told_unavailable_ = false;
  bool last_fetch_unreached_ = false;  // the last /getmenu failed without reaching ProCart
  int reachability_known_ = -1;  // -1 unknown, 0 down, 1 up
  bool ping_found_problem_ = false;  // the last /ping answered: token, licence or POS link not right
  std::atomic<int64_t> fetch_attempts_{0};
};

}  // namespace kiosk::procart
