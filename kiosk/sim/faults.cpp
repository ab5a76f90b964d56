#include "kiosk/sim/faults.h"

#include <algorithm>
#include <cstdlib>

namespace procart_sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::optional<uint64_t> parseUnsigned(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

std::optional<double> parseProbability(std::string_view s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  std::string text(s);
  char* end = nullptr;
  double p = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !(p >= 0.0 && p <= 1.0)) return std::nullopt;
  return p;
}

std::optional<FaultChance> parseChance(std::string_view value) {
  FaultChance chance;
  if (!value.empty() && value.front() == '#') {
    auto n = parseUnsigned(value.substr(1));
    if (!n || *n > 1'000'000) return std::nullopt;
    chance.counted = true;
    chance.next_calls = static_cast<int64_t>(*n);
    return chance;
  }
  auto p = parseProbability(value);
  if (!p) return std::nullopt;
  chance.probability = *p;
  return chance;
}

std::optional<LatencyRange> parseLatency(std::string_view value) {
  constexpr uint64_t kMaxMs = 120'000;
  auto dash = value.find('-');
  auto low = parseUnsigned(value.substr(0, dash));
  auto high = dash == std::string_view::npos ? low : parseUnsigned(value.substr(dash + 1));
  if (!low || !high || *low > *high || *high > kMaxMs) return std::nullopt;
  return LatencyRange{static_cast<int>(*low), static_cast<int>(*high)};
}

std::optional<FaultKind> outcomeKind(std::string_view name) {
  if (name == "http500") return FaultKind::Http500;
  if (name == "http422") return FaultKind::Http422;
  if (name == "drop_before") return FaultKind::DropBefore;
  if (name == "drop_after") return FaultKind::DropAfter;
  if (name == "malformed") return FaultKind::Malformed;
  if (name == "truncated") return FaultKind::Truncated;
  return std::nullopt;
}

uint64_t methodSeed(uint64_t seed, const std::string& method) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : method) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return seed ^ hash;
}

// Order in which outcome faults are tried for one call: the first that hits wins.
constexpr FaultKind kOutcomeOrder[] = {FaultKind::DropBefore, FaultKind::Http500,   FaultKind::Http422,
                                       FaultKind::Malformed,  FaultKind::Truncated, FaultKind::DropAfter};

}  // namespace

const std::vector<std::string>& faultMethods() {
  static const std::vector<std::string> methods = {"ping",      "getmenu", "validate",   "postorder",
                                                   "getorders", "close",   "print_info", "callback"};
  return methods;
}

kiosk::Expected<FaultSpec, std::string> parseFaultSpec(std::string_view spec) {
  FaultSpec out;
  const auto& methods = faultMethods();
  while (!spec.empty()) {
    auto comma = spec.find(',');
    std::string_view item = trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    std::string shown(item);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) return kiosk::Unexpected{"\"" + shown + "\": expected method.fault=value"};
    std::string_view key = trim(item.substr(0, eq));
    std::string_view value = trim(item.substr(eq + 1));
    if (key == "seed") {
      auto seed = parseUnsigned(value);
      if (!seed) return kiosk::Unexpected{"\"" + shown + "\": seed must be a non-negative integer"};
      out.seed = *seed;
      continue;
    }
    auto dot = key.find('.');
    if (dot == std::string_view::npos) return kiosk::Unexpected{"\"" + shown + "\": expected method.fault=value"};
    std::string method(key.substr(0, dot));
    std::string_view fault = key.substr(dot + 1);
    if (method != "*" && std::find(methods.begin(), methods.end(), method) == methods.end()) {
      return kiosk::Unexpected{"\"" + shown + "\": unknown method \"" + method + "\""};
    }
    MethodFaults& target = out.methods[method];
    if (fault == "latency") {
      auto latency = parseLatency(value);
      if (!latency) return kiosk::Unexpected{"\"" + shown + "\": latency is MS or MIN-MAX (ms, at most 120000)"};
      target.latency = latency;
      continue;
    }
    auto chance = parseChance(value);
    if (!chance) return kiosk::Unexpected{"\"" + shown + "\": value must be a probability 0..1 or #N"};
    if (fault == "lose") {
      if (method != "callback" && method != "*")
        return kiosk::Unexpected{"\"" + shown + "\": lose is for callback only"};
      target.lose = chance;
      continue;
    }
    auto kind = outcomeKind(fault);
    if (!kind) return kiosk::Unexpected{"\"" + shown + "\": unknown fault \"" + std::string(fault) + "\""};
    if (method == "callback") return kiosk::Unexpected{"\"" + shown + "\": callback takes only lose and latency"};
    target.outcomes[*kind] = *chance;
  }
  return out;
}

std::string FaultInjector::set(std::string_view spec, uint64_t default_seed) {
  auto parsed = parseFaultSpec(spec);
  if (!parsed) return parsed.error();
  uint64_t seed = parsed->seed.value_or(default_seed);
  std::map<std::string, MethodState> methods;
  const MethodFaults* all = parsed->methods.count("*") ? &parsed->methods["*"] : nullptr;
  for (const auto& name : faultMethods()) {
    MethodState state{MethodFaults{}, std::mt19937_64(methodSeed(seed, name))};
    if (all) {
      state.faults = *all;
      // `*` reaches callback only through what callbacks can suffer.
      if (name == "callback")
        state.faults.outcomes.clear();
      else
        state.faults.lose.reset();
    }
    auto own = parsed->methods.find(name);
    if (own != parsed->methods.end()) {
      if (own->second.latency) state.faults.latency = own->second.latency;
      if (own->second.lose) state.faults.lose = own->second.lose;
      for (const auto& [kind, chance] : own->second.outcomes) state.faults.outcomes[kind] = chance;
    }
    methods.emplace(name, std::move(state));
  }
  std::lock_guard lock(mutex_);
  text_ = std::string(spec);
  methods_ = std::move(methods);
  return "";
}

bool FaultInjector::draw(FaultChance& chance, std::mt19937_64& rng) {
  if (chance.counted) {
    if (chance.next_calls <= 0) return false;
    --chance.next_calls;
    return true;
  }
  if (chance.probability <= 0) return false;
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < chance.probability;
}

FaultDecision FaultInjector::decide(const std::string& method) {
  FaultDecision decision;
  std::lock_guard lock(mutex_);
  auto it = methods_.find(method);
  if (it == methods_.end()) return decision;
  MethodState& state = it->second;
  if (state.faults.latency) {
    decision.latency_ms =
        std::uniform_int_distribution<int>(state.faults.latency->min_ms, state.faults.latency->max_ms)(state.rng);
  }
  if (state.faults.lose) decision.lose = draw(*state.faults.lose, state.rng);
  for (FaultKind kind : kOutcomeOrder) {
    auto chance = state.faults.outcomes.find(kind);
    if (chance != state.faults.outcomes.end() && draw(chance->second, state.rng)) {
      decision.kind = kind;
      break;
    }
  }
  return decision;
}

std::string FaultInjector::spec() const {
  std::lock_guard lock(mutex_);
  return text_;
}

}  // namespace procart_sim
