#pragma once
// Helpers shared by the payment tests: unique temp dirs, sample drafts, an event log to wait on.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/core/order.h"
#include "payment/settlement_events.h"

namespace payment::testing {

// A fresh directory under $TMPDIR (or /tmp), removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A draft with two lines, a combo and a discount, so the journal's JSON round trip is exercised.
kiosk::OrderDraft sampleDraft(const std::string& external_id);

// Collects settlement updates from the worker thread; tests wait on conditions with a deadline.
class EventLog {
 public:
  void push(const SettlementUpdate& update);
  // Waits until an event of kind T arrives (or `timeout`); true when it did.
  template <class T>
  bool waitFor(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return waitUntil([&](const std::vector<SettlementUpdate>& all) {
      for (const auto& u : all) {
        if (std::holds_alternative<T>(u.event)) return true;
      }
      return false;
    }, timeout);
  }
  template <class T>
  std::vector<T> all() const {
    std::lock_guard lock(mutex_);
    std::vector<T> out;
    for (const auto& u : updates_) {
      if (auto* e = std::get_if<T>(&u.event)) out.push_back(*e);
    }
    return out;
  }
  bool waitUntil(const std::function<bool(const std::vector<SettlementUpdate>&)>& condition,
                 std::chrono::milliseconds timeout);
  std::vector<std::string> names() const;  // event names in order, progress collapsed into "Progress"
  std::string joined() const;              // "Progress,Approved,OrderPosted"

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<SettlementUpdate> updates_;
};

// Waits for `condition` with a deadline, polling every few milliseconds.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace payment::testing
