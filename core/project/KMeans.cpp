#include "core/project/KMeans.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own avx512fintrin.h for Eigen's float GEMM
// kernels (a known false positive, Eigen issue 2578; see core/project/Pca.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include <Eigen/Dense>

#include "core/project/ThreadScope.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMapF = Eigen::Map<const RowMatrixF>;

// Rows per assignment block. Fixed (not derived from the thread count) so that every row's
// distances come out of the same GEMM shape whatever the threads: results do not depend on them.
constexpr int64_t kBlockRows = 256;

double squaredNorm(const float* v, int d) {
  double s = 0;
  for (int j = 0; j < d; ++j) s += double(v[j]) * double(v[j]);
  return s;
}

// Nearest centre of every row.
// x: (n, d)  xsq: (n) squared row norms  c: (k, d)  ->  labels: (n)  dist2: (n) squared distances
// |x - c|^2 = |x|^2 + |c|^2 - 2 x.c, the x.c of a block of rows from one small GEMM.
void assign(const float* x, const double* xsq, int64_t n, int d, const float* c, int k, int* labels,
            double* dist2) {
  std::vector<double> csq(k);
  for (int j = 0; j < k; ++j) csq[j] = squaredNorm(c + int64_t(j) * d, d);
  const ConstRowMapF C(c, k, d);
  const int64_t blocks = (n + kBlockRows - 1) / kBlockRows;
#pragma omp parallel
  {
    Eigen::MatrixXf g;  // (rows, k) dot products of the block
#pragma omp for schedule(dynamic)
    for (int64_t b = 0; b < blocks; ++b) {
      const int64_t first = b * kBlockRows;
      const int64_t rows = std::min(kBlockRows, n - first);
      const ConstRowMapF X(x + first * d, rows, d);
      g.noalias() = X * C.transpose();
      for (int64_t i = 0; i < rows; ++i) {
        int best = 0;
        double bestD = std::numeric_limits<double>::infinity();
        for (int j = 0; j < k; ++j) {
          const double dd = xsq[first + i] + csq[j] - 2.0 * double(g(i, j));
          if (dd < bestD) {  // strict: ties go to the lower centre
            bestD = dd;
            best = j;
          }
        }
        labels[first + i] = best;
        dist2[first + i] = std::max(0.0, bestD);
      }
    }
  }
}

// k-means++: the first centre uniformly, each next one with probability proportional to the
// squared distance to the nearest centre chosen so far.
// x: (n, d)  ->  centres: (k, d)
bool seedCentres(const float* x, int64_t n, int d, int k, std::mt19937_64& rng, std::vector<float>& centres,
                 const StopToken* stop) {
  centres.assign(size_t(k) * d, 0.0f);
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  int64_t chosen = std::min<int64_t>(n - 1, int64_t(uniform(rng) * double(n)));
  for (int j = 0; j < k; ++j) {
    if (stop && stop->stopRequested()) return false;
    std::copy(x + chosen * d, x + (chosen + 1) * d, centres.begin() + int64_t(j) * d);
    if (j + 1 == k) break;
    const float* c = centres.data() + int64_t(j) * d;
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; ++i) {
      double s = 0;
      const float* xi = x + i * d;
      for (int t = 0; t < d; ++t) {
        const double diff = double(xi[t]) - double(c[t]);
        s += diff * diff;
      }
      nearest[i] = std::min(nearest[i], s);
    }
    double total = 0;
    for (int64_t i = 0; i < n; ++i) total += nearest[i];
    if (!(total > 0)) {
      // Fewer distinct points than k: take the next rows in order (duplicates give empty clusters,
      // which the Lloyd step repairs as well as it can).
      chosen = (chosen + 1) % n;
      continue;
    }
    const double target = uniform(rng) * total;
    double acc = 0;
    chosen = n - 1;
    for (int64_t i = 0; i < n; ++i) {
      acc += nearest[i];
      if (acc > target && nearest[i] > 0) {
        chosen = i;
        break;
      }
    }
  }
  return true;
}

struct Run {
  std::vector<int> labels;
  std::vector<float> centres;
  double inertia = 0;
  int iterations = 0;
  bool converged = false;
};

