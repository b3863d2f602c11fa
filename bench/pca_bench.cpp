// PCA of an n x d float matrix (default 100000 x 300) to k components, exact vs randomized vs
// auto; data are word-vector-like: a decaying spectrum (a few strong directions, a long tail)
// plus noise, built from a fixed seed.
//   bench_pca [N] [D] [K] [THREADS] [REPEATS]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/project/Pca.h"

using namespace embedlab;

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 100000;
  const int d = argc > 2 ? std::atoi(argv[2]) : 300;
  const int k = argc > 3 ? std::atoi(argv[3]) : 2;
  const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
  const int repeats = argc > 5 ? std::atoi(argv[5]) : 5;
  // x = z * diag(s) * R + noise with s_j = 1 / (1 + j)^0.6 over all d directions.
  std::mt19937_64 rng(1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> rot(size_t(d) * d);
  for (float& v : rot) v = normal(rng) / std::sqrt(float(d));
  std::vector<float> x(size_t(n) * d, 0.0f), z(d);
  for (int64_t i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) z[j] = normal(rng) / std::pow(1.0f + j, 0.6f);
    float* row = x.data() + i * d;
    for (int j = 0; j < d; ++j) {
      const float zj = z[j];
      const float* r = rot.data() + size_t(j) * d;
      for (int c = 0; c < d; ++c) row[c] += zj * r[c];
    }
    for (int c = 0; c < d; ++c) row[c] += 0.05f * normal(rng);
  }
  std::printf("PCA %lld x %d -> %d components, %d threads, best of %d\n", (long long)n, d, k, threads, repeats);
  PcaResult exact;
  for (auto method : {PcaOptions::Method::Exact, PcaOptions::Method::Randomized, PcaOptions::Method::Auto}) {
    PcaOptions o;
    o.components = k;
    o.method = method;
    o.threads = threads;
    Pca pca(o);
    double best = 1e300;
    PcaResult r;
    for (int t = 0; t < repeats; ++t) {
      const auto start = std::chrono::steady_clock::now();
      r = pca.fit(x.data(), n, d);
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    if (method == PcaOptions::Method::Exact) exact = r;
    double maxRel = 0;
    for (int c = 0; c < k; ++c)
      maxRel = std::max(maxRel, std::abs(r.explainedVariance[c] - exact.explainedVariance[c]) / exact.explainedVariance[c]);
    const char* name = method == PcaOptions::Method::Exact ? "exact" : method == PcaOptions::Method::Randomized ? "randomized" : "auto";
    std::printf("  %-10s (used %s): %.3f s   ratio[0..%d] =", name,
                r.method == PcaOptions::Method::Exact ? "exact" : "randomized", best, k - 1);
    for (int c = 0; c < k; ++c) std::printf(" %.4f", r.explainedVarianceRatio[c]);
    std::printf("   max rel. variance diff vs exact %.2e\n", maxRel);
  }
  return 0;
}
