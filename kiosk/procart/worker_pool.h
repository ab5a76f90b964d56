#pragma once
// A few threads running queued jobs in order of arrival. Used by AsyncClient so that callers never block.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk::procart {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  // Finishes the jobs already running; jobs still queued are dropped (their callbacks never run).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the pool is shutting down (the job is dropped).
  bool post(std::function<void()> job);
  size_t queued() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kiosk::procart
