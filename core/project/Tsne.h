#pragma once
// t-SNE (van der Maaten & Hinton 2008) to two dimensions, with the optimisation schedule of
// scikit-learn / openTSNE: early exaggeration 12 for 250 iterations, momentum 0.5 then 0.8,
// per-coordinate gains (+0.2 / x0.8, floor 0.01), PCA initialisation scaled to std 1e-4.
//
// Input similarities: perplexity calibration over the floor(3 perplexity) exact nearest
// neighbours (TsneAffinities). The repulsive forces (TsneGradient):
//   Exact     O(n^2) per iteration, the reference the tests compare against;
//   BarnesHut quadtree, theta = 0.5 by default, O(n log n);
//   Fft       interpolation on a grid + FFT convolution (FIt-SNE), O(n), for large maps;
//   Auto      Exact below 500 points, BarnesHut below 5000, Fft from there.
//
// Learning rate "auto": max(n / earlyExaggeration / 4, 50), scikit-learn's formula (1.2). It is
// Belkina et al.'s (2019) n / exaggeration for the gradient without the factor 4 that bhtsne and
// openTSNE use; our gradient keeps the 4 (as scikit-learn does), hence the / 4.
//
// Deterministic: a fixed seed gives bit-identical coordinates, at any thread count (all global
// sums add per-point terms in index order).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace embedlab {

class EmbeddingSet;
class StopToken;
struct SparseAffinities;

struct TsneOptions {
  double perplexity = 30;
  int iterations = 1000;
  double learningRate = 0;          // 0 = auto, see above
  double earlyExaggeration = 12;
  int exaggerationIterations = 250;
  double initialMomentum = 0.5;
  double finalMomentum = 0.8;
  int momentumSwitch = 250;         // iteration at which the momentum becomes finalMomentum
  double minGain = 0.01;
  enum class Method { Auto, Exact, BarnesHut, Fft };
  Method method = Method::Auto;
  double theta = 0.5;               // Barnes-Hut opening angle (0 = exact sums through the tree)
  enum class Init { Pca, Random };
  Init init = Init::Pca;
  uint64_t seed = 1;                // random initialisation / randomized PCA
  int threads = 0;                  // 0 = OpenMP default
  int callbackEvery = 50;           // iterations between callbacks
  // Fft method: interpolation nodes per box, minimum boxes per axis, boxes per unit of extent.
  int fftNodes = 3;
  int fftMinBoxes = 50;
  double fftBoxesPerUnit = 1.0;
};

struct TsneSnapshot {
  int iteration = 0;           // iterations done so far (1-based count)
  int total = 0;
  double klDivergence = 0;     // of the current map against the (unexaggerated) P
  double exaggeration = 1;     // in force at this iteration
  const std::vector<float>* coordinates = nullptr;  // (n, 2) row-major
};
using TsneCallback = std::function<void(const TsneSnapshot&)>;

struct TsneResult {
  std::vector<float> coordinates;  // (n, 2) row-major
  int64_t n = 0;
  int iterations = 0;              // done (fewer than asked if cancelled)
  bool cancelled = false;
  double klDivergence = 0;         // exact for Exact; with the method's Z estimate otherwise
  double learningRate = 0;         // the one used
  TsneOptions::Method method = TsneOptions::Method::Exact;  // the one used
  double affinitySeconds = 0;      // kNN + calibration
  double seconds = 0;              // total wall time
};

class Tsne {
 public:
  explicit Tsne(TsneOptions options = {});

  // data: (n, d) row-major. Throws UsageError for bad options or data. If stop is requested,
  // returns within about one iteration (or one kNN block) with cancelled = true and the
  // coordinates reached so far (empty if stopped before the optimisation began).
  TsneResult run(const float* data, int64_t n, int d, const TsneCallback& callback = {},
                 StopToken* stop = nullptr) const;
  TsneResult run(const EmbeddingSet& set, const TsneCallback& callback = {},
                 StopToken* stop = nullptr) const;

  // The optimisation alone, from given affinities and a starting map y0 (n, 2).
  TsneResult optimize(const SparseAffinities& P, std::vector<double> y0,
                      const TsneCallback& callback = {}, StopToken* stop = nullptr) const;

  // The initial map for this data as run() builds it: (n, 2) doubles.
  std::vector<double> initialMap(const float* data, int64_t n, int d) const;

  TsneOptions::Method chooseMethod(int64_t n) const;
  double learningRate(int64_t n) const;
  void validate(int64_t n) const;  // throws UsageError

  const TsneOptions& options() const { return options_; }
  static std::string methodName(TsneOptions::Method method);

 private:
  TsneOptions options_;
};

}  // namespace embedlab
