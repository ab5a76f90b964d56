// The simulated terminal as the soak's peer: SimTerminalDevice with its ledger, served over loopback by
// SimTerminalServer; the soak's behaviours are its own, and it alone has confirmation and reversal faults.
#include "payment/sim/sim_server.h"
#include "tests/soak/plan.h"
#include "tests/soak/terminal_peer.h"

namespace soak {
namespace {

using payment::sim::DeviceAnswer;

class SimPeer : public TerminalPeer {
 public:
  explicit SimPeer(const PeerOptions& options) : options_(options) {}
  ~SimPeer() override { stop(); }

  std::string start(const std::vector<std::string>& script) override {
    script_ = script;
    device_ = std::make_unique<payment::sim::SimTerminalDevice>(
        payment::sim::SimDeviceOptions{"SOAK0001", 0, "approve"});
    for (const auto& behaviour : script) {
      std::string error = device_->pushBehaviour(behaviour);
      if (!error.empty()) return "terminal script: " + error;
    }
    server_ = std::make_unique<payment::sim::SimTerminalServer>(*device_);
    if (server_->start("127.0.0.1", 0) < 0) return "terminal server: " + server_->error();
    return {};
  }

  void stop() override {
    if (server_) server_->stop();
    server_.reset();
  }

  nlohmann::json kioskTerminal() const override {
    return {{"driver", "sim"}, {"params", {{"host", "127.0.0.1"}, {"port", server_ ? server_->port() : 0}}}};
  }

  size_t purchasesSeen() override { return device_ ? device_->ledger().size() : 0; }

  std::string peerFault(size_t index) const override {
    return "sim." + behaviourKind(index < script_.size() ? script_[index] : "approve");
  }

  bool pushConfirmFault(const std::string& kind) override { return device_->pushConfirmBehaviour(kind).empty(); }
  bool pushReverseFault(const std::string& kind) override { return device_->pushReverseBehaviour(kind).empty(); }

  // A queued fault answers any call, even for an unknown operation: calls for one until a normal answer comes.
  void endFaults(Counts& confirm, Counts& reverse) override {
    device_->setDefaultBehaviour("approve");
    for (int i = 0; i < 100'000; ++i) {
      auto a = device_->confirm("soak-drain", kiosk::Money());
      if (a.delivery == DeviceAnswer::Delivery::Answer && a.result.code == "NOT_FOUND") break;
      --confirm[a.delivery == DeviceAnswer::Delivery::Disconnect ? "disconnect" : "fail"];
    }
    for (int i = 0; i < 100'000; ++i) {
      auto a = device_->reverse("soak-drain");
      if (a.delivery == DeviceAnswer::Delivery::Answer && a.result.kind == payment::PaymentResult::Kind::Approved) {
        break;
      }
      --reverse[a.delivery == DeviceAnswer::Delivery::Disconnect ? "disconnect" : "fail"];
    }
  }

  // The device knows each operation's external_id itself (the purchase request carries it).
  PeerRecords records(const payment::testing::JournalLinks&) override { return {device_->ledger(), {}}; }

 private:
  PeerOptions options_;
  std::vector<std::string> script_;
  std::unique_ptr<payment::sim::SimTerminalDevice> device_;
  std::unique_ptr<payment::sim::SimTerminalServer> server_;
};

}  // namespace

std::unique_ptr<TerminalPeer> makeSimPeer(const PeerOptions& options) { return std::make_unique<SimPeer>(options); }

}  // namespace soak
