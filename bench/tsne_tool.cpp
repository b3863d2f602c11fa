// Helper of bench/tsne_peers.sh: prepares the data, runs our t-SNE, and scores every tool's map
// the same way.
//   bench_tsne_tool prepare VECTORS.vec N DIR   first N rows of a word2vec text file ->
//                                               DIR/data.tsv (N x d floats), DIR/init.tsv (the
//                                               PCA initialisation, std 1e-4, shared by all tools)
//   bench_tsne_tool run DIR OUT.tsv THREADS [METHOD]   our t-SNE (perplexity 30, 1000
//                                               iterations, the shared init); prints JSON
//   bench_tsne_tool score DIR COORDS.tsv        exact KL(P || Q) with our P (perplexity 30) and
//                                               exact Z, and trustworthiness (k = 10); prints JSON
// GCC 12 false positive inside avx512fintrin.h for Eigen's kernels (see core/project/Pca.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/project/Tsne.h"
#include "core/project/TsneAffinities.h"
#include "core/project/TsneGradient.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

struct Matrix {
  int64_t n = 0;
  int d = 0;
  std::vector<float> v;
};

Matrix readTsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open");
  Matrix m;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const char* p = line.c_str();
    int cols = 0;
    while (*p) {
      char* end;
      const float x = std::strtof(p, &end);
      if (end == p) throw Error(path + ": not a number at line " + std::to_string(m.n + 1));
      m.v.push_back(x);
      ++cols;
      p = end;
      while (*p == '\t' || *p == ' ' || *p == '\r') ++p;
    }
    if (m.d == 0) m.d = cols;
    if (cols != m.d) throw Error(path + ": line " + std::to_string(m.n + 1) + " has " + std::to_string(cols) + " columns");
    ++m.n;
  }
  return m;
}

void writeTsv(const std::string& path, const float* v, int64_t n, int d) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw Error(path + ": cannot write");
  for (int64_t i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) std::fprintf(f, "%.9g%c", v[i * d + j], j + 1 == d ? '\n' : '\t');
  std::fclose(f);
}

int prepare(const std::string& vec, int64_t want, const std::string& dir) {
  std::ifstream in(vec);
  if (!in) throw Error(vec + ": cannot open");
  std::string line;
  std::getline(in, line);  // "rows dim"
  Matrix m;
  std::ofstream words(dir + "/words.txt");
  while (m.n < want && std::getline(in, line)) {
    std::istringstream s(line);
    std::string word;
    s >> word;
    std::vector<float> row;
    float x;
    while (s >> x) row.push_back(x);
    if (m.d == 0) m.d = int(row.size());
    if (int(row.size()) != m.d) continue;
    m.v.insert(m.v.end(), row.begin(), row.end());
    words << word << '\n';
    ++m.n;
  }
  if (m.n < want) throw Error(vec + ": only " + std::to_string(m.n) + " rows");
  writeTsv(dir + "/data.tsv", m.v.data(), m.n, m.d);
  std::vector<double> init = Tsne().initialMap(m.v.data(), m.n, m.d);
  std::vector<float> initF(init.begin(), init.end());
  writeTsv(dir + "/init.tsv", initF.data(), m.n, 2);
  std::printf("{\"n\": %lld, \"d\": %d}\n", (long long)m.n, m.d);
  return 0;
}

int run(const std::string& dir, const std::string& out, int threads, const std::string& method) {
  Matrix x = readTsv(dir + "/data.tsv");
  Matrix init = readTsv(dir + "/init.tsv");
  TsneOptions o;
  o.threads = threads;
  o.method = method == "bh" ? TsneOptions::Method::BarnesHut
             : method == "fft" ? TsneOptions::Method::Fft
             : method == "exact" ? TsneOptions::Method::Exact
                                 : TsneOptions::Method::Auto;
  if (const char* v = std::getenv("TSNE_FFT_BOXES_PER_UNIT")) o.fftBoxesPerUnit = std::atof(v);
  if (const char* v = std::getenv("TSNE_FFT_NODES")) o.fftNodes = std::atoi(v);
  Tsne tsne(o);
  const auto start = std::chrono::steady_clock::now();
  SparseAffinities P = TsneAffinities::compute(x.v.data(), x.n, x.d, o.perplexity);
  const double affinity = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  TsneResult r = tsne.optimize(P, std::vector<double>(init.v.begin(), init.v.end()));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  writeTsv(out, r.coordinates.data(), r.n, 2);
  std::printf("{\"seconds\": %.3f, \"affinity_seconds\": %.3f, \"method\": \"%s\", \"kl_reported\": %.5f}\n",
              seconds, affinity, Tsne::methodName(r.method).c_str(), r.klDivergence);
  return 0;
}

