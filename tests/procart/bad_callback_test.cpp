// Bad input at the callback endpoint, against a real CallbackServer on loopback: huge bodies, slow senders, a flood.
// Each test ends the same way: the handler saw only what it should, and a valid callback is still answered.
// (Wrong secret, unknown order and non-JSON bodies one by one: callback_server_test.cpp.)
// The flood runs 1,000 requests a second for 2 s here; KIOSK_CALLBACK_FLOOD_SECONDS=10 runs the long version.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include "kiosk/procart/callback_server.h"
#include "test_support.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const char* kSecret = "bad-Input_secret-0123";
const std::string kPath = std::string("/procart/callback/") + kSecret;
const std::string kTrackedBody = R"({"guid": "{TRACKED}", "external_id": "K1-1", "number": "7", "status": 1})";

// The tracker's stand-in: accepts {TRACKED} only, and keeps every guid it was shown.
struct Handler {
  std::mutex mutex;
  std::map<std::string, int> seen;
  CallbackHandler function() {
    return [this](const codec::CallbackNotice& n) {
      std::lock_guard lock(mutex);
      ++seen[n.guid];
      return n.guid == "{TRACKED}";
    };
  }
  int count(const std::string& guid) {
    std::lock_guard lock(mutex);
    auto it = seen.find(guid);
    return it == seen.end() ? 0 : it->second;
  }
  int total() {
    std::lock_guard lock(mutex);
    int n = 0;
    for (const auto& [guid, calls] : seen) n += calls;
    return n;
  }
};

struct Server {
  Handler handler;
  CallbackServer server;
  explicit Server(CallbackServerOptions options) : server(std::move(options), handler.function()) {
    std::string error;
    INFO(error);
    REQUIRE(server.start(error) > 0);
  }
  int port() const { return server.port(); }
  // A valid callback on a fresh connection: 200 and one more handler call.
  int postValid() {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(5, 0);
    client.set_tcp_nodelay(true);
    auto res = client.Post(kPath.c_str(), kTrackedBody, "application/json");
    return res ? res->status : -1;
  }
};

CallbackServerOptions options(int threads = 2) {
  CallbackServerOptions o;
  o.listen_address = "127.0.0.1";
  o.port = 0;
  o.secret = kSecret;
  // Everyone in the one lane of `threads` workers: these tests are about requests; callback_guard_test.cpp is about
  // who may connect and ProCart's own lane.
  o.allow_from = {"any"};
  o.threads = threads;
  o.max_connections_per_peer = 16;  // every client here is 127.0.0.1, reconnecting at will
  return o;
}

// A plain TCP connection, for what an HTTP client library would not send.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawConnection() { ::close(fd_); }
  // False once the server has closed the connection (or reset it).
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // Reads what the server sends until it closes, `timeout` passes, or (with `head_only`) an answer's head is in.
  std::string receive(std::chrono::milliseconds timeout, bool& closed, bool head_only = false) {
    std::string out;
    closed = false;
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline && !(head_only && out.find("\r\n\r\n") != std::string::npos)) {
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (::poll(&p, 1, left > 0 ? static_cast<int>(left) : 0) <= 0) continue;
      char buffer[4096];
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }
  // True when the server closed its side (EOF or reset) within `timeout`.
  bool closedByServer(std::chrono::milliseconds timeout) {
    bool closed = false;
    receive(timeout, closed);
    return closed;
  }

 private:
  int fd_ = -1;
};

std::string statusLine(const std::string& answer) { return answer.substr(0, answer.find('\r')); }

std::string postHead(size_t content_length) {
  return "POST " + kPath + " HTTP/1.1\r\nHost: kiosk\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(content_length) + "\r\n\r\n";
}

}  // namespace

