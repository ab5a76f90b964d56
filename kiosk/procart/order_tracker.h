#pragma once
// Follows posted orders until they end. Two sources, one truth:
//   - callbacks from ProCart (CallbackServer → onCallbackHint) only trigger an immediate POST /getorders;
//   - while anything is tracked, POST /getorders is also polled every poll_interval (callbacks can be lost).
// A status is published only as /getorders reports it, exactly once per change, on the tracker's own thread.
// Tracking of an order stops at a final status (close, deleted) or on untrack().
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/order.h"
#include "kiosk/procart/client.h"

namespace kiosk::procart {

struct StatusChange {
  std::string guid;
  std::string external_id;
  std::string number;
  OrderStatus status = OrderStatus::New;
  Money total;
  Money paid;
};

struct OrderTrackerOptions {
  std::chrono::milliseconds poll_interval{5000};
};

class OrderTracker {
 public:
  using Publish = std::function<void(const StatusChange&)>;

  // `client` must outlive the tracker.
  OrderTracker(ProcartClient& client, OrderTrackerOptions options, Publish publish);
  ~OrderTracker();  // stop()
  OrderTracker(const OrderTracker&) = delete;
  OrderTracker& operator=(const OrderTracker&) = delete;

  void start();
  void stop();  // waits for a /getorders in progress

  // Starts following an order; `known` is the status already known (from /postorder), not published again.
  void track(const std::string& guid, const std::string& external_id, OrderStatus known = OrderStatus::New);
  void untrack(const std::string& guid);
  bool isTracked(const std::string& guid) const;
  size_t trackedCount() const;

  // For CallbackServer: true when the order is tracked (a confirming /getorders is then scheduled at once).
  bool onCallbackHint(const codec::CallbackNotice& notice);

  int64_t checks() const;  // /getorders calls made, for tests and metrics

 private:
  struct Tracked {
    std::string external_id;
    OrderStatus last;
  };
  void run();
  // One POST /getorders for `guids`; returns the changes to publish (state updated under the lock).
  std::vector<StatusChange> check(const std::vector<std::string>& guids);

  ProcartClient& client_;
  OrderTrackerOptions options_;
  Publish publish_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<std::string, Tracked> tracked_;
  std::set<std::string> hinted_;  // guids named by a callback, waiting for their confirming check
  int64_t checks_ = 0;
  std::thread thread_;
};

}  // namespace kiosk::procart
