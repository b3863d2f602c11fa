#pragma once
// Exact k nearest neighbours (squared Euclidean) of every row of a row-major float matrix,
// by blocked matrix products: |a - b|^2 = |a|^2 + |b|^2 - 2 a.b with the a.b of a block of
// queries against a block of references from one GEMM (Eigen, multi-threaded), and a bounded
// max-heap per query. The k distances kept are recomputed directly in double, so that the
// cancellation in the expansion does not reach the t-SNE affinities.
#include <cstdint>
#include <vector>

namespace embedlab {

class StopToken;

struct KnnGraph {
  int64_t n = 0;
  int k = 0;
  std::vector<int64_t> indices;     // (n, k) neighbours of each row, nearest first, self excluded
  std::vector<double> sqDistances;  // (n, k) squared Euclidean distances, ascending
};

class NearestNeighbours {
 public:
  // Throws UsageError if k < 1 or k > n - 1. Returns an incomplete graph (n = 0) if stopped.
  static KnnGraph exact(const float* data, int64_t n, int d, int k, const StopToken* stop = nullptr);
};

}  // namespace embedlab
