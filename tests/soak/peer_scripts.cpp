#include "tests/soak/peer_scripts.h"

#include "tests/soak/plan.h"

namespace soak {
namespace {

PeerStep named(const std::string& token) { return {token, token.substr(0, token.find(':'))}; }

std::string delayMs(const std::string& behaviour) {
  auto colon = behaviour.find(':');
  return colon == std::string::npos ? "300" : behaviour.substr(colon + 1);
}

}  // namespace

PeerStep vtkStepFor(const std::string& behaviour, int operation_timeout_ms, int occurrence, Rng& rng) {
  const std::string kind = behaviourKind(behaviour);
  if (kind == "decline") return named("decline");
  if (kind == "delay") return rng.chance(0.7) ? named("late:" + delayMs(behaviour)) : named("cancel_at_terminal");
  // Silent past the kiosk's deadline, then approved: the outcome is there for the kiosk's recovery to learn.
  if (kind == "timeout") {
    return {"late:" + std::to_string(operation_timeout_ms + rng.uniform(1000, 4000)), "late_past_timeout"};
  }
  if (kind == "lost_answer") {
    static const char* const turns[] = {"drop", "truncated", "malformed", "bad_discriminator"};
    return named(turns[occurrence % 4]);
  }
  if (kind == "disconnect") return named("wait_abort");
  return named("approve");
}

PeerStep sbPilotStepFor(const std::string& behaviour, int occurrence, Rng& rng) {
  const std::string kind = behaviourKind(behaviour);
  if (kind == "decline") {
    auto colon = behaviour.find(':');
    return {colon == std::string::npos ? "decline" : "decline:" + behaviour.substr(colon + 1), "decline"};
  }
  if (kind == "delay") return rng.chance(0.35) ? PeerStep{"decline:2000", "cancel_on_pinpad"} : named("approve");
  if (kind == "timeout") return named("hang");
  if (kind == "lost_answer") {
    static const char* const turns[] = {"lost_answer", "crash_after_approval", "crash_after_result"};
    return named(turns[occurrence % 3]);
  }
  if (kind == "disconnect") {
    static const char* const turns[] = {"crash_segv", "crash_abort", "garbage", "no_output"};
    return named(turns[occurrence % 4]);
  }
  return named("approve");
}

}  // namespace soak
