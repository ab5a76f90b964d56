#pragma once
// Contract tests: the real ProcartClient against a real procart_sim::Emulator on a loopback port.
#include <memory>
#include <string>

#include "kiosk/procart/client.h"
#include "kiosk/sim/emulator.h"
#include "test_support.h"

namespace procart_test {

inline constexpr const char* kSimToken = "5b0e4c52-7a1d-4c1e-9d0c-1f2e3d4c5b6a";

// The fixture menu (tests/procart/fixtures/menu.json) and its images.
std::string fixtureMenuPath();

// Emulator options for tests: the fixture menu, our token, no scripted lifecycle (tests move orders
// themselves), fast callback retries.
procart_sim::Options simOptions();

// Client options with short timeouts, for a running emulator.
kiosk::procart::ClientOptions clientOptions(const procart_sim::Emulator& sim, const std::string& token = kSimToken);

// An emulator started on a free port, and a client for it.
struct SimFixture {
  explicit SimFixture(procart_sim::Options options = simOptions());
  std::unique_ptr<procart_sim::Emulator> sim;
  std::unique_ptr<kiosk::procart::ProcartClient> client;
};

// What sampleDraft() costs at the fixture menu's prices: 2 × (389 + 30) + (120 − 10 %) + 499.
inline const kiosk::Money kSampleTotal = kiosk::Money::kopecks(144500);

}  // namespace procart_test
