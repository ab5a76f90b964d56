#pragma once
// Serves a SimTerminalDevice over loopback TCP (protocol: sim_protocol.h), one thread per connection.
// Lets a kiosk process be killed while the device and its ledger live on in the process that owns the server.
#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "payment/sim/line_socket.h"
#include "payment/sim/sim_device.h"

namespace payment::sim {

class SimTerminalServer {
 public:
  explicit SimTerminalServer(SimTerminalDevice& device);
  ~SimTerminalServer();  // stops
  SimTerminalServer(const SimTerminalServer&) = delete;
  SimTerminalServer& operator=(const SimTerminalServer&) = delete;

  // Binds (port 0: any free port) and serves on its own threads. The bound port, or -1 with error() set.
  int start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();
  int port() const { return port_; }
  const std::string& error() const { return error_; }
  int64_t connectionsServed() const { return served_; }

 private:
  struct Connection {
    Socket socket;
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void acceptLoop();
  void serve(Connection& connection);
  void reapFinished();

  SimTerminalDevice& device_;
  Socket listener_;
  std::thread accept_thread_;
  std::atomic<bool> stopping_{false};
  std::mutex connections_mutex_;
  std::list<std::unique_ptr<Connection>> connections_;
  std::atomic<int64_t> served_{0};
  int port_ = -1;
  std::string error_;
};

}  // namespace payment::sim
