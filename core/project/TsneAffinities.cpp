#include "core/project/TsneAffinities.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/project/NearestNeighbours.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"

namespace embedlab {

int TsneAffinities::neighbourCount(int64_t n, double perplexity) {
  return int(std::min<double>(double(n - 1), std::floor(3.0 * perplexity)));
}

ConditionalAffinities TsneAffinities::calibrate(const KnnGraph& graph, double perplexity,
                                                double tolerance) {
  const int64_t n = graph.n;
  const int k = graph.k;
  ConditionalAffinities out;
  out.n = n;
  out.k = k;
  out.indices = graph.indices;
  out.p.resize(size_t(n) * k);
  out.beta.resize(n);
  out.entropy.resize(n);
  const double target = std::log(perplexity);

#pragma omp parallel for schedule(dynamic, 256)
  for (int64_t i = 0; i < n; ++i) {
    const double* dist = graph.sqDistances.data() + size_t(i) * k;  // ascending
    double* p = out.p.data() + size_t(i) * k;
    // Distances are shifted by the nearest one: p and H do not change, and exp() never
    // underflows to an all-zero row however large the distances are.
    const double d0 = dist[0];
    double spread = dist[k - 1] - d0;
    double beta = spread > 0 ? 1.0 / spread : 1.0;  // a start of the right order of magnitude
    double lo = 0, hi = std::numeric_limits<double>::infinity();
    double entropy = 0;
    for (int step = 0; step < 200; ++step) {
      // H = log(S) + beta * sum_j p_j (d_j - d0), with p_j = exp(-beta (d_j - d0)) / S.
      double sum = 0, weighted = 0;
      for (int j = 0; j < k; ++j) {
        const double e = std::exp(-beta * (dist[j] - d0));
        p[j] = e;
        sum += e;
        weighted += e * (dist[j] - d0);
      }
      entropy = std::log(sum) + beta * weighted / sum;
      for (int j = 0; j < k; ++j) p[j] /= sum;
      const double gap = entropy - target;
      if (std::abs(gap) <= tolerance) break;
      if (gap > 0) {  // too flat: sharpen
        lo = beta;
        beta = std::isinf(hi) ? beta * 2 : 0.5 * (beta + hi);
      } else {
        hi = beta;
        beta = 0.5 * (beta + lo);
      }
    }
    out.beta[i] = beta;
    out.entropy[i] = entropy;
  }
  return out;
}

SparseAffinities TsneAffinities::symmetrise(const ConditionalAffinities& c) {
  const int64_t n = c.n;
  const int k = c.k;
  // Row i receives (j, p(j|i)) for its own neighbours and (j, p(i|j)) from every j that has i
  // as a neighbour; duplicates (mutual neighbours) are merged after sorting each row.
  std::vector<int64_t> count(n + 1, 0);
  for (int64_t i = 0; i < n; ++i) {
    count[i + 1] += k;
    for (int t = 0; t < k; ++t) count[c.indices[size_t(i) * k + t] + 1] += 1;
  }
  for (int64_t i = 0; i < n; ++i) count[i + 1] += count[i];
  std::vector<int64_t> fill(count.begin(), count.end() - 1);
  std::vector<std::pair<int64_t, double>> entries(static_cast<size_t>(count[n]));
  for (int64_t i = 0; i < n; ++i) {
    for (int t = 0; t < k; ++t) {
      const int64_t j = c.indices[size_t(i) * k + t];
      const double p = c.p[size_t(i) * k + t];
      entries[fill[i]++] = {j, p};
      entries[fill[j]++] = {i, p};
    }
  }
  std::vector<int64_t> unique(n + 1, 0);
#pragma omp parallel for schedule(dynamic, 256)
  for (int64_t i = 0; i < n; ++i) {
    auto begin = entries.begin() + count[i], end = entries.begin() + count[i + 1];
    std::sort(begin, end, [](const auto& a, const auto& b) { return a.first < b.first; });
    int64_t u = 0;
    for (auto it = begin; it != end; ++it)
      if (it == begin || it->first != (it - 1)->first) ++u;
    unique[i + 1] = u;
  }
  for (int64_t i = 0; i < n; ++i) unique[i + 1] += unique[i];

  SparseAffinities P;
  P.n = n;
  P.rowPtr = unique;
  P.col.resize(size_t(unique[n]));
  P.val.resize(size_t(unique[n]));
  const double norm = 1.0 / (2.0 * double(n));
#pragma omp parallel for schedule(dynamic, 256)
  for (int64_t i = 0; i < n; ++i) {
    int64_t out = unique[i] - 1;
    for (int64_t e = count[i]; e < count[i + 1]; ++e) {
      if (e == count[i] || entries[e].first != entries[e - 1].first) {
        ++out;
        P.col[out] = entries[e].first;
        P.val[out] = 0;
      }
      P.val[out] += entries[e].second * norm;
    }
  }
  return P;
}

SparseAffinities TsneAffinities::compute(const float* data, int64_t n, int d, double perplexity,
                                         const StopToken* stop) {
  if (!(perplexity > 0))
    throw UsageError("t-SNE: perplexity must be > 0, got " + std::to_string(perplexity));
  if (n < 3) throw UsageError("t-SNE: needs at least 3 points, got " + std::to_string(n));
  if (perplexity >= double(n - 1))
    throw UsageError("t-SNE: perplexity " + std::to_string(perplexity) + " is too large for " +
                     std::to_string(n) + " points (it must be below n - 1 = " +
                     std::to_string(n - 1) + ")");
  const int k = neighbourCount(n, perplexity);
  KnnGraph graph = NearestNeighbours::exact(data, n, d, k, stop);
  if (graph.n == 0) return SparseAffinities{};
  return symmetrise(calibrate(graph, perplexity));
}

}  // namespace embedlab
