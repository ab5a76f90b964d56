#include "payment/sim/sim_server.h"

#include <poll.h>
#include <sys/socket.h>

#include <nlohmann/json.hpp>

#include "kiosk/common/log.h"
#include "payment/sim/sim_protocol.h"

namespace payment::sim {

using nlohmann::json;

namespace {
constexpr const char* kLog = "sim-terminal";
constexpr int kRequestTimeoutMs = 10'000;
}  // namespace

SimTerminalServer::SimTerminalServer(SimTerminalDevice& device) : device_(device) {}

SimTerminalServer::~SimTerminalServer() { stop(); }

int SimTerminalServer::start(const std::string& host, int port) {
  listener_ = listenTcp(host, port, error_);
  if (!listener_.valid()) return -1;
  port_ = port;
  stopping_ = false;
  accept_thread_ = std::thread([this] { acceptLoop(); });
  return port_;
}

void SimTerminalServer::stop() {
  if (!accept_thread_.joinable()) return;
  stopping_ = true;
  listener_.shutdown();
  accept_thread_.join();
  listener_.close();
  std::list<std::unique_ptr<Connection>> connections;
  {
    std::lock_guard lock(connections_mutex_);
    connections.swap(connections_);
  }
  for (auto& c : connections) c->socket.shutdown();
  for (auto& c : connections) c->thread.join();
}

void SimTerminalServer::reapFinished() {
  std::lock_guard lock(connections_mutex_);
  for (auto it = connections_.begin(); it != connections_.end();) {
    if ((*it)->done) {
      (*it)->thread.join();
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
}

void SimTerminalServer::acceptLoop() {
  while (!stopping_) {
    pollfd p{listener_.fd(), POLLIN, 0};
    int ready = ::poll(&p, 1, 200);
    reapFinished();
    if (ready <= 0 || stopping_) continue;
    int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    auto connection = std::make_unique<Connection>();
    connection->socket = Socket(fd);
    Connection* raw = connection.get();
    std::lock_guard lock(connections_mutex_);
    connections_.push_back(std::move(connection));
    raw->thread = std::thread([this, raw] {
      serve(*raw);
      raw->socket.shutdown();
      raw->done = true;
    });
  }
}

void SimTerminalServer::serve(Connection& connection) {
  ++served_;
  int fd = connection.socket.fd();
  LineReader reader(fd);
  std::string line;
  if (reader.readLine(line, kRequestTimeoutMs) != LineReader::Status::Line) return;
  json request = json::parse(line, nullptr, false);
  if (request.is_discarded() || !request.is_object() || !request.contains("op") || !request["op"].is_string()) {
    writeLine(fd, json{{"error", "malformed request: expected a JSON object with \"op\""}}.dump());
    return;
  }
  std::string op = request["op"].get<std::string>();
  auto text = [&](const char* key) { return request.value(key, std::string()); };
  auto amount = [&]() { return kiosk::Money::kopecks(request.value("amount", int64_t{0})); };

  // Delivers an answer the way the device says: answer, drop the connection, or stay silent until the kiosk
  // gives up and closes.
  auto deliver = [&](const DeviceAnswer& a) {
    if (a.delivery == DeviceAnswer::Delivery::Answer) {
      writeLine(fd, json{{"result", resultToJson(a.result)}}.dump());
    } else if (a.delivery == DeviceAnswer::Delivery::NoAnswer) {
      std::string ignored;
      while (!stopping_ && reader.readLine(ignored, 100) != LineReader::Status::Closed) {
      }
    }
  };

  try {
    if (op == "purchase") {
      PurchaseRequest r{kiosk::Money::kopecks(request.at("amount").get<int64_t>()),
                        request.at("external_id").get<std::string>(), request.at("op_ref").get<std::string>()};
      if (r.operation_ref.empty()) throw std::invalid_argument("op_ref is empty");
      bool cancel = false;
      bool peer_gone = false;
      auto progress = [&](const TerminalProgress& p) {
        if (!writeLine(fd, json{{"progress", progressToJson(p)}}.dump())) peer_gone = true;
      };
      // A "cancel" line, or the kiosk going away, cancels while the device still allows it.
      auto cancel_requested = [&]() {
        std::string incoming;
        auto status = reader.readLine(incoming, 0);
        if (status == LineReader::Status::Closed) peer_gone = true;
        if (status == LineReader::Status::Line) {
          json c = json::parse(incoming, nullptr, false);
          if (c.is_object() && c.value("op", "") == "cancel") cancel = true;
        }
        return cancel || peer_gone || stopping_;
      };
      deliver(device_.purchase(r, progress, cancel_requested));
    } else if (op == "confirm") {
      deliver(device_.confirm(request.at("op_ref").get<std::string>(), amount()));
    } else if (op == "reverse") {
      deliver(device_.reverse(request.at("op_ref").get<std::string>()));
    } else if (op == "refund") {
      deliver(device_.refund(request.at("op_ref").get<std::string>()));
    } else if (op == "recover") {
      writeLine(fd, json{{"result", resultToJson(device_.recover(request.at("op_ref").get<std::string>()))}}.dump());
    } else if (op == "reconcile") {
      auto r = device_.reconcile();
      const char* kind = r.kind == ReconcileResult::Kind::Done ? "done"
                         : r.kind == ReconcileResult::Kind::NotSupported ? "not_supported" : "failed";
      writeLine(fd, json{{"reconcile", {{"kind", kind}, {"text", r.text}}}}.dump());
    } else if (op == "status") {
      writeLine(fd, json{{"status", {{"reachable", true}, {"text", "ready"}}}}.dump());
    } else if (op == "ledger") {
      writeLine(fd, json{{"ledger", ledgerToJson(device_.ledger())}}.dump());
    } else if (op == "script") {
      std::string error;
      if (request.contains("default") && error.empty()) error = device_.setDefaultBehaviour(text("default"));
      for (const auto& b : request.value("purchase", json::array())) {
        if (error.empty()) error = device_.pushBehaviour(b.get<std::string>());
      }
      for (const auto& b : request.value("confirm", json::array())) {
        if (error.empty()) error = device_.pushConfirmBehaviour(b.get<std::string>());
      }
      for (const auto& b : request.value("reverse", json::array())) {
        if (error.empty()) error = device_.pushReverseBehaviour(b.get<std::string>());
      }
      if (request.contains("step_ms")) device_.setStepMs(request["step_ms"].get<int>());
      writeLine(fd, (error.empty() ? json{{"ok", true}} : json{{"error", error}}).dump());
    } else {
      writeLine(fd, json{{"error", "unknown op '" + op + "'"}}.dump());
    }
  } catch (const std::exception& e) {
    kiosk::log::warn(kLog, "bad request: ", e.what());
    writeLine(fd, json{{"error", std::string("malformed request: ") + e.what()}}.dump());
  }
}

}  // namespace payment::sim