// Trustworthiness (Venna & Kaski 2001), as sklearn.manifold.trustworthiness with Euclidean
// input distances: 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in N_k^map(i) \ N_k^input(i)} (r(i, j) - k),
// r(i, j) the rank of j among i's input-space neighbours (1 = nearest).
double trustworthiness(const Matrix& x, const Matrix& y, int k) {
  const int64_t n = x.n;
  using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const RowMatrixF> xm(x.v.data(), n, x.d);
  Eigen::VectorXf norms = xm.rowwise().squaredNorm();
  double penalty = 0;
  const int64_t block = 256;
  for (int64_t b0 = 0; b0 < n; b0 += block) {
    const int64_t bn = std::min(block, n - b0);
    RowMatrixF dots = xm.middleRows(b0, bn) * xm.transpose();
    std::vector<double> partial(bn, 0.0);
#pragma omp parallel for schedule(dynamic, 8)
    for (int64_t a = 0; a < bn; ++a) {
      const int64_t i = b0 + a;
      // Map neighbours of i (k nearest, excluding i).
      std::vector<std::pair<double, int64_t>> mapDist;
      mapDist.reserve(n);
      for (int64_t j = 0; j < n; ++j) {
        if (j == i) continue;
        const double dx = y.v[2 * i] - y.v[2 * j], dy = y.v[2 * i + 1] - y.v[2 * j + 1];
        mapDist.push_back({dx * dx + dy * dy, j});
      }
      std::partial_sort(mapDist.begin(), mapDist.begin() + k, mapDist.end());
      // Input-space rank of each map neighbour: 1 + the number of points strictly closer
      // (ties broken by index, as a stable argsort would).
      std::vector<float> din(n);
      for (int64_t j = 0; j < n; ++j) din[j] = norms[i] + norms[j] - 2.0f * dots(a, j);
      din[i] = -1e30f;  // self first
      for (int t = 0; t < k; ++t) {
        const int64_t j = mapDist[t].second;
        int64_t rank = 0;
        for (int64_t l = 0; l < n; ++l)
          if (l != i && (din[l] < din[j] || (din[l] == din[j] && l < j))) ++rank;
        rank += 1;
        if (rank > k) partial[a] += double(rank - k);
      }
    }
    for (double p : partial) penalty += p;
  }
  return 1.0 - penalty * 2.0 / (double(n) * k * (2.0 * n - 3.0 * k - 1.0));
}

int score(const std::string& dir, const std::string& coordsPath) {
  Matrix x = readTsv(dir + "/data.tsv");
  Matrix y = readTsv(coordsPath);
  if (y.n != x.n || y.d != 2) throw Error(coordsPath + ": expected " + std::to_string(x.n) + " x 2");
  SparseAffinities P = TsneAffinities::compute(x.v.data(), x.n, x.d, 30.0);
  std::vector<double> yd(y.v.begin(), y.v.end());
  const double kl = TsneGradient::klDivergence(P, yd.data(), TsneGradient::exactZ(yd.data(), x.n));
  const double t = trustworthiness(x, y, 10);
  std::printf("{\"kl\": %.5f, \"trustworthiness\": %.5f}\n", kl, t);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "prepare" && argc == 5) return prepare(argv[2], std::atoll(argv[3]), argv[4]);
    if (cmd == "run" && (argc == 5 || argc == 6)) return run(argv[2], argv[3], std::atoi(argv[4]), argc == 6 ? argv[5] : "auto");
    if (cmd == "score" && argc == 4) return score(argv[2], argv[3]);
    std::fprintf(stderr, "usage: %s prepare VEC N DIR | run DIR OUT.tsv THREADS [auto|bh|fft|exact] | score DIR COORDS.tsv\n", argv[0]);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
