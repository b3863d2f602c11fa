#include "core/project/Tsne.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "core/embeddings/EmbeddingSet.h"
#include "core/project/FftRepulsion.h"
#include "core/project/Pca.h"
#include "core/project/QuadTree.h"
#include "core/project/ThreadScope.h"
#include "core/project/TsneAffinities.h"
#include "core/project/TsneGradient.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string num(double v) {
  std::string s = std::to_string(v);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Computes the gradient (and Z) with the chosen method; owns the per-method state.
class GradientEngine {
 public:
  GradientEngine(const TsneOptions& o, TsneOptions::Method method)
      : options_(o),
        method_(method),
        fft_(FftRepulsionOptions{o.fftNodes, o.fftMinBoxes, o.fftBoxesPerUnit, 400}) {}

  double gradient(const SparseAffinities& P, const double* y, double exaggeration, double* grad) {
    switch (method_) {
      case TsneOptions::Method::Exact: return TsneGradient::exact(P, y, exaggeration, grad);
      case TsneOptions::Method::BarnesHut:
        return TsneGradient::barnesHut(P, y, exaggeration, options_.theta, tree_, grad);
      default: return TsneGradient::fft(P, y, exaggeration, fft_, grad);
    }
  }

  // KL of the map y: Z exactly for the exact method, else from the method's own estimate.
  double kl(const SparseAffinities& P, const double* y) {
    double z;
    if (method_ == TsneOptions::Method::Exact) {
      z = TsneGradient::exactZ(y, P.n);
    } else {
      std::vector<double> scratch(2 * P.n);
      z = gradient(P, y, 1.0, scratch.data());
    }
    return TsneGradient::klDivergence(P, y, z);
  }

 private:
  const TsneOptions& options_;
  TsneOptions::Method method_;
  QuadTree tree_;
  FftRepulsion fft_;
};

}  // namespace

Tsne::Tsne(TsneOptions options) : options_(options) {}

std::string Tsne::methodName(TsneOptions::Method method) {
  switch (method) {
    case TsneOptions::Method::Auto: return "auto";
    case TsneOptions::Method::Exact: return "exact";
    case TsneOptions::Method::BarnesHut: return "barnes-hut";
    case TsneOptions::Method::Fft: return "fft";
  }
  return "?";
}

TsneOptions::Method Tsne::chooseMethod(int64_t n) const {
  if (options_.method != TsneOptions::Method::Auto) return options_.method;
  if (n < 500) return TsneOptions::Method::Exact;
  if (n < 5000) return TsneOptions::Method::BarnesHut;
  return TsneOptions::Method::Fft;
}

double Tsne::learningRate(int64_t n) const {
  if (options_.learningRate > 0) return options_.learningRate;
  return std::max(double(n) / options_.earlyExaggeration / 4.0, 50.0);
}

void Tsne::validate(int64_t n) const {
  const TsneOptions& o = options_;
  auto bad = [](const std::string& what) { throw UsageError("t-SNE: " + what); };
  if (n < 3) bad("needs at least 3 points, got " + std::to_string(n));
  if (!(o.perplexity >= 1)) bad("perplexity must be at least 1, got " + num(o.perplexity));
  if (o.perplexity >= double(n - 1))
    bad("perplexity " + num(o.perplexity) + " is too large for " + std::to_string(n) +
        " points (it must be below n - 1 = " + std::to_string(n - 1) + ")");
  if (o.iterations <= 0) bad("iterations must be > 0, got " + std::to_string(o.iterations));
  if (!(o.learningRate >= 0) || std::isinf(o.learningRate))
    bad("learning rate must be > 0 (or 0 for auto), got " + num(o.learningRate));
  if (!(o.earlyExaggeration >= 1) || std::isinf(o.earlyExaggeration))
    bad("early exaggeration must be >= 1, got " + num(o.earlyExaggeration));
  if (o.exaggerationIterations < 0)
    bad("exaggeration iterations must be >= 0, got " + std::to_string(o.exaggerationIterations));
  if (!(o.initialMomentum >= 0 && o.initialMomentum < 1) || !(o.finalMomentum >= 0 && o.finalMomentum < 1))
    bad("momentum must be in [0, 1)");
  if (o.momentumSwitch < 0) bad("momentum switch must be >= 0");
  if (!(o.minGain > 0 && o.minGain <= 1)) bad("minimum gain must be in (0, 1], got " + num(o.minGain));
  if (!(o.theta >= 0 && o.theta <= 2)) bad("theta must be in [0, 2], got " + num(o.theta));
  if (o.threads < 0) bad("threads must be >= 0, got " + std::to_string(o.threads));
  if (o.callbackEvery < 1) bad("callback interval must be >= 1, got " + std::to_string(o.callbackEvery));
  if (o.fftNodes < 1 || o.fftNodes > 8) bad("FFT interpolation nodes must be in 1..8");
  if (o.fftMinBoxes < 1 || o.fftMinBoxes > 400) bad("FFT minimum boxes must be in 1..400");
  if (!(o.fftBoxesPerUnit > 0)) bad("FFT boxes per unit must be > 0");
}

