#pragma once
// Helpers for the emulator tests: temp dirs with a copy of the test menu, a running emulator, JSON over a real
// httplib client, and a small server that records callbacks.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "kiosk/sim/emulator.h"

namespace sim_test {

using json = nlohmann::json;
constexpr const char* kToken = "test-token";

// A fresh directory under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void writeFile(const std::string& path, const std::string& content);
std::string readFile(const std::string& path);

// Copies tests/sim/data/test_menu.json and its images/ into `dir`; returns the menu path.
std::string copyTestMenu(const std::string& dir);

// Options for the test menu copied into `dir`: token kToken, no lifecycle, fast callbacks.
procart_sim::Options testOptions(const std::string& dir);

// An emulator started on a free loopback port (REQUIREs that it started).
struct RunningSim {
  explicit RunningSim(procart_sim::Options options);
  procart_sim::Emulator sim;
  int port = -1;
  std::unique_ptr<httplib::Client> client() const;
};

// JSON helpers over a real connection. They return the httplib result (null on a transport error).
httplib::Result postJson(httplib::Client& client, const std::string& path, const json& body);
json bodyOf(const httplib::Result& result);  // parsed body (REQUIREs a result and valid JSON)

// A minimal order line and order bodies for the test menu.
json burgerLine(int quantity = 1);  // "101" with the required doneness
json orderBody(const json& lines, const std::string& external_id = "ext-1");
json postorderBody(const json& lines, const std::string& total, const std::string& external_id = "ext-1",
                   const std::string& callback_url = "");

// Polls `condition` every 5 ms until it holds or `timeout` passes.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// Receives callbacks on http://127.0.0.1:PORT/cb/<secret>; answers 200, or 500 for the first `fail_first` calls.
class CallbackReceiver {
 public:
  explicit CallbackReceiver(int fail_first = 0);
  ~CallbackReceiver();
  std::string url() const;
  std::vector<json> received() const;  // bodies answered 200, in arrival order
  int attempts() const;                // every POST, failed ones included
  bool waitFor(size_t count, std::chrono::milliseconds timeout) const;

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
  int fail_first_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<json> received_;
  int attempts_ = 0;
};

}  // namespace sim_test
