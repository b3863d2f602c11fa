#include "core/project/NearestNeighbours.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own avx512fintrin.h for Eigen's float GEMM
// kernels (a known false positive, Eigen issue 2578); the code is correct, the noise is not ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <algorithm>
#include <string>
#include <utility>

#include <Eigen/Dense>

#include "core/train/Progress.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {
using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMapF = Eigen::Map<const RowMatrixF>;

// Queries per block x references per block: the (512, 8192) float product is 16 MB, and one
// block of queries takes a few ms, which keeps the stop token responsive.
constexpr int64_t kQueryBlock = 512;
constexpr int64_t kRefBlock = 8192;

struct Candidate {
  float dist;
  int64_t index;
  bool operator<(const Candidate& o) const {  // max-heap order; ties broken by index
    return dist < o.dist || (dist == o.dist && index < o.index);
  }
};
}  // namespace

KnnGraph NearestNeighbours::exact(const float* data, int64_t n, int d, int k, const StopToken* stop) {
  if (k < 1 || k > n - 1)
    throw UsageError("nearest neighbours: k must be between 1 and n - 1 = " + std::to_string(n - 1) +
                     ", got " + std::to_string(k));
  ConstRowMapF x(data, n, d);
  Eigen::VectorXf norms = x.rowwise().squaredNorm();  // (n)

  KnnGraph graph;
  graph.k = k;
  graph.indices.resize(size_t(n) * k);
  graph.sqDistances.resize(size_t(n) * k);
  std::vector<std::vector<Candidate>> heaps(kQueryBlock);

  for (int64_t q0 = 0; q0 < n; q0 += kQueryBlock) {
    if (stop && stop->stopRequested()) return KnnGraph{};
    const int64_t qn = std::min(kQueryBlock, n - q0);
    for (int64_t a = 0; a < qn; ++a) heaps[a].clear();
    for (int64_t r0 = 0; r0 < n; r0 += kRefBlock) {
      const int64_t rn = std::min(kRefBlock, n - r0);
      RowMatrixF dots = x.middleRows(q0, qn) * x.middleRows(r0, rn).transpose();  // (qn, rn)
#pragma omp parallel for schedule(static)
      for (int64_t a = 0; a < qn; ++a) {
        const int64_t i = q0 + a;
        std::vector<Candidate>& heap = heaps[a];
        const float* row = dots.data() + a * rn;
        for (int64_t b = 0; b < rn; ++b) {
          const int64_t j = r0 + b;
          if (j == i) continue;
          const Candidate c{norms[i] + norms[j] - 2.0f * row[b], j};
          if (int(heap.size()) < k) {
            heap.push_back(c);
            std::push_heap(heap.begin(), heap.end());
          } else if (c < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = c;
            std::push_heap(heap.begin(), heap.end());
          }
        }
      }
    }
#pragma omp parallel for schedule(static)
    for (int64_t a = 0; a < qn; ++a) {
      const int64_t i = q0 + a;
      std::vector<std::pair<double, int64_t>> exact;
      exact.reserve(k);
      for (const Candidate& c : heaps[a]) {
        const float* xi = data + i * d;
        const float* xj = data + c.index * d;
        double s = 0;
        for (int t = 0; t < d; ++t) {
          const double diff = double(xi[t]) - double(xj[t]);
          s += diff * diff;
        }
        exact.emplace_back(s, c.index);
      }
      std::sort(exact.begin(), exact.end());
      for (int t = 0; t < k; ++t) {
        graph.sqDistances[size_t(i) * k + t] = exact[t].first;
        graph.indices[size_t(i) * k + t] = exact[t].second;
      }
    }
  }
  graph.n = n;
  return graph;
}

}  // namespace embedlab
