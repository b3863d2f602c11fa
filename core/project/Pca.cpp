#include "core/project/Pca.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own avx512fintrin.h for Eigen's float GEMM
// kernels (a known false positive, Eigen issue 2578); the code is correct, the noise is not ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include <Eigen/Dense>

#include "core/embeddings/EmbeddingSet.h"
#include "core/project/ThreadScope.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMapF = Eigen::Map<const RowMatrixF>;
using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

// Rows per block of the streaming passes: a block of 300-d floats is ~5 MB, big enough for
// Eigen's GEMM to run at full speed, small enough to stay near the caches.
constexpr int64_t kBlockRows = 4096;

// Column means and variances (divisor n - 1) in double. Blocks are summed in a fixed order so
// the result does not depend on the number of threads.
void columnStatistics(const float* data, int64_t n, int d, VectorD& mean, double& totalVariance) {
  const int64_t blocks = (n + kBlockRows - 1) / kBlockRows;
  MatrixD sums = MatrixD::Zero(d, blocks);     // (d, blocks) per-block column sums
  MatrixD squares = MatrixD::Zero(d, blocks);  // per-block sums of (x - shift)^2
  // Shift by the first row so that the one-pass variance does not cancel catastrophically.
  const float* shift = data;
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t b = 0; b < blocks; ++b) {
    const int64_t begin = b * kBlockRows, end = std::min(n, begin + kBlockRows);
    double* s = sums.col(b).data();
    double* q = squares.col(b).data();
    for (int64_t i = begin; i < end; ++i) {
      const float* x = data + i * d;
      for (int j = 0; j < d; ++j) {
        const double v = double(x[j]) - double(shift[j]);
        s[j] += v;
        q[j] += v * v;
      }
    }
  }
  VectorD s = VectorD::Zero(d), q = VectorD::Zero(d);
  for (int64_t b = 0; b < blocks; ++b) {
    s += sums.col(b);
    q += squares.col(b);
  }
  mean.resize(d);
  totalVariance = 0;
  for (int j = 0; j < d; ++j) {
    const double m = s[j] / double(n);
    mean[j] = m + double(shift[j]);
    totalVariance += (q[j] - double(n) * m * m) / double(n - 1);
  }
}

// Y = (X - 1 mean^T) M : X (n,d) float, M (d,l) -> Y (n,l) double.
MatrixD centredTimes(const float* data, int64_t n, int d, const VectorD& mean, const MatrixD& m) {
  ConstRowMapF x(data, n, d);
  RowMatrixF mf = m.cast<float>();
  RowMatrixF yf = x * mf;
  MatrixD y = yf.cast<double>();
  const Eigen::RowVectorXd offset = mean.transpose() * m;  // (1, l)
  y.rowwise() -= offset;
  return y;
}

// Z = (X - 1 mean^T)^T Q : Q (n,l) -> Z (d,l) double. Accumulated block by block in double.
MatrixD centredTransposeTimes(const float* data, int64_t n, int d, const VectorD& mean,
                              const MatrixD& q) {
  ConstRowMapF x(data, n, d);
  const int l = int(q.cols());
  MatrixD z = MatrixD::Zero(d, l);
  for (int64_t begin = 0; begin < n; begin += kBlockRows) {
    const int64_t rows = std::min(kBlockRows, n - begin);
    Eigen::MatrixXf qb = q.middleRows(begin, rows).cast<float>();
    Eigen::MatrixXf zb = x.middleRows(begin, rows).transpose() * qb;
    z += zb.cast<double>();
  }
  const Eigen::RowVectorXd colSums = q.colwise().sum();  // (1, l)
  z -= mean * colSums;
  return z;
}

MatrixD orthonormalBasis(const MatrixD& y) {
  Eigen::HouseholderQR<MatrixD> qr(y);
  return qr.householderQ() * MatrixD::Identity(y.rows(), y.cols());
}

