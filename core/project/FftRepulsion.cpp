#include "core/project/FftRepulsion.h"

#include <algorithm>
#include <cmath>

#include "core/project/BatchedFft.h"

namespace embedlab {

namespace {

// dst (cols, rows) = transpose of src (rows, cols), in cache-sized tiles.
void transpose(const double* src, long rows, long cols, double* dst) {
  constexpr long kTile = 32;
  for (long c0 = 0; c0 < cols; c0 += kTile)
    for (long r0 = 0; r0 < rows; r0 += kTile)
      for (long c = c0; c < std::min(cols, c0 + kTile); ++c)
        for (long r = r0; r < std::min(rows, r0 + kTile); ++r) dst[c * rows + r] = src[r * cols + c];
}

// In: g.re/im (rows, rows) grid with rows = m (zero-padded to L) or rows = L (dense).
// Out: g.re/im (L, L) spectrum in transposed layout [kx][ky].
void forward2d(const BatchedFft& fft, int rows, int L, FftRepulsion::Grid& g) {
  const long cols = rows;
  g.workRe.resize(size_t(L) * L);
  g.workIm.resize(size_t(L) * L);
  // Pass 1: along y (the slow axis) on the (L, cols) grid; rows beyond `rows` are zero.
  g.tmpRe.assign(size_t(L) * cols, 0.0);
  g.tmpIm.assign(size_t(L) * cols, 0.0);
  std::copy(g.re.begin(), g.re.begin() + long(rows) * cols, g.tmpRe.begin());
  std::copy(g.im.begin(), g.im.begin() + long(rows) * cols, g.tmpIm.begin());
  fft.forward(g.tmpRe.data(), g.tmpIm.data(), cols, g.workRe.data(), g.workIm.data());
  // Pass 2: transpose to (cols, L), zero-pad to (L, L), along x.
  g.re.assign(size_t(L) * L, 0.0);
  g.im.assign(size_t(L) * L, 0.0);
  transpose(g.tmpRe.data(), L, cols, g.re.data());
  transpose(g.tmpIm.data(), L, cols, g.im.data());
  fft.forward(g.re.data(), g.im.data(), L, g.workRe.data(), g.workIm.data());
}

// In: (L, L) spectrum [kx][ky]. Out: g.re/im (m, m) [y][x], divided by L^2.
void inverse2d(const BatchedFft& fft, int m, int L, FftRepulsion::Grid& g) {
  fft.inverse(g.re.data(), g.im.data(), L, g.workRe.data(), g.workIm.data());  // -> [x][ky]
  // Only x < m is needed: transpose those rows to (L, m) [ky][x].
  g.tmpRe.resize(size_t(L) * m);
  g.tmpIm.resize(size_t(L) * m);
  transpose(g.re.data(), m, L, g.tmpRe.data());
  transpose(g.im.data(), m, L, g.tmpIm.data());
  fft.inverse(g.tmpRe.data(), g.tmpIm.data(), m, g.workRe.data(), g.workIm.data());  // [y][x]
  const double scale = 1.0 / (double(L) * double(L));
  g.re.resize(size_t(m) * m);
  g.im.resize(size_t(m) * m);
  for (long t = 0; t < long(m) * m; ++t) {
    g.re[t] = g.tmpRe[t] * scale;
    g.im[t] = g.tmpIm[t] * scale;
  }
}

}  // namespace

FftRepulsion::FftRepulsion(FftRepulsionOptions options) : options_(options) {}
FftRepulsion::~FftRepulsion() = default;

const BatchedFft& FftRepulsion::fftFor(int length) {
  auto it = ffts_.find(length);
  if (it == ffts_.end()) it = ffts_.emplace(length, std::make_unique<BatchedFft>(length)).first;
  return *it->second;
}

double FftRepulsion::compute(const double* y, int64_t n, double* repulsion) {
  const int p = options_.interpolationNodes;
  double lo = y[0], hi = y[0];
  for (int64_t t = 1; t < 2 * n; ++t) {
    lo = std::min(lo, y[t]);
    hi = std::max(hi, y[t]);
  }
  const double extent = std::max(hi - lo, 1e-12);
  const double centre = 0.5 * (lo + hi);
  // Box width and count (see the header): the grid covers [centre -+ B h / 2] in both axes.
  double h = 1.0 / options_.boxesPerUnit;
  if (extent / options_.minBoxes < h) h = std::exp2(std::floor(8 * std::log2(extent / options_.minBoxes)) / 8);
  int boxes = int(std::floor(extent / h)) + 1;  // strictly more than extent / h: no point on the edge
  if (boxes > options_.maxBoxes) {
    boxes = options_.maxBoxes;
    h = extent / (boxes - 0.5);
  }
  const double origin = centre - 0.5 * boxes * h;
  const int m = boxes * p;                        // grid nodes per axis
  const int L = BatchedFft::niceSize(2 * m - 1);  // circulant embedding without wrap-around
  const double g = h / p;                         // node spacing
  const BatchedFft& fft = fftFor(L);

  // Lagrange weights of each point on the p nodes of its box, per axis.
  boxX_.resize(n);
  boxY_.resize(n);
  weightX_.resize(size_t(n) * p);
  weightY_.resize(size_t(n) * p);
  std::vector<double> nodes(p);
  for (int j = 0; j < p; ++j) nodes[j] = (j + 0.5) / p;
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    for (int axis = 0; axis < 2; ++axis) {
      const double rel = (y[2 * i + axis] - origin) / h;
      const int box = std::min(boxes - 1, std::max(0, int(rel)));
      const double t = rel - box;
      double* w = (axis == 0 ? weightX_.data() : weightY_.data()) + size_t(i) * p;
      for (int j = 0; j < p; ++j) {
        double v = 1;
        for (int k = 0; k < p; ++k)
          if (k != j) v *= (t - nodes[k]) / (nodes[j] - nodes[k]);
        w[j] = v;
      }
      (axis == 0 ? boxX_ : boxY_)[i] = box;
    }
  }

