#pragma once
// Delivers order status callbacks (POST <callback_url> with a JSON body) from one background thread:
// up to `attempts` POSTs per callback, waiting backoff, 2×backoff, 4×backoff… between them. A callback may be
// lost on purpose (fault `callback.lose`) or delayed (`callback.latency`); a non-2xx answer or a network error
// counts as a failed attempt. Callbacks of different orders may overtake each other while one is being retried.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/sim/faults.h"

namespace procart_sim {

class CallbackSender {
 public:
  using Decide = std::function<FaultDecision()>;

  ~CallbackSender();
  void start(int attempts, int backoff_ms, Decide decide);
  void send(const std::string& url, const std::string& body);
  void stop();  // callbacks not yet delivered are dropped

  int64_t delivered() const { return delivered_; }  // answered 2xx
  int64_t lost() const { return lost_; }            // lost on purpose, or every attempt failed
  int64_t attempts() const { return attempts_made_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    Clock::time_point when;
    uint64_t seq;
    std::string url, body;
    int attempt;  // 1 for the first POST
    bool operator>(const Job& o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };
  void run();
  bool post(const Job& job);

  int attempts_ = 4;
  int backoff_ms_ = 200;
  Decide decide_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Job, std::vector<Job>, std::greater<Job>> queue_;
  uint64_t seq_ = 0;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<int64_t> delivered_{0}, lost_{0}, attempts_made_{0};
};

}  // namespace procart_sim
