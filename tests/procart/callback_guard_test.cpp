// Who may call back, against a real CallbackServer on loopback. A connection from an address that allow_from does
// not let in is closed before anything is read (whatever it would send, the handler never runs), counted with its
// result, and warned about at a bounded rate. Source addresses: 127.0.0.2 stands for ProCart's host, 127.0.1.x for
// other hosts on the LAN (Linux routes all of 127/8 to loopback).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>

#include "kiosk/procart/callback_server.h"
#include "raw_connection.h"
#include "test_support.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;
using procart_test::postFrom;
using procart_test::RawConnection;

namespace {

const char* kSecret = "guard-Secret_0123456789";
const std::string kPath = std::string("/procart/callback/") + kSecret;
const std::string kTrackedBody = R"({"guid": "{TRACKED}", "external_id": "K1-1", "number": "7", "status": 1})";

// What the runtime would count in callbacks_total{result=…}.
struct Results {
  std::mutex mutex;
  std::map<CallbackResult, int> seen;
  int count(CallbackResult result) {
    std::lock_guard lock(mutex);
    return seen[result];
  }
  int total() {
    std::lock_guard lock(mutex);
    int n = 0;
    for (const auto& [result, times] : seen) n += times;
    return n;
  }
};

// ProCart at 127.0.0.2 unless told otherwise; the receiver on 127.0.0.1.
CallbackServerOptions options(std::vector<std::string> allow_from, const std::string& procart_host = "127.0.0.2") {
  CallbackServerOptions o;
  o.listen_address = "127.0.0.1";
  o.port = 0;
  o.secret = kSecret;
  o.procart_url = "http://" + procart_host + ":11111/api/v3";
  o.allow_from = std::move(allow_from);
  return o;
}

struct Guarded {
  Results results;
  std::atomic<int> handled{0};
  CallbackServer server;
  explicit Guarded(CallbackServerOptions o)
      : server(withResults(std::move(o)), [this](const codec::CallbackNotice& n) {
          ++handled;
          return n.guid == "{TRACKED}";
        }) {
    std::string error;
    INFO(error);
    REQUIRE(server.start(error) > 0);
  }
  CallbackServerOptions withResults(CallbackServerOptions o) {
    o.on_result = [this](CallbackResult r) {
      std::lock_guard lock(results.mutex);
      ++results.seen[r];
    };
    return o;
  }
  int post(const std::string& from, const std::string& path = kPath) {
    return postFrom(server.port(), from, path, kTrackedBody);
  }
};

}  // namespace

TEST_CASE("who may call back: by default only ProCart's host; any other address is closed without an answer") {
  CallbackServerOptions o = options({});
  o.allow_from = CallbackServerOptions{}.allow_from;  // the default
  REQUIRE(o.allow_from == std::vector<std::string>{"procart"});
  Guarded g(o);

  CHECK(g.post("127.0.0.2") == 200);
  CHECK(g.post("127.0.0.1") == -1);  // closed, no answer
  CHECK(g.post("127.0.1.7") == -1);
  CHECK(g.post("127.0.0.2") == 200);
  CHECK(g.handled == 2);
  CHECK(procart_test::waitFor([&] { return g.server.counters().not_allowed == 2; }));
  CallbackCounters c = g.server.counters();
  CHECK(c.accepted == 2);
  CHECK(c.wrong_secret + c.bad_body + c.unknown_order + c.too_large + c.peer_limit + c.busy + c.too_slow == 0);
  CHECK(g.results.count(CallbackResult::NotAllowed) == 2);
  CHECK(g.results.count(CallbackResult::Accepted) == 2);
}

TEST_CASE("who may call back: a refused connection is closed at once, before a byte of it is read") {
  Guarded g(options({"procart"}));
  SECTION("one that sends nothing is closed by the server, not left waiting for its request") {
    RawConnection c(g.server.port(), "127.0.0.1");
    CHECK(c.closedByServer(20s));
  }
  SECTION("one carrying the right secret and a tracked order is refused just the same") {
    RawConnection c(g.server.port(), "127.0.0.1");
    c.send(procart_test::postHead(kPath, kTrackedBody.size()) + kTrackedBody);  // may find it closed already
    bool closed = false;
    std::string answer = c.receive(20s, closed);
    CHECK(closed);
    CHECK(answer.empty());
  }
  CHECK(procart_test::waitFor([&] { return g.server.counters().not_allowed == 1; }));
  CHECK(g.handled == 0);
  CHECK(g.server.counters().wrong_secret == 0);  // the request was never parsed
  CHECK(g.post("127.0.0.2") == 200);
}

