#pragma once
// The gradient of the t-SNE cost KL(P || Q) for a 2-D embedding, in three flavours that differ
// only in how the repulsive half is computed:
//   dC/dy_i = 4 [ a sum_j P_ij w_ij (y_i - y_j)  -  sum_j w_ij^2 (y_i - y_j) / Z ],
//   w_ij = 1 / (1 + |y_i - y_j|^2),  Z = sum_{k != l} w_kl,  a = exaggeration.
// The attractive half runs over the non-zeros of the sparse P in every flavour.
// All loops are per point with a fixed order, and every global sum adds per-point terms in
// index order, so the results are bit-identical at any thread count.
#include <cstdint>

namespace embedlab {

struct SparseAffinities;
class QuadTree;
class FftRepulsion;

class TsneGradient {
 public:
  // y, grad: (n, 2) row-major, n = P.n. Each returns Z (exact or estimated).
  static double exact(const SparseAffinities& P, const double* y, double exaggeration, double* grad);
  static double barnesHut(const SparseAffinities& P, const double* y, double exaggeration,
                          double theta, QuadTree& tree, double* grad);
  static double fft(const SparseAffinities& P, const double* y, double exaggeration,
                    FftRepulsion& repulsion, double* grad);

  // attraction: (n, 2) = sum_j P_ij w_ij (y_i - y_j).
  static void attraction(const SparseAffinities& P, const double* y, double* attraction);
  // Z = sum_{i != j} w_ij, O(n^2).
  static double exactZ(const double* y, int64_t n);
  // KL(P || Q) = sum_{P_ij > 0} P_ij log(P_ij Z / w_ij): exact given Z (P is zero elsewhere).
  static double klDivergence(const SparseAffinities& P, const double* y, double z);
};

}  // namespace embedlab
