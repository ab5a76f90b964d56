#include "kiosk/ops/metrics.h"

#include <cstdio>

namespace kiosk::ops {
namespace {

int64_t steadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Prometheus floats: shortest text that reads back the same ("0.005", "1", "+Inf").
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

void appendHistogram(std::string& out, const char* name, const char* help, const Histogram::Snapshot& h) {
  out += std::string("# HELP ") + name + " " + help + "\n";
  out += std::string("# TYPE ") + name + " histogram\n";
  for (size_t i = 0; i < h.upper_bounds_s.size(); ++i) {
    out += std::string(name) + "_bucket{le=\"" + number(h.upper_bounds_s[i]) + "\"} " +
           std::to_string(h.cumulative[i]) + "\n";
  }
  out += std::string(name) + "_bucket{le=\"+Inf\"} " + std::to_string(h.count) + "\n";
  out += std::string(name) + "_sum " + number(h.sum_s) + "\n";
  out += std::string(name) + "_count " + std::to_string(h.count) + "\n";
}

}  // namespace

const char* paymentOutcomeName(PaymentOutcome outcome) {
  switch (outcome) {
    case PaymentOutcome::Approved:
      return "approved";
    case PaymentOutcome::Declined:
      return "declined";
    case PaymentOutcome::Reversed:
      return "reversed";
    case PaymentOutcome::Unknown:
      return "unknown";
  }
  return "?";
}

const char* callbackResultName(CallbackResult result) {
  switch (result) {
    case CallbackResult::Accepted:
      return "accepted";
    case CallbackResult::UnknownOrder:
      return "unknown_order";
    case CallbackResult::WrongSecret:
      return "wrong_secret";
    case CallbackResult::BadBody:
      return "bad_body";
    case CallbackResult::TooLarge:
      return "too_large";
    case CallbackResult::NotAllowed:
      return "not_allowed";
    case CallbackResult::PeerLimit:
      return "peer_limit";
    case CallbackResult::Busy:
      return "busy";
    case CallbackResult::TooSlow:
      return "too_slow";
  }
  return "?";
}

const char* errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Procart:
      return "procart";
    case ErrorKind::Terminal:
      return "terminal";
    case ErrorKind::Journal:
      return "journal";
    case ErrorKind::Callback:
      return "callback";
    case ErrorKind::Menu:
      return "menu";
    case ErrorKind::Image:
      return "image";
    case ErrorKind::Config:
      return "config";
    case ErrorKind::Internal:
      return "internal";
  }
  return "?";
}

// ---- Histogram -------------------------------------------------------------------------------------

Histogram::Histogram(std::initializer_list<double> upper_bounds_s) {
  for (double bound : upper_bounds_s) {
    if (bucket_count_ == kMaxBuckets) break;
    bounds_s_[bucket_count_] = bound;
    bounds_ns_[bucket_count_] = static_cast<int64_t>(bound * 1e9 + 0.5);
    ++bucket_count_;
  }
}

void Histogram::observe(std::chrono::nanoseconds value) {
  int64_t ns = value.count() < 0 ? 0 : value.count();
  size_t bucket = 0;
  while (bucket < bucket_count_ && ns > bounds_ns_[bucket]) ++bucket;  // le: a value on a bound counts in it
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot out;
  uint64_t running = 0;
  for (size_t i = 0; i < bucket_count_; ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    out.upper_bounds_s.push_back(bounds_s_[i]);
    out.cumulative.push_back(running);
  }
  running += counts_[bucket_count_].load(std::memory_order_relaxed);
  out.cumulative.push_back(running);
  out.count = running;
  out.sum_s = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return out;
}

// ---- Metrics ---------------------------------------------------------------------------------------

Metrics::Metrics()
    // /validate: ProCart answers in tens of ms locally, seconds when the POS is busy.
    : validate_latency_({0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10}),
      // Frames: 60 Hz is 16.7 ms; anything past 100 ms is a visible stutter.
      frame_time_({0.004, 0.008, 0.012, 0.0167, 0.025, 0.033, 0.05, 0.1, 0.25, 1}) {}

void Metrics::frameTime(std::chrono::nanoseconds duration) {
  frame_time_.observe(duration);
  last_frame_steady_ns_.store(steadyNowNs(), std::memory_order_relaxed);
}

std::chrono::milliseconds Metrics::sinceLastFrame() const {
  int64_t last = last_frame_steady_ns_.load(std::memory_order_relaxed);
  if (last < 0) return std::chrono::milliseconds(-1);
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(steadyNowNs() - last));
}

std::string Metrics::prometheusText() const {
  std::string out;
  out.reserve(4096);
  out += "# HELP orders_total Orders created in r_keeper through ProCart.\n";
  out += "# TYPE orders_total counter\n";
  out += "orders_total " + std::to_string(orders()) + "\n";

  out += "# HELP payments_total Card payments by outcome.\n";
  out += "# TYPE payments_total counter\n";
  for (int i = 0; i < kPaymentOutcomeCount; ++i) {
    auto outcome = static_cast<PaymentOutcome>(i);
    out += std::string("payments_total{outcome=\"") + paymentOutcomeName(outcome) + "\"} " +
           std::to_string(payments(outcome)) + "\n";
  }

  out += "# HELP callbacks_total Order status callbacks by result: accepted, or why refused.\n";
  out += "# TYPE callbacks_total counter\n";
  for (int i = 0; i < kCallbackResultCount; ++i) {
    auto result = static_cast<CallbackResult>(i);
    out += std::string("callbacks_total{result=\"") + callbackResultName(result) + "\"} " +
           std::to_string(callbacks(result)) + "\n";
  }

  out += "# HELP errors_total Errors by the part of the kiosk they came from.\n";
  out += "# TYPE errors_total counter\n";
  for (int i = 0; i < kErrorKindCount; ++i) {
    auto kind = static_cast<ErrorKind>(i);
    out += std::string("errors_total{kind=\"") + errorKindName(kind) + "\"} " + std::to_string(errors(kind)) + "\n";
  }

  appendHistogram(out, "validate_latency_seconds", "Time from sending /validate to its answer.",
                  validate_latency_.snapshot());
  appendHistogram(out, "frame_time_seconds", "Duration of one UI frame.", frame_time_.snapshot());
  return out;
}

Metrics& globalMetrics() {
  static Metrics metrics;
  return metrics;
}

}  // namespace kiosk::ops
