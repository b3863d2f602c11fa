#pragma once
// Sampled softmax for large output vocabularies (Jean et al. 2015, as ELMo trains its biLM and as
// TensorFlow's sampled_softmax_loss computes it): each row is scored against its target and a
// shared set of S sampled candidates, with logits corrected by the log of each candidate's
// expected count under the proposal (subtract log Q) and accidental hits (a candidate equal to the
// row's target) removed. Evaluation uses the full softmax (softmaxCrossEntropyForward).
#include <cstdint>
#include <random>
#include <vector>

namespace embedlab::nn {

// S distinct candidates from the log-uniform (Zipf) proposal over ids sorted by decreasing
// frequency, P(k) = log((k+2)/(k+1)) / log(V+1), drawn until S are distinct; logQ holds
// log(expected count) = log(1 - (1 - P(k))^tries) per candidate, as TensorFlow's
// LogUniformCandidateSampler with unique=True.
struct SampledCandidates {
  std::vector<int32_t> ids;  // (S)
  std::vector<float> logQ;   // (S)
  int64_t tries = 0;
};
SampledCandidates logUniformCandidates(int S, int V, std::mt19937_64& rng);
// log(expected count) of any id under the same proposal and number of tries (for targets).
float logUniformLogQ(int32_t id, int V, int64_t tries);

// h: (N,D)  w: (V,D) output embeddings  b: (V) or null  targets: (N)  logQTarget: (N)
// samples: (S)  logQSample: (S)
//  ->  probs: (N, 1+S) softmax over [target | samples] (kept for backward);
//      returns the mean negative log-likelihood of the targets over the N rows.
double sampledSoftmaxForward(float* probs, const float* h, const float* w, const float* b,
                             const int32_t* targets, const float* logQTarget,
                             const int32_t* samples, const float* logQSample, int64_t N, int S,
                             int D, int V);

// dh += (N,D) [if dh], dw += rows of the targets and samples, db += (if db); dloss scales the mean.
void sampledSoftmaxBackward(float* dh, float* dw, float* db, const float* probs, const float* h,
                            const float* w, const int32_t* targets, const int32_t* samples,
                            int64_t N, int S, int D, float dloss = 1.0f);

}  // namespace embedlab::nn
