#include "core/nn/ScalarMix.h"

#include <cmath>

namespace embedlab::nn {

std::vector<float> scalarMixWeights(const float* s, int K) {
  std::vector<float> w(static_cast<size_t>(K));
  float mx = s[0];
  for (int j = 1; j < K; ++j) mx = s[j] > mx ? s[j] : mx;
  double sum = 0;
  for (int j = 0; j < K; ++j) sum += w[j] = std::exp(s[j] - mx);
  for (int j = 0; j < K; ++j) w[j] = static_cast<float>(w[j] / sum);
  return w;
}

void scalarMixForward(float* out, const std::vector<const float*>& layers, const float* s,
                      const float* gamma, int64_t n) {
  const int K = static_cast<int>(layers.size());
  const std::vector<float> w = scalarMixWeights(s, K);
#pragma omp parallel for schedule(static) if (n > (1 << 16))
  for (int64_t i = 0; i < n; ++i) {
    float acc = 0;
    for (int j = 0; j < K; ++j) acc += w[j] * layers[j][i];
    out[i] = gamma[0] * acc;
  }
}

void scalarMixBackward(const std::vector<float*>& dlayers, float* ds, float* dgamma,
                       const float* dout, const std::vector<const float*>& layers, const float* s,
                       const float* gamma, int64_t n) {
  const int K = static_cast<int>(layers.size());
  const std::vector<float> w = scalarMixWeights(s, K);
  // dw_j = γ Σ_i dout_i h_j,i ;  dγ = Σ_j w_j Σ_i dout_i h_j,i  (long sums: double, serial)
  std::vector<double> dot(static_cast<size_t>(K), 0.0);
  for (int j = 0; j < K; ++j) {
    double acc = 0;
    for (int64_t i = 0; i < n; ++i) acc += static_cast<double>(dout[i]) * layers[j][i];
    dot[j] = acc;
    if (j < static_cast<int>(dlayers.size()) && dlayers[j]) {
      const float scale = gamma[0] * w[j];
      for (int64_t i = 0; i < n; ++i) dlayers[j][i] += scale * dout[i];
    }
  }
  double mixed = 0;
  for (int j = 0; j < K; ++j) mixed += w[j] * dot[j];
  if (dgamma) dgamma[0] += static_cast<float>(mixed);
  // softmax: ds_j = w_j (dw_j - Σ_k w_k dw_k), with dw_j = γ dot_j
  if (ds)
    for (int j = 0; j < K; ++j) ds[j] += static_cast<float>(w[j] * gamma[0] * (dot[j] - mixed));
}

}  // namespace embedlab::nn