// Gaussian test matrix from our own Box-Muller, so the numbers are the same on every platform.
MatrixD gaussianMatrix(int rows, int cols, uint64_t seed) {
  std::mt19937_64 rng(seed);
  MatrixD g(rows, cols);
  const double twoPi = 6.283185307179586;
  for (int64_t i = 0; i < g.size(); i += 2) {
    const double u1 = (double(rng() >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
    const double u2 = double(rng() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    g.data()[i] = r * std::cos(twoPi * u2);
    if (i + 1 < g.size()) g.data()[i + 1] = r * std::sin(twoPi * u2);
  }
  return g;
}

// Makes the largest-magnitude loading of each component positive: eigenvectors are defined up
// to sign, and a map that flips between runs is confusing.
void fixSigns(MatrixD& v) {  // v: (d, k), columns are components
  for (int c = 0; c < v.cols(); ++c) {
    Eigen::Index at = 0;
    v.col(c).cwiseAbs().maxCoeff(&at);
    if (v(at, c) < 0) v.col(c) = -v.col(c);
  }
}

}  // namespace

Pca::Pca(PcaOptions options) : options_(options) {}

void Pca::validate(int64_t n, int d) const {
  if (n < 2) throw UsageError("PCA: needs at least 2 rows, got " + std::to_string(n));
  if (d < 1) throw UsageError("PCA: the vectors have no dimensions");
  const int64_t maxK = std::min<int64_t>(n, d);
  if (options_.components < 1 || options_.components > maxK)
    throw UsageError("PCA: components must be between 1 and " + std::to_string(maxK) + ", got " +
                     std::to_string(options_.components));
  if (options_.oversampling < 0)
    throw UsageError("PCA: oversampling must be >= 0, got " + std::to_string(options_.oversampling));
  if (options_.powerIterations < 0)
    throw UsageError("PCA: power iterations must be >= 0, got " +
                     std::to_string(options_.powerIterations));
  if (options_.threads < 0)
    throw UsageError("PCA: threads must be >= 0, got " + std::to_string(options_.threads));
}

PcaOptions::Method Pca::chooseMethod(int64_t n, int d) const {
  if (options_.method != PcaOptions::Method::Auto) return options_.method;
  // Measured (bench/pca_bench.cpp, 100k x 300, k = 2): the covariance pass is one blocked
  // rank-k update at GEMM speed (0.9 s), while the randomized method's 2q + 2 skinny products
  // each re-pack the whole matrix and run memory-bound (1.8 s on one thread). The d^3
  // eigen-decomposition only starts to matter beyond d ~ 1000, so that is the switch; a large
  // share of components (k > d / 4) also goes exact, where randomized has no advantage.
  (void)n;
  const int l = options_.components + options_.oversampling;
  if (d <= 1000 || 4 * l > d) return PcaOptions::Method::Exact;
  return PcaOptions::Method::Randomized;
}

PcaResult Pca::fit(const EmbeddingSet& set) const { return fit(set.data(), set.rows(), set.dim()); }

PcaResult Pca::fit(const float* data, int64_t n, int d) const {
  validate(n, d);
  ThreadScope threads(options_.threads);
  const int k = options_.components;

  PcaResult result;
  result.n = n;
  result.d = d;
  result.k = k;
  result.method = chooseMethod(n, d);

  VectorD mean;
  columnStatistics(data, n, d, mean, result.totalVariance);

  MatrixD components;  // (d, k)
  VectorD variance;    // (k)
  if (result.method == PcaOptions::Method::Exact) {
    // Covariance (d, d): float GEMM per block of centred rows, accumulated in double.
    MatrixD cov = MatrixD::Zero(d, d);
    ConstRowMapF x(data, n, d);
    const Eigen::RowVectorXf meanF = mean.transpose().cast<float>();
    for (int64_t begin = 0; begin < n; begin += kBlockRows) {
      const int64_t rows = std::min(kBlockRows, n - begin);
      RowMatrixF centred = x.middleRows(begin, rows).rowwise() - meanF;
      Eigen::MatrixXf block(d, d);
      block.setZero();
      block.selfadjointView<Eigen::Lower>().rankUpdate(centred.transpose());
      cov += block.cast<double>();
    }
    cov = cov.selfadjointView<Eigen::Lower>();
    cov /= double(n - 1);
    Eigen::SelfAdjointEigenSolver<MatrixD> eig(cov);
    if (eig.info() != Eigen::Success) throw Error("PCA: the eigen-decomposition did not converge");
    // Eigen sorts eigenvalues ascending; take the last k, largest first.
    components.resize(d, k);
    variance.resize(k);
    for (int c = 0; c < k; ++c) {
      components.col(c) = eig.eigenvectors().col(d - 1 - c);
      variance[c] = std::max(0.0, eig.eigenvalues()[d - 1 - c]);
    }
  } else {
    const int l = int(std::min<int64_t>(k + options_.oversampling, std::min<int64_t>(n, d)));
    MatrixD omega = gaussianMatrix(d, l, options_.seed);
    MatrixD q = orthonormalBasis(centredTimes(data, n, d, mean, omega));  // (n, l)
    for (int it = 0; it < options_.powerIterations; ++it) {
      MatrixD z = orthonormalBasis(centredTransposeTimes(data, n, d, mean, q));  // (d, l)
      q = orthonormalBasis(centredTimes(data, n, d, mean, z));
    }
    // B = Q^T A (l, d); its right singular vectors approximate those of A.
    MatrixD bt = centredTransposeTimes(data, n, d, mean, q);  // (d, l) = B^T
    Eigen::JacobiSVD<MatrixD> svd(bt, Eigen::ComputeThinU);
    components = svd.matrixU().leftCols(k);  // B^T = V S U^T: left vectors of B^T are V
    variance = svd.singularValues().head(k).array().square() / double(n - 1);
  }
  fixSigns(components);

  // Coordinates (n, k) = X V - mean^T V.
  ConstRowMapF x(data, n, d);
  RowMatrixF vf = components.cast<float>();
  RowMatrixF coords = x * vf;
  const Eigen::RowVectorXf offset = (mean.transpose() * components).cast<float>();
  coords.rowwise() -= offset;

  result.coordinates.assign(coords.data(), coords.data() + coords.size());
  result.components.resize(size_t(k) * d);
  for (int c = 0; c < k; ++c)
    for (int j = 0; j < d; ++j) result.components[size_t(c) * d + j] = float(components(j, c));
  result.mean.assign(mean.data(), mean.data() + d);
  result.explainedVariance.assign(variance.data(), variance.data() + k);
  result.explainedVarianceRatio.resize(k);
  for (int c = 0; c < k; ++c)
    result.explainedVarianceRatio[c] =
        result.totalVariance > 0 ? variance[c] / result.totalVariance : 0.0;
  return result;
}

}  // namespace embedlab
