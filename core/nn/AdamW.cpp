#include "core/nn/AdamW.h"

#include <cmath>

#include "core/util/Error.h"

// clang cannot vectorise the `omp simd` loops below that call std::tanh / std::sqrt and says so
// (-Wpass-failed); GCC, which builds the release, vectorises them. The loops stay as written.
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpass-failed"
#endif

namespace embedlab::nn {

AdamW::AdamW(ParameterStore& params, AdamWOptions options) : params_(params), options_(options) {
  if (!params_.allocated()) throw Error("AdamW: the parameter store is not allocated");
  m_.assign(params_.bufferSize(), 0.0f);
  v_.assign(params_.bufferSize(), 0.0f);
}

void AdamW::step(float lr) {
  ++t_;
  const float b1 = options_.beta1, b2 = options_.beta2, eps = options_.eps;
  const double bc1 = 1.0 - std::pow(static_cast<double>(b1), static_cast<double>(t_));
  const double bc2 = 1.0 - std::pow(static_cast<double>(b2), static_cast<double>(t_));
  const float stepSize = static_cast<float>(lr / bc1);
  const float bc2Sqrt = static_cast<float>(std::sqrt(bc2));
  float* p = params_.params();
  const float* g = params_.grads();
  for (const auto& view : params_.views()) {
    const float decay = view.decay ? 1.0f - lr * options_.weightDecay : 1.0f;
    const int64_t begin = static_cast<int64_t>(view.offset);
    const int64_t end = begin + static_cast<int64_t>(view.size);
#pragma omp parallel for simd schedule(static) if (view.size > (1u << 16))
    for (int64_t i = begin; i < end; ++i) {
      p[i] *= decay;
      m_[i] = b1 * m_[i] + (1.0f - b1) * g[i];
      v_[i] = b2 * v_[i] + (1.0f - b2) * g[i] * g[i];
      const float denom = std::sqrt(v_[i]) / bc2Sqrt + eps;
      p[i] -= stepSize * m_[i] / denom;
    }
  }
}

}  // namespace embedlab::nn
