#include "core/project/TsneGradient.h"

#include <cmath>
#include <vector>

#include "core/project/FftRepulsion.h"
#include "core/project/QuadTree.h"
#include "core/project/TsneAffinities.h"

namespace embedlab {

namespace {
double sumInOrder(const std::vector<double>& terms) {
  double s = 0;
  for (double t : terms) s += t;
  return s;
}

// grad = 4 (a * attraction - repulsion / z)
void combine(int64_t n, double exaggeration, const double* attraction, const double* repulsion,
             double z, double* grad) {
  const double invZ = 1.0 / z;
#pragma omp parallel for schedule(static)
  for (int64_t t = 0; t < 2 * n; ++t)
    grad[t] = 4.0 * (exaggeration * attraction[t] - repulsion[t] * invZ);
}
}  // namespace

void TsneGradient::attraction(const SparseAffinities& P, const double* y, double* out) {
  const int64_t n = P.n;
#pragma omp parallel for schedule(dynamic, 512)
  for (int64_t i = 0; i < n; ++i) {
    double fx = 0, fy = 0;
    const double xi = y[2 * i], yi = y[2 * i + 1];
    for (int64_t e = P.rowPtr[i]; e < P.rowPtr[i + 1]; ++e) {
      const int64_t j = P.col[e];
      const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
      const double pw = P.val[e] / (1.0 + dx * dx + dy * dy);
      fx += pw * dx;
      fy += pw * dy;
    }
    out[2 * i] = fx;
    out[2 * i + 1] = fy;
  }
}

double TsneGradient::exactZ(const double* y, int64_t n) {
  std::vector<double> terms(n);
#pragma omp parallel for schedule(dynamic, 64)
  for (int64_t i = 0; i < n; ++i) {
    double z = 0;
    const double xi = y[2 * i], yi = y[2 * i + 1];
    for (int64_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
      z += 1.0 / (1.0 + dx * dx + dy * dy);
    }
    terms[i] = z;
  }
  return sumInOrder(terms);
}

double TsneGradient::exact(const SparseAffinities& P, const double* y, double exaggeration,
                           double* grad) {
  const int64_t n = P.n;
  std::vector<double> attr(2 * n), rep(2 * n), terms(n);
  attraction(P, y, attr.data());
#pragma omp parallel for schedule(dynamic, 64)
  for (int64_t i = 0; i < n; ++i) {
    double z = 0, fx = 0, fy = 0;
    const double xi = y[2 * i], yi = y[2 * i + 1];
    for (int64_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
      const double w = 1.0 / (1.0 + dx * dx + dy * dy);
      z += w;
      fx += w * w * dx;
      fy += w * w * dy;
    }
    terms[i] = z;
    rep[2 * i] = fx;
    rep[2 * i + 1] = fy;
  }
  const double z = sumInOrder(terms);
  combine(n, exaggeration, attr.data(), rep.data(), z, grad);
  return z;
}

double TsneGradient::barnesHut(const SparseAffinities& P, const double* y, double exaggeration,
                               double theta, QuadTree& tree, double* grad) {
  const int64_t n = P.n;
  std::vector<double> attr(2 * n), rep(2 * n), terms(n);
  attraction(P, y, attr.data());
  tree.build(y, n);
#pragma omp parallel for schedule(dynamic, 256)
  for (int64_t i = 0; i < n; ++i) terms[i] = tree.repulsion(i, theta, rep.data() + 2 * i);
  const double z = sumInOrder(terms);
  combine(n, exaggeration, attr.data(), rep.data(), z, grad);
  return z;
}

double TsneGradient::fft(const SparseAffinities& P, const double* y, double exaggeration,
                         FftRepulsion& repulsion, double* grad) {
  const int64_t n = P.n;
  std::vector<double> attr(2 * n), rep(2 * n);
  attraction(P, y, attr.data());
  const double z = repulsion.compute(y, n, rep.data());
  combine(n, exaggeration, attr.data(), rep.data(), z, grad);
  return z;
}

double TsneGradient::klDivergence(const SparseAffinities& P, const double* y, double z) {
  const int64_t n = P.n;
  std::vector<double> terms(n);
#pragma omp parallel for schedule(dynamic, 512)
  for (int64_t i = 0; i < n; ++i) {
    double kl = 0;
    const double xi = y[2 * i], yi = y[2 * i + 1];
    for (int64_t e = P.rowPtr[i]; e < P.rowPtr[i + 1]; ++e) {
      const int64_t j = P.col[e];
      const double p = P.val[e];
      if (!(p > 0)) continue;
      const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
      // log(p / q) with q = w / Z = 1 / ((1 + d^2) Z)
      kl += p * std::log(p * z * (1.0 + dx * dx + dy * dy));
    }
    terms[i] = kl;
  }
  return sumInOrder(terms);
}

}  // namespace embedlab
