#include "tests/payment/fake_order_book.h"

#include <nlohmann/json.hpp>

#include "kiosk/common/atomic_file.h"
#include "payment/journal/draft_json.h"

namespace payment::testing {

FakeOrderBook::FakeOrderBook(std::string state_file) : state_file_(std::move(state_file)) {}

void FakeOrderBook::pushPost(const std::string& behaviour) {
  std::lock_guard lock(mutex_);
  post_script_.push_back(behaviour);
}

void FakeOrderBook::pushLookup(const std::string& behaviour) {
  std::lock_guard lock(mutex_);
  lookup_script_.push_back(behaviour);
}

void FakeOrderBook::setLookupDefault(const std::string& behaviour) {
  std::lock_guard lock(mutex_);
  lookup_default_ = behaviour;
}

PostOutcome FakeOrderBook::post(const kiosk::OrderDraft& draft, const std::vector<kiosk::OrderPayment>& payments) {
  std::lock_guard lock(mutex_);
  ++post_calls_;
  std::string behaviour = "ok";
  if (!post_script_.empty()) {
    behaviour = post_script_.front();
    post_script_.pop_front();
  }
  PostOutcome out;
  if (behaviour == "refuse") {
    out.kind = PostOutcome::Kind::Refused;
    out.reason = "payment sum refused";
    return out;
  }
  if (behaviour == "unknown_not_created") {
    out.kind = PostOutcome::Kind::Unknown;
    out.reason = "timeout";
    return out;
  }
  FakeOrder order;
  order.guid = "{guid-" + std::to_string(orders_.size() + 1) + "}";
  order.number = std::to_string(100 + orders_.size() + 1);
  order.external_id = draft.external_id;
  order.draft = draft;
  order.payments = payments;
  orders_.push_back(order);
  saveLocked();
  if (behaviour == "unknown_created") {
    out.kind = PostOutcome::Kind::Unknown;
    out.reason = "connection dropped after the order was created";
    return out;
  }
  out.kind = PostOutcome::Kind::Posted;
  out.order = {order.guid, order.number, kiosk::OrderStatus::New};
  return out;
}

LookupOutcome FakeOrderBook::lookup(const std::string& external_id) {
  std::lock_guard lock(mutex_);
  ++lookup_calls_;
  std::string behaviour = lookup_default_;
  if (!lookup_script_.empty()) {
    behaviour = lookup_script_.front();
    lookup_script_.pop_front();
  }
  LookupOutcome out;
  if (behaviour == "unknown") {
    out.kind = LookupOutcome::Kind::Unknown;
    out.reason = "ProCart unreachable";
    return out;
  }
  for (const auto& order : orders_) {
    if (order.external_id == external_id) {
      out.kind = LookupOutcome::Kind::Found;
      out.order.guid = order.guid;
      out.order.number = order.number;
      out.order.external_id = order.external_id;
      return out;
    }
  }
  out.kind = LookupOutcome::Kind::Absent;
  return out;
}

std::vector<FakeOrder> FakeOrderBook::orders() const {
  std::lock_guard lock(mutex_);
  return orders_;
}

std::vector<FakeOrder> FakeOrderBook::ordersFor(const std::string& external_id) const {
  std::lock_guard lock(mutex_);
  std::vector<FakeOrder> out;
  for (const auto& order : orders_) {
    if (order.external_id == external_id) out.push_back(order);
  }
  return out;
}

int FakeOrderBook::postCalls() const {
  std::lock_guard lock(mutex_);
  return post_calls_;
}

int FakeOrderBook::lookupCalls() const {
  std::lock_guard lock(mutex_);
  return lookup_calls_;
}

void FakeOrderBook::saveLocked() const {
  if (state_file_.empty()) return;
  nlohmann::json all = nlohmann::json::array();
  for (const auto& order : orders_) {
    nlohmann::json payments = nlohmann::json::array();
    for (const auto& p : order.payments) {
      payments.push_back({{"currency_id", p.currency_id},
                          {"amount", p.amount.kopecks()},
                          {"transaction", journal::transactionToJson(p.transaction)}});
    }
    all.push_back({{"guid", order.guid},
                   {"number", order.number},
                   {"external_id", order.external_id},
                   {"draft", journal::draftToJson(order.draft)},
                   {"payments", payments}});
  }
  kiosk::files::writeAtomically(state_file_, all.dump(2));
}

}  // namespace payment::testing
