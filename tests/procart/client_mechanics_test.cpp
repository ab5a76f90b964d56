// The client's mechanics against a small in-test HTTP server: where the token goes, keep-alive and the fresh
// connection of /postorder, transport failures and their maybe_acted, the async facade, the gateway adapter.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <set>

#include "kiosk/procart/async_client.h"
#include "kiosk/procart/client.h"
#include "kiosk/procart/order_gateway_adapter.h"
#include "test_support.h"

using namespace kiosk::procart;
using kiosk::ErrorKind;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const char* kToken = "0f8fad5b-d9cb-469f-a165-70867728950e";

struct Seen {
  std::mutex mutex;
  std::vector<std::string> query_tokens, body_tokens, authorization, custom, remote_ports;
  void add(const httplib::Request& req) {
    std::lock_guard lock(mutex);
    query_tokens.push_back(req.get_param_value("token"));
    json body = json::parse(req.body, nullptr, false);
    body_tokens.push_back(body.is_object() && body.contains("token") ? body["token"].get<std::string>() : "");
    authorization.push_back(req.get_header_value("Authorization"));
    custom.push_back(req.get_header_value("X-Token"));
    remote_ports.push_back(std::to_string(req.remote_port));
  }
};

// Answers every method of the profile with a fixed, valid answer and records what it saw.
void serveProfile(procart_test::TestServer& server, Seen& seen) {
  auto& http = server.http();
  http.Get("/api/v3/ping", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"ok": true, "procart_version": "3", "rkeeper_version": "7", "rkeeper_connected": true,
        "license_valid": true, "token_valid": true})", "application/json");
  });
  http.Get("/api/v3/getmenu", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"menu_version": "m1", "dishes": [{"id": 1, "name": "A", "price": "10.00"}]})",
                    "application/json");
  });
  http.Get("/api/v3/getorders", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"ok": true, "orders": [{"guid": "{G1}", "external_id": "K1-1", "number": "7", "status": 0}]})",
                    "application/json");
  });
  http.Post("/api/v3/getorders", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"ok": true, "orders": []})", "application/json");
  });
  http.Post("/api/v3/validate", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"ok": true, "lines": [], "discounts": [], "total": "10.00"})", "application/json");
  });
  http.Post("/api/v3/postorder", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"ok": true, "guid": "{G2}", "number": "8", "status": 5})", "application/json");
  });
  http.Post("/api/v3/close", [&](const httplib::Request& req, httplib::Response& res) {
    seen.add(req);
    res.set_content(R"({"ok": true})", "application/json");
  });
}

ClientOptions optionsFor(const std::string& base_url) {
  ClientOptions o;
  o.base_url = base_url + "/";  // a trailing slash is tolerated
  o.token = kToken;
  o.timeouts.connect = 1000ms;
  o.timeouts.ping = o.timeouts.getmenu = o.timeouts.validate = o.timeouts.postorder = o.timeouts.getorders =
      o.timeouts.close = o.timeouts.image = 2000ms;
  return o;
}

void callEveryMethod(ProcartClient& client) {
  REQUIRE(client.ping().ok());
  REQUIRE(client.getMenu().ok());
  REQUIRE(client.validate(procart_test::sampleDraft("K1-1")).ok());
  REQUIRE(client.postOrder(procart_test::sampleDraft("K1-1"), {procart_test::samplePayment(kiosk::Money::rubles(10))},
                           "http://cb").ok());
  REQUIRE(client.getOpenOrders().ok());
  REQUIRE(client.getOrders({"{G1}"}).ok());
  REQUIRE(client.closeOrder("{G1}").ok());
}

}  // namespace

TEST_CASE("client: the token goes in the query for GET and in the body for POST, never in a header") {
  procart_test::TestServer server;
  Seen seen;
  serveProfile(server, seen);
  server.start();
  ProcartClient client(optionsFor(server.baseUrl()));
  callEveryMethod(client);
  std::lock_guard lock(seen.mutex);
  REQUIRE(seen.query_tokens.size() == 7);
  // ping, getmenu are GET; validate, postorder POST; getorders GET then POST; close POST.
  const std::vector<bool> is_get = {true, true, false, false, true, false, false};
  for (size_t i = 0; i < is_get.size(); ++i) {
    INFO("request " << i);
    CHECK(seen.query_tokens[i] == (is_get[i] ? kToken : ""));
    CHECK(seen.body_tokens[i] == (is_get[i] ? "" : kToken));
    CHECK(seen.authorization[i].empty());
  }
}

