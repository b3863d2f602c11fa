#pragma once
// The input similarities of t-SNE (van der Maaten 2014, "Accelerating t-SNE using tree-based
// algorithms"): for each point a Gaussian over its 3*perplexity nearest neighbours whose
// bandwidth is calibrated so that the entropy of p(.|i) equals log(perplexity), then the
// symmetrised, normalised sparse matrix P_ij = (p(j|i) + p(i|j)) / (2n), stored as CSR.
#include <cstdint>
#include <vector>

namespace embedlab {

class StopToken;
struct KnnGraph;

struct ConditionalAffinities {
  int64_t n = 0;
  int k = 0;
  std::vector<int64_t> indices;  // (n, k) neighbour of each row
  std::vector<double> p;         // (n, k) p(j|i); each row sums to 1
  std::vector<double> beta;      // (n) precision 1 / (2 sigma_i^2) per row, for squared distances
  std::vector<double> entropy;   // (n) entropy reached, in nats (target log(perplexity))
};

// Symmetric CSR matrix, rows sorted by column, entries sum to 1.
struct SparseAffinities {
  int64_t n = 0;
  std::vector<int64_t> rowPtr;  // (n + 1)
  std::vector<int64_t> col;     // (nnz)
  std::vector<double> val;      // (nnz)
  int64_t nnz() const { return int64_t(col.size()); }
};

class TsneAffinities {
 public:
  // The number of neighbours used for a perplexity: min(n - 1, floor(3 * perplexity)).
  static int neighbourCount(int64_t n, double perplexity);

  // Binary search on beta per row until |H - log(perplexity)| <= tolerance (nats) or 200 steps.
  static ConditionalAffinities calibrate(const KnnGraph& graph, double perplexity,
                                         double tolerance = 1e-9);
  static SparseAffinities symmetrise(const ConditionalAffinities& conditional);

  // kNN + calibrate + symmetrise. Throws UsageError when the perplexity does not fit n.
  // Returns an empty matrix (n = 0) if stopped.
  static SparseAffinities compute(const float* data, int64_t n, int d, double perplexity,
                                  const StopToken* stop = nullptr);
};

}  // namespace embedlab
