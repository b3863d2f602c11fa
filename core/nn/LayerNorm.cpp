#include "core/nn/LayerNorm.h"

#include <cmath>
#include <vector>

namespace embedlab::nn {

void layerNormForward(float* out, float* mean, float* rstd, const float* x, const float* w,
                      const float* b, int64_t N, int C, float eps) {
  // x: (N,C)  w,b: (C)  ->  out: (N,C)  mean,rstd: (N)
#pragma omp parallel for schedule(static) if (N * C > 32768)
  for (int64_t n = 0; n < N; ++n) {
    const float* xr = x + n * C;
    double s = 0;
    for (int c = 0; c < C; ++c) s += xr[c];
    const double m = s / C;
    double v = 0;
    for (int c = 0; c < C; ++c) {
      const double d = xr[c] - m;
      v += d * d;
    }
    const float r = static_cast<float>(1.0 / std::sqrt(v / C + eps));
    const float mf = static_cast<float>(m);
    float* o = out + n * C;
    for (int c = 0; c < C; ++c) o[c] = (xr[c] - mf) * r * w[c] + b[c];
    mean[n] = mf;
    rstd[n] = r;
  }
}

void layerNormBackward(float* dx, float* dw, float* db, const float* dout, const float* x,
                       const float* w, const float* mean, const float* rstd, int64_t N, int C) {
  // dx_i = rstd * (g_i - mean_j(g) - xhat_i * mean_j(g xhat)),  g = dout * w
  if (dx) {
#pragma omp parallel for schedule(static) if (N * C > 32768)
    for (int64_t n = 0; n < N; ++n) {
      const float* xr = x + n * C;
      const float* d = dout + n * C;
      const float m = mean[n], r = rstd[n];
      double sumG = 0, sumGX = 0;
      for (int c = 0; c < C; ++c) {
        const float g = d[c] * w[c];
        sumG += g;
        sumGX += static_cast<double>(g) * ((xr[c] - m) * r);
      }
      const float meanG = static_cast<float>(sumG / C), meanGX = static_cast<float>(sumGX / C);
      float* o = dx + n * C;
      for (int c = 0; c < C; ++c) {
        const float xhat = (xr[c] - m) * r;
        o[c] += r * (d[c] * w[c] - meanG - xhat * meanGX);
      }
    }
  }
  // Parameter gradients sum over all rows: serial over rows, double accumulators, fixed order.
  std::vector<double> accW(static_cast<size_t>(C), 0.0), accB(static_cast<size_t>(C), 0.0);
  for (int64_t n = 0; n < N; ++n) {
    const float* xr = x + n * C;
    const float* d = dout + n * C;
    const float m = mean[n], r = rstd[n];
    for (int c = 0; c < C; ++c) {
      accW[c] += d[c] * ((xr[c] - m) * r);
      accB[c] += d[c];
    }
  }
  for (int c = 0; c < C; ++c) {
    dw[c] += static_cast<float>(accW[c]);
    db[c] += static_cast<float>(accB[c]);
  }
}

}  // namespace embedlab::nn
