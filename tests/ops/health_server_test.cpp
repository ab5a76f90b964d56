// /health and /metrics over real HTTP on loopback (port 0: any free port).
#include "kiosk/ops/health_server.h"

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "kiosk/ops/version.h"

using namespace kiosk::ops;
using nlohmann::json;

namespace {

HealthSnapshot healthy() {
  HealthSnapshot s;
  s.procart_reachable = true;
  s.menu_version = "2024-05-01T10:00:00/17";
  s.menu_age_s = 42;
  s.terminal_ready = true;
  s.terminal_state = "ready";
  s.journal_open_items = 0;
  s.screen = "Attract";
  return s;
}

struct Fixture {
  Metrics metrics;
  HealthSnapshotBox box;
  HealthServer server;
  Fixture()
      : server(HealthServerOptions{"127.0.0.1:0", "K7", "", std::chrono::steady_clock::now(), {}}, metrics,
               [this] { return box.get(); }) {
    box.publish(healthy());
    std::string error = server.start();
    if (!error.empty()) throw std::runtime_error(error);
  }
  httplib::Client client() {
    httplib::Client c("127.0.0.1", server.port());
    c.set_connection_timeout(2, 0);
    c.set_read_timeout(5, 0);
    return c;
  }
};

bool hasLine(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

}  // namespace

TEST_CASE("GET /health answers 200 with every field when all is well") {
  Fixture f;
  REQUIRE(f.server.port() != 0);
  auto response = f.client().Get("/health");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "application/json");
  json body = json::parse(response->body);
  CHECK(body["status"] == "ok");
  CHECK(body["version"] == kioskVersion());
  CHECK(body["kiosk_id"] == "K7");
  CHECK(body["uptime_s"].get<int64_t>() >= 0);
  CHECK(body["procart_reachable"] == true);
  CHECK(body["menu_version"] == "2024-05-01T10:00:00/17");
  CHECK(body["menu_age_s"] == 42);
  CHECK(body["terminal_ready"] == true);
  CHECK(body["terminal_state"] == "ready");
  CHECK(body["journal_open_items"] == 0);
  CHECK(body["failed_reversals"] == 0);
  CHECK(body["screen"] == "Attract");
  CHECK(body["needs_configuration"] == false);
  CHECK(body["out_of_order"] == false);
  CHECK(body["alerts"].empty());
}

TEST_CASE("GET /health answers 503 with the alerts when the kiosk cannot sell") {
  Fixture f;
  HealthSnapshot s = healthy();
  s.procart_reachable = false;
  s.failed_reversals = 1;
  s.journal_open_items = 2;
  s.screen = "Paying";
  f.box.publish(s);
  auto response = f.client().Get("/health");
  REQUIRE(response);
  CHECK(response->status == 503);
  json body = json::parse(response->body);
  CHECK(body["status"] == "failing");
  CHECK(body["journal_open_items"] == 2);
  CHECK(body["screen"] == "Paying");
  std::vector<std::string> ids;
  for (const auto& alert : body["alerts"]) ids.push_back(alert["id"]);
  CHECK(ids == std::vector<std::string>{"failed_reversals", "procart_unreachable"});
  CHECK(body["alerts"][0]["level"] == "critical");

  s = healthy();
  s.out_of_order = true;
  f.box.publish(s);
  response = f.client().Get("/health");
  REQUIRE(response);
  CHECK(response->status == 200);  // a warning only: degraded, still serving
  CHECK(json::parse(response->body)["status"] == "degraded");
}

TEST_CASE("a snapshot callback that throws gives 503, and the server lives on") {
  Metrics metrics;
  std::atomic<bool> fail{true};
  HealthServer server({"127.0.0.1:0", "K1", "9.9.9", std::chrono::steady_clock::now(), {}}, metrics, [&] {
    if (fail) throw std::runtime_error("runtime not ready");
    return healthy();
  });
  REQUIRE(server.start().empty());
  httplib::Client client("127.0.0.1", server.port());
  auto response = client.Get("/health");
  REQUIRE(response);
  CHECK(response->status == 503);
  CHECK(json::parse(response->body)["status"] == "failing");
  CHECK(json::parse(response->body)["version"] == "9.9.9");
  fail = false;
  response = client.Get("/health");
  REQUIRE(response);
  CHECK(response->status == 200);
}

