#pragma once
// A stand-in for the real runtime (kiosk/runtime), for developing and testing the UI before and apart from it:
// a KioskSession over the C++ test menu, answers to validation from the local prices, pictures from
// assets/demo/images (made up when missing), and a
// payment terminal and order flow moved by script lines ("sim …"). It is a TEST DOUBLE — no ProCart, no terminal.
//
// Script lines it takes (KioskApp's hook):
//   sim progress <message-key> [cancellable|locked] [terminal text…]
//   sim approve | sim decline | sim cancelled | sim failed [message-key]
//   sim post <number> | sim post-failed <reversed|staff>
//   sim status <new|open|bill|close|deleted|deferred>
//   sim reachable <on|off> | sim discount <rubles> | sim stop <dish-id>
//   sim timers <idle_prompt_ms> <idle_reset_ms> | sim table <on|off>   (on the attract screen only)
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/common/message_queue.h"
#include "kiosk/runtime/runtime.h"

namespace kiosk::uitest {

class PreviewRuntime final : public Runtime {
 public:
  PreviewRuntime(const std::string& assets_dir, std::shared_ptr<const MenuIndex> menu);
  ~PreviewRuntime() override;

  const SessionState& state() const override { return session_.state(); }
  const KioskSession& session() const override { return session_; }
  const Strings& strings() const override { return strings_; }
  std::string placeName(Lang lang) const override;
  void dispatch(const Event& event, TimeMs now) override;
  void pump(TimeMs now) override;
  void fetchImage(const std::string& image_ref,
                  std::function<void(Expected<std::string, std::string>)> done) override;

  // A "sim …" script line; "" when done, else why not.
  std::string hook(const std::string& line);
  const std::string& loadError() const { return load_error_; }

 private:
  void handle(const Event& event, TimeMs now);
  void later(Event event, TimeMs delay_ms);

  KioskSession session_;
  Strings strings_;
  std::string load_error_;
  std::shared_ptr<const MenuIndex> menu_;
  std::string assets_dir_;
  TimeMs now_ = 0;
  Money discount_;
  bool reachable_ = true;  // "sim reachable off": validations fail as with a network error
  std::string order_guid_ = "preview-guid";
  struct Due {
    TimeMs at;
    Event event;
  };
  std::vector<Due> due_;
  bool started_ = false;

  // Pictures are made on a worker, as the real runtime answers from disk or network off the UI thread.
  struct ImageJob {
    std::string ref;
    std::function<void(Expected<std::string, std::string>)> done;
  };
  MessageQueue<ImageJob> image_jobs_;
  std::map<std::string, Expected<std::string, std::string>> made_;  // worker thread only: each picture made once
  std::atomic<bool> stop_{false};
  std::thread image_worker_;
};

}  // namespace kiosk::uitest