TEST_CASE("bad callbacks: a 10 MB body is refused with 413, by length or chunked, and the server goes on") {
  Server s(options());
  const std::string huge = "{\"guid\": \"{TRACKED}\", \"pad\": \"" + std::string(10u << 20, 'x') + "\"}";
  auto started = Clock::now();

  SECTION("with a Content-Length") {
    RawConnection c(s.port());
    c.send(postHead(huge.size()));
    c.send(huge);  // cpp-httplib reads and drops the body to keep the connection usable; it may also just close
    bool closed = false;
    std::string answer = c.receive(5s, closed, /*head_only=*/true);
    CHECK(statusLine(answer) == "HTTP/1.1 413 Payload Too Large");
  }
  SECTION("chunked, no length announced") {
    RawConnection c(s.port());
    c.send("POST " + kPath + " HTTP/1.1\r\nHost: kiosk\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (size_t at = 0; at < huge.size(); at += 1u << 16) {
      std::string chunk = huge.substr(at, 1u << 16);
      char size[16];
      std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
      if (!c.send(size + chunk + "\r\n")) break;  // the server stopped reading: refused already
    }
    c.send("0\r\n\r\n");
    bool closed = false;
    std::string answer = c.receive(5s, closed, /*head_only=*/true);
    CHECK(statusLine(answer) == "HTTP/1.1 413 Payload Too Large");
    CHECK(c.closedByServer(2s));  // the rest of the body is not read as a next request
  }
  SECTION("no length and not chunked: read until the sender closes") {
    RawConnection c(s.port());
    c.send("POST " + kPath + " HTTP/1.1\r\nHost: kiosk\r\nContent-Type: application/json\r\n\r\n");
    for (size_t at = 0; at < huge.size(); at += 1u << 16) {
      if (!c.send(huge.substr(at, 1u << 16))) break;
    }
    bool closed = false;
    std::string answer = c.receive(5s, closed, /*head_only=*/true);
    CHECK(statusLine(answer) == "HTTP/1.1 413 Payload Too Large");
  }
  CHECK(Clock::now() - started < 5s);
  CHECK(s.handler.total() == 0);
  CHECK(procart_test::waitFor([&] { return s.server.counters().too_large == 1; }));
  CHECK(s.postValid() == 200);
  CHECK(s.handler.count("{TRACKED}") == 1);
}

TEST_CASE("bad callbacks: a slow sender is cut off at the connection deadline while others are served") {
  CallbackServerOptions o = options(2);
  o.connection_deadline = 1500ms;
  Server s(o);
  const std::string body = kTrackedBody;

  SECTION("a body trickled byte by byte") {
    RawConnection slow(s.port());
    REQUIRE(slow.send(postHead(body.size())));
    auto started = Clock::now();
    bool cut = false;
    size_t sent = 0;
    // One byte every 100 ms: each read is quick (no read timeout fires), the whole body would take 7 s.
    while (sent < body.size() && Clock::now() - started < 6s) {
      if (!slow.send(body.substr(sent, 1))) {
        cut = true;
        break;
      }
      ++sent;
      if (sent == 3) CHECK(s.postValid() == 200);  // the other worker serves meanwhile
      std::this_thread::sleep_for(100ms);
    }
    if (!cut) cut = slow.closedByServer(1s);
    CHECK(cut);
    CHECK(sent < body.size());
    CHECK(Clock::now() - started < 4s);
  }
  SECTION("the request line and headers trickled") {
    RawConnection slow(s.port());
    std::string head = postHead(body.size());
    auto started = Clock::now();
    bool cut = false;
    for (size_t i = 0; i < head.size() && Clock::now() - started < 6s; ++i) {
      if (!slow.send(head.substr(i, 1))) {
        cut = true;
        break;
      }
      std::this_thread::sleep_for(100ms);
    }
    if (!cut) cut = slow.closedByServer(1s);
    CHECK(cut);
    CHECK(Clock::now() - started < 4s);
  }
  SECTION("as many slow senders as worker threads: a valid callback waits at most for the deadline") {
    RawConnection slow1(s.port());
    RawConnection slow2(s.port());
    REQUIRE(slow1.send(postHead(body.size())));
    REQUIRE(slow2.send(postHead(body.size())));
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
      for (size_t i = 0; i < body.size() && !stop; ++i) {
        slow1.send(body.substr(i, 1));
        slow2.send(body.substr(i, 1));
        std::this_thread::sleep_for(100ms);
      }
    });
    auto started = Clock::now();
    CHECK(s.postValid() == 200);
    CHECK(Clock::now() - started < 3s);
    stop = true;
    trickle.join();
  }
  // The slow requests never reached the handler; valid ones did.
  CHECK(s.handler.count("{TRACKED}") == s.server.counters().accepted);
  CHECK(s.postValid() == 200);
}

