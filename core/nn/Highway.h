#pragma once
// Highway layer as in ELMo (Srivastava et al.): [a | z] = x Wᵀ + b with W (2D, D);
// h = relu(a), g = σ(z), out = g ⊙ x + (1 - g) ⊙ h. (ELMo initialises the gate half of b to 1
// so that layers start close to carrying x through; that is the model's choice, not this layer's.)
#include <cstdint>

namespace embedlab::nn {

// x: (N,D)  w: (2D,D)  b: (2D)  ->  out: (N,D)   act: (N,2D) [relu(a) | σ(z)] kept for backward
void highwayForward(float* out, float* act, const float* x, const float* w, const float* b,
                    int64_t N, int D);

// dout: (N,D)  ->  dx += (N,D) [if dx], dw += (2D,D), db += (2D)
void highwayBackward(float* dx, float* dw, float* db, const float* dout, const float* x,
                     const float* act, const float* w, int64_t N, int D);

}  // namespace embedlab::nn