TEST_CASE("who may call back: allow_from with addresses, ranges and the two words") {
  SECTION("one address: 127.0.0.2 accepted, 127.0.0.1 refused, and ProCart's host only if listed") {
    Guarded g(options({"127.0.0.2"}, /*procart_host=*/"127.0.0.9"));
    CHECK(g.post("127.0.0.1") == -1);
    CHECK(g.post("127.0.0.2") == 200);
    CHECK(g.post("127.0.0.9") == -1);
    CHECK(procart_test::waitFor([&] { return g.server.counters().not_allowed == 2; }));
  }
  SECTION("a CIDR range") {
    Guarded g(options({"127.0.1.0/24"}));
    CHECK(g.post("127.0.1.7") == 200);
    CHECK(g.post("127.0.1.254") == 200);
    CHECK(g.post("127.0.2.1") == -1);
    CHECK(g.post("127.0.0.2") == -1);  // ProCart's host is not in the list
  }
  SECTION("procart and a range together") {
    Guarded g(options({"procart", "127.0.1.0/24"}));
    CHECK(g.post("127.0.0.2") == 200);
    CHECK(g.post("127.0.1.7") == 200);
    CHECK(g.post("127.0.0.1") == -1);
  }
  SECTION("any: everyone, as before allow_from existed") {
    Guarded g(options({"any"}));
    CHECK(g.post("127.0.0.1") == 200);
    CHECK(g.post("127.0.1.7") == 200);
    CHECK(g.post("127.0.0.2") == 200);
    CHECK(g.server.counters().not_allowed == 0);
  }
  SECTION("ProCart's host given by name is resolved at start") {
    Guarded g(options({"procart"}, "localhost"));
    CHECK(g.post("127.0.0.1") == 200);
    CHECK(g.post("127.0.0.2") == -1);
  }
}

TEST_CASE("who may call back: an allow_from it cannot read refuses to start, saying which entry") {
  struct Bad {
    std::vector<std::string> allow_from;
    const char* why;
  };
  const Bad cases[] = {
      {{}, "empty"},
      {{"procart", "10.0.1.5/24"}, "[1] \"10.0.1.5/24\": host bits are set (the network is 10.0.1.0/24)"},
      {{"10.0.0.300"}, "[0] \"10.0.0.300\": expected an IP address"},
      {{"procrat"}, "\"procart\" or \"any\""},
      {{"10.0.0.0/33"}, "0..32"},
      {{"fd00::/129"}, "0..128"},
      {{"10.0.0.0/"}, "0..32"},
      {{"ProCart's host"}, "expected an IP address"},
  };
  for (const Bad& bad : cases) {
    CallbackServerOptions o = options(bad.allow_from);
    CallbackServer server(o, [](const codec::CallbackNotice&) { return true; });
    std::string error;
    CHECK(server.start(error) == -1);
    INFO(error);
    CHECK(error.find("allow_from") != std::string::npos);
    CHECK(error.find(bad.why) != std::string::npos);
  }
}

TEST_CASE("who may call back: 5,000 rejected callbacks are all counted, and write a bounded number of warnings") {
  procart_test::LogCapture log;
  Guarded g(options({"procart", "127.0.1.0/24"}));
  const int each = 2500;
  for (int i = 0; i < each; ++i) {
    RawConnection refused(g.server.port(), "127.0.0.1");
    REQUIRE(refused.closedByServer(20s));
  }
  for (int i = 0; i < each; ++i) {
    REQUIRE(g.post("127.0.1.7", "/procart/callback/guessed-secret") == 404);
  }
  CHECK(procart_test::waitFor([&] { return g.server.counters().not_allowed == each; }, 20s));
  CHECK(g.server.counters().wrong_secret == each);
  CHECK(g.results.count(CallbackResult::NotAllowed) == each);
  CHECK(g.results.count(CallbackResult::WrongSecret) == each);
  CHECK(g.results.total() == 2 * each);
  CHECK(g.post("127.0.0.2") == 200);  // ProCart is still served
  g.server.stop();

  auto lines = log.lines();
  auto rejected = std::count_if(lines.begin(), lines.end(),
                                [](const std::string& l) { return l.find("callback: rejected:") == 0; });
  CHECK(rejected == 10);  // the first ten of the minute
  CHECK(log.contains("callback: rejected: address not in callback.allow_from; connection closed unread (from "
                     "127.0.0.1)"));
  // The summary comes at stop() at the latest (or at the first idle second after the minute).
  CHECK(log.contains("… and 4990 more like these within 60 s"));
  CHECK(lines.size() < 20);
}
