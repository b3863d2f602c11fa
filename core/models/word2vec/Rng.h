#pragma once
// A small, fast per-thread random generator (SplitMix64, Steele et al. 2014): one add and two
// multiplies per 64-bit value, good statistical quality for sampling, no shared state.
#include <cstdint>

namespace embedlab::w2v {

class Rng {
 public:
  // Streams for different (seed, stream) pairs start far apart: both are mixed into the state.
  explicit Rng(uint64_t seed, uint64_t stream = 0) : state_(mix(seed) ^ mix(stream + 0x632be59bd9b4e019ULL)) {}

  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix(state_);
  }
  // Uniform in [0, 1) with 24 random bits (exactly representable as float).
  float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
  // Uniform in [0, n) without division (Lemire's multiply-shift; bias < n / 2^32).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }

  // The whole generator state, for checkpoints: a generator restored with setState() continues
  // the same sequence.
  uint64_t state() const { return state_; }
  void setState(uint64_t s) { state_ = s; }

  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

}  // namespace embedlab::w2v
