#pragma once
// Stochastic gradient descent as torch.optim.SGD: g += wd·p (if decay); with momentum μ > 0,
// buf = μ buf + g (buf = g at the first step) and g = buf; then p -= lr·g.
#include <vector>

#include "core/nn/ParameterStore.h"

namespace embedlab::nn {

struct SgdOptions {
  float momentum = 0.0f;
  float weightDecay = 0.0f;
};

class Sgd {
 public:
  Sgd(ParameterStore& params, SgdOptions options = {});
  void step(float lr);

 private:
  ParameterStore& params_;
  SgdOptions options_;
  std::vector<float> momentum_;
  bool first_ = true;
};

}  // namespace embedlab::nn
