#include "core/nn/SampledSoftmax.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_set>

#include "core/nn/EigenMaps.h"
#include "core/nn/Linear.h"
#include "core/util/Error.h"

namespace embedlab::nn {

namespace {

double logUniformP(int32_t k, int V) {
  return (std::log(k + 2.0) - std::log(k + 1.0)) / std::log(V + 1.0);
}

void checkIds(const int32_t* ids, int64_t n, int V, const char* what) {
  for (int64_t i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= V)
      throw Error(std::string("sampled softmax: ") + what + " id " + std::to_string(ids[i]) +
                  " outside [0, " + std::to_string(V) + ")");
}

}  // namespace

float logUniformLogQ(int32_t id, int V, int64_t tries) {
  const double p = logUniformP(id, V);
  return static_cast<float>(std::log(-std::expm1(static_cast<double>(tries) * std::log1p(-p))));
}

SampledCandidates logUniformCandidates(int S, int V, std::mt19937_64& rng) {
  if (S <= 0 || S > V) throw Error("sampled softmax: need 0 < samples <= vocabulary size");
  SampledCandidates c;
  std::unordered_set<int32_t> seen;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double logV1 = std::log(V + 1.0);
  while (static_cast<int>(c.ids.size()) < S) {
    // inverse CDF of the log-uniform law: k = floor(exp(u log(V+1))) - 1
    int32_t k = static_cast<int32_t>(std::floor(std::exp(u(rng) * logV1))) - 1;
    if (k < 0) k = 0;
    if (k >= V) k = V - 1;
    ++c.tries;
    if (seen.insert(k).second) c.ids.push_back(k);
  }
  c.logQ.resize(S);
  for (int s = 0; s < S; ++s) c.logQ[s] = logUniformLogQ(c.ids[s], V, c.tries);
  return c;
}

double sampledSoftmaxForward(float* probs, const float* h, const float* w, const float* b,
                             const int32_t* targets, const float* logQTarget,
                             const int32_t* samples, const float* logQSample, int64_t N, int S,
                             int D, int V) {
  checkIds(targets, N, V, "target");
  checkIds(samples, S, V, "sample");
  const int K = S + 1;
  // Sampled rows gathered once: (S,D), then all sampled logits in one product (N,S).
  RowMatrix ws(S, D);
  for (int s = 0; s < S; ++s)
    std::memcpy(ws.data() + static_cast<int64_t>(s) * D, w + static_cast<int64_t>(samples[s]) * D,
                sizeof(float) * D);
  RowMatrix sampled = ConstMatrixMap(h, N, D) * ws.transpose();
  std::vector<double> rowLoss(static_cast<size_t>(N));
#pragma omp parallel for schedule(static) if (N * K > 32768)
  for (int64_t n = 0; n < N; ++n) {
    float* p = probs + n * K;
    const int32_t t = targets[n];
    const float* hn = h + n * D;
    const float* wt = w + static_cast<int64_t>(t) * D;
    double dot = 0;
    for (int d = 0; d < D; ++d) dot += static_cast<double>(hn[d]) * wt[d];
    p[0] = static_cast<float>(dot) + (b ? b[t] : 0.0f) - logQTarget[n];
    for (int s = 0; s < S; ++s)
      p[1 + s] = samples[s] == t ? -std::numeric_limits<float>::infinity()
                                 : sampled(n, s) + (b ? b[samples[s]] : 0.0f) - logQSample[s];
    float mx = p[0];
    for (int k = 1; k < K; ++k) mx = std::max(mx, p[k]);
    double sum = 0;
    const float l0 = p[0];
    for (int k = 0; k < K; ++k) {
      p[k] = std::exp(p[k] - mx);
      sum += p[k];
    }
    const float inv = static_cast<float>(1.0 / sum);
    for (int k = 0; k < K; ++k) p[k] *= inv;
    rowLoss[n] = std::log(sum) + mx - l0;
  }
  double total = 0;
  for (double l : rowLoss) total += l;
  return N ? total / static_cast<double>(N) : 0.0;
}

void sampledSoftmaxBackward(float* dh, float* dw, float* db, const float* probs, const float* h,
                            const float* w, const int32_t* targets, const int32_t* samples,
                            int64_t N, int S, int D, float dloss) {
  if (N == 0) return;
  const int K = S + 1;
  const float scale = dloss / static_cast<float>(N);
  // dlogits: target column p0 - 1, sample columns p_s (an accidental hit has p = 0)
  RowMatrix dSampled(N, S);
  std::vector<float> dTarget(static_cast<size_t>(N));
  for (int64_t n = 0; n < N; ++n) {
    dTarget[n] = scale * (probs[n * K] - 1.0f);
    for (int s = 0; s < S; ++s) dSampled(n, s) = scale * probs[n * K + 1 + s];
  }
  RowMatrix ws(S, D);
  for (int s = 0; s < S; ++s)
    std::memcpy(ws.data() + static_cast<int64_t>(s) * D, w + static_cast<int64_t>(samples[s]) * D,
                sizeof(float) * D);
  if (dh) {
    MatrixMap(dh, N, D).noalias() += dSampled * ws;
    for (int64_t n = 0; n < N; ++n) {
      const float* wt = w + static_cast<int64_t>(targets[n]) * D;
      float* d = dh + n * D;
      for (int k = 0; k < D; ++k) d[k] += dTarget[n] * wt[k];
    }
  }
  if (dw) {
    RowMatrix dws = dSampled.transpose() * ConstMatrixMap(h, N, D);  // (S,D)
    for (int s = 0; s < S; ++s) {
      float* row = dw + static_cast<int64_t>(samples[s]) * D;
      for (int k = 0; k < D; ++k) row[k] += dws(s, k);
    }
    for (int64_t n = 0; n < N; ++n) {  // serial: targets repeat
      float* row = dw + static_cast<int64_t>(targets[n]) * D;
      const float* hn = h + n * D;
      for (int k = 0; k < D; ++k) row[k] += dTarget[n] * hn[k];
    }
  }
  if (db) {
    std::vector<float> colSums(static_cast<size_t>(S), 0.0f);
    addColumnSums(colSums.data(), dSampled.data(), N, S);
    for (int s = 0; s < S; ++s) db[samples[s]] += colSums[s];
    for (int64_t n = 0; n < N; ++n) db[targets[n]] += dTarget[n];
  }
}

}  // namespace embedlab::nn
