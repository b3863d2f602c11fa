#include "core/nn/Dropout.h"

namespace embedlab::nn {

namespace {
inline uint64_t splitmix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
}  // namespace

void dropoutForward(float* out, uint8_t* mask, const float* x, int64_t n, float p, uint64_t seed,
                    bool training) {
  if (!training || p <= 0.0f) {
    for (int64_t i = 0; i < n; ++i) {
      out[i] = x[i];
      mask[i] = 1;
    }
    return;
  }
  const float keepScale = 1.0f / (1.0f - p);
  // keep when a uniform 24-bit draw is >= p * 2^24
  const uint64_t threshold = static_cast<uint64_t>(static_cast<double>(p) * (1 << 24));
  const uint64_t key = splitmix64(seed);
#pragma omp parallel for schedule(static) if (n > (1 << 16))
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t keep = (splitmix64(key ^ static_cast<uint64_t>(i)) >> 40) >= threshold;
    mask[i] = keep;
    out[i] = keep ? x[i] * keepScale : 0.0f;
  }
}

void dropoutBackward(float* dx, const float* dout, const uint8_t* mask, int64_t n, float p,
                     bool training) {
  const float keepScale = (training && p > 0.0f) ? 1.0f / (1.0f - p) : 1.0f;
#pragma omp parallel for schedule(static) if (n > (1 << 16))
  for (int64_t i = 0; i < n; ++i)
    if (mask[i]) dx[i] += dout[i] * keepScale;
}

}  // namespace embedlab::nn