TEST_CASE("bad callbacks: a flood of 1,000 requests a second is answered, and only valid ones reach the handler") {
  int seconds = 2;
  if (const char* env = std::getenv("KIOSK_CALLBACK_FLOOD_SECONDS")) seconds = std::max(1, std::atoi(env));
  const int rate = 1000;
  const int total = rate * seconds;
  procart_test::LogCapture quiet;  // thousands of "rejected" warnings
  Server s(options(2));

  // Four kinds of request in turn: tracked (200), wrong secret (404), unknown order (404), not JSON (400).
  struct Kind {
    std::string path, body;
    int expected;
  };
  const std::vector<Kind> kinds = {
      {kPath, kTrackedBody, 200},
      {"/procart/callback/guessed-secret", kTrackedBody, 404},
      {kPath, R"({"guid": "{STRANGER}", "status": 1})", 404},
      {kPath, "guid={TRACKED}&status=1", 400},
  };
  const int senders = 2;  // the server's two workers, one keep-alive connection each
  std::vector<std::map<int, int>> statuses(senders);
  std::vector<int> failures(senders, 0);
  auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < senders; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", s.port());
      client.set_keep_alive(true);
      client.set_read_timeout(5, 0);
      client.set_tcp_nodelay(true);  // as a real client sends a request: not held back by Nagle's algorithm
      for (int i = t; i < total; i += senders) {
        // Paced: request i goes out at started + i ms.
        std::this_thread::sleep_until(started + std::chrono::microseconds(1000000LL * i / rate));
        const Kind& k = kinds[static_cast<size_t>(i) % kinds.size()];
        auto res = client.Post(k.path.c_str(), k.body, "application/json");
        if (!res) {
          ++failures[static_cast<size_t>(t)];
          continue;
        }
        if (res->status != k.expected) ++failures[static_cast<size_t>(t)];
        ++statuses[static_cast<size_t>(t)][res->status];
      }
    });
  }
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  int answered = 0, wrong = 0;
  for (int t = 0; t < senders; ++t) {
    for (const auto& [status, n] : statuses[static_cast<size_t>(t)]) answered += n;
    wrong += failures[static_cast<size_t>(t)];
  }
  WARN("callback flood: " << total << " requests in " << elapsed << " s (" << static_cast<int>(total / elapsed)
                          << " per second), " << answered << " answered, " << wrong << " unexpected");
  CHECK(answered == total);
  CHECK(wrong == 0);
  CHECK(elapsed < seconds * 1.5 + 1);  // kept up with the pace
  const int per_kind = total / static_cast<int>(kinds.size());
  CHECK(s.handler.count("{TRACKED}") == per_kind);
  CHECK(s.handler.count("{STRANGER}") == per_kind);
  CHECK(s.handler.total() == 2 * per_kind);  // wrong secrets and non-JSON never reach it
  CallbackCounters c = s.server.counters();
  CHECK(c.accepted == per_kind);
  CHECK(c.wrong_secret == per_kind);
  CHECK(c.unknown_order == per_kind);
  CHECK(c.bad_body == per_kind);
  CHECK(s.postValid() == 200);
}
