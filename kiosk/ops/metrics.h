#pragma once
// Counters and latency histograms the whole app increments, exposed by the health server in Prometheus text format.
// Recording is a handful of relaxed atomic operations: no lock, no allocation — cheap enough for every frame.
// Reading (exposition) may see one recording half applied (a bucket counted, the sum not yet); Prometheus
// tolerates that, and _count is computed from the buckets so it always matches the +Inf bucket.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace kiosk::ops {

enum class PaymentOutcome { Approved, Declined, Reversed, Unknown };
inline constexpr int kPaymentOutcomeCount = 4;
const char* paymentOutcomeName(PaymentOutcome outcome);  // "approved", …

// The label values of callbacks_total{result=…}: what became of each callback at the receiver, or of a connection
// that was closed before it could carry one (the same outcomes as kiosk::procart::CallbackResult).
enum class CallbackResult {
  Accepted,
  UnknownOrder,
  WrongSecret,
  BadBody,
  TooLarge,
  NotAllowed,
  PeerLimit,
  Busy,
  TooSlow,
};
inline constexpr int kCallbackResultCount = 9;
const char* callbackResultName(CallbackResult result);  // "accepted", "unknown_order", …

// The label values of errors_total{kind=…}.
enum class ErrorKind { Procart, Terminal, Journal, Callback, Menu, Image, Config, Internal };
inline constexpr int kErrorKindCount = 8;
const char* errorKindName(ErrorKind kind);  // "procart", …

class Histogram {
 public:
  static constexpr size_t kMaxBuckets = 16;

  // Upper bounds in seconds, ascending, at most kMaxBuckets (+Inf is implicit).
  Histogram(std::initializer_list<double> upper_bounds_s);

  void observe(std::chrono::nanoseconds value);

  struct Snapshot {
    std::vector<double> upper_bounds_s;
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf
    uint64_t count = 0;
    double sum_s = 0;
  };
  Snapshot snapshot() const;

 private:
  std::array<int64_t, kMaxBuckets> bounds_ns_{};
  std::array<double, kMaxBuckets> bounds_s_{};
  size_t bucket_count_ = 0;
  std::array<std::atomic<uint64_t>, kMaxBuckets + 1> counts_{};  // not cumulative; last = above every bound
  std::atomic<uint64_t> sum_ns_{0};
};

class Metrics {
 public:
  Metrics();

  void orderPosted() { orders_.fetch_add(1, std::memory_order_relaxed); }
  void payment(PaymentOutcome outcome) { payments_[index(outcome)].fetch_add(1, std::memory_order_relaxed); }
  void callback(CallbackResult result) { callbacks_[index(result)].fetch_add(1, std::memory_order_relaxed); }
  void error(ErrorKind kind) { errors_[index(kind)].fetch_add(1, std::memory_order_relaxed); }
  void validateLatency(std::chrono::nanoseconds latency) { validate_latency_.observe(latency); }
  // Once per frame from the frame loop: the frame's duration. Also notes that the UI thread is alive.
  void frameTime(std::chrono::nanoseconds duration);

  uint64_t orders() const { return orders_.load(std::memory_order_relaxed); }
  uint64_t payments(PaymentOutcome outcome) const { return payments_[index(outcome)].load(std::memory_order_relaxed); }
  uint64_t callbacks(CallbackResult result) const {
    return callbacks_[index(result)].load(std::memory_order_relaxed);
  }
  uint64_t errors(ErrorKind kind) const { return errors_[index(kind)].load(std::memory_order_relaxed); }
  Histogram::Snapshot validateLatencySnapshot() const { return validate_latency_.snapshot(); }
  Histogram::Snapshot frameTimeSnapshot() const { return frame_time_.snapshot(); }
  // Time since the last frameTime() call; negative when no frame was recorded yet.
  std::chrono::milliseconds sinceLastFrame() const;

  // The counters and histograms in Prometheus text exposition format 0.0.4.
  std::string prometheusText() const;

 private:
  template <class E>
  static size_t index(E value) {
    return static_cast<size_t>(value);
  }

  std::atomic<uint64_t> orders_{0};
  std::array<std::atomic<uint64_t>, kPaymentOutcomeCount> payments_{};
  std::array<std::atomic<uint64_t>, kCallbackResultCount> callbacks_{};
  std::array<std::atomic<uint64_t>, kErrorKindCount> errors_{};
  Histogram validate_latency_;
  Histogram frame_time_;
  std::atomic<int64_t> last_frame_steady_ns_{-1};
};

// The process-wide registry the app records into.
Metrics& globalMetrics();

}  // namespace kiosk::ops
