// The fake sb_pilot as the soak's peer: the kiosk's "sbpilot" driver runs it once per operation in the round's
// working directory, which holds its control file (the round's purchase_script), its memory, its log and its ledger.
// Nothing of it lives in the driver process; the soak only reads its files and kills what a killed kiosk left
// running.
#include <fstream>
#include <map>

#include "kiosk/common/atomic_file.h"
#include "tests/soak/orphans.h"
#include "tests/soak/peer_scripts.h"
#include "tests/soak/plan.h"
#include "tests/soak/terminal_peer.h"

namespace soak {
namespace {

// The driver kills a run that takes longer (a hanging sb_pilot): seconds, not the three minutes a PIN may take.
constexpr int kRunTimeoutMs = 4000;

class SbPilotPeer : public TerminalPeer {
 public:
  explicit SbPilotPeer(const PeerOptions& options) : options_(options) {}

  std::string start(const std::vector<std::string>& script) override {
    std::string error = becomeSubreaper();
    if (!error.empty()) return "cannot adopt the orphans of killed kiosk lives: " + error;
    Rng rng(options_.seed, "sbpilot-steps");
    nlohmann::json modes = nlohmann::json::array();
    std::map<std::string, int> occurrences;  // of each behaviour kind so far
    for (const auto& behaviour : script) {
      PeerStep step = sbPilotStepFor(behaviour, occurrences[behaviourKind(behaviour)]++, rng);
      modes.push_back(step.token);
      labels_.push_back(step.label);
    }
    nlohmann::json control = {{"purchase_script", modes}};
    return kiosk::files::writeAtomically(options_.dir + "/fake-sb-pilot.json", control.dump(1) + "\n");
  }

  void stop() override {}

  nlohmann::json kioskTerminal() const override {
    return {{"driver", "sbpilot"},
            {"params",
             {{"program", options_.sbpilot_program},
              {"working_dir", options_.dir},
              {"timeout_ms", kRunTimeoutMs},
              {"kill_grace_ms", 300}}}};
  }

  // Purchases are the runs whose first argument is "1"; the fake logs each run's arguments as it starts.
  size_t purchasesSeen() override {
    std::ifstream log(options_.dir + "/fake-sb-pilot.log", std::ios::binary);
    log.seekg(static_cast<std::streamoff>(log_offset_));
    std::string line;
    while (std::getline(log, line)) {
      if (log.eof()) break;  // no line feed yet: the rest of it is still being written
      log_offset_ += line.size() + 1;
      if (line == "1" || line.rfind("1 ", 0) == 0) ++purchases_;
    }
    return purchases_;
  }

  std::string peerFault(size_t index) const override {
    return "sbpilot." + (index < labels_.size() ? labels_[index] : std::string("approve"));
  }

  int lifeKilled() override { return killLeftovers(options_.dir + "/fake-sb-pilot.pid", "fake_sb_pilot"); }

  PeerRecords records(const payment::testing::JournalLinks& links) override {
    PeerRecords out;
    auto lines = payment::testing::readSbPilotState(options_.dir + "/fake-sb-pilot-state.json", out.problems);
    auto charges = payment::testing::sbPilotCharges(lines, links);
    out.ledger = std::move(charges.entries);
    out.problems.insert(out.problems.end(), charges.problems.begin(), charges.problems.end());
    return out;
  }

 private:
  PeerOptions options_;
  std::vector<std::string> labels_;
  uint64_t log_offset_ = 0;
  size_t purchases_ = 0;
};

}  // namespace

std::unique_ptr<TerminalPeer> makeSbPilotPeer(const PeerOptions& options) {
  return std::make_unique<SbPilotPeer>(options);
}

}  // namespace soak