TEST_CASE("client: the token can travel as Authorization: Bearer or a custom header instead") {
  procart_test::TestServer server;
  Seen seen;
  serveProfile(server, seen);
  server.start();
  SECTION("bearer") {
    ClientOptions o = optionsFor(server.baseUrl());
    o.token_placement = TokenPlacement::BearerHeader;
    ProcartClient client(o);
    callEveryMethod(client);
    std::lock_guard lock(seen.mutex);
    for (size_t i = 0; i < seen.authorization.size(); ++i) {
      CHECK(seen.authorization[i] == std::string("Bearer ") + kToken);
      CHECK(seen.query_tokens[i].empty());
      CHECK(seen.body_tokens[i].empty());
    }
  }
  SECTION("custom header") {
    ClientOptions o = optionsFor(server.baseUrl());
    o.token_placement = TokenPlacement::CustomHeader;
    o.token_header = "X-Token";
    ProcartClient client(o);
    callEveryMethod(client);
    std::lock_guard lock(seen.mutex);
    for (size_t i = 0; i < seen.custom.size(); ++i) {
      CHECK(seen.custom[i] == kToken);
      CHECK(seen.query_tokens[i].empty());
      CHECK(seen.body_tokens[i].empty());
    }
  }
}

TEST_CASE("client: the token never reaches the log, even when calls fail") {
  procart_test::LogCapture log;
  procart_test::TestServer server;
  server.http().Get("/api/v3/ping", [](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"ok": false, "error": {"code": "token_invalid", "message": "unknown token"}})",
                    "application/json");
  });
  server.start();
  ProcartClient client(optionsFor(server.baseUrl()));
  CHECK_FALSE(client.ping().ok());
  ProcartClient unreachable(optionsFor("http://127.0.0.1:" + std::to_string(procart_test::closedPort()) + "/api/v3"));
  CHECK_FALSE(unreachable.getMenu().ok());
  CHECK_FALSE(unreachable.postOrder(procart_test::sampleDraft("K1-9"), {}, "").ok());
  CHECK(log.lines().size() >= 3);
  CHECK_FALSE(log.contains(kToken));
  CHECK_FALSE(log.contains("0f8fad5b-d9cb"));
  CHECK(log.contains("0f8f…"));  // the redacted form says which token without giving it away
}

TEST_CASE("client: connections are kept alive, except /postorder which always gets a fresh one") {
  procart_test::TestServer server;
  Seen seen;
  serveProfile(server, seen);
  server.start();
  ProcartClient client(optionsFor(server.baseUrl()));
  REQUIRE(client.ping().ok());
  REQUIRE(client.validate(procart_test::sampleDraft("K1-1")).ok());
  REQUIRE(client.getOpenOrders().ok());
  REQUIRE(client.postOrder(procart_test::sampleDraft("K1-1"), {}, "").ok());
  REQUIRE(client.postOrder(procart_test::sampleDraft("K1-2"), {}, "").ok());
  std::lock_guard lock(seen.mutex);
  REQUIRE(seen.remote_ports.size() == 5);
  CHECK(seen.remote_ports[0] == seen.remote_ports[1]);
  CHECK(seen.remote_ports[1] == seen.remote_ports[2]);
  std::set<std::string> postorder_ports = {seen.remote_ports[3], seen.remote_ports[4]};
  CHECK(postorder_ports.size() == 2);
  CHECK(postorder_ports.count(seen.remote_ports[0]) == 0);
}

TEST_CASE("client: connection refused is unreachable and certainly not acted") {
  ProcartClient client(optionsFor("http://127.0.0.1:" + std::to_string(procart_test::closedPort()) + "/api/v3"));
  auto posted = client.postOrder(procart_test::sampleDraft("K1-1"), {}, "");
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().kind == ErrorKind::Network);
  CHECK(posted.error().message_key == "error.procart_unreachable");
  CHECK_FALSE(posted.error().maybe_acted);
  auto resolved = ProcartClient(optionsFor("http://no-such-host.invalid/api/v3")).ping();
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().kind == ErrorKind::Network);
  CHECK_FALSE(resolved.error().maybe_acted);
}

