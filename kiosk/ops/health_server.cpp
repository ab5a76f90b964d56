#include "kiosk/ops/health_server.h"

#include <optional>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "kiosk/common/log.h"
#include "kiosk/ops/net_address.h"
#include "kiosk/ops/version.h"

namespace kiosk::ops {
namespace {

constexpr const char* kComponent = "health";

// The snapshot, or nullopt when the callback failed (it must not take the server down).
std::optional<HealthSnapshot> takeSnapshot(const HealthSnapshotSource& source) {
  try {
    return source ? source() : HealthSnapshot{};
  } catch (const std::exception& e) {
    kiosk::log::warn(kComponent, "health snapshot failed: ", e.what());
  } catch (...) {
    kiosk::log::warn(kComponent, "health snapshot failed");
  }
  return std::nullopt;
}

std::string gauge(const char* name, const char* help, const std::string& value) {
  return std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " + value + "\n";
}

// Prometheus label values escape backslash, quote and newline.
std::string labelValue(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

struct HealthServer::Impl {
  HealthServerOptions options;
  const Metrics& metrics;
  HealthSnapshotSource snapshot;
  httplib::Server server;
  std::thread thread;
  uint16_t port = 0;

  Impl(HealthServerOptions o, const Metrics& m, HealthSnapshotSource s)
      : options(std::move(o)), metrics(m), snapshot(std::move(s)) {
    if (options.version.empty()) options.version = kioskVersion();
  }

  int64_t uptimeSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - options.started_at)
        .count();
  }

  void health(httplib::Response& response) const {
    auto taken = takeSnapshot(snapshot);
    nlohmann::json body;
    body["version"] = options.version;
    body["kiosk_id"] = options.kiosk_id;
    body["uptime_s"] = uptimeSeconds();
    if (!taken) {
      body["status"] = "failing";
      body["error"] = "the kiosk did not provide its state";
      response.status = 503;
      response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
      return;
    }
    const HealthSnapshot& s = *taken;
    auto alerts = healthAlerts(s, metrics.sinceLastFrame().count(), options.thresholds);
    const char* status = overallStatus(alerts);
    body["status"] = status;
    body["procart_reachable"] = s.procart_reachable;
    body["procart_problem"] = s.procart_problem;
    body["menu_version"] = s.menu_version;
    body["menu_age_s"] = s.menu_age_s;
    body["terminal_ready"] = s.terminal_ready;
    body["terminal_state"] = s.terminal_state;
    body["journal_open_items"] = s.journal_open_items;
    body["failed_reversals"] = s.failed_reversals;
    body["payments_need_staff"] = s.payments_need_staff;
    body["journal_refuses"] = s.journal_refuses;
    body["journal_damaged_records"] = s.journal_damaged_records;
    body["screen"] = s.screen;
    body["needs_configuration"] = s.needs_configuration;
    body["out_of_order"] = s.out_of_order;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& alert : alerts) {
      list.push_back({{"id", alert.id},
                      {"level", alert.level == AlertLevel::Critical ? "critical" : "warning"},
                      {"text", alert.text}});
    }
    body["alerts"] = list;
    response.status = std::string(status) == "failing" ? 503 : 200;
    response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
  }

  void prometheus(httplib::Response& response) const {
    std::string text = metrics.prometheusText();
    text += "# HELP build_info The kiosk's version and id.\n# TYPE build_info gauge\n";
    text += "build_info{version=\"" + labelValue(options.version) + "\",kiosk_id=\"" + labelValue(options.kiosk_id) +
            "\"} 1\n";
    text += gauge("uptime_seconds", "Seconds since the kiosk started.", std::to_string(uptimeSeconds()));
    if (auto s = takeSnapshot(snapshot)) {
      text += gauge("procart_reachable", "1 when ProCart and the POS answer.", s->procart_reachable ? "1" : "0");
      text += gauge("terminal_ready", "1 when the card terminal is ready.", s->terminal_ready ? "1" : "0");
      text += gauge("journal_open_items", "Payments not yet final.", std::to_string(s->journal_open_items));
      text +=
          gauge("failed_reversals", "Approved payments whose reversal failed.", std::to_string(s->failed_reversals));
      text += gauge("payments_need_staff", "Paid payments only staff can settle.",
                    std::to_string(s->payments_need_staff));
      text += gauge("journal_accepts_payments", "1 when the payment journal can be written.",
                    s->journal_refuses.empty() ? "1" : "0");
      text += gauge("journal_damaged_records", "Damaged records found in the payment journal at start.",
                    std::to_string(s->journal_damaged_records));
      text +=
          gauge("menu_age_seconds", "Seconds since the menu was fetched; -1 unknown.", std::to_string(s->menu_age_s));
    }
    response.set_content(text, "text/plain; version=0.0.4; charset=utf-8");
  }
};

HealthServer::HealthServer(HealthServerOptions options, const Metrics& metrics, HealthSnapshotSource snapshot)
    : impl_(std::make_unique<Impl>(std::move(options), metrics, std::move(snapshot))) {}

HealthServer::~HealthServer() { stop(); }

std::string HealthServer::start() {
  if (impl_->thread.joinable()) return "already started";
  std::string why;
  auto address = parseListenAddress(impl_->options.listen, why);
  if (!address) return "health.listen \"" + impl_->options.listen + "\": " + why;

  httplib::Server& server = impl_->server;
  server.new_task_queue = [] { return new httplib::ThreadPool(2); };
  // A monitor polls every few seconds; slow or idle clients must not hold the two workers.
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_max_count(20);
  server.set_keep_alive_timeout(5);
  // httplib's default adds SO_REUSEPORT, which lets a second kiosk process bind the same port without an error and
  // share the requests. Only SO_REUSEADDR here: a quick restart works, a double start fails loudly.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  Impl* impl = impl_.get();
  server.Get("/health", [impl](const httplib::Request&, httplib::Response& response) { impl->health(response); });
  server.Get("/metrics", [impl](const httplib::Request&, httplib::Response& response) { impl->prometheus(response); });

  if (address->port == 0) {
    int port = server.bind_to_any_port(address->host);
    if (port <= 0) return "cannot bind " + address->host + " to any port";
    impl_->port = static_cast<uint16_t>(port);
  } else {
    if (!server.bind_to_port(address->host, address->port)) {
      return "cannot bind " + impl_->options.listen + " (in use, or not an address of this host)";
    }
    impl_->port = address->port;
  }
  impl_->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  // httplib's stop() does nothing until the loop runs: wait for it, so that stop() right after start() works.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kiosk::log::info(kComponent, "serving /health and /metrics on ", address->host, ":", impl_->port);
  return {};
}

uint16_t HealthServer::port() const { return impl_->port; }

void HealthServer::stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace kiosk::ops
