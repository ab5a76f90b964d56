#pragma once
// A scriptable stand-in for ProCart's order store, shared by the in-memory gateway (settlement tests) and the
// loopback HTTP service (kill tests). It keeps every order it created so tests can check money invariants.
//
// Post behaviours (queue, then "ok"):  ok | refuse | unknown_created | unknown_not_created
// Lookup behaviours (queue, then the default, "normal"):  normal | unknown
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "payment/order_gateway.h"

namespace payment::testing {

struct FakeOrder {
  std::string guid;
  std::string number;
  std::string external_id;
  kiosk::OrderDraft draft;
  std::vector<kiosk::OrderPayment> payments;
};

class FakeOrderBook {
 public:
  explicit FakeOrderBook(std::string state_file = {});  // state_file: orders kept there too (atomic writes)

  void pushPost(const std::string& behaviour);
  void pushLookup(const std::string& behaviour);
  void setLookupDefault(const std::string& behaviour);

  PostOutcome post(const kiosk::OrderDraft& draft, const std::vector<kiosk::OrderPayment>& payments);
  LookupOutcome lookup(const std::string& external_id);

  std::vector<FakeOrder> orders() const;
  std::vector<FakeOrder> ordersFor(const std::string& external_id) const;
  int postCalls() const;
  int lookupCalls() const;

 private:
  void saveLocked() const;

  std::string state_file_;
  mutable std::mutex mutex_;
  std::deque<std::string> post_script_;
  std::deque<std::string> lookup_script_;
  std::string lookup_default_ = "normal";
  std::vector<FakeOrder> orders_;
  int post_calls_ = 0;
  int lookup_calls_ = 0;
};

// The in-memory OrderGateway over a book.
class InMemoryGateway : public OrderGateway {
 public:
  explicit InMemoryGateway(FakeOrderBook& book) : book_(book) {}
  PostOutcome postOrder(const kiosk::OrderDraft& draft, const std::vector<kiosk::OrderPayment>& payments) override {
    return book_.post(draft, payments);
  }
  LookupOutcome findByExternalId(const std::string& external_id) override { return book_.lookup(external_id); }

 private:
  FakeOrderBook& book_;
};

}  // namespace payment::testing
