#pragma once
// Seeded randomness for the soak: every random choice (the fault plan in the driver, the guest's choices in the
// child) comes from a stream derived from the one printed --seed and a stream name, so a run can be repeated.
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace soak {

// splitmix64 of (seed, FNV-1a of the stream name): independent streams from one seed.
inline uint64_t deriveSeed(uint64_t seed, std::string_view stream) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : stream) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (hash | 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  Rng(uint64_t seed, std::string_view stream) : engine_(deriveSeed(seed, stream)) {}

  // Uniform in [lo, hi], both included.
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_) < p; }
  // An index drawn with the given weights (which need not add up to 1).
  size_t weighted(const std::vector<double>& weights) {
    return std::discrete_distribution<size_t>(weights.begin(), weights.end())(engine_);
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(uniform(0, static_cast<int>(items.size()) - 1))];
  }
  uint64_t next() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace soak
