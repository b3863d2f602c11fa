#pragma once
// Element-wise layers over n floats. Backward passes add into dx.
#include <cstdint>

namespace embedlab::nn {

// GELU, exact: x * Φ(x) = 0.5 x (1 + erf(x/√2))   (BERT's "gelu")
void geluForward(float* out, const float* x, int64_t n);
void geluBackward(float* dx, const float* dout, const float* x, int64_t n);

// GELU, tanh approximation: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))   ("gelu_new")
void geluTanhForward(float* out, const float* x, int64_t n);
void geluTanhBackward(float* dx, const float* dout, const float* x, int64_t n);

// tanh; the backward uses the forward's output y: dx += dout (1 - y²)
void tanhForward(float* out, const float* x, int64_t n);
void tanhBackward(float* dx, const float* dout, const float* y, int64_t n);

// ReLU; the backward uses the output y: dx += dout [y > 0]
void reluForward(float* out, const float* x, int64_t n);
void reluBackward(float* dx, const float* dout, const float* y, int64_t n);

// Residual: out = a + b;  da += dout, db += dout
void residualForward(float* out, const float* a, const float* b, int64_t n);
void residualBackward(float* da, float* db, const float* dout, int64_t n);

inline float sigmoid(float x) { return 1.0f / (1.0f + __builtin_expf(-x)); }

}  // namespace embedlab::nn
