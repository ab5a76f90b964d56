#include "tests/payment/http_order_gateway.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "payment/journal/draft_json.h"

namespace payment::testing {

using nlohmann::json;

namespace {

httplib::Client client(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(2);
  c.set_read_timeout(5);
  return c;
}

}  // namespace

PostOutcome HttpOrderGateway::postOrder(const kiosk::OrderDraft& draft,
                                        const std::vector<kiosk::OrderPayment>& payments) {
  json list = json::array();
  for (const auto& p : payments) {
    list.push_back({{"currency_id", p.currency_id},
                    {"amount", p.amount.kopecks()},
                    {"transaction", journal::transactionToJson(p.transaction)}});
  }
  json body = {{"draft", journal::draftToJson(draft)}, {"payments", list}};
  auto c = client(port_);
  auto res = c.Post("/postorder", body.dump(), "application/json");
  PostOutcome out;
  if (!res) {
    out.reason = "no answer: " + httplib::to_string(res.error());
    return out;
  }
  if (res->status == 422) {
    out.kind = PostOutcome::Kind::Refused;
    out.reason = res->body;
    return out;
  }
  json answer = json::parse(res->body, nullptr, false);
  if (res->status != 200 || answer.is_discarded() || !answer.contains("guid")) {
    out.reason = "HTTP " + std::to_string(res->status);
    return out;
  }
  out.kind = PostOutcome::Kind::Posted;
  out.order.guid = answer.value("guid", "");
  out.order.number = answer.value("number", "");
  return out;
}

LookupOutcome HttpOrderGateway::findByExternalId(const std::string& external_id) {
  auto c = client(port_);
  auto res = c.Get("/order", httplib::Params{{"external_id", external_id}}, httplib::Headers{});
  LookupOutcome out;
  if (!res) {
    out.reason = "no answer: " + httplib::to_string(res.error());
    return out;
  }
  if (res->status == 404) {
    out.kind = LookupOutcome::Kind::Absent;
    return out;
  }
  json answer = json::parse(res->body, nullptr, false);
  if (res->status != 200 || answer.is_discarded()) {
    out.reason = "HTTP " + std::to_string(res->status);
    return out;
  }
  out.kind = LookupOutcome::Kind::Found;
  out.order.guid = answer.value("guid", "");
  out.order.number = answer.value("number", "");
  out.order.external_id = external_id;
  return out;
}

}  // namespace payment::testing
