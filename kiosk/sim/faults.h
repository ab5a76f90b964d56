#pragma once
// Fault injection: a spec says which methods misbehave how often; the injector draws, per request, what to do.
//
// SPEC = comma-separated `method.fault=value`, plus `seed=N`.
//   method: ping, getmenu, validate, postorder, getorders, close, print_info, callback, or `*` (each of them;
//           a method's own entry wins over `*` for the same fault).
//   fault:  latency=MS | latency=MIN-MAX (milliseconds, uniform), and with value P (probability 0..1) or #N
//           (exactly the next N calls of that method): http500, http422, drop_before, drop_after, malformed,
//           truncated; for callback only: lose (and latency).
// Draws come from one generator per method seeded from the seed and the method name, so the same spec and the
// same sequence of calls of a method give the same faults.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/common/expected.h"

namespace procart_sim {

enum class FaultKind {
  None,
  DropBefore,  // close the connection without acting or answering
  Http500,     // 500, nothing done
  Http422,     // FastAPI-style 422 {"detail": [...]}, nothing done
  Malformed,   // act, then answer 200 with a body that is not JSON
  Truncated,   // act, then send half of the real answer under a Content-Length promising all of it, then close
  DropAfter,   // act, then close the connection without answering
};

// Probability, or "exactly the next N calls" (#N).
struct FaultChance {
  double probability = 0;
  bool counted = false;
  int64_t next_calls = 0;
};

struct LatencyRange {
  int min_ms = 0;
  int max_ms = 0;
};

struct MethodFaults {
  std::optional<LatencyRange> latency;
  std::map<FaultKind, FaultChance> outcomes;
  std::optional<FaultChance> lose;  // callback only
};

struct FaultSpec {
  std::map<std::string, MethodFaults> methods;  // by method name, "*" included
  std::optional<uint64_t> seed;
};

// The method names a spec may use (without "*").
const std::vector<std::string>& faultMethods();

kiosk::Expected<FaultSpec, std::string> parseFaultSpec(std::string_view spec);

struct FaultDecision {
  int latency_ms = 0;
  FaultKind kind = FaultKind::None;
  bool lose = false;  // callback: do not send it
};

class FaultInjector {
 public:
  // Replaces the spec ("" clears every fault) and restarts the generators from the seed (the spec's `seed=`
  // wins over `default_seed`). Returns "" or the parse error; on error nothing changes.
  std::string set(std::string_view spec, uint64_t default_seed);
  // What the next call of `method` suffers. Thread-safe.
  FaultDecision decide(const std::string& method);
  std::string spec() const;

 private:
  struct MethodState {
    MethodFaults faults;
    std::mt19937_64 rng;
  };
  bool draw(FaultChance& chance, std::mt19937_64& rng);

  mutable std::mutex mutex_;
  std::string text_;
  std::map<std::string, MethodState> methods_;
};

}  // namespace procart_sim