TEST_CASE("GET /metrics serves the counters, histograms and gauges as Prometheus text") {
  Fixture f;
  f.metrics.orderPosted();
  f.metrics.payment(PaymentOutcome::Approved);
  f.metrics.payment(PaymentOutcome::Reversed);
  f.metrics.callback(CallbackResult::Accepted);
  f.metrics.error(ErrorKind::Journal);
  f.metrics.validateLatency(std::chrono::milliseconds(120));
  f.metrics.frameTime(std::chrono::microseconds(9500));
  HealthSnapshot s = healthy();
  s.journal_open_items = 3;
  s.payments_need_staff = 1;
  s.journal_refuses = "No space left on device";
  s.journal_damaged_records = 2;
  f.box.publish(s);

  auto response = f.client().Get("/metrics");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = response->body;
  CHECK(hasLine(text, "orders_total 1"));
  CHECK(hasLine(text, "payments_total{outcome=\"approved\"} 1"));
  CHECK(hasLine(text, "payments_total{outcome=\"reversed\"} 1"));
  CHECK(hasLine(text, "callbacks_total{result=\"accepted\"} 1"));
  CHECK(hasLine(text, "errors_total{kind=\"journal\"} 1"));
  CHECK(hasLine(text, "validate_latency_seconds_bucket{le=\"0.1\"} 0"));
  CHECK(hasLine(text, "validate_latency_seconds_bucket{le=\"0.25\"} 1"));
  CHECK(hasLine(text, "validate_latency_seconds_count 1"));
  CHECK(hasLine(text, "frame_time_seconds_bucket{le=\"0.008\"} 0"));
  CHECK(hasLine(text, "frame_time_seconds_bucket{le=\"0.012\"} 1"));
  CHECK(hasLine(text, std::string("build_info{version=\"") + kioskVersion() + "\",kiosk_id=\"K7\"} 1"));
  CHECK(hasLine(text, "journal_open_items 3"));
  // What a fleet's alerting rule pages on when money waits.
  CHECK(hasLine(text, "payments_need_staff 1"));
  CHECK(hasLine(text, "journal_accepts_payments 0"));
  CHECK(hasLine(text, "journal_damaged_records 2"));
  CHECK(hasLine(text, "procart_reachable 1"));
  CHECK(hasLine(text, "menu_age_seconds 42"));
  CHECK(text.find("# TYPE uptime_seconds gauge") != std::string::npos);
}

TEST_CASE("the health server answers while the UI thread publishes snapshots") {
  Fixture f;
  std::atomic<bool> stop{false};
  std::thread publisher([&] {
    for (int i = 0; !stop; ++i) {
      HealthSnapshot s = healthy();
      s.journal_open_items = i % 3;
      s.screen = i % 2 ? "Ordering/Menu" : "Attract";
      f.box.publish(s);
    }
  });
  auto client = f.client();
  int answered = 0;
  for (int i = 0; i < 50; ++i) {
    auto response = client.Get(i % 2 ? "/health" : "/metrics");
    if (response && response->status == 200) ++answered;
  }
  stop = true;
  publisher.join();
  CHECK(answered == 50);
}

TEST_CASE("unknown paths are 404 and a bad or busy address is refused at start") {
  Fixture f;
  auto response = f.client().Get("/admin");
  REQUIRE(response);
  CHECK(response->status == 404);

  Metrics metrics;
  HealthServer bad({"localhost:9180", "", "", std::chrono::steady_clock::now(), {}}, metrics, {});
  CHECK(bad.start().find("not an IPv4 address") != std::string::npos);

  std::string busy = "127.0.0.1:" + std::to_string(f.server.port());
  HealthServer second({busy, "", "", std::chrono::steady_clock::now(), {}}, metrics, {});
  CHECK(second.start().find("cannot bind") == 0);
}

TEST_CASE("stop() right after start() returns promptly, and the port is free again") {
  Metrics metrics;
  for (int i = 0; i < 5; ++i) {
    HealthServer server({"127.0.0.1:0", "", "", std::chrono::steady_clock::now(), {}}, metrics, {});
    REQUIRE(server.start().empty());
    server.stop();
  }
  SUCCEED("five start/stop cycles finished");
}
