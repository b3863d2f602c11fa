#pragma once
// Fully connected layer in PyTorch's layout: out = x · wᵀ + b, weight (out_features, in_features).
// Like every backward here, linearBackward ADDS into the gradient buffers (the caller zeroes
// them once per step), so that a tensor used twice (tied embeddings, residual branches)
// collects both contributions.
#include <cstdint>

namespace embedlab::nn {

// x: (N,C)  w: (OC,C)  b: (OC) or nullptr  ->  out: (N,OC)     (N = B*T rows)
void linearForward(float* out, const float* x, const float* w, const float* b, int64_t N, int C,
                   int OC);

// dout: (N,OC)  ->  dx += dout·w (N,C) [skipped if dx is null], dw += doutᵀ·x (OC,C),
// db += Σ_rows dout (OC) [skipped if db is null]
void linearBackward(float* dx, float* dw, float* db, const float* dout, const float* x,
                    const float* w, int64_t N, int C, int OC);

// db += Σ_rows dout, in double: the sums run over every token of the batch.
void addColumnSums(float* db, const float* dout, int64_t N, int C);

}  // namespace embedlab::nn
