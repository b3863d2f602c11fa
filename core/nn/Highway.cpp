#include "core/nn/Highway.h"

#include <cstddef>
#include <vector>

#include "core/nn/Activations.h"
#include "core/nn/Linear.h"

namespace embedlab::nn {

void highwayForward(float* out, float* act, const float* x, const float* w, const float* b,
                    int64_t N, int D) {
  linearForward(act, x, w, b, N, D, 2 * D);  // act: (N,2D) pre-activations, then in place
#pragma omp parallel for schedule(static) if (N * D > 32768)
  for (int64_t n = 0; n < N; ++n) {
    float* a = act + n * 2 * D;
    const float* xr = x + n * D;
    float* o = out + n * D;
    for (int d = 0; d < D; ++d) {
      const float h = a[d] > 0.0f ? a[d] : 0.0f;
      const float g = sigmoid(a[D + d]);
      a[d] = h;
      a[D + d] = g;
      o[d] = g * xr[d] + (1.0f - g) * h;
    }
  }
}

void highwayBackward(float* dx, float* dw, float* db, const float* dout, const float* x,
                     const float* act, const float* w, int64_t N, int D) {
  std::vector<float> dpre(static_cast<size_t>(N) * 2 * D);  // (N,2D) gradient of [a | z]
#pragma omp parallel for schedule(static) if (N * D > 32768)
  for (int64_t n = 0; n < N; ++n) {
    const float* a = act + n * 2 * D;
    const float* xr = x + n * D;
    const float* d = dout + n * D;
    float* dp = dpre.data() + n * 2 * D;
    for (int k = 0; k < D; ++k) {
      const float h = a[k], g = a[D + k];
      dp[k] = h > 0.0f ? d[k] * (1.0f - g) : 0.0f;
      dp[D + k] = d[k] * (xr[k] - h) * g * (1.0f - g);
      if (dx) dx[n * D + k] += d[k] * g;  // the carried path
    }
  }
  linearBackward(dx, dw, db, dpre.data(), x, w, N, D, 2 * D);
}

}  // namespace embedlab::nn
