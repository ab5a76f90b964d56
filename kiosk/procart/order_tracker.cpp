#include "kiosk/procart/order_tracker.h"

#include "kiosk/common/log.h"

namespace kiosk::procart {
namespace {
constexpr const char* kLog = "tracker";
using Clock = std::chrono::steady_clock;
}  // namespace

OrderTracker::OrderTracker(ProcartClient& client, OrderTrackerOptions options, Publish publish)
    : client_(client), options_(options), publish_(std::move(publish)) {}

OrderTracker::~OrderTracker() { stop(); }

void OrderTracker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void OrderTracker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OrderTracker::track(const std::string& guid, const std::string& external_id, OrderStatus known) {
  if (guid.empty()) return;
  {
    std::lock_guard lock(mutex_);
    tracked_[guid] = Tracked{external_id, known};
  }
  log::info(kLog, "tracking ", guid, " (", external_id, "), status ", orderStatusName(known));
  wake_.notify_all();
}

void OrderTracker::untrack(const std::string& guid) {
  std::lock_guard lock(mutex_);
  tracked_.erase(guid);
  hinted_.erase(guid);
}

bool OrderTracker::isTracked(const std::string& guid) const {
  std::lock_guard lock(mutex_);
  return tracked_.count(guid) > 0;
}

size_t OrderTracker::trackedCount() const {
  std::lock_guard lock(mutex_);
  return tracked_.size();
}

int64_t OrderTracker::checks() const {
  std::lock_guard lock(mutex_);
  return checks_;
}

bool OrderTracker::onCallbackHint(const codec::CallbackNotice& notice) {
  {
    std::lock_guard lock(mutex_);
    if (!tracked_.count(notice.guid)) return false;
    hinted_.insert(notice.guid);
  }
  wake_.notify_all();
  return true;
}

std::vector<StatusChange> OrderTracker::check(const std::vector<std::string>& guids) {
  auto answer = client_.getOrders(guids);
  std::vector<StatusChange> changes;
  std::lock_guard lock(mutex_);
  ++checks_;
  if (!answer) return changes;  // logged by the client; the next poll tries again
  for (const OrderInfo& order : answer->orders) {
    auto it = tracked_.find(order.guid);
    if (it == tracked_.end() || it->second.last == order.status) continue;  // untracked meanwhile, or no change
    it->second.last = order.status;
    changes.push_back({order.guid, it->second.external_id, order.number, order.status, order.total, order.paid});
    if (isFinal(order.status)) {
      tracked_.erase(it);
      hinted_.erase(order.guid);
    }
  }
  return changes;
}

void OrderTracker::run() {
  auto next_poll = Clock::now() + options_.poll_interval;
  while (true) {
    std::vector<std::string> guids;
    {
      std::unique_lock lock(mutex_);
      // Nothing tracked: sleep until something is; the first poll comes one interval after tracking starts.
      if (tracked_.empty()) {
        wake_.wait(lock, [&] { return stopping_ || !tracked_.empty(); });
        next_poll = Clock::now() + options_.poll_interval;
      }
      wake_.wait_until(lock, next_poll, [&] { return stopping_ || !hinted_.empty() || tracked_.empty(); });
      if (stopping_) return;
      if (tracked_.empty()) continue;
      if (Clock::now() >= next_poll) {
        for (const auto& [guid, _] : tracked_) guids.push_back(guid);
        next_poll = Clock::now() + options_.poll_interval;
      } else {
        guids.assign(hinted_.begin(), hinted_.end());
      }
      hinted_.clear();
    }
    if (guids.empty()) continue;
    for (const StatusChange& change : check(guids)) {
      log::info(kLog, "order ", change.guid, " #", change.number, " is now ", orderStatusName(change.status));
      if (publish_) publish_(change);
    }
  }
}

}  // namespace kiosk::procart
