#pragma once
// A terminal that forwards to another one, with knobs the sim device has no behaviour for: recover() that cannot
// tell (N times), an approval for another amount, another driver name.
#include <atomic>
#include <optional>

#include "payment/terminal.h"

namespace payment::testing {

class WrappedTerminal : public Terminal {
 public:
  explicit WrappedTerminal(Terminal& inner) : inner_(inner) {}

  std::atomic<int> recover_unknown{0};        // the next N recover() calls answer Unknown
  std::optional<kiosk::Money> approve_amount;  // report approvals with this amount
  std::atomic<int> recover_calls{0};

  std::string driverName() const override { return inner_.driverName(); }
  std::string nextOperationRef() override { return inner_.nextOperationRef(); }
  PaymentResult purchase(const PurchaseRequest& r, const ProgressSink& p, CancelToken& c) override {
    PaymentResult result = inner_.purchase(r, p, c);
    if (result.approved() && approve_amount) result.amount = *approve_amount;
    return result;
  }
  PaymentResult confirm(const PurchaseRequest& r, const PaymentResult& a) override { return inner_.confirm(r, a); }
  PaymentResult reverse(const PurchaseRequest& r, const PaymentResult& a) override { return inner_.reverse(r, a); }
  PaymentResult refund(const PurchaseRequest& r, const PaymentResult& a) override { return inner_.refund(r, a); }
  PaymentResult recover(const PurchaseRequest& r) override {
    ++recover_calls;
    if (recover_unknown > 0) {
      --recover_unknown;
      PaymentResult unknown;
      unknown.text = "terminal busy";
      return unknown;
    }
    return inner_.recover(r);
  }
  ReconcileResult reconcile() override { return inner_.reconcile(); }
  TerminalStatus status() override { return inner_.status(); }
  TerminalCapabilities capabilities() const override { return inner_.capabilities(); }
  std::optional<std::string> lastOperationRef() override { return inner_.lastOperationRef(); }

 private:
  Terminal& inner_;
};

}  // namespace payment::testing
