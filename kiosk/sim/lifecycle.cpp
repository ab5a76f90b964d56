#include "kiosk/sim/lifecycle.h"

#include "kiosk/sim/wire.h"

namespace procart_sim {

std::optional<int> statusFromName(std::string_view name) {
  if (name == "open") return 0;
  if (name == "close" || name == "closed") return 1;
  if (name == "bill") return 2;
  if (name == "deleted" || name == "delete") return 3;
  if (name == "deferred") return 4;
  if (name == "new") return 5;
  if (name.size() == 1 && name[0] >= '0' && name[0] <= '5') return name[0] - '0';
  return std::nullopt;
}

kiosk::Expected<std::vector<LifecycleStep>, std::string> parseLifecycle(std::string_view script) {
  std::vector<LifecycleStep> steps;
  while (!script.empty()) {
    auto comma = script.find(',');
    std::string_view item = script.substr(0, comma);
    script = comma == std::string_view::npos ? std::string_view() : script.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    std::string shown(item);
    auto arrow = item.find('>');
    auto at = item.find('@');
    if (arrow == std::string_view::npos || at == std::string_view::npos || at < arrow) {
      return kiosk::Unexpected{"lifecycle step \"" + shown + "\": expected from>to@MS"};
    }
    auto from = statusFromName(item.substr(0, arrow));
    auto to = statusFromName(item.substr(arrow + 1, at - arrow - 1));
    if (!from || !to) return kiosk::Unexpected{"lifecycle step \"" + shown + "\": unknown status name"};
    auto ms = parseCount(json(std::string(item.substr(at + 1))));
    if (!ms || *ms < 0) return kiosk::Unexpected{"lifecycle step \"" + shown + "\": MS must be a whole number of ms"};
    steps.push_back({*from, *to, *ms});
  }
  return steps;
}

LifecycleDriver::~LifecycleDriver() { stop(); }

void LifecycleDriver::start(std::vector<LifecycleStep> steps, Apply apply) {
  stop();
  std::lock_guard lock(mutex_);
  steps_ = std::move(steps);
  apply_ = std::move(apply);
  stopping_ = false;
  queue_ = {};
  thread_ = std::thread([this] { run(); });
}

void LifecycleDriver::schedule(const std::string& guid, int64_t created_ms) {
  // Convert the wall-clock creation time (it may come from a previous run) to this process's steady clock.
  int64_t age_ms = epochMillis(std::chrono::system_clock::now()) - created_ms;
  Clock::time_point created = Clock::now() - std::chrono::milliseconds(age_ms);
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !thread_.joinable()) return;
    for (size_t i = 0; i < steps_.size(); ++i) {
      queue_.push({created + std::chrono::milliseconds(steps_[i].at_ms), seq_++, guid, i});
    }
  }
  wake_.notify_all();
}

void LifecycleDriver::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LifecycleDriver::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    Clock::time_point when = queue_.top().when;  // a copy: the queue may change while we wait
    if (Clock::now() < when) {
      wake_.wait_until(lock, when);
      continue;
    }
    Due due = queue_.top();
    queue_.pop();
    LifecycleStep step = steps_[due.step];
    lock.unlock();
    apply_(due.guid, step);
    lock.lock();
  }
}

}  // namespace procart_sim
