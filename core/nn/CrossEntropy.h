#pragma once
// Softmax over the last dimension and the cross-entropy of integer targets, with an ignore index
// (-100, as PyTorch and Hugging Face label unmasked positions) and the mean taken over the
// labelled rows only.
#include <cstdint>

namespace embedlab::nn {

constexpr int32_t kIgnoreIndex = -100;

// logits: (N,V)  ->  probs: (N,V), each row a softmax (max-subtracted, sums in double)
void softmaxForward(float* probs, const float* logits, int64_t N, int V);

struct CrossEntropyResult {
  double loss = 0;      // mean over labelled rows (0 when there are none)
  int64_t labelled = 0; // rows whose target is not ignoreIndex
  int64_t correct = 0;  // labelled rows whose target has the largest logit (for accuracy)
};

// logits: (N,V)  targets: (N) in [0,V) or ignoreIndex  ->  probs: (N,V) for labelled rows
// (ignored rows are left untouched). Throws Error for a target outside [0,V).
CrossEntropyResult softmaxCrossEntropyForward(float* probs, const float* logits,
                                              const int32_t* targets, int64_t N, int V,
                                              int32_t ignoreIndex = kIgnoreIndex);

// dlogits += dloss * (probs - onehot(target)) / labelled, for labelled rows only.
void softmaxCrossEntropyBackward(float* dlogits, const float* probs, const int32_t* targets,
                                 int64_t N, int V, int64_t labelled, float dloss = 1.0f,
                                 int32_t ignoreIndex = kIgnoreIndex);

}  // namespace embedlab::nn
