#include "core/nn/Sgd.h"

#include "core/util/Error.h"

namespace embedlab::nn {

Sgd::Sgd(ParameterStore& params, SgdOptions options) : params_(params), options_(options) {
  if (!params_.allocated()) throw Error("SGD: the parameter store is not allocated");
  if (options_.momentum > 0.0f) momentum_.assign(params_.bufferSize(), 0.0f);
}

void Sgd::step(float lr) {
  float* p = params_.params();
  const float* g = params_.grads();
  const float mu = options_.momentum;
  for (const auto& view : params_.views()) {
    const float wd = view.decay ? options_.weightDecay : 0.0f;
    const int64_t begin = static_cast<int64_t>(view.offset);
    const int64_t end = begin + static_cast<int64_t>(view.size);
    for (int64_t i = begin; i < end; ++i) {
      float d = g[i] + wd * p[i];
      if (mu > 0.0f) {
        momentum_[i] = first_ ? d : mu * momentum_[i] + d;
        d = momentum_[i];
      }
      p[i] -= lr * d;
    }
  }
  first_ = false;
}

}  // namespace embedlab::nn
