#pragma once
// Driver "sim": the Terminal interface over a SimTerminalDevice, either in-process or over the device's
// loopback socket (SimTerminalServer). Both paths behave alike; over the socket a dropped connection and a
// silent device are real (the kiosk sees EOF / a timeout).
#include <atomic>
#include <string>

#include "payment/sim/sim_device.h"
#include "payment/terminal.h"

namespace payment::sim {

struct SimTerminalOptions {
  int answer_timeout_ms = 70'000;  // no answer for this long → Unknown (a real terminal: 60 s + margin)
  int connect_timeout_ms = 2'000;
};

class SimTerminal : public Terminal {
 public:
  SimTerminal(SimTerminalDevice& device, SimTerminalOptions options = {});        // in-process
  SimTerminal(std::string host, int port, SimTerminalOptions options = {});      // over the socket

  std::string driverName() const override { return "sim"; }
  std::string nextOperationRef() override;
  PaymentResult purchase(const PurchaseRequest& request, const ProgressSink& progress, CancelToken& cancel) override;
  PaymentResult confirm(const PurchaseRequest& request, const PaymentResult& approved) override;
  PaymentResult reverse(const PurchaseRequest& request, const PaymentResult& approved) override;
  PaymentResult refund(const PurchaseRequest& request, const PaymentResult& approved) override;
  PaymentResult recover(const PurchaseRequest& request) override;
  ReconcileResult reconcile() override;
  TerminalStatus status() override;

 private:
  PaymentResult fromDevice(const DeviceAnswer& answer);
  PaymentResult exchange(const std::string& request, const ProgressSink* progress, CancelToken* cancel);

  SimTerminalDevice* device_ = nullptr;
  std::string host_;
  int port_ = 0;
  SimTerminalOptions options_;
  std::atomic<uint64_t> op_counter_{0};
};

}  // namespace payment::sim
