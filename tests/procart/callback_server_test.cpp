// The callback receiver alone: what it refuses (without changing anything) and what it accepts.
#include <catch2/catch.hpp>

#include <mutex>
#include <set>

#include "kiosk/procart/callback_server.h"
#include "test_support.h"

using namespace kiosk::procart;

namespace {

const char* kSecret = "s3cr3t-Kiosk_1-abcdef";

// Stands in for the tracker: knows a set of guids and records every notice it accepts.
struct FakeTracker {
  std::mutex mutex;
  std::set<std::string> tracked = {"{TRACKED}"};
  std::vector<codec::CallbackNotice> accepted;
  CallbackHandler handler() {
    return [this](const codec::CallbackNotice& n) {
      std::lock_guard lock(mutex);
      if (!tracked.count(n.guid)) return false;
      accepted.push_back(n);
      return true;
    };
  }
  size_t count() {
    std::lock_guard lock(mutex);
    return accepted.size();
  }
};

struct Running {
  FakeTracker tracker;
  CallbackServer server;
  std::unique_ptr<httplib::Client> http;
  explicit Running(CallbackServerOptions o) : server(std::move(o), tracker.handler()) {
    std::string error;
    int port = server.start(error);
    REQUIRE(port > 0);
    INFO(error);
    http = std::make_unique<httplib::Client>("127.0.0.1", port);
    http->set_read_timeout(5, 0);
  }
  int post(const std::string& path, const std::string& body, const char* type = "application/json") {
    auto res = http->Post(path.c_str(), body, type);
    return res ? res->status : -1;
  }
};

CallbackServerOptions loopback() {
  CallbackServerOptions o;
  o.listen_address = "127.0.0.1";
  o.port = 0;
  o.secret = kSecret;
  o.procart_url = "http://127.0.0.1:11111/api/v3";  // ProCart on loopback: allow_from's default lets the test in
  return o;
}

const std::string kValidBody = R"({"guid": "{TRACKED}", "external_id": "K1-1", "number": "7", "status": 1,
    "updated_at": "2026-11-29T12:00:00"})";

}  // namespace

TEST_CASE("callback server: a valid callback for a tracked order is accepted and handed over") {
  Running r(loopback());
  CHECK(r.post(std::string("/procart/callback/") + kSecret, kValidBody) == 200);
  REQUIRE(r.tracker.count() == 1);
  CHECK(r.tracker.accepted[0].guid == "{TRACKED}");
  CHECK(r.tracker.accepted[0].status == kiosk::OrderStatus::Close);
  CHECK(r.server.counters().accepted == 1);
}

TEST_CASE("callback server: a wrong or missing secret is 404 and changes nothing") {
  Running r(loopback());
  CHECK(r.post("/procart/callback/wrong", kValidBody) == 404);
  CHECK(r.post(std::string("/procart/callback/") + kSecret + "x", kValidBody) == 404);
  CHECK(r.post("/procart/callback/", kValidBody) == 404);
  CHECK(r.post("/procart/callback", kValidBody) == 404);
  CHECK(r.post("/", kValidBody) == 404);
  CHECK(r.tracker.count() == 0);
  CHECK(r.server.counters().wrong_secret == 3);  // the last two never reach the route
}

TEST_CASE("callback server: an order the kiosk does not track is 404") {
  Running r(loopback());
  CHECK(r.post(std::string("/procart/callback/") + kSecret, R"({"guid": "{OTHER}", "status": 1})") == 404);
  CHECK(r.tracker.count() == 0);
  CHECK(r.server.counters().unknown_order == 1);
}

TEST_CASE("callback server: a body that is not JSON, or JSON without a guid, is 400") {
  Running r(loopback());
  std::string path = std::string("/procart/callback/") + kSecret;
  CHECK(r.post(path, "guid={TRACKED}&status=1", "application/x-www-form-urlencoded") == 400);
  CHECK(r.post(path, "") == 400);
  CHECK(r.post(path, "[1,2]") == 400);
  CHECK(r.post(path, R"({"status": 1})") == 400);
  CHECK(r.post(path, std::string("{\"guid\": \"\xff\"}")) == 400);  // invalid UTF-8 is not JSON
  CHECK(r.tracker.count() == 0);
  CHECK(r.server.counters().bad_body == 5);
}

TEST_CASE("callback server: a 65 KiB body is 413 and never reaches the handler") {
  Running r(loopback());
  std::string padding(65 * 1024, ' ');
  std::string body = R"({"guid": "{TRACKED}", "status": 1, "pad": ")" + padding + "\"}";
  CHECK(r.post(std::string("/procart/callback/") + kSecret, body) == 413);
  CHECK(r.tracker.count() == 0);
  // httplib runs its logger (which counts the 413) just after writing the answer: wait for it.
  CHECK(procart_test::waitFor([&] { return r.server.counters().too_large == 1; }));
  // Still serving afterwards.
  CHECK(r.post(std::string("/procart/callback/") + kSecret, kValidBody) == 200);
}

TEST_CASE("callback server: the callback URL — public base, listen address, or the route toward ProCart") {
  SECTION("public base URL wins") {
    CallbackServerOptions o = loopback();
    o.public_base_url = "http://10.0.0.21:9181/";
    Running r(o);
    CHECK(r.server.callbackUrl() == std::string("http://10.0.0.21:9181/procart/callback/") + kSecret);
  }
  SECTION("a concrete listen address is used as is, with the bound port") {
    Running r(loopback());
    CHECK(r.server.callbackUrl() ==
          "http://127.0.0.1:" + std::to_string(r.server.port()) + "/procart/callback/" + kSecret);
  }
  SECTION("a wildcard listen address takes the local address on the route to ProCart") {
    CallbackServerOptions o = loopback();
    o.listen_address = "0.0.0.0";
    o.procart_url = "http://127.0.0.1:11111/api/v3";
    Running r(o);
    CHECK(r.server.callbackUrl() ==
          "http://127.0.0.1:" + std::to_string(r.server.port()) + "/procart/callback/" + kSecret);
  }
}

TEST_CASE("callback server: URL helpers") {
  CHECK(hostOfUrl("http://10.1.2.3:11111/api/v3") == "10.1.2.3");
  CHECK(hostOfUrl("https://procart.local/api") == "procart.local");
  CHECK(hostOfUrl("http://[::1]:8080/x") == "::1");
  CHECK(localAddressToward("127.0.0.1") == "127.0.0.1");
  CHECK(localAddressToward("").empty());
}

TEST_CASE("callback server: an unusable secret or a taken port refuses to start") {
  FakeTracker tracker;
  std::string error;
  for (const char* secret : {"", "has/slash", "has space", "ünïcode"}) {
    CallbackServerOptions o = loopback();
    o.secret = secret;
    CallbackServer server(o, tracker.handler());
    CHECK(server.start(error) == -1);
    CHECK_FALSE(error.empty());
  }
  Running first(loopback());
  CallbackServerOptions o = loopback();
  o.port = first.server.port();
  CallbackServer second(o, tracker.handler());
  error.clear();
  CHECK(second.start(error) == -1);
  CHECK(error.find("cannot listen") == 0);
}
