#include "payment/terminal_worker.h"

namespace payment {

TerminalWorker::TerminalWorker() : thread_([this] { run(); }) {}

TerminalWorker::~TerminalWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

void TerminalWorker::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

std::shared_ptr<CancelToken> TerminalWorker::purchase(Terminal& terminal, PurchaseRequest request,
                                                      ProgressSink on_progress,
                                                      std::function<void(const PaymentResult&)> on_result) {
  auto token = std::make_shared<CancelToken>();
  post([&terminal, request = std::move(request), on_progress = std::move(on_progress),
        on_result = std::move(on_result), token] {
    PaymentResult result = terminal.purchase(request, on_progress, *token);
    if (on_result) on_result(result);
  });
  return token;
}

void TerminalWorker::reconcile(Terminal& terminal, std::function<void(const ReconcileResult&)> on_result) {
  post([&terminal, on_result = std::move(on_result)] {
    ReconcileResult result = terminal.reconcile();
    if (on_result) on_result(result);
  });
}

void TerminalWorker::status(Terminal& terminal, std::function<void(const TerminalStatus&)> on_result) {
  post([&terminal, on_result = std::move(on_result)] {
    TerminalStatus result = terminal.status();
    if (on_result) on_result(result);
  });
}

bool TerminalWorker::idle() const {
  std::lock_guard lock(mutex_);
  return jobs_.empty() && !running_job_;
}

bool TerminalWorker::waitIdle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return jobs_.empty() && !running_job_; });
}

bool TerminalWorker::sleepFor(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, duration, [&] { return stopping_; });
}

bool TerminalWorker::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool TerminalWorker::onWorkerThread() const { return std::this_thread::get_id() == thread_.get_id(); }

void TerminalWorker::run() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      running_job_ = true;
    }
    job();
    {
      std::lock_guard lock(mutex_);
      running_job_ = false;
    }
    changed_.notify_all();
  }
}

}  // namespace payment
