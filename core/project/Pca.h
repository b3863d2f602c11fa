#pragma once
// Principal component analysis of a row-major float matrix (n x d).
//
// Two algorithms, chosen automatically by size (or forced through the options):
//  - exact: the d x d covariance, accumulated in double, and its full eigen-decomposition
//    (Eigen's SelfAdjointEigenSolver). Cost O(n d^2 + d^3); best when d is small or k is a
//    large share of d.
//  - randomized: Halko, Martinsson & Tropp (2011), "Finding structure with randomness",
//    algorithm 4.4 + 5.1: a Gaussian test matrix with oversampling, a few power iterations with
//    re-orthonormalisation (QR) in between, then an exact SVD of the small projected matrix.
//    Cost O(n d l (2q + 2)) with l = k + oversampling and q power iterations; reads the data
//    about 2q + 2 times and never forms the centred copy (centring is applied implicitly).
//  Auto picks exact up to d = 1000 (measured faster there, see Pca::chooseMethod), randomized
//  beyond when k is small against d.
#include <cstdint>
#include <vector>

namespace embedlab {

class EmbeddingSet;

struct PcaOptions {
  int components = 2;
  enum class Method { Auto, Exact, Randomized };
  Method method = Method::Auto;
  int oversampling = 10;      // extra random directions of the randomized method
  int powerIterations = 4;    // sharpen the spectrum (slowly decaying spectra of word vectors)
  uint64_t seed = 1;          // Gaussian test matrix of the randomized method
  int threads = 0;            // 0 = OpenMP default
};

struct PcaResult {
  int64_t n = 0;
  int d = 0;
  int k = 0;
  PcaOptions::Method method = PcaOptions::Method::Exact;  // the one actually used
  std::vector<float> coordinates;        // (n, k) row-major: centred data times components
  std::vector<float> components;         // (k, d) row-major, unit rows, by decreasing variance
  std::vector<double> mean;              // (d)
  std::vector<double> explainedVariance; // (k) variance along each component (divisor n - 1)
  std::vector<double> explainedVarianceRatio;  // (k) share of the total variance
  double totalVariance = 0;              // sum of the per-column variances (divisor n - 1)
};

class Pca {
 public:
  explicit Pca(PcaOptions options = {});

  // Throws UsageError for bad options (components < 1 or > min(n, d), n < 2, d < 1, ...).
  PcaResult fit(const float* data, int64_t n, int d) const;
  PcaResult fit(const EmbeddingSet& set) const;

  // The method Auto picks for this shape.
  PcaOptions::Method chooseMethod(int64_t n, int d) const;

  const PcaOptions& options() const { return options_; }

 private:
  void validate(int64_t n, int d) const;
  PcaOptions options_;
};

}  // namespace embedlab
