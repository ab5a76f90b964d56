#pragma once
// Helpers shared by the procart tests: temp dirs, waiting on a condition with a deadline, a log capture,
// and a small cpp-httplib server on a free loopback port for client mechanics.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "kiosk/core/order.h"

namespace procart_test {

// A fresh directory under $TMPDIR (or /tmp), removed with its content by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Polls `condition` every few milliseconds until it holds or `timeout` passes; returns its last value.
bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout = std::chrono::seconds(5));

// Captures every log line written while it lives (the previous sink is restored afterwards).
class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  std::vector<std::string> lines() const;
  bool contains(const std::string& text) const;
};

// A cpp-httplib server on 127.0.0.1:<free port>, serving on its own thread while the object lives.
class TestServer {
 public:
  TestServer();
  ~TestServer();
  httplib::Server& http() { return server_; }
  // Starts serving (register handlers first). Returns the port.
  int start();
  int port() const { return port_; }
  std::string baseUrl() const;  // "http://127.0.0.1:PORT/api/v3"

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
};

// A port on 127.0.0.1 where nothing listens (bound once, then released).
int closedPort();

// A draft with a plain dish line, a dish with modifiers and a combo with a modifier inside.
kiosk::OrderDraft sampleDraft(const std::string& external_id);
kiosk::OrderPayment samplePayment(kiosk::Money amount);

}  // namespace procart_test
