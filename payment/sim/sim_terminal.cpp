#include "payment/sim/sim_terminal.h"

#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "payment/sim/line_socket.h"
#include "payment/sim/sim_protocol.h"
#include "payment/sim/sim_remote.h"

namespace payment::sim {

using nlohmann::json;

namespace {

constexpr int kPollSliceMs = 20;

PaymentResult unknown(std::string text) {
  PaymentResult r;
  r.kind = PaymentResult::Kind::Unknown;
  r.text = std::move(text);
  return r;
}

// Sends one request and returns the first line that is not progress; nullopt with `error` otherwise.
std::optional<json> simpleExchange(const std::string& host, int port, const json& request, int timeout_ms,
                                   std::string& error) {
  Socket s = connectTcp(host, port, timeout_ms, error);
  if (!s.valid()) return std::nullopt;
  if (!writeLine(s.fd(), request.dump())) {
    error = "connection dropped while sending";
    return std::nullopt;
  }
  LineReader reader(s.fd());
  std::string line;
  auto status = reader.readLine(line, timeout_ms);
  if (status != LineReader::Status::Line) {
    error = status == LineReader::Status::Timeout ? "no answer" : "connection dropped";
    return std::nullopt;
  }
  json answer = json::parse(line, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    error = "unreadable answer";
    return std::nullopt;
  }
  if (answer.contains("error")) {
    error = answer["error"].is_string() ? answer["error"].get<std::string>() : "error";
    return std::nullopt;
  }
  return answer;
}

}  // namespace

SimTerminal::SimTerminal(SimTerminalDevice& device, SimTerminalOptions options)
    : device_(&device), options_(options) {}

SimTerminal::SimTerminal(std::string host, int port, SimTerminalOptions options)
    : host_(std::move(host)), port_(port), options_(options) {}

std::string SimTerminal::nextOperationRef() {
  // Unique across kiosk restarts: wall-clock microseconds, the process id and a counter.
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  return "sim-" + std::to_string(us) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++op_counter_);
}

PaymentResult SimTerminal::fromDevice(const DeviceAnswer& answer) {
  switch (answer.delivery) {
    case DeviceAnswer::Delivery::Answer: return answer.result;
    case DeviceAnswer::Delivery::Disconnect: return unknown("terminal disconnected before answering");
    case DeviceAnswer::Delivery::NoAnswer:
      std::this_thread::sleep_for(std::chrono::milliseconds(options_.answer_timeout_ms));
      return unknown("no answer from the terminal within " + std::to_string(options_.answer_timeout_ms) + " ms");
  }
  return unknown("?");
}

PaymentResult SimTerminal::exchange(const std::string& request, const ProgressSink* progress, CancelToken* cancel) {
  std::string error;
  Socket s = connectTcp(host_, port_, options_.connect_timeout_ms, error);
  if (!s.valid()) {
    // Nothing reached the terminal, so nothing can have been charged.
    PaymentResult r;
    r.kind = PaymentResult::Kind::Declined;
    r.code = "NOT_CONNECTED";
    r.text = "terminal not connected: " + error;
    return r;
  }
  if (!writeLine(s.fd(), request)) return unknown("connection dropped while sending the request");
  LineReader reader(s.fd());
  bool cancel_sent = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.answer_timeout_ms);
  while (true) {
    if (cancel && cancel->cancelled() && !cancel_sent) {
      writeLine(s.fd(), R"({"op":"cancel"})");
      cancel_sent = true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return unknown("no answer from the terminal within " + std::to_string(options_.answer_timeout_ms) + " ms");
    }
    std::string line;
    auto status = reader.readLine(line, kPollSliceMs);
    if (status == LineReader::Status::Timeout) continue;
    if (status == LineReader::Status::Closed) return unknown("terminal disconnected before answering");
    json message = json::parse(line, nullptr, false);
    if (message.is_discarded() || !message.is_object()) return unknown("unreadable answer from the terminal");
    if (message.contains("progress")) {
      auto p = progressFromJson(message["progress"], error);
      if (p && progress && *progress) (*progress)(*p);
      continue;
    }
    if (message.contains("result")) {
      auto r = resultFromJson(message["result"], error);
      return r ? *r : unknown("unreadable result: " + error);
    }
    // An error answer means the request was refused before anything happened.
    PaymentResult r;
    r.kind = PaymentResult::Kind::Declined;
    r.code = "PROTOCOL";
    r.text = message.value("error", std::string("unexpected message"));
    return r;
  }
}

