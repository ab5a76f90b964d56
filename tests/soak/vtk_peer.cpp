// The VTK emulator as the soak's peer: in the driver process on loopback, its non-volatile memory, ledger and
// record of the kiosk's protocol violations in the round's directory. The kiosk reaches it through the real "vtk"
// driver.
#include <algorithm>
#include <map>

#include "tests/drivers/vtk_emulator.h"
#include "tests/soak/peer_scripts.h"
#include "tests/soak/plan.h"
#include "tests/soak/terminal_peer.h"

namespace soak {
namespace {

// What the terminal announces (tag 0x06): silence costs seconds, not the specification's default minute.
constexpr int kOperationTimeoutS = 3;

class VtkPeer : public TerminalPeer {
 public:
  explicit VtkPeer(const PeerOptions& options) : options_(options), max_op_seen_(options.first_operation) {}
  ~VtkPeer() override { stop(); }

  std::string start(const std::vector<std::string>& script) override {
    Rng rng(options_.seed, "vtk-steps");
    std::string text;
    std::map<std::string, int> occurrences;  // of each behaviour kind so far
    for (const auto& behaviour : script) {
      int occurrence = occurrences[behaviourKind(behaviour)]++;
      PeerStep step = vtkStepFor(behaviour, kOperationTimeoutS * 1000, occurrence, rng);
      text += (text.empty() ? "" : ",") + step.token;
      labels_.push_back(step.label);
    }
    std::string error;
    auto steps = vtkemu::parseScript(text, error);
    if (!steps) return "VTK emulator script: " + error;
    vtkemu::EmulatorOptions options;
    options.state_dir = options_.dir;
    options.script = *steps;
    options.operation_timeout_s = kOperationTimeoutS;
    options.start_operation = options_.first_operation;
    emulator_ = std::make_unique<vtkemu::VtkEmulator>(options);
    if (!emulator_->start(error)) return "VTK emulator: " + error;
    return {};
  }

  void stop() override {
    if (emulator_) emulator_->stop();
  }

  nlohmann::json kioskTerminal() const override {
    return {{"driver", "vtk"},
            {"params",
             {{"host", "127.0.0.1"},
              {"port", emulator_ ? emulator_->port() : 0},
              {"connect_timeout_ms", 1000},
              {"handshake_timeout_ms", 2000},
              {"operation_timeout_ms", kOperationTimeoutS * 1000}}}};
  }

  // A VRP with an operation number above every earlier one starts a new operation at the terminal, which meets the
  // script's next step; a repeated number asks for a stored result.
  size_t purchasesSeen() override {
    size_t vrps = emulator_->received("VRP");
    if (vrps != vrps_seen_) {
      vrps_seen_ = vrps;
      auto all = emulator_->receivedAll();
      for (; messages_scanned_ < all.size(); ++messages_scanned_) {
        const auto& m = all[messages_scanned_];
        if (m.name != "VRP") continue;
        auto op = m.number(vtkemu::tags::kOperation);
        if (op && *op > max_op_seen_) {
          max_op_seen_ = *op;
          ++new_operations_;
        }
      }
    }
    return new_operations_;
  }

  std::string peerFault(size_t index) const override {
    return "vtk." + (index < labels_.size() ? labels_[index] : std::string("approve"));
  }

  PeerRecords records(const payment::testing::JournalLinks& links) override {
    PeerRecords out;
    auto lines = payment::testing::readVtkLedger(options_.dir + "/vtk-ledger.jsonl", out.problems);
    payment::testing::attachRrns(lines, printedRrns());
    auto charges = payment::testing::vtkCharges(lines, links);
    out.ledger = std::move(charges.entries);
    out.problems.insert(out.problems.end(), charges.problems.begin(), charges.problems.end());
    // A kiosk that retries breaks the same rule again and again: each rule once, with how often.
    std::vector<std::pair<std::string, int>> violations;
    for (const auto& v : vtkemu::readViolations(options_.dir)) {
      auto same = std::find_if(violations.begin(), violations.end(), [&](const auto& p) { return p.first == v; });
      if (same == violations.end()) violations.push_back({v, 1});
      else ++same->second;
    }
    for (const auto& [text, times] : violations) {
      out.problems.push_back("VTK protocol violation: " + text +
                             (times > 1 ? " (" + std::to_string(times) + " times)" : std::string()));
    }
    return out;
  }

 private:
  // The RRN of each approved operation as the terminal printed it on the receipt of its VRP answer (the emulator's
  // ledger does not carry it). A garbled or lost answer is not in the log; its repeat, if the kiosk asked, is.
  std::map<int64_t, std::string> printedRrns() const {
    std::map<int64_t, std::string> out;
    for (const auto& sent : emulator_->sentLog()) {
      const auto& m = sent.message;
      auto op = m.number(vtkemu::tags::kOperation);
      auto amount = m.number(vtkemu::tags::kAmount);
      const std::string* receipt = m.find(vtkemu::tags::kReceipt);
      if (m.name != "VRP" || !op || !amount || *amount == 0 || !receipt) continue;
      std::string rrn = payment::testing::receiptRrn(*receipt);
      if (!rrn.empty()) out[*op] = rrn;
    }
    return out;
  }

  PeerOptions options_;
  std::vector<std::string> labels_;
  std::unique_ptr<vtkemu::VtkEmulator> emulator_;
  size_t vrps_seen_ = 0;
  size_t messages_scanned_ = 0;
  int64_t max_op_seen_ = 0;
  size_t new_operations_ = 0;
};

}  // namespace

std::unique_ptr<TerminalPeer> makeVtkPeer(const PeerOptions& options) { return std::make_unique<VtkPeer>(options); }

}  // namespace soak
