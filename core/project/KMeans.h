#pragma once
// k-means clustering of a row-major float matrix (n x d): k-means++ seeding (Arthur & Vassilvitskii
// 2007) then Lloyd iterations until no point changes its cluster (or the centres move less than
// the tolerance). The Explore page colours a map by these clusters, computed on the original
// vectors, not on the 2-D map.
//
// Word vectors are compared by cosine, so by default every row is L2-normalised first (spherical
// k-means in spirit; the centres stay plain means, which is what Lloyd minimises).
//
// Deterministic: a fixed seed gives the same clusters at any thread count. The assignment step is
// parallel over points (each point's choice depends only on the centres); the centre update sums
// points in index order in double.
#include <cstdint>
#include <vector>

namespace embedlab {

class StopToken;

struct KMeansOptions {
  int k = 8;
  int maxIterations = 100;
  double tolerance = 1e-6;   // stop when every centre moves less than this (squared, relative to the data scale)
  bool normalize = true;     // L2-normalise rows first (cosine geometry)
  int restarts = 1;          // independent seedings; the one with the lowest inertia wins
  uint64_t seed = 1;
  int threads = 0;           // 0 = OpenMP default
};

struct KMeansResult {
  int64_t n = 0;
  int d = 0;
  int k = 0;
  std::vector<int> labels;        // (n) cluster of each row, 0..k-1
  std::vector<float> centroids;   // (k, d) row-major (in the normalised space when normalize)
  std::vector<int64_t> sizes;     // (k) rows per cluster
  double inertia = 0;             // sum of squared distances of rows to their centre
  int iterations = 0;             // Lloyd iterations of the winning restart
  bool converged = false;
  bool cancelled = false;         // labels are then empty
};

class KMeans {
 public:
  explicit KMeans(KMeansOptions options = {});

  // Throws UsageError for bad options or data (k < 1, k > n, non-finite values, d < 1).
  // If stop is requested returns soon with cancelled = true.
  KMeansResult fit(const float* data, int64_t n, int d, const StopToken* stop = nullptr) const;

  const KMeansOptions& options() const { return options_; }

 private:
  KMeansOptions options_;
};

}  // namespace embedlab
