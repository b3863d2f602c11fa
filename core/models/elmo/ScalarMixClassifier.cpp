#include "core/models/elmo/ScalarMixClassifier.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/nn/ScalarMix.h"
#include "core/util/Error.h"

namespace embedlab::elmo {

ScalarMixClassifier::ScalarMixClassifier(int layers, int dim, int classes,
                                         ScalarMixClassifierOptions options)
    : K_(layers), D_(dim), C_(classes), opt_(options) {
  if (K_ < 1 || D_ < 1 || C_ < 2) throw UsageError("scalar mix: needs layers, a dimension and two classes");
  if (opt_.epochs < 1 || opt_.batch < 1 || !(opt_.lr > 0) || !(opt_.weightDecay >= 0))
    throw UsageError("scalar mix: epochs, batch and learning rate must be positive");
  params_.add("s", {K_}, false);
  params_.add("gamma", {1}, false);
  params_.add("W", {C_, D_}, true);
  params_.add("b", {C_}, false);
  params_.allocate();
  params_.data("gamma")[0] = 1.0f;
  // Small, not zero: with W = 0 the gradient of s is exactly 0 on the first step.
  std::mt19937_64 rng(opt_.seed);
  std::uniform_real_distribution<float> u(-0.01f, 0.01f);
  float* w = params_.data("W");
  for (int64_t i = 0; i < static_cast<int64_t>(C_) * D_; ++i) w[i] = u(rng);
}

std::vector<float> ScalarMixClassifier::weights() const {
  return nn::scalarMixWeights(params_.data("s"), K_);
}
float ScalarMixClassifier::gamma() const { return params_.data("gamma")[0]; }
const float* ScalarMixClassifier::scalars() const { return params_.data("s"); }

void ScalarMixClassifier::mixRows(const float* x, const int64_t* rows, int64_t n, float* m) const {
  const std::vector<float> w = weights();
  const float g = gamma();
  for (int64_t i = 0; i < n; ++i) {
    const float* xi = x + rows[i] * K_ * D_;
    float* mi = m + i * D_;
    for (int d = 0; d < D_; ++d) {
      float acc = 0;
      for (int j = 0; j < K_; ++j) acc += w[j] * xi[static_cast<int64_t>(j) * D_ + d];
      mi[d] = g * acc;
    }
  }
}

void ScalarMixClassifier::logits(const float* m, int64_t n, float* z) const {
  const float* W = params_.data("W");
  const float* b = params_.data("b");
  for (int64_t i = 0; i < n; ++i)
    for (int c = 0; c < C_; ++c) {
      double acc = b[c];
      const float* wc = W + static_cast<int64_t>(c) * D_;
      for (int d = 0; d < D_; ++d) acc += static_cast<double>(wc[d]) * m[i * D_ + d];
      z[i * C_ + c] = static_cast<float>(acc);
    }
}

namespace {

// z: (C) -> probabilities in place; returns -log p[label].
double softmaxNll(float* z, int C, int label) {
  const float mx = *std::max_element(z, z + C);
  double sum = 0;
  for (int c = 0; c < C; ++c) sum += std::exp(static_cast<double>(z[c] - mx));
  const double logSum = std::log(sum) + mx;
  const double nll = logSum - z[label];
  for (int c = 0; c < C; ++c) z[c] = static_cast<float>(std::exp(z[c] - logSum));
  return nll;
}

}  // namespace

double ScalarMixClassifier::loss(const float* x, const int* labels, const int64_t* rows,
                                 int64_t n) const {
  std::vector<float> m(static_cast<size_t>(n) * D_), z(static_cast<size_t>(n) * C_);
  mixRows(x, rows, n, m.data());
  logits(m.data(), n, z.data());
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += softmaxNll(z.data() + i * C_, C_, labels[rows[i]]);
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

double ScalarMixClassifier::lossAndGradient(const float* x, const int* labels, const int64_t* rows,
                                            int64_t n, int64_t* correct) {
  if (n <= 0) return 0;
  std::vector<float> m(static_cast<size_t>(n) * D_), z(static_cast<size_t>(n) * C_);
  mixRows(x, rows, n, m.data());
  logits(m.data(), n, z.data());
  double sum = 0;
  int64_t right = 0;
  for (int64_t i = 0; i < n; ++i) {
    float* zi = z.data() + i * C_;
    const int y = labels[rows[i]];
    if (y < 0 || y >= C_) throw Error("scalar mix: label " + std::to_string(y) + " outside the classes");
    right += std::max_element(zi, zi + C_) - zi == y;
    sum += softmaxNll(zi, C_, y);
    // dz = (p - onehot) / n
    for (int c = 0; c < C_; ++c) zi[c] /= static_cast<float>(n);
    zi[y] -= 1.0f / static_cast<float>(n);
  }
  if (correct) *correct = right;

  const float* W = params_.data("W");
  float* dW = params_.grad("W");
  float* db = params_.grad("b");
  // dW += dzᵀ m (C,D);  db += Σ dz;  dm = dz W (n,D)
  std::vector<double> dWacc(static_cast<size_t>(C_) * D_, 0.0);
  std::vector<float> dm(static_cast<size_t>(n) * D_, 0.0f);
  for (int64_t i = 0; i < n; ++i) {
    const float* dzi = z.data() + i * C_;
    const float* mi = m.data() + i * D_;
    float* dmi = dm.data() + i * D_;
    for (int c = 0; c < C_; ++c) {
      const float g = dzi[c];
      db[c] += g;
      const float* wc = W + static_cast<int64_t>(c) * D_;
      double* dwc = dWacc.data() + static_cast<int64_t>(c) * D_;
      for (int d = 0; d < D_; ++d) {
        dwc[d] += static_cast<double>(g) * mi[d];
        dmi[d] += g * wc[d];
      }
    }
  }
  for (size_t i = 0; i < dWacc.size(); ++i) dW[i] += static_cast<float>(dWacc[i]);

  // Through the mix: dot_j = Σ_i dm_i · x_ij;  dγ = Σ_j w_j dot_j;
  // ds_j = w_j γ (dot_j - Σ_k w_k dot_k)  (softmax Jacobian)
  const std::vector<float> w = weights();
  const float g = gamma();
  std::vector<double> dot(K_, 0.0);
  for (int64_t i = 0; i < n; ++i) {
    const float* xi = x + rows[i] * K_ * D_;
    const float* dmi = dm.data() + i * D_;
    for (int j = 0; j < K_; ++j) {
      double acc = 0;
      const float* xij = xi + static_cast<int64_t>(j) * D_;
      for (int d = 0; d < D_; ++d) acc += static_cast<double>(dmi[d]) * xij[d];
      dot[j] += acc;
    }
  }
  double mixed = 0;
  for (int j = 0; j < K_; ++j) mixed += w[j] * dot[j];
  params_.grad("gamma")[0] += static_cast<float>(mixed);
  float* ds = params_.grad("s");
  for (int j = 0; j < K_; ++j) ds[j] += static_cast<float>(w[j] * g * (dot[j] - mixed));
  return sum / static_cast<double>(n);
}

bool ScalarMixClassifier::fit(const float* x, const std::vector<int>& labels,
                              const std::function<void(const MixEpoch&)>& onEpoch, StopToken* token) {
  const int64_t N = static_cast<int64_t>(labels.size());
  if (N == 0) throw Error("scalar mix: no training examples");
  nn::AdamWOptions ao;
  ao.weightDecay = opt_.weightDecay;
  nn::AdamW adam(params_, ao);
  std::vector<int64_t> order(N);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(opt_.seed + 1);
  for (int e = 0; e < opt_.epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    double lossSum = 0;
    int64_t right = 0, batches = 0;
    for (int64_t begin = 0; begin < N; begin += opt_.batch) {
      if (token) {
        token->waitIfPaused();
        if (token->stopRequested()) return false;
      }
      const int64_t n = std::min<int64_t>(opt_.batch, N - begin);
      params_.zeroGrad();
      int64_t correct = 0;
      lossSum += lossAndGradient(x, labels.data(), order.data() + begin, n, &correct);
      right += correct;
      ++batches;
      adam.step(opt_.lr);
    }
    if (onEpoch) {
      MixEpoch ep;
      ep.epoch = e + 1;
      ep.epochs = opt_.epochs;
      ep.loss = lossSum / static_cast<double>(batches);
      ep.trainAccuracy = static_cast<double>(right) / static_cast<double>(N);
      ep.weights = weights();
      ep.gamma = gamma();
      onEpoch(ep);
    }
  }
  return true;
}

std::vector<int> ScalarMixClassifier::predict(const float* x, int64_t n) const {
  std::vector<int64_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  std::vector<float> m(static_cast<size_t>(n) * D_), z(static_cast<size_t>(n) * C_);
  mixRows(x, rows.data(), n, m.data());
  logits(m.data(), n, z.data());
  std::vector<int> out(n);
  for (int64_t i = 0; i < n; ++i)
    out[i] = static_cast<int>(std::max_element(z.begin() + i * C_, z.begin() + (i + 1) * C_) -
                              (z.begin() + i * C_));
  return out;
}

}  // namespace embedlab::elmo