TEST_CASE("client: a timeout after sending is Timeout with maybe_acted — each method has its own timeout") {
  procart_test::TestServer server;
  std::atomic<int> postorders{0};
  server.http().Post("/api/v3/postorder", [&](const httplib::Request&, httplib::Response& res) {
    postorders++;
    std::this_thread::sleep_for(400ms);
    res.set_content(R"({"ok": true, "guid": "{late}"})", "application/json");
  });
  server.http().Post("/api/v3/validate", [&](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(400ms);
    res.set_content(R"({"ok": true, "total": 1})", "application/json");
  });
  server.start();
  ClientOptions o = optionsFor(server.baseUrl());
  o.timeouts.postorder = 150ms;
  o.timeouts.validate = 1500ms;
  ProcartClient client(o);
  auto started = std::chrono::steady_clock::now();
  auto posted = client.postOrder(procart_test::sampleDraft("K1-1"), {}, "");
  auto took = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().kind == ErrorKind::Timeout);
  CHECK(posted.error().message_key == "error.procart_timeout");
  CHECK(posted.error().maybe_acted);
  CHECK(took < 1500ms);  // gave up at its own 150 ms, not after the 400 ms answer nor the validate timeout
  CHECK(client.validate(procart_test::sampleDraft("K1-1")).ok());  // its own, longer timeout
  CHECK(postorders.load() == 1);  // never retried by the client
}

TEST_CASE("client: an oversized answer is refused as Malformed") {
  procart_test::TestServer server;
  server.http().Get("/api/v3/getmenu", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(3u << 20, ' ') + "{}", "application/json");
  });
  server.http().Get("/api/v3/images/big.png", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(64 * 1024, 'x'), "image/png");
  });
  server.start();
  ClientOptions o = optionsFor(server.baseUrl());
  o.max_image_bytes = 1024;
  ProcartClient client(o);
  auto image = client.fetchImage("images/big.png");
  REQUIRE_FALSE(image.ok());
  CHECK(image.error().kind == ErrorKind::Malformed);
  // A 3 MiB menu of blanks is within the 32 MiB limit, and then not a menu.
  auto menu = client.getMenu();
  REQUIRE_FALSE(menu.ok());
  CHECK(menu.error().kind == ErrorKind::Malformed);
}

TEST_CASE("client: images by relative path (under the base URL) or absolute URL") {
  procart_test::TestServer server;
  server.http().Get("/api/v3/images/burger.png", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string("\x89PNG-burger", 11), "image/png");
  });
  server.http().Get("/static/cola.png", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("PNG-cola", "image/png");
  });
  server.start();
  ProcartClient client(optionsFor(server.baseUrl()));
  CHECK(client.imageUrl("images/burger.png") == server.baseUrl() + "/images/burger.png");
  auto relative = client.fetchImage("images/burger.png");
  REQUIRE(relative.ok());
  CHECK(*relative == std::string("\x89PNG-burger", 11));
  auto absolute = client.fetchImage("http://127.0.0.1:" + std::to_string(server.port()) + "/static/cola.png");
  REQUIRE(absolute.ok());
  CHECK(*absolute == "PNG-cola");
  auto missing = client.fetchImage("images/none.png");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().http_status == 404);
}