std::vector<double> Tsne::initialMap(const float* data, int64_t n, int d) const {
  std::vector<double> y(2 * n);
  if (options_.init == TsneOptions::Init::Pca && d >= 2) {
    PcaOptions po;
    po.components = 2;
    po.seed = options_.seed;
    PcaResult pca = Pca(po).fit(data, n, d);
    // Scale so the first coordinate has standard deviation 1e-4 (scikit-learn, openTSNE): the
    // map starts tiny so that early exaggeration can form clusters before they repel.
    double mean = 0, sq = 0;
    for (int64_t i = 0; i < n; ++i) mean += pca.coordinates[2 * i];
    mean /= double(n);
    for (int64_t i = 0; i < n; ++i) sq += (pca.coordinates[2 * i] - mean) * (pca.coordinates[2 * i] - mean);
    const double sd = std::sqrt(sq / double(n));
    const double scale = sd > 0 ? 1e-4 / sd : 1.0;
    for (int64_t t = 0; t < 2 * n; ++t) y[t] = double(pca.coordinates[t]) * scale;
  } else {
    std::mt19937_64 rng(options_.seed);
    std::normal_distribution<double> normal(0.0, 1e-4);
    for (double& v : y) v = normal(rng);
  }
  return y;
}

TsneResult Tsne::run(const EmbeddingSet& set, const TsneCallback& callback, StopToken* stop) const {
  return run(set.data(), set.rows(), set.dim(), callback, stop);
}

TsneResult Tsne::run(const float* data, int64_t n, int d, const TsneCallback& callback,
                     StopToken* stop) const {
  const auto start = Clock::now();
  validate(n);
  if (d < 1) throw UsageError("t-SNE: the vectors have no dimensions");
  for (int64_t t = 0; t < n * int64_t(d); ++t)
    if (!std::isfinite(data[t]))
      throw UsageError("t-SNE: row " + std::to_string(t / d) + " has a non-finite value");
  ThreadScope threads(options_.threads);

  SparseAffinities P = TsneAffinities::compute(data, n, d, options_.perplexity, stop);
  const double affinitySeconds = secondsSince(start);
  if (P.n == 0) {  // stopped during the neighbour search
    TsneResult r;
    r.n = n;
    r.cancelled = true;
    r.method = chooseMethod(n);
    r.learningRate = learningRate(n);
    r.affinitySeconds = r.seconds = secondsSince(start);
    return r;
  }
  TsneResult r = optimize(P, initialMap(data, n, d), callback, stop);
  r.affinitySeconds = affinitySeconds;
  r.seconds = secondsSince(start);
  return r;
}

TsneResult Tsne::optimize(const SparseAffinities& P, std::vector<double> y,
                          const TsneCallback& callback, StopToken* stop) const {
  const auto start = Clock::now();
  const int64_t n = P.n;
  validate(n);
  if (int64_t(y.size()) != 2 * n) throw UsageError("t-SNE: the initial map must have n x 2 values");
  ThreadScope threads(options_.threads);
  const TsneOptions& o = options_;

  TsneResult result;
  result.n = n;
  result.method = chooseMethod(n);
  result.learningRate = learningRate(n);
  GradientEngine engine(o, result.method);

  std::vector<double> grad(2 * n), update(2 * n, 0.0), gains(2 * n, 1.0);
  std::vector<float> snapshot;
  const double lr = result.learningRate;
  int it = 0;
  for (; it < o.iterations; ++it) {
    if (stop) {
      stop->waitIfPaused();
      if (stop->stopRequested()) {
        result.cancelled = true;
        break;
      }
    }
    const double exaggeration = it < o.exaggerationIterations ? o.earlyExaggeration : 1.0;
    const double momentum = it < o.momentumSwitch ? o.initialMomentum : o.finalMomentum;
    engine.gradient(P, y.data(), exaggeration, grad.data());
#pragma omp parallel for schedule(static)
    for (int64_t t = 0; t < 2 * n; ++t) {
      // Gains (Jacobs 1988, as scikit-learn): grow while the gradient keeps pushing the way the
      // map is already moving (update and gradient of opposite signs), shrink otherwise.
      const bool growing = update[t] * grad[t] < 0.0;
      gains[t] = growing ? gains[t] + 0.2 : std::max(gains[t] * 0.8, o.minGain);
      update[t] = momentum * update[t] - lr * gains[t] * grad[t];
      y[t] += update[t];
    }
    // Keep the map centred (translation does not change the cost; it keeps coordinates small).
    double mx = 0, my = 0;
    for (int64_t i = 0; i < n; ++i) {
      mx += y[2 * i];
      my += y[2 * i + 1];
    }
    mx /= double(n);
    my /= double(n);
    for (int64_t i = 0; i < n; ++i) {
      y[2 * i] -= mx;
      y[2 * i + 1] -= my;
    }
    if (callback && ((it + 1) % o.callbackEvery == 0 || it + 1 == o.iterations)) {
      snapshot.assign(y.begin(), y.end());
      TsneSnapshot s;
      s.iteration = it + 1;
      s.total = o.iterations;
      s.klDivergence = engine.kl(P, y.data());
      s.exaggeration = exaggeration;
      s.coordinates = &snapshot;
      callback(s);
    }
  }
  result.iterations = it;
  result.klDivergence = engine.kl(P, y.data());
  result.coordinates.assign(y.begin(), y.end());
  result.seconds = secondsSince(start);
  return result;
}

}  // namespace embedlab
