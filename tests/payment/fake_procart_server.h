#pragma once
// A tiny loopback HTTP service over a FakeOrderBook, for the kill tests: the order store lives in the test
// process while the kiosk (a child process) is killed and restarted. Not the ProCart wire format — just enough
// HTTP for HttpOrderGateway (http_order_gateway.h):
//   POST /postorder {"draft":{…},"payments":[…]} → 200 {"guid","number"} | 422 refused | 500/503 unknown
//   GET  /order?external_id=…                   → 200 {"guid","number"} | 404 absent | 503 unknown
#include <memory>
#include <string>
#include <thread>

#include "tests/payment/fake_order_book.h"

namespace httplib {
class Server;
}

namespace payment::testing {

class FakeProcartServer {
 public:
  explicit FakeProcartServer(FakeOrderBook& book);
  ~FakeProcartServer();
  int start();  // binds 127.0.0.1 on any free port; the port, or -1
  void stop();
  int port() const { return port_; }

 private:
  FakeOrderBook& book_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = -1;
};

}  // namespace payment::testing
