#include "tests/soak/world.h"

#include <chrono>
#include <thread>

#include "kiosk/sim/faults.h"
#include "tests/soak/rng.h"

namespace soak {
namespace {

const char* faultName(procart_sim::FaultKind kind) {
  switch (kind) {
    case procart_sim::FaultKind::None: return "none";
    case procart_sim::FaultKind::DropBefore: return "drop_before";
    case procart_sim::FaultKind::Http500: return "http500";
    case procart_sim::FaultKind::Http422: return "http422";
    case procart_sim::FaultKind::Malformed: return "malformed";
    case procart_sim::FaultKind::Truncated: return "truncated";
    case procart_sim::FaultKind::DropAfter: return "drop_after";
  }
  return "?";
}

// The methods the kiosk calls (callback draws are not counted per request; callbacksLost() covers them).
const std::vector<std::string> kCountedMethods = {"ping", "getmenu", "validate", "postorder", "getorders", "close"};

}  // namespace

void tallyFaults(const std::string& seeded_spec, const std::map<std::string, int64_t>& requests, FaultCounts& out) {
  procart_sim::FaultInjector injector;
  if (!injector.set(seeded_spec, 1).empty()) return;
  for (const auto& [method, count] : requests) {
    for (int64_t i = 0; i < count; ++i) {
      procart_sim::FaultDecision d = injector.decide(method);
      if (d.latency_ms > 0) ++out[method + ".latency"];
      if (d.kind != procart_sim::FaultKind::None) ++out[method + "." + faultName(d.kind)];
    }
  }
}

World::~World() { stop(); }

std::string World::start(const WorldOptions& options) {
  options_ = options;
  return startProcart();
}

void World::stop() { stopProcart(); }

std::string World::procartUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v3"; }

std::map<std::string, int64_t> World::requestCounts() const {
  std::map<std::string, int64_t> counts;
  for (const auto& method : kCountedMethods) counts[method] = emulator_ ? emulator_->requestCount(method) : 0;
  return counts;
}

void World::closeSegment() {
  if (!emulator_) return;
  Segment segment{seeded_spec_, {}};
  auto now = requestCounts();
  for (const auto& [method, count] : now) segment.requests[method] = count - segment_base_[method];
  closed_.push_back(std::move(segment));
  segment_base_ = now;
}

std::string World::setFaults(const std::string& spec) {
  closeSegment();
  spec_ = spec;
  ++segment_index_;
  uint64_t seed = deriveSeed(options_.seed, "procart-faults/" + std::to_string(segment_index_)) % 1'000'000'000ULL;
  seeded_spec_ = spec.empty() ? std::string() : spec + ",seed=" + std::to_string(seed);
  if (!emulator_) return {};
  return emulator_->applyFaults(seeded_spec_);
}

void World::setPosOnline(bool online) {
  pos_online_ = online;
  if (emulator_) emulator_->setPosOnline(online);
}

void World::stopProcart() {
  if (!emulator_) return;
  closeSegment();
  last_orders_ = emulator_->orders();
  callbacks_sent_before_ += emulator_->callbacksSent();
  callbacks_lost_before_ += emulator_->callbacksLost();
  emulator_->stop();
  emulator_.reset();
}

std::string World::startProcart() {
  if (emulator_) return {};
  procart_sim::Options options;
  options.menu_file = options_.menu_file;
  options.token = options_.token;
  options.state_dir = options_.procart_dir;
  options.lifecycle = options_.lifecycle;
  options.seed = deriveSeed(options_.seed, "procart/" + std::to_string(segment_index_));
  auto emulator = std::make_unique<procart_sim::Emulator>(options);
  // The same port as before (the kiosk's config names it); a moment's retry covers a socket still closing.
  int port = -1;
  for (int attempt = 0; attempt < 50 && port < 0; ++attempt) {
    port = emulator->start("127.0.0.1", port_);
    if (port < 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (port < 0) return "procart-sim did not start: " + emulator->error();
  port_ = port;
  emulator_ = std::move(emulator);
  emulator_->setPosOnline(pos_online_);
  segment_base_ = requestCounts();  // zero: a new emulator counts from scratch
  // A new emulator starts its fault draws afresh: give it a segment (and seed) of its own.
  std::string spec = spec_;
  spec_.clear();
  seeded_spec_.clear();
  return setFaults(spec);
}

std::vector<procart_sim::OrderRecord> World::orders() const {
  return emulator_ ? emulator_->orders() : last_orders_;
}

FaultCounts World::faultCounts() const {
  FaultCounts counts;
  for (const auto& segment : closed_) tallyFaults(segment.spec, segment.requests, counts);
  if (emulator_) {
    std::map<std::string, int64_t> current;
    auto now = requestCounts();
    for (const auto& [method, count] : now) current[method] = count - segment_base_.at(method);
    tallyFaults(seeded_spec_, current, counts);
  }
  return counts;
}

int64_t World::callbacksSent() const {
  return callbacks_sent_before_ + (emulator_ ? emulator_->callbacksSent() : 0);
}

int64_t World::callbacksLost() const {
  return callbacks_lost_before_ + (emulator_ ? emulator_->callbacksLost() : 0);
}

}  // namespace soak
