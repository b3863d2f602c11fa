#pragma once
// LayerNorm over the last dimension: out = (x - mean) * rstd * w + b, rstd = 1/sqrt(var + eps)
// with the biased variance, as torch.nn.LayerNorm. mean and rstd are kept for the backward pass.
#include <cstdint>

namespace embedlab::nn {

// x: (N,C)  w,b: (C)  ->  out: (N,C)  mean,rstd: (N)
void layerNormForward(float* out, float* mean, float* rstd, const float* x, const float* w,
                      const float* b, int64_t N, int C, float eps);

// dout: (N,C)  ->  dx += (N,C) [if dx], dw += (C), db += (C)
void layerNormBackward(float* dx, float* dw, float* db, const float* dout, const float* x,
                       const float* w, const float* mean, const float* rstd, int64_t N, int C);

}  // namespace embedlab::nn
