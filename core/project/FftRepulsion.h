#pragma once
// Repulsive forces of 2-D t-SNE by polynomial interpolation on an equispaced grid and FFT
// convolution (Linderman et al. 2019, "Fast interpolation-based t-SNE", as in FIt-SNE and
// openTSNE). A square around the embedding is cut into B x B boxes of width h with p
// equispaced interpolation nodes per box and axis, so the nodes form one regular (Bp x Bp) grid.
// Each point spreads its charges onto the p x p nodes of its box with Lagrange weights, the
// node potentials are the charges convolved with the kernels (an FFT of the zero-padded grid),
// and the potentials are interpolated back with the same weights.
//
// Charges and kernels: with w = 1 / (1 + d^2) and sums over all j (including j = i),
//   phi0_i = sum_j w_ij^2,  (phi1_i, phi2_i) = sum_j w_ij^2 y_j,  s_i = sum_j w_ij
//   repulsion_i = y_i phi0_i - (phi1_i, phi2_i) = sum_j w_ij^2 (y_i - y_j),  Z = sum_i (s_i - 1).
// Z comes from its own kernel 1 / (1 + d^2) rather than from expanding |y_i - y_j|^2 (FIt-SNE's
// four-charge trick), which cancels badly once the map is large. The two real, even kernels
// share one complex FFT, and the charges form two complex grids (1, and x + i y).
//
// Box width: h = min(extent / minBoxes, 1 / boxesPerUnit), rounded down to a power of 2^(1/8)
// in the first case, so that the kernel spectrum (which depends only on B and h) can be reused
// across iterations most of the time. Per iteration: two zero-padded forward and two inverse
// 2-D FFTs (run in parallel, one transform per thread), plus the kernel's when B or h changed.
// Cost O(n p^2 + (Bp)^2 log(Bp)).
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace embedlab {

class BatchedFft;

struct FftRepulsionOptions {
  int interpolationNodes = 3;    // p: nodes per box and axis
  int minBoxes = 50;             // B is at least this per axis...
  double boxesPerUnit = 1.0;     // ...and at least this many per unit of embedding extent
  int maxBoxes = 400;            // cap on B (memory grows as B^2)
};

class FftRepulsion {
 public:
  explicit FftRepulsion(FftRepulsionOptions options = {});
  ~FftRepulsion();
  FftRepulsion(const FftRepulsion&) = delete;
  FftRepulsion& operator=(const FftRepulsion&) = delete;

  // y: (n, 2) row-major. repulsion: (n, 2) output, sum_j w_ij^2 (y_i - y_j). Returns Z.
  double compute(const double* y, int64_t n, double* repulsion);

  int kernelTransforms() const { return kernelTransforms_; }  // cache misses so far

  // One grid of split complex values plus the scratch its transforms need.
  struct Grid {
    std::vector<double> re, im, tmpRe, tmpIm, workRe, workIm;
  };

 private:
  const BatchedFft& fftFor(int length);

  FftRepulsionOptions options_;
  std::map<int, std::unique_ptr<BatchedFft>> ffts_;
  Grid kernel_, a_, b_;
  int kernelBoxes_ = -1;
  double kernelH_ = -1;
  int kernelTransforms_ = 0;
  std::vector<int32_t> boxX_, boxY_;
  std::vector<double> weightX_, weightY_;  // (n, p) Lagrange weights per axis
  std::vector<double> zTerms_;
};

}  // namespace embedlab
