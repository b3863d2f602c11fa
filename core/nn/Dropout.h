#pragma once
// Inverted dropout: in training each element is kept with probability 1-p and scaled by 1/(1-p);
// in evaluation (or p == 0) it is the identity. The keep decision of element i is a hash of
// (seed, i), so the mask depends only on the seed, never on the thread count or on call order.
// Callers give each use a distinct seed (e.g. from step and layer).
#include <cstdint>

namespace embedlab::nn {

// x: (n)  ->  out: (n), mask: (n) 1 = kept (all 1 when not training)
void dropoutForward(float* out, uint8_t* mask, const float* x, int64_t n, float p, uint64_t seed,
                    bool training);

// dx += dout * mask / (1-p) in training, dx += dout otherwise (same p and training as forward)
void dropoutBackward(float* dx, const float* dout, const uint8_t* mask, int64_t n, float p,
                     bool training);

}  // namespace embedlab::nn