PaymentResult SimTerminal::purchase(const PurchaseRequest& request, const ProgressSink& progress,
                                    CancelToken& cancel) {
  if (device_) return fromDevice(device_->purchase(request, progress, [&] { return cancel.cancelled(); }));
  json r = {{"op", "purchase"},
            {"op_ref", request.operation_ref},
            {"external_id", request.external_id},
            {"amount", request.amount.kopecks()}};
  return exchange(r.dump(), &progress, &cancel);
}

PaymentResult SimTerminal::confirm(const PurchaseRequest& request, const PaymentResult& approved) {
  if (device_) return fromDevice(device_->confirm(request.operation_ref, approved.amount));
  json r = {{"op", "confirm"}, {"op_ref", request.operation_ref}, {"amount", approved.amount.kopecks()}};
  return exchange(r.dump(), nullptr, nullptr);
}

PaymentResult SimTerminal::reverse(const PurchaseRequest& request, const PaymentResult&) {
  if (device_) return fromDevice(device_->reverse(request.operation_ref));
  return exchange(json{{"op", "reverse"}, {"op_ref", request.operation_ref}}.dump(), nullptr, nullptr);
}

PaymentResult SimTerminal::refund(const PurchaseRequest& request, const PaymentResult&) {
  if (device_) return fromDevice(device_->refund(request.operation_ref));
  return exchange(json{{"op", "refund"}, {"op_ref", request.operation_ref}}.dump(), nullptr, nullptr);
}

PaymentResult SimTerminal::recover(const PurchaseRequest& request) {
  if (device_) return device_->recover(request.operation_ref);
  PaymentResult r = exchange(json{{"op", "recover"}, {"op_ref", request.operation_ref}}.dump(), nullptr, nullptr);
  // Not reaching the terminal tells nothing about the operation.
  if (r.kind == PaymentResult::Kind::Declined && r.code == "NOT_CONNECTED") r.kind = PaymentResult::Kind::Unknown;
  return r;
}

ReconcileResult SimTerminal::reconcile() {
  if (device_) return device_->reconcile();
  std::string error;
  auto answer = simpleExchange(host_, port_, {{"op", "reconcile"}}, options_.answer_timeout_ms, error);
  if (!answer || !answer->contains("reconcile")) return {ReconcileResult::Kind::Failed, "reconciliation failed: " + error};
  const json& r = (*answer)["reconcile"];
  std::string kind = r.value("kind", "failed");
  return {kind == "done" ? ReconcileResult::Kind::Done
                         : kind == "not_supported" ? ReconcileResult::Kind::NotSupported : ReconcileResult::Kind::Failed,
          r.value("text", "")};
}

TerminalStatus SimTerminal::status() {
  if (device_) return {true, "ready"};
  std::string error;
  auto answer = simpleExchange(host_, port_, {{"op", "status"}}, options_.connect_timeout_ms, error);
  if (!answer || !answer->contains("status")) return {false, "not connected: " + error};
  return {(*answer)["status"].value("reachable", false), (*answer)["status"].value("text", "")};
}

std::string scriptRemoteDevice(const std::string& host, int port, const json& script) {
  json request = script;
  request["op"] = "script";
  std::string error;
  auto answer = simpleExchange(host, port, request, 5'000, error);
  return answer ? std::string() : error;
}

std::optional<std::vector<LedgerEntry>> remoteLedger(const std::string& host, int port, std::string& error) {
  auto answer = simpleExchange(host, port, {{"op", "ledger"}}, 5'000, error);
  if (!answer) return std::nullopt;
  if (!answer->contains("ledger")) {
    error = "no ledger in the answer";
    return std::nullopt;
  }
  return ledgerFromJson((*answer)["ledger"], error);
}

}  // namespace payment::sim
