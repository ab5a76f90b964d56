#pragma once
// One thread that runs every call to the card terminal, in order, so the UI thread never blocks on it.
// A terminal serves one operation at a time; queuing all calls here (purchases, confirmations, reversals,
// reconciliation, status) keeps them from interleaving. The settlement runs its whole state machine as jobs on
// this thread; the staff screen uses the convenience calls. Callbacks run on the worker thread: the owner
// forwards them to its own queue (kiosk::MessageQueue) when it needs them elsewhere.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "payment/terminal.h"

namespace payment {

class TerminalWorker {
 public:
  TerminalWorker();
  ~TerminalWorker();  // finishes the running job; queued jobs are dropped
  TerminalWorker(const TerminalWorker&) = delete;
  TerminalWorker& operator=(const TerminalWorker&) = delete;

  // Runs `job` on the worker thread after the jobs queued before it.
  void post(std::function<void()> job);

  // A purchase; `cancel` (returned) can be pulled from any thread while the terminal allows it.
  std::shared_ptr<CancelToken> purchase(Terminal& terminal, PurchaseRequest request, ProgressSink on_progress,
                                        std::function<void(const PaymentResult&)> on_result);
  void reconcile(Terminal& terminal, std::function<void(const ReconcileResult&)> on_result);
  void status(Terminal& terminal, std::function<void(const TerminalStatus&)> on_result);

  // True when no job runs or waits.
  bool idle() const;
  // Waits (from another thread) until idle or the timeout; true when idle.
  bool waitIdle(std::chrono::milliseconds timeout) const;

  // For jobs: sleeps up to `duration`; returns false at once when the worker is shutting down.
  bool sleepFor(std::chrono::milliseconds duration);
  bool stopping() const;
  bool onWorkerThread() const;

 private:
  void run();

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::function<void()>> jobs_;
  bool running_job_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace payment
