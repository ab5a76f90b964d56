// Metrics: counters, histogram buckets, the Prometheus text, exact totals under concurrency, and no allocation
// on the per-frame path.
#include "kiosk/ops/metrics.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>
#include <thread>
#include <vector>

using namespace kiosk::ops;
using namespace std::chrono_literals;

// ---- Allocation counting for this test binary --------------------------------------------------------------
namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

// Every non-aligned form is replaced, so that each allocation and its release go through the same pair
// (AddressSanitizer checks that they match).
namespace {
void* countedAlloc(std::size_t size) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
}  // namespace

void* operator new(std::size_t size) {
  if (void* p = countedAlloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = countedAlloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return countedAlloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return countedAlloc(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

bool contains(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

}  // namespace

TEST_CASE("counters appear in the Prometheus text with their labels") {
  Metrics m;
  m.orderPosted();
  m.orderPosted();
  m.payment(PaymentOutcome::Approved);
  m.payment(PaymentOutcome::Approved);
  m.payment(PaymentOutcome::Approved);
  m.payment(PaymentOutcome::Declined);
  m.payment(PaymentOutcome::Unknown);
  m.callback(CallbackResult::Accepted);
  m.callback(CallbackResult::NotAllowed);
  m.callback(CallbackResult::NotAllowed);
  m.error(ErrorKind::Procart);
  m.error(ErrorKind::Terminal);
  m.error(ErrorKind::Terminal);

  std::string text = m.prometheusText();
  CHECK(contains(text, "# TYPE orders_total counter"));
  CHECK(contains(text, "orders_total 2"));
  CHECK(contains(text, "payments_total{outcome=\"approved\"} 3"));
  CHECK(contains(text, "payments_total{outcome=\"declined\"} 1"));
  CHECK(contains(text, "payments_total{outcome=\"reversed\"} 0"));
  CHECK(contains(text, "payments_total{outcome=\"unknown\"} 1"));
  CHECK(contains(text, "callbacks_total{result=\"accepted\"} 1"));
  CHECK(contains(text, "callbacks_total{result=\"not_allowed\"} 2"));
  CHECK(contains(text, "callbacks_total{result=\"too_slow\"} 0"));
  CHECK(contains(text, "errors_total{kind=\"procart\"} 1"));
  CHECK(contains(text, "errors_total{kind=\"terminal\"} 2"));
  CHECK(contains(text, "errors_total{kind=\"journal\"} 0"));
}

TEST_CASE("histograms count each value in the first bucket whose bound is not below it") {
  Metrics m;
  m.validateLatency(10ms);
  m.validateLatency(50ms);  // on a bound: le="0.05"
  m.validateLatency(51ms);
  m.validateLatency(3s);
  m.validateLatency(30s);  // above every bound: only +Inf
  auto h = m.validateLatencySnapshot();
  REQUIRE(h.upper_bounds_s.size() == 9);
  CHECK(h.count == 5);
  CHECK(h.cumulative.back() == 5);
  CHECK(h.sum_s == Approx(33.111));

  std::string text = m.prometheusText();
  CHECK(contains(text, "# TYPE validate_latency_seconds histogram"));
  CHECK(contains(text, "validate_latency_seconds_bucket{le=\"0.025\"} 1"));
  CHECK(contains(text, "validate_latency_seconds_bucket{le=\"0.05\"} 2"));
  CHECK(contains(text, "validate_latency_seconds_bucket{le=\"0.1\"} 3"));
  CHECK(contains(text, "validate_latency_seconds_bucket{le=\"5\"} 4"));
  CHECK(contains(text, "validate_latency_seconds_bucket{le=\"10\"} 4"));
  CHECK(contains(text, "validate_latency_seconds_bucket{le=\"+Inf\"} 5"));
  CHECK(contains(text, "validate_latency_seconds_count 5"));
  CHECK(contains(text, "validate_latency_seconds_sum 33.111"));
  CHECK(contains(text, "# TYPE frame_time_seconds histogram"));
  CHECK(contains(text, "frame_time_seconds_bucket{le=\"0.0167\"} 0"));
}

TEST_CASE("recording from many threads loses nothing") {
  Metrics m;
  constexpr int kThreads = 4, kEach = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        m.orderPosted();
        m.payment(PaymentOutcome::Reversed);
        m.frameTime(std::chrono::microseconds(i % 40000));
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(m.orders() == uint64_t(kThreads * kEach));
  CHECK(m.payments(PaymentOutcome::Reversed) == uint64_t(kThreads * kEach));
  CHECK(m.frameTimeSnapshot().count == uint64_t(kThreads * kEach));
}

TEST_CASE("recording a frame time allocates nothing and notes that the UI is alive") {
  Metrics m;
  CHECK(m.sinceLastFrame().count() < 0);  // no frame yet
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 10000; ++i) {
    m.frameTime(std::chrono::microseconds(9000 + i % 100));
    m.error(ErrorKind::Image);
    m.payment(PaymentOutcome::Approved);
  }
  g_counting = false;
  CHECK(g_allocations.load() == 0);
  CHECK(m.sinceLastFrame().count() >= 0);
  CHECK(m.sinceLastFrame().count() < 1000);
}

TEST_CASE("the process-wide registry is one object") { CHECK(&globalMetrics() == &globalMetrics()); }
