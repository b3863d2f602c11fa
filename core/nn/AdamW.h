#pragma once
// AdamW with decoupled weight decay, as torch.optim.AdamW computes it (float32 state):
//   p -= lr·wd·p                      (only for views with decay = true)
//   m = β1 m + (1-β1) g;   v = β2 v + (1-β2) g²
//   p -= (lr / (1-β1ᵗ)) · m / (√v / √(1-β2ᵗ) + eps)
#include <cstdint>
#include <vector>

#include "core/nn/ParameterStore.h"

namespace embedlab::nn {

struct AdamWOptions {
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float eps = 1e-8f;
  float weightDecay = 0.01f;
};

class AdamW {
 public:
  AdamW(ParameterStore& params, AdamWOptions options = {});

  // One update of every parameter from the store's gradients, with learning rate lr.
  void step(float lr);

  int64_t steps() const { return t_; }
  const AdamWOptions& options() const { return options_; }
  // The moments, in the store's buffer layout (for checkpoints and resume).
  std::vector<float>& firstMoment() { return m_; }
  std::vector<float>& secondMoment() { return v_; }
  void setSteps(int64_t t) { t_ = t; }

 private:
  ParameterStore& params_;
  AdamWOptions options_;
  std::vector<float> m_, v_;
  int64_t t_ = 0;
};

}  // namespace embedlab::nn