  // Charges on the (m, m) grid [y][x]: a = 1 (real), b = x' + i y' (relative to the centre,
  // which keeps the numbers small). Sequential: a fixed summation order at any thread count.
  a_.re.assign(size_t(m) * m, 0.0);
  a_.im.assign(size_t(m) * m, 0.0);
  b_.re.assign(size_t(m) * m, 0.0);
  b_.im.assign(size_t(m) * m, 0.0);
  for (int64_t i = 0; i < n; ++i) {
    const double xs = y[2 * i] - centre, ys = y[2 * i + 1] - centre;
    const double* wx = weightX_.data() + size_t(i) * p;
    const double* wy = weightY_.data() + size_t(i) * p;
    for (int jy = 0; jy < p; ++jy) {
      const long row = long(boxY_[i] * p + jy) * m + boxX_[i] * p;
      for (int jx = 0; jx < p; ++jx) {
        const double w = wx[jx] * wy[jy];
        a_.re[row + jx] += w;
        b_.re[row + jx] += w * xs;
        b_.im[row + jx] += w * ys;
      }
    }
  }

  const bool newKernel = boxes != kernelBoxes_ || h != kernelH_;
  if (newKernel) {
    kernelBoxes_ = boxes;
    kernelH_ = h;
    ++kernelTransforms_;
    // Kernels on the (L, L) circulant grid: offsets 0..m-1 first, -(m-1)..-1 last, zero between.
    kernel_.re.assign(size_t(L) * L, 0.0);
    kernel_.im.assign(size_t(L) * L, 0.0);
    for (int a = 0; a < L; ++a) {
      if (a >= m && a <= L - m) continue;
      const int dy = a < m ? a : a - L;
      for (int b = 0; b < L; ++b) {
        if (b >= m && b <= L - m) continue;
        const int dx = b < m ? b : b - L;
        const double w = 1.0 / (1.0 + g * g * (double(dx) * dx + double(dy) * dy));
        kernel_.re[size_t(a) * L + b] = w * w;  // K2, the repulsion kernel
        kernel_.im[size_t(a) * L + b] = w;      // K1, for Z
      }
    }
  }
  // One transform per thread; the work of the three is independent.
  Grid* grids[3] = {&a_, &b_, &kernel_};
  const int jobs = newKernel ? 3 : 2;
#pragma omp parallel for schedule(dynamic, 1)
  for (int job = 0; job < jobs; ++job) forward2d(fft, job == 2 ? L : m, L, *grids[job]);

  // Both kernels are real and even on the circulant grid, so their spectra F2, F1 are real and
  // the one transform of K2 + i K1 is F2 + i F1. Charge a (real) times F2 + i F1 gives
  // conv(K2, 1) + i conv(K1, 1); charge b times F2 gives conv(K2, x') + i conv(K2, y').
  const double* f2 = kernel_.re.data();
  const double* f1 = kernel_.im.data();
#pragma omp parallel for schedule(dynamic, 1)
  for (int job = 0; job < 2; ++job) {
    Grid& grid = *grids[job];
    double* re = grid.re.data();
    double* im = grid.im.data();
    if (job == 0) {
      for (long t = 0; t < long(L) * L; ++t) {
        const double r = re[t], s = im[t];
        re[t] = r * f2[t] - s * f1[t];
        im[t] = r * f1[t] + s * f2[t];
      }
    } else {
      for (long t = 0; t < long(L) * L; ++t) {
        re[t] *= f2[t];
        im[t] *= f2[t];
      }
    }
    inverse2d(fft, m, L, grid);
  }

  // Interpolate the potentials back to the points; per-point Z terms summed in order.
  zTerms_.resize(n);
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const double* wx = weightX_.data() + size_t(i) * p;
    const double* wy = weightY_.data() + size_t(i) * p;
    double phi0 = 0, phi1 = 0, phi2 = 0, sumW = 0;
    for (int jy = 0; jy < p; ++jy) {
      const long row = long(boxY_[i] * p + jy) * m + boxX_[i] * p;
      for (int jx = 0; jx < p; ++jx) {
        const double w = wx[jx] * wy[jy];
        phi0 += w * a_.re[row + jx];
        sumW += w * a_.im[row + jx];
        phi1 += w * b_.re[row + jx];
        phi2 += w * b_.im[row + jx];
      }
    }
    const double xs = y[2 * i] - centre, ys = y[2 * i + 1] - centre;
    repulsion[2 * i] = xs * phi0 - phi1;
    repulsion[2 * i + 1] = ys * phi0 - phi2;
    zTerms_[i] = sumW - 1.0;  // without the self term w_ii = 1
  }
  double z = 0;
  for (int64_t i = 0; i < n; ++i) z += zTerms_[i];
  return z;
}

}  // namespace embedlab
