#include "tests/payment/fake_procart_server.h"

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "payment/journal/draft_json.h"

namespace payment::testing {

using nlohmann::json;

FakeProcartServer::FakeProcartServer(FakeOrderBook& book) : book_(book), server_(std::make_unique<httplib::Server>()) {
  server_->new_task_queue = [] { return new httplib::ThreadPool(2); };
  server_->Post("/postorder", [this](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    std::string error;
    if (body.is_discarded() || !body.contains("draft") || !body.contains("payments")) {
      res.status = 400;
      res.set_content(R"({"error":"malformed"})", "application/json");
      return;
    }
    auto draft = journal::draftFromJson(body["draft"], error);
    std::vector<kiosk::OrderPayment> payments;
    for (const auto& p : body["payments"]) {
      auto tx = journal::transactionFromJson(p.at("transaction"), error);
      if (!tx) break;
      payments.push_back({p.at("currency_id").get<std::string>(), kiosk::Money::kopecks(p.at("amount").get<int64_t>()),
                          *tx});
    }
    if (!draft || !error.empty()) {
      res.status = 400;
      res.set_content(json{{"error", error}}.dump(), "application/json");
      return;
    }
    PostOutcome outcome = book_.post(*draft, payments);
    switch (outcome.kind) {
      case PostOutcome::Kind::Posted:
        res.set_content(json{{"guid", outcome.order.guid}, {"number", outcome.order.number}}.dump(),
                        "application/json");
        break;
      case PostOutcome::Kind::Refused:
        res.status = 422;
        res.set_content(json{{"error", outcome.reason}}.dump(), "application/json");
        break;
      case PostOutcome::Kind::Unknown:
        res.status = 503;
        break;
    }
  });
  server_->Get("/order", [this](const httplib::Request& req, httplib::Response& res) {
    LookupOutcome outcome = book_.lookup(req.get_param_value("external_id"));
    switch (outcome.kind) {
      case LookupOutcome::Kind::Found:
        res.set_content(json{{"guid", outcome.order.guid}, {"number", outcome.order.number}}.dump(),
                        "application/json");
        break;
      case LookupOutcome::Kind::Absent: res.status = 404; break;
      case LookupOutcome::Kind::Unknown: res.status = 503; break;
    }
  });
}

FakeProcartServer::~FakeProcartServer() { stop(); }

int FakeProcartServer::start() {
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) return -1;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return port_;
}

void FakeProcartServer::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace payment::testing