bool lloyd(const float* x, const double* xsq, int64_t n, int d, int k, const KMeansOptions& o, double scale,
           Run& run, const StopToken* stop) {
  run.labels.assign(n, -1);
  std::vector<int> labels(n);
  std::vector<double> dist2(n);
  std::vector<double> sums(size_t(k) * d);
  std::vector<int64_t> counts(k);
  for (int it = 0; it < o.maxIterations; ++it) {
    if (stop && stop->stopRequested()) return false;
    assign(x, xsq, n, d, run.centres.data(), k, labels.data(), dist2.data());
    const bool changed = labels != run.labels;
    run.labels = labels;
    run.iterations = it + 1;
    // Centre update: plain means, summed in row order in double.
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    for (int64_t i = 0; i < n; ++i) {
      const int l = labels[i];
      ++counts[l];
      double* s = sums.data() + int64_t(l) * d;
      const float* xi = x + i * d;
      for (int t = 0; t < d; ++t) s[t] += xi[t];
    }
    double maxShift = 0;
    std::vector<char> taken(n, 0);
    for (int j = 0; j < k; ++j) {
      float* c = run.centres.data() + int64_t(j) * d;
      if (counts[j] == 0) {
        // An empty cluster takes the row farthest from its own centre (deterministic).
        int64_t far = -1;
        for (int64_t i = 0; i < n; ++i)
          if (!taken[i] && (far < 0 || dist2[i] > dist2[far])) far = i;
        if (far < 0) continue;
        taken[far] = 1;
        dist2[far] = 0;
        std::copy(x + far * d, x + (far + 1) * d, c);
        maxShift = std::numeric_limits<double>::infinity();
        continue;
      }
      double shift = 0;
      for (int t = 0; t < d; ++t) {
        const float v = float(sums[int64_t(j) * d + t] / double(counts[j]));
        shift += (double(v) - c[t]) * (double(v) - c[t]);
        c[t] = v;
      }
      maxShift = std::max(maxShift, shift);
    }
    if (!changed || maxShift <= o.tolerance * scale) {
      run.converged = true;
      break;
    }
  }
  // Final labels and inertia against the final centres.
  assign(x, xsq, n, d, run.centres.data(), k, labels.data(), dist2.data());
  run.labels = labels;
  run.inertia = 0;
  for (int64_t i = 0; i < n; ++i) run.inertia += dist2[i];
  return true;
}

}  // namespace

KMeans::KMeans(KMeansOptions options) : options_(options) {}

KMeansResult KMeans::fit(const float* data, int64_t n, int d, const StopToken* stop) const {
  const KMeansOptions& o = options_;
  if (o.k < 1) throw UsageError("k-means: k must be at least 1, got " + std::to_string(o.k));
  if (n < 1) throw UsageError("k-means: there are no rows to cluster");
  if (o.k > n)
    throw UsageError("k-means: k = " + std::to_string(o.k) + " is more than the " + std::to_string(n) + " rows");
  if (d < 1) throw UsageError("k-means: the vectors have no dimensions");
  if (o.maxIterations < 1) throw UsageError("k-means: iterations must be at least 1");
  if (o.restarts < 1) throw UsageError("k-means: restarts must be at least 1");
  if (!(o.tolerance >= 0)) throw UsageError("k-means: tolerance must be >= 0");
  if (o.threads < 0) throw UsageError("k-means: threads must be >= 0");
  ThreadScope threads(o.threads);

  // x: (n, d) the working copy, normalised when asked; xsq: (n) its squared row norms.
  std::vector<float> x(data, data + n * int64_t(d));
  std::vector<double> xsq(n);
  bool finite = true;
#pragma omp parallel for schedule(static) reduction(&& : finite)
  for (int64_t i = 0; i < n; ++i) {
    float* xi = x.data() + i * d;
    for (int t = 0; t < d; ++t) finite = finite && std::isfinite(xi[t]);
    double s = squaredNorm(xi, d);
    if (o.normalize && s > 0) {
      const float inv = float(1.0 / std::sqrt(s));
      for (int t = 0; t < d; ++t) xi[t] *= inv;
      s = squaredNorm(xi, d);
    }
    xsq[i] = s;
  }
  if (!finite) throw UsageError("k-means: the vectors contain a non-finite value");
  double scale = 0;  // mean squared norm: makes the tolerance independent of the data's units
  for (int64_t i = 0; i < n; ++i) scale += xsq[i];
  scale = scale > 0 ? scale / double(n) : 1.0;

  KMeansResult result;
  result.n = n;
  result.d = d;
  result.k = o.k;
  Run best;
  bool haveBest = false;
  for (int r = 0; r < o.restarts; ++r) {
    // Restarts draw from independent streams of the one seed.
    std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ull + uint64_t(r) + 1);
    Run run;
    if (!seedCentres(x.data(), n, d, o.k, rng, run.centres, stop) ||
        !lloyd(x.data(), xsq.data(), n, d, o.k, o, scale, run, stop)) {
      result.cancelled = true;
      return result;
    }
    if (!haveBest || run.inertia < best.inertia) {
      best = std::move(run);
      haveBest = true;
    }
  }
  result.labels = std::move(best.labels);
  result.centroids = std::move(best.centres);
  result.inertia = best.inertia;
  result.iterations = best.iterations;
  result.converged = best.converged;
  result.sizes.assign(o.k, 0);
  for (int l : result.labels) ++result.sizes[l];
  return result;
}

}  // namespace embedlab
