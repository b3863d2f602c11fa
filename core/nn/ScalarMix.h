#pragma once
// ELMo's learned layer combination: out = γ Σ_j softmax(s)_j h_j over K layers of equal shape.
// s starts at 0 (a uniform mix) and γ at 1 in ELMo; the weights are what the ELMo page shows.
#include <cstdint>
#include <vector>

namespace embedlab::nn {

// softmax(s): (K)
std::vector<float> scalarMixWeights(const float* s, int K);

// layers: K buffers of (n)  s: (K)  gamma: (1)  ->  out: (n)
void scalarMixForward(float* out, const std::vector<const float*>& layers, const float* s,
                      const float* gamma, int64_t n);

// dout: (n)  ->  dlayers[j] += (n) [null entries skipped], ds += (K), dgamma += (1)
void scalarMixBackward(const std::vector<float*>& dlayers, float* ds, float* dgamma,
                       const float* dout, const std::vector<const float*>& layers, const float* s,
                       const float* gamma, int64_t n);

}  // namespace embedlab::nn
