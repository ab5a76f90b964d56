#pragma once
// The order lifecycle: what r_keeper staff would do to an order after it is created, as a script.
//
// Script: comma-separated steps `from>to@MS`, MS counted from the order's creation, e.g.
// "new>open@1000,open>bill@5000,bill>close@10000" or "new>open@50,open>deleted@100". Status names:
// new (5), open (0), bill (2), close|closed (1), deleted (3), deferred (4); a number 0..5 works too.
// A step fires only if the order is still in `from` at that moment (staff may have moved it meanwhile).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "kiosk/common/expected.h"

namespace procart_sim {

struct LifecycleStep {
  int from = 5;
  int to = 0;
  int64_t at_ms = 0;
};

std::optional<int> statusFromName(std::string_view name);
kiosk::Expected<std::vector<LifecycleStep>, std::string> parseLifecycle(std::string_view script);

// Runs the steps of every scheduled order on one background thread.
class LifecycleDriver {
 public:
  using Apply = std::function<void(const std::string& guid, const LifecycleStep& step)>;

  ~LifecycleDriver();
  void start(std::vector<LifecycleStep> steps, Apply apply);
  // Schedules the script for an order created at `created_ms` (epoch ms); steps already due run at once, in order.
  void schedule(const std::string& guid, int64_t created_ms);
  void stop();  // pending steps are dropped

 private:
  using Clock = std::chrono::steady_clock;
  struct Due {
    Clock::time_point when;
    uint64_t seq;
    std::string guid;
    size_t step;
    bool operator>(const Due& o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };
  void run();

  std::vector<LifecycleStep> steps_;
  Apply apply_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue_;
  uint64_t seq_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace procart_sim