TEST_CASE("async client: the caller never blocks and results arrive on a worker thread") {
  procart_test::TestServer server;
  std::mutex gate_mutex;
  std::condition_variable gate_cv;
  bool open = false;
  server.http().Post("/api/v3/validate", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock lock(gate_mutex);
    gate_cv.wait_for(lock, 5s, [&] { return open; });
    res.set_content(R"({"ok": true, "total": "10.00"})", "application/json");
  });
  server.http().Get("/api/v3/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ok": true})", "application/json");
  });
  server.start();
  ProcartClient client(optionsFor(server.baseUrl()));
  AsyncClient async(client, 2);

  std::atomic<bool> validated{false}, pinged{false};
  std::thread::id caller = std::this_thread::get_id(), validate_thread, ping_thread;
  std::mutex ids;
  auto started = std::chrono::steady_clock::now();
  async.validate(procart_test::sampleDraft("K1-1"), [&](kiosk::Expected<kiosk::ValidationResult, kiosk::ServiceError> r) {
    std::lock_guard lock(ids);
    validate_thread = std::this_thread::get_id();
    validated = r.ok() && r->total == kiosk::Money::rubles(10);
  });
  async.ping([&](kiosk::Expected<codec::PingInfo, kiosk::ServiceError> r) {
    std::lock_guard lock(ids);
    ping_thread = std::this_thread::get_id();
    pinged = r.ok();
  });
  // Both calls returned at once: well before the 2 s timeout a blocking validate would have waited for.
  CHECK(std::chrono::steady_clock::now() - started < 1000ms);
  // The ping finishes while the validate is still held by the server: a slow call does not hold up others.
  REQUIRE(procart_test::waitFor([&] { return pinged.load(); }));
  CHECK_FALSE(validated.load());
  {
    std::lock_guard lock(gate_mutex);
    open = true;
  }
  gate_cv.notify_all();
  REQUIRE(procart_test::waitFor([&] { return validated.load(); }));
  std::lock_guard lock(ids);
  CHECK(validate_thread != caller);
  CHECK(ping_thread != caller);
}

TEST_CASE("order gateway: /postorder errors classify as Refused or Unknown") {
  using Kind = payment::PostOutcome::Kind;
  auto error = [](ErrorKind kind, int status, bool acted) {
    kiosk::ServiceError e;
    e.kind = kind;
    e.http_status = status;
    e.maybe_acted = acted;
    return e;
  };
  CHECK(postOutcomeKindOf(error(ErrorKind::Validation, 422, false)) == Kind::Refused);
  CHECK(postOutcomeKindOf(error(ErrorKind::Auth, 401, false)) == Kind::Refused);
  CHECK(postOutcomeKindOf(error(ErrorKind::Server, 404, false)) == Kind::Refused);
  CHECK(postOutcomeKindOf(error(ErrorKind::Server, 200, false)) == Kind::Refused);  // "ok": false
  CHECK(postOutcomeKindOf(error(ErrorKind::Server, 503, true)) == Kind::Unknown);
  CHECK(postOutcomeKindOf(error(ErrorKind::Timeout, 0, true)) == Kind::Unknown);
  CHECK(postOutcomeKindOf(error(ErrorKind::Network, 0, true)) == Kind::Unknown);
  CHECK(postOutcomeKindOf(error(ErrorKind::Malformed, 200, true)) == Kind::Unknown);
  // Unreachable: certainly not created, but Unknown so the settlement looks up and retries instead of reversing.
  CHECK(postOutcomeKindOf(error(ErrorKind::Network, 0, false)) == Kind::Unknown);
}

TEST_CASE("order gateway: lookup by external_id — found, absent, unknown when an entry was unreadable") {
  procart_test::TestServer server;
  std::atomic<int> variant{0};
  server.http().Get("/api/v3/getorders", [&](const httplib::Request&, httplib::Response& res) {
    if (variant == 0) {
      res.set_content(R"({"ok": true, "orders": [{"guid": "{G1}", "external_id": "K1-1", "number": "7", "status": 0}]})",
                      "application/json");
    } else {
      res.set_content(R"({"ok": true, "orders": [{"external_id": "K1-2", "status": 0}]})", "application/json");
    }
  });
  server.start();
  ProcartClient client(optionsFor(server.baseUrl()));
  ProcartOrderGateway gateway(client, "");
  auto found = gateway.findByExternalId("K1-1");
  CHECK(found.kind == payment::LookupOutcome::Kind::Found);
  CHECK(found.order.guid == "{G1}");
  CHECK(found.order.number == "7");
  CHECK(gateway.findByExternalId("K1-404").kind == payment::LookupOutcome::Kind::Absent);
  variant = 1;
  CHECK(gateway.findByExternalId("K1-2").kind == payment::LookupOutcome::Kind::Unknown);
}
