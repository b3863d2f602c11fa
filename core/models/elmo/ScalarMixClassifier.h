#pragma once
// ELMo's task-specific layer weighting, learned together with a classifier on top of it:
//   m_i = γ Σ_j softmax(s)_j x_ij          x: (N,K,D) mean-pooled layers of example i
//   z_i = W m_i + b                         W: (C,D)  b: (C)
//   loss = mean_i -log softmax(z_i)[y_i]
// s starts at 0 (a uniform mix), γ at 1, W small random, b 0. Minibatch Adam over shuffled rows;
// W alone gets (decoupled) weight decay. The biLM below is frozen: only s, γ, W and b move.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/nn/AdamW.h"
#include "core/nn/ParameterStore.h"
#include "core/train/Progress.h"

namespace embedlab::elmo {

struct ScalarMixClassifierOptions {
  int epochs = 40;
  int batch = 32;
  float lr = 1e-2f;
  float weightDecay = 1e-3f;  // on W only
  uint64_t seed = 1;
};

// The state after one epoch, for a live chart.
struct MixEpoch {
  int epoch = 0, epochs = 0;
  double loss = 0;           // mean training loss over the epoch's minibatches
  double trainAccuracy = 0;  // of the minibatches' predictions during the epoch
  std::vector<float> weights;  // softmax(s): (K)
  float gamma = 1;
};

class ScalarMixClassifier {
 public:
  ScalarMixClassifier(int layers, int dim, int classes, ScalarMixClassifierOptions options = {});
  ScalarMixClassifier(const ScalarMixClassifier&) = delete;
  ScalarMixClassifier& operator=(const ScalarMixClassifier&) = delete;

  // x: (N,K,D), labels (N) in [0, classes). onEpoch (may be empty) after every epoch. Returns
  // false when stopped through `token` (the parameters are those of the last full step).
  bool fit(const float* x, const std::vector<int>& labels,
           const std::function<void(const MixEpoch&)>& onEpoch = {}, StopToken* token = nullptr);

  std::vector<int> predict(const float* x, int64_t n) const;

  // Mean loss of the rows `rows` (n of them) of x, and its gradient ADDED into params().grads().
  // correct (if not null): rows whose largest logit is their label.
  double lossAndGradient(const float* x, const int* labels, const int64_t* rows, int64_t n,
                         int64_t* correct = nullptr);
  double loss(const float* x, const int* labels, const int64_t* rows, int64_t n) const;

  std::vector<float> weights() const;  // softmax(s)
  float gamma() const;
  const float* scalars() const;        // s: (K)
  nn::ParameterStore& params() { return params_; }
  int layers() const { return K_; }
  int dim() const { return D_; }
  int classes() const { return C_; }

 private:
  // m: (n,D) the mixed features of the given rows.
  void mixRows(const float* x, const int64_t* rows, int64_t n, float* m) const;
  // z: (n,C)
  void logits(const float* m, int64_t n, float* z) const;

  int K_, D_, C_;
  ScalarMixClassifierOptions opt_;
  nn::ParameterStore params_;
};

}  // namespace embedlab::elmo
