// Times the pieces of t-SNE on generated clustered data (no peers):
//   bench_tsne_speed N D METHOD ITERATIONS [THREADS]   METHOD = exact | bh | fft
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/project/Tsne.h"
#include "core/project/TsneAffinities.h"

using namespace embedlab;

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s N D exact|bh|fft ITERATIONS [THREADS]\n", argv[0]);
    return 2;
  }
  const int n = std::atoi(argv[1]), d = std::atoi(argv[2]);
  const std::string method = argv[3];
  TsneOptions o;
  o.iterations = std::atoi(argv[4]);
  o.threads = argc > 5 ? std::atoi(argv[5]) : 0;
  o.method = method == "exact" ? TsneOptions::Method::Exact
             : method == "bh"  ? TsneOptions::Method::BarnesHut
                               : TsneOptions::Method::Fft;
  std::mt19937_64 rng(1);
  std::normal_distribution<double> normal(0.0, 1.0);
  const int clusters = 20;
  std::vector<std::vector<double>> centres(clusters, std::vector<double>(d));
  for (auto& c : centres)
    for (double& v : c) v = normal(rng) * 2.0;
  std::vector<float> x(size_t(n) * d);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) x[size_t(i) * d + j] = float(centres[i % clusters][j] + normal(rng));
  TsneResult r = Tsne(o).run(x.data(), n, d, [](const TsneSnapshot& s) {
    std::fprintf(stderr, "  iteration %d  KL %.4f\n", s.iteration, s.klDivergence);
  });
  std::printf("n=%d d=%d method=%s iterations=%d affinities=%.3fs total=%.3fs per-iteration=%.2fms KL=%.4f\n",
              n, d, Tsne::methodName(r.method).c_str(), r.iterations, r.affinitySeconds, r.seconds,
              1000.0 * (r.seconds - r.affinitySeconds) / r.iterations, r.klDivergence);
  return 0;
}
