#pragma once
// Exact cosine nearest neighbours and analogies over an EmbeddingSet.
//
// Keeps its own L2-normalised copy of the matrix (rows x dim, row-major float32), so a cosine is
// a dot product and many queries are one matrix product. Large sets also keep an fp16 copy for
// single queries (see HalfRows): the scan reads half the bytes, and the few rows whose score could
// still reach the top k are re-scored in float32, so the answer is the float32 one. Rows with zero norm (or a non-finite
// norm) stay all-zero: their cosine with anything is 0, they are never "nearer" than a real match.
// The set itself is not referenced after construction (rows are reported by index; map them to
// labels with the set you built this from).
//
// Ties are broken by the lower row index, so results are deterministic whatever the threads.
#include <cstdint>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/HalfRows.h"
#include "core/train/Progress.h"

namespace embedlab {

struct Neighbor {
  int64_t row = -1;
  float score = 0;  // cosine for nearest(); the method's score for analogy()
};

enum class AnalogyMethod {
  CosAdd,  // 3CosAdd: argmax cos(x,b) - cos(x,a) + cos(x,c)   (Mikolov et al. 2013)
  CosMul,  // 3CosMul: argmax cos'(x,b) cos'(x,c) / (cos'(x,a) + 1e-3),  cos' = (cos+1)/2
           //          (Levy & Goldberg 2014)
};

// "a is to b as c is to ?"  (rows of the set)
struct AnalogyQuery {
  int64_t a = -1, b = -1, c = -1;
};

class NearestNeighbors {
 public:
  struct Options {
    int64_t blockRows = 4096;  // candidate rows per matrix-product block (bounds the scratch memory)
    int threads = 0;           // OpenMP threads for batched work; 0 = OpenMP's default, 1 = serial
                               // (scores, hence results, are the same for any thread count)
    int64_t maxRows = 0;       // > 0: index only the first rows (a benchmark's restricted vocabulary)
  };

  NearestNeighbors() = default;
  explicit NearestNeighbors(const EmbeddingSet& set) : NearestNeighbors(set, Options{}) {}
  NearestNeighbors(const EmbeddingSet& set, const Options& options);

  int64_t rows() const { return rows_; }
  int dim() const { return dim_; }
  // Normalised row r (dim floats; all zeros for a zero row).
  const float* normalizedRow(int64_t r) const { return normalized_.data() + r * dim_; }
  const float* normalized() const { return normalized_.data(); }
  float norm(int64_t r) const { return norms_[r]; }  // the original L2 norm of row r

  // The k rows most similar to row `row` (itself excluded), best first.
  std::vector<Neighbor> nearest(int64_t row, int k) const;

  // The k rows most similar to an arbitrary vector (dim floats, need not be normalised), best
  // first, skipping the rows in `exclude`. restrictRows > 0: only rows [0, restrictRows) are
  // candidates (the most frequent words in a frequency-sorted set).
  std::vector<Neighbor> nearest(const float* query, int k, const std::vector<int64_t>& exclude = {},
                                int64_t restrictRows = 0) const;

  // Many queries at once: queries is (n, dim) row-major; excludeSelf[i] >= 0 is a row to skip for
  // query i (may be empty = none). Blocked matrix products, OpenMP over queries.
  // Returns an empty vector when `stop` was requested before the end.
  std::vector<std::vector<Neighbor>> nearestBatch(const float* queries, int64_t n, int k,
                                                  const std::vector<int64_t>& excludeSelf = {},
                                                  int64_t restrictRows = 0, const StopToken* stop = nullptr,
                                                  const ProgressSink& progress = {}) const;

  // "a is to b as c is to ?": the k best rows, the three query rows excluded, best first.
  // restrictRows > 0: only rows [0, restrictRows) are candidates. The 3CosAdd score reported is
  // the cosine between x and normalise(b^ - a^ + c^) (same ranking as the sum of cosines).
  std::vector<Neighbor> analogy(int64_t a, int64_t b, int64_t c, int k,
                                AnalogyMethod method = AnalogyMethod::CosAdd, int64_t restrictRows = 0) const;

  // Many analogy questions at once (the benchmark). The similarities of every candidate row to the
  // distinct query words are computed as blocked matrix products (a question set has far fewer
  // distinct words than questions), then each question scores the block from three columns.
  // sameWord (optional, size >= candidate rows): a candidate x is also excluded when
  // sameWord[x] is one of a, b, c — used by case-insensitive evaluation, where "Paris" and
  // "paris" are the same answer (pass the row of the first spelling; query rows should be those).
  // Returns an empty vector when `stop` was requested before the end.
  std::vector<std::vector<Neighbor>> analogyBatch(const std::vector<AnalogyQuery>& queries, int k,
                                                  AnalogyMethod method = AnalogyMethod::CosAdd,
                                                  int64_t restrictRows = 0,
                                                  const std::vector<int64_t>* sameWord = nullptr,
                                                  const StopToken* stop = nullptr,
                                                  const ProgressSink& progress = {}) const;

  const Options& options() const { return options_; }

 private:
  int64_t candidateRows(int64_t restrictRows) const;
  std::vector<Neighbor> nearestHalf(const float* q, int k, const std::vector<int64_t>& exclude, int64_t R) const;
  void checkRow(int64_t r, const char* what) const;

  Options options_;
  int64_t rows_ = 0;
  int dim_ = 0;
  std::vector<float> normalized_;  // (rows, dim) row-major, unit rows (or zero rows)
  std::vector<float> norms_;       // (rows)
  // fp16 copy of normalized_ for single queries over large sets (empty when small or unsupported).
  HalfRows half_;
};

}  // namespace embedlab
