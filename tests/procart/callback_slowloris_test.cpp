// Slow and crowding clients at the callback receiver, on loopback: the attacks a tester ran from the restaurant LAN.
// 200 connections that trickle bytes once exhausted the one pool of workers, and ProCart's callbacks waited behind
// them. Now ProCart's host has workers of its own, an address may hold only a few connections, the queues are
// bounded, and a request's head and body each have their own time. Every test ends with ProCart served.
// Source addresses: 127.0.0.2 stands for ProCart's host, 127.0.0.1 and 127.0.1.x for other hosts on the LAN.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/procart/callback_server.h"
#include "raw_connection.h"
#include "test_support.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;
using procart_test::postFrom;
using procart_test::RawConnection;

namespace {

const char* kSecret = "slow-Secret_0123456789";
const std::string kPath = std::string("/procart/callback/") + kSecret;
const std::string kTrackedBody = R"({"guid": "{TRACKED}", "external_id": "K1-1", "number": "7", "status": 1})";
const int kAttackers = 200;

struct Receiver {
  std::atomic<int> handled{0};
  CallbackServer server;
  explicit Receiver(CallbackServerOptions o)
      : server(std::move(o), [this](const codec::CallbackNotice& n) {
          ++handled;
          return n.guid == "{TRACKED}";
        }) {
    std::string error;
    INFO(error);
    REQUIRE(server.start(error) > 0);
  }
  int port() const { return server.port(); }
  int post(const std::string& from) { return postFrom(port(), from, kPath, kTrackedBody); }
};

// The attacker is let in (allow_from "any": the worst case, and the behaviour before allow_from), ProCart is at
// 127.0.0.2.
CallbackServerOptions letEveryoneIn() {
  CallbackServerOptions o;
  o.listen_address = "127.0.0.1";
  o.port = 0;
  o.secret = kSecret;
  o.procart_url = "http://127.0.0.2:11111/api/v3";
  o.allow_from = {"any"};
  return o;
}

// Connections that have sent the start of a request and go on sending it, a byte every half second each (well
// within any single read timeout, so only a time for the whole head can end them), until destroyed.
class SlowCrowd {
 public:
  SlowCrowd(int port, int count, const std::function<std::string(int)>& address_of) {
    trickler_ = std::thread([this] {
      while (!stop_) {
        {
          std::lock_guard lock(mutex_);
          for (auto& c : held_) c->send("s");  // fails quietly on the connections the server closed
        }
        for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(50ms);
      }
    });
    for (int i = 0; i < count; ++i) {
      auto c = std::make_unique<RawConnection>(port, address_of(i));
      c->send("POST " + kPath + " HTTP/1.1\r\nHo");
      std::lock_guard lock(mutex_);
      held_.push_back(std::move(c));
    }
  }
  ~SlowCrowd() {
    stop_ = true;
    trickler_.join();
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<RawConnection>> held_;
  std::atomic<bool> stop_{false};
  std::thread trickler_;
};

// Sends `bytes` one at a time, one every 100 ms, listening in between. Stops when the server answers or closes.
// Returns how many bytes went out; `answer` gets what the server sent.
size_t trickle(RawConnection& c, const std::string& bytes, std::string& answer) {
  size_t sent = 0;
  bool closed = false;
  while (sent < bytes.size()) {
    if (!c.send(bytes.substr(sent, 1))) break;
    ++sent;
    answer += c.receive(100ms, closed, /*head_only=*/true);
    if (closed || !answer.empty()) break;
  }
  if (!closed) answer += c.receive(20s, closed, /*head_only=*/true);  // generous: the server must cut it first
  return sent;
}

}  // namespace

TEST_CASE("slowloris: ProCart's callback gets through while 200 slow connections from 200 other hosts are held") {
  CallbackServerOptions o = letEveryoneIn();
  // Nothing times the attackers out during the test: only ProCart's own lane can let its callback through.
  o.head_timeout = 60s;
  o.connection_deadline = 120s;
  Receiver r(o);
  SlowCrowd crowd(r.port(), kAttackers, [](int i) { return "127.0.1." + std::to_string(i + 1); });

  CHECK(r.post("127.0.0.2") == 200);
  CHECK(r.post("127.0.0.2") == 200);
  CHECK(r.handled == 2);
  // The other lane holds its 4 workers' and 16 waiting connections; every further one was closed at once.
  CHECK(procart_test::waitFor([&] { return r.server.counters().busy >= kAttackers - 4 - 16; }, 20s));
  CHECK(r.server.counters().accepted == 2);
}

TEST_CASE("slowloris: 200 connections from one address hold 3, the rest are closed at once; others are served") {
  CallbackServerOptions o = letEveryoneIn();
  o.head_timeout = 60s;
  o.connection_deadline = 120s;
  Receiver r(o);
  SlowCrowd crowd(r.port(), kAttackers, [](int) { return std::string("127.0.0.1"); });

  // Held connections are not let go during the test, so the count is exact.
  CHECK(procart_test::waitFor([&] { return r.server.counters().peer_limit == kAttackers - 3; }, 20s));
  CHECK(r.post("127.0.0.2") == 200);  // ProCart, in its own lane
  CHECK(r.post("127.0.1.9") == 200);  // another allowed host: the attacker has only 3 of the 4 workers
  CHECK(r.handled == 2);
  CHECK(r.post("127.0.0.1") == -1);  // the attacker's address is still at its limit
}

TEST_CASE("slowloris: request headers trickled a byte at a time are cut at the head time") {
  CallbackServerOptions o = letEveryoneIn();
  o.head_timeout = 1s;
  o.connection_deadline = 120s;  // only the head time can cut it
  Receiver r(o);
  RawConnection slow(r.port(), "127.0.0.1");
  const std::string head = procart_test::postHead(kPath, kTrackedBody.size());
  std::string answer;
  // Each byte comes 100 ms after the last, well within any single read timeout; the whole head would take 10 s.
  size_t sent = trickle(slow, head, answer);
  CHECK(sent < head.size());
  CHECK(slow.closedByServer(20s));
  CHECK(procart_test::waitFor([&] { return r.server.counters().too_slow == 1; }));
  CHECK(r.handled == 0);
  CHECK(r.post("127.0.0.2") == 200);
}

TEST_CASE("slowloris: a body trickled a byte at a time is answered 408 at the body time") {
  CallbackServerOptions o = letEveryoneIn();
  o.body_timeout = 1s;
  o.connection_deadline = 120s;  // only the body time can cut it
  Receiver r(o);
  RawConnection slow(r.port(), "127.0.0.1");
  REQUIRE(slow.send(procart_test::postHead(kPath, kTrackedBody.size())));
  std::string answer;
  size_t sent = trickle(slow, kTrackedBody, answer);
  CHECK(sent < kTrackedBody.size());
  CHECK(answer.substr(0, answer.find('\r')) == "HTTP/1.1 408 Request Timeout");
  CHECK(slow.closedByServer(20s));
  CHECK(procart_test::waitFor([&] { return r.server.counters().too_slow == 1; }));
  CHECK(r.server.counters().bad_body == 0);
  CHECK(r.handled == 0);
  CHECK(r.post("127.0.0.2") == 200);
}

TEST_CASE("slowloris: a connection that never sends a byte is closed at the head time") {
  CallbackServerOptions o = letEveryoneIn();
  o.head_timeout = 1s;
  o.connection_deadline = 120s;
  Receiver r(o);
  RawConnection silent(r.port(), "127.0.0.1");
  CHECK(silent.closedByServer(20s));
  CHECK(procart_test::waitFor([&] { return r.server.counters().too_slow == 1; }));
  CHECK(r.post("127.0.0.2") == 200);
}
