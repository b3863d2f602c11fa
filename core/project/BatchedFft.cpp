#include "core/project/BatchedFft.h"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace embedlab {

namespace {

constexpr double kPi = 3.14159265358979323846;

// One Stockham DIF stage of radix R on rows of `len` contiguous values:
//   y[(R p + u) len + i] = w(p, u) * sum_t x[(p + t m) len + i] * W_R^(t u),  m = n / R,
// where W_R = exp(-+2 pi i / R) and w(p, u) = exp(-+2 pi i p u / n) (sign by direction).
template <int R>
void stage(int n, long len, bool inverse, const double* __restrict xr, const double* __restrict xi,
           double* __restrict yr, double* __restrict yi, const double* twRe, const double* twIm) {
  const int m = n / R;
  const double sign = inverse ? 1.0 : -1.0;
  double cr[R][R], ci[R][R];  // small DFT matrix W_R^(t u)
  for (int t = 0; t < R; ++t)
    for (int u = 0; u < R; ++u) {
      cr[t][u] = std::cos(2 * kPi * double((t * u) % R) / R);
      ci[t][u] = sign * std::sin(2 * kPi * double((t * u) % R) / R);
    }
// Single-threaded on purpose: callers run whole transforms in parallel (coarse grain).
  for (int p = 0; p < m; ++p) {
    const double* ar[R];
    const double* ai[R];
    double* br[R];
    double* bi[R];
    double wr[R], wi[R];
    for (int t = 0; t < R; ++t) {
      ar[t] = xr + long(p + t * m) * len;
      ai[t] = xi + long(p + t * m) * len;
      br[t] = yr + long(R * p + t) * len;
      bi[t] = yi + long(R * p + t) * len;
      wr[t] = twRe[p * R + t];
      wi[t] = inverse ? -twIm[p * R + t] : twIm[p * R + t];  // stored with the forward sign
    }
    if constexpr (R == 2) {
#pragma omp simd
      for (long i = 0; i < len; ++i) {
        const double sr = ar[0][i] + ar[1][i], si = ai[0][i] + ai[1][i];
        const double dr = ar[0][i] - ar[1][i], di = ai[0][i] - ai[1][i];
        br[0][i] = sr;
        bi[0][i] = si;
        br[1][i] = dr * wr[1] - di * wi[1];
        bi[1][i] = dr * wi[1] + di * wr[1];
      }
    } else if constexpr (R == 4) {
      // W_4 = -+i: multiplications by +-i are swaps, no products.
#pragma omp simd
      for (long i = 0; i < len; ++i) {
        const double s02r = ar[0][i] + ar[2][i], s02i = ai[0][i] + ai[2][i];
        const double d02r = ar[0][i] - ar[2][i], d02i = ai[0][i] - ai[2][i];
        const double s13r = ar[1][i] + ar[3][i], s13i = ai[1][i] + ai[3][i];
        const double d13r = ar[1][i] - ar[3][i], d13i = ai[1][i] - ai[3][i];
        // (d13) * (sign i): forward multiplies by -i, inverse by +i.
        const double rotR = -sign * d13i, rotI = sign * d13r;
        const double y0r = s02r + s13r, y0i = s02i + s13i;
        const double y1r = d02r + rotR, y1i = d02i + rotI;
        const double y2r = s02r - s13r, y2i = s02i - s13i;
        const double y3r = d02r - rotR, y3i = d02i - rotI;
        br[0][i] = y0r;
        bi[0][i] = y0i;
        br[1][i] = y1r * wr[1] - y1i * wi[1];
        bi[1][i] = y1r * wi[1] + y1i * wr[1];
        br[2][i] = y2r * wr[2] - y2i * wi[2];
        bi[2][i] = y2r * wi[2] + y2i * wr[2];
        br[3][i] = y3r * wr[3] - y3i * wi[3];
        bi[3][i] = y3r * wi[3] + y3i * wr[3];
      }
    } else {
#pragma omp simd
      for (long i = 0; i < len; ++i) {
        double vr[R], vi[R];
        for (int t = 0; t < R; ++t) {
          vr[t] = ar[t][i];
          vi[t] = ai[t][i];
        }
        for (int u = 0; u < R; ++u) {
          double sr = 0, si = 0;
          for (int t = 0; t < R; ++t) {
            sr += vr[t] * cr[t][u] - vi[t] * ci[t][u];
            si += vr[t] * ci[t][u] + vi[t] * cr[t][u];
          }
          br[u][i] = sr * wr[u] - si * wi[u];
          bi[u][i] = sr * wi[u] + si * wr[u];
        }
      }
    }
  }
}

}  // namespace

int BatchedFft::niceSize(int atLeast) {
  for (int v = std::max(1, atLeast);; ++v) {
    int r = v;
    for (int f : {2, 3, 5})
      while (r % f == 0) r /= f;
    if (r == 1) return v;
  }
}

BatchedFft::BatchedFft(int length) : n_(length) {
  if (length < 1 || niceSize(length) != length)
    throw std::invalid_argument("BatchedFft: length must have prime factors 2, 3, 5 only");
  int n = length, stride = 1;
  while (n > 1) {
    int radix = n % 4 == 0 ? 4 : n % 2 == 0 ? 2 : n % 3 == 0 ? 3 : 5;
    Stage s;
    s.radix = radix;
    s.n = n;
    s.stride = stride;
    const int m = n / radix;
    s.twRe.resize(size_t(m) * radix);
    s.twIm.resize(size_t(m) * radix);
    for (int p = 0; p < m; ++p)
      for (int u = 0; u < radix; ++u) {
        const double angle = -2 * kPi * double(p) * double(u) / double(n);
        s.twRe[size_t(p) * radix + u] = std::cos(angle);
        s.twIm[size_t(p) * radix + u] = std::sin(angle);
      }
    stages_.push_back(std::move(s));
    n = m;
    stride *= radix;
  }
}

void BatchedFft::forward(double* re, double* im, long batch, double* wr, double* wi) const {
  run(re, im, batch, wr, wi, false);
}
void BatchedFft::inverse(double* re, double* im, long batch, double* wr, double* wi) const {
  run(re, im, batch, wr, wi, true);
}

void BatchedFft::run(double* re, double* im, long batch, double* wr, double* wi, bool inv) const {
  double *xr = re, *xi = im, *yr = wr, *yi = wi;
  for (const Stage& s : stages_) {
    const long len = long(s.stride) * batch;
    switch (s.radix) {
      case 4: stage<4>(s.n, len, inv, xr, xi, yr, yi, s.twRe.data(), s.twIm.data()); break;
      case 2: stage<2>(s.n, len, inv, xr, xi, yr, yi, s.twRe.data(), s.twIm.data()); break;
      case 3: stage<3>(s.n, len, inv, xr, xi, yr, yi, s.twRe.data(), s.twIm.data()); break;
      default: stage<5>(s.n, len, inv, xr, xi, yr, yi, s.twRe.data(), s.twIm.data()); break;
    }
    std::swap(xr, yr);
    std::swap(xi, yi);
  }
  if (xr != re) {
    std::memcpy(re, xr, sizeof(double) * size_t(n_) * size_t(batch));
    std::memcpy(im, xi, sizeof(double) * size_t(n_) * size_t(batch));
  }
}

}  // namespace embedlab
