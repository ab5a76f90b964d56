#pragma once
// A small HTTP server on a local address for monitoring:
//   GET /health   JSON: version, uptime, ProCart, menu, terminal, journal, screen, alerts. 200 when the status is
//                 "ok" or "degraded", 503 when "failing" (so `curl -f` and simple probes see it).
//   GET /metrics  Prometheus text: the Metrics counters and histograms plus gauges from the snapshot.
// The snapshot callback runs on a server thread; it must be thread-safe (HealthSnapshotBox is one way).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/ops/health.h"
#include "kiosk/ops/metrics.h"

namespace kiosk::ops {

struct HealthServerOptions {
  std::string listen = "127.0.0.1:9180";  // "address:port"; port 0 = any free port (tests)
  std::string kiosk_id;
  std::string version;                                                                  // empty: kioskVersion()
  std::chrono::steady_clock::time_point started_at = std::chrono::steady_clock::now();  // uptime counts from here
  AlertThresholds thresholds;
};

using HealthSnapshotSource = std::function<HealthSnapshot()>;

class HealthServer {
 public:
  HealthServer(HealthServerOptions options, const Metrics& metrics, HealthSnapshotSource snapshot);
  ~HealthServer();  // stops
  HealthServer(const HealthServer&) = delete;
  HealthServer& operator=(const HealthServer&) = delete;

  // Binds and starts serving on a thread of its own. "" on success, otherwise why not (bad address, port taken).
  std::string start();
  uint16_t port() const;  // the bound port (useful with port 0); 0 before start()
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::ops
