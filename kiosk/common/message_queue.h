#pragma once
// A thread-safe FIFO: workers push results, the owner (usually the UI thread) drains them once per frame.
// Nothing blocks the draining side: drain() swaps the pending items out under a short lock.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace kiosk {

template <class T>
class MessageQueue {
 public:
  void push(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  // Everything queued so far, in order; never waits.
  std::deque<T> drain() {
    std::deque<T> out;
    std::lock_guard lock(mutex_);
    out.swap(items_);
    return out;
  }

  // Waits up to `timeout` for one item (for worker loops and headless drivers, never the UI thread).
  std::optional<T> pop(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  bool empty() const {
    std::lock_guard lock(mutex_);
    return items_.empty();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
};

}  // namespace kiosk
