#include "core/nn/CrossEntropy.h"

#include <cmath>
#include <string>
#include <vector>

#include "core/util/Error.h"

// See EigenMaps.h: a GCC 12 false positive inside Eigen's AVX-512 packet code.
#pragma GCC diagnostic push
#ifndef __clang__  // a GCC warning: clang would report the pragma itself as unknown
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#pragma GCC diagnostic pop

namespace embedlab::nn {

namespace {

// One row: probs = softmax(logits); returns log(Σ exp(l - max)) + max (the log-partition).
// The exponentials go through Eigen's vectorised exp into aligned per-thread scratch (a row of an
// MLM batch has a whole vocabulary); computing into the caller's buffer directly would let its
// alignment decide which elements take Eigen's scalar path, and so the rounding.
double softmaxRow(float* p, const float* l, int V, float* maxOut = nullptr) {
  thread_local Eigen::ArrayXf scratch;
  if (scratch.size() < V) scratch.resize(V);
  Eigen::Map<const Eigen::ArrayXf> L(l, V);
  const float mx = L.maxCoeff();
  if (maxOut) *maxOut = mx;
  auto e = scratch.head(V);
  e = (L - mx).exp();
  const double s = e.cast<double>().sum();  // in double, in SIMD lanes of a fixed order
  const float inv = static_cast<float>(1.0 / s);
  for (int v = 0; v < V; ++v) p[v] = e[v] * inv;
  return std::log(s) + mx;
}

}  // namespace

void softmaxForward(float* probs, const float* logits, int64_t N, int V) {
#pragma omp parallel for schedule(static) if (N * V > 32768)
  for (int64_t n = 0; n < N; ++n) softmaxRow(probs + n * V, logits + n * V, V);
}

CrossEntropyResult softmaxCrossEntropyForward(float* probs, const float* logits,
                                              const int32_t* targets, int64_t N, int V,
                                              int32_t ignoreIndex) {
  for (int64_t n = 0; n < N; ++n) {
    const int32_t t = targets[n];
    if (t != ignoreIndex && (t < 0 || t >= V))
      throw Error("cross-entropy: target " + std::to_string(t) + " at row " + std::to_string(n) +
                  " is outside [0, " + std::to_string(V) + ")");
  }
  // Per-row losses first, then one serial sum: the result does not depend on the thread count.
  std::vector<double> rowLoss(static_cast<size_t>(N), 0.0);
  std::vector<uint8_t> rowCorrect(static_cast<size_t>(N), 0);
#pragma omp parallel for schedule(static) if (N * V > 32768)
  for (int64_t n = 0; n < N; ++n) {
    const int32_t t = targets[n];
    if (t == ignoreIndex) continue;
    const float* l = logits + n * V;
    float mx;
    const double logZ = softmaxRow(probs + n * V, l, V, &mx);
    rowLoss[n] = logZ - l[t];
    rowCorrect[n] = l[t] == mx;  // the target has the largest logit (a tie counts as correct)
  }
  CrossEntropyResult r;
  double sum = 0;
  for (int64_t n = 0; n < N; ++n) {
    if (targets[n] == ignoreIndex) continue;
    sum += rowLoss[n];
    r.correct += rowCorrect[n];
    ++r.labelled;
  }
  r.loss = r.labelled ? sum / static_cast<double>(r.labelled) : 0.0;
  return r;
}

void softmaxCrossEntropyBackward(float* dlogits, const float* probs, const int32_t* targets,
                                 int64_t N, int V, int64_t labelled, float dloss,
                                 int32_t ignoreIndex) {
  if (labelled <= 0) return;
  const float scale = dloss / static_cast<float>(labelled);
#pragma omp parallel for schedule(static) if (N * V > 32768)
  for (int64_t n = 0; n < N; ++n) {
    const int32_t t = targets[n];
    if (t == ignoreIndex) continue;
    const float* p = probs + n * V;
    float* d = dlogits + n * V;
    for (int v = 0; v < V; ++v) d[v] += scale * p[v];
    d[t] -= scale;
  }
}

}  // namespace embedlab::nn
