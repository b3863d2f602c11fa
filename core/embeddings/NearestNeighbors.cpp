#include "core/embeddings/NearestNeighbors.h"

#include <omp.h>

// GCC 12 warns inside its own AVX-512 intrinsics when inlining Eigen's GEMM kernel
// (`__m512 __Y = __Y;` in avx512fintrin.h, a known false positive). The diagnostic is raised at
// the point of instantiation, so it has to be silenced for this file rather than around the include.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <string>
#include <unordered_map>

#include "core/util/Error.h"

namespace embedlab {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMap = Eigen::Map<const RowMatrix>;
using ColMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

constexpr float kCosMulEpsilon = 1e-3f;
// Scratch per thread for one block of scores (floats): 8 MiB keeps a block in L2/L3.
constexpr int64_t kScoreBudget = int64_t(1) << 21;

// Total order on results: higher score first, then lower row (so ties are deterministic).
inline bool better(const Neighbor& x, const Neighbor& y) {
  return x.score > y.score || (x.score == y.score && x.row < y.row);
}

// The k best (row, score) pairs seen so far. A heap whose top is the worst kept entry, so a
// candidate costs one comparison with the threshold in the common case (it is not better).
class TopK {
 public:
  explicit TopK(int k = 0) : k_(std::max(k, 0)) { heap_.reserve(static_cast<size_t>(k_)); }

  bool full() const { return static_cast<int>(heap_.size()) == k_; }
  // Scores strictly below this cannot enter (equal scores may, when their row is lower).
  float threshold() const { return full() ? heap_.front().score : -INFINITY; }

  void offer(int64_t row, float score) {
    if (k_ == 0 || std::isnan(score)) return;
    Neighbor cand{row, score};
    if (!full()) {
      heap_.push_back(cand);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (better(cand, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = cand;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }

  void merge(const TopK& other) {
    for (const Neighbor& n : other.heap_) offer(n.row, n.score);
  }

  std::vector<Neighbor> sorted() const {
    std::vector<Neighbor> out = heap_;
    std::sort(out.begin(), out.end(), better);
    return out;
  }

 private:
  int k_;
  std::vector<Neighbor> heap_;
};

int resolveThreads(int threads) { return threads > 0 ? threads : std::max(1, omp_get_max_threads()); }

// Normalises `n` floats into `out` in double precision; returns false (and zeros) for a zero or
// non-finite vector.
bool normaliseInto(const float* v, int n, float* out, double* normOut = nullptr) {
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += double(v[i]) * double(v[i]);
  const double norm = std::sqrt(sum);
  if (normOut) *normOut = norm;
  if (!(norm > 0) || !std::isfinite(norm)) {
    std::fill(out, out + n, 0.0f);
    return false;
  }
  const double inv = 1.0 / norm;
  for (int i = 0; i < n; ++i) out[i] = static_cast<float>(double(v[i]) * inv);
  return true;
}

// The blocked kernel shared by nearestBatch and analogyBatch.
//   X: (R, dim) normalised candidate rows, Q: (m, dim) normalised query vectors, both row-major.
// Candidate rows are cut into blocks; each thread takes whole blocks, computes
//   S = X[block] Q^T   (nb, m) column-major, so column j holds the block's scores for query j,
// and hands it to consume(thread, blockStart, nb, S). Each thread keeps its own results (no
// locks); the caller merges them. Eigen runs single-threaded inside each thread, and its blocking
// does not depend on the thread count, so every score is the same whatever the threads.
// Returns false when stopped.
template <class Consume>
bool forEachScoreBlock(const float* X, int64_t R, int dim, const float* Q, int64_t m, int64_t blockRows,
                       int threads, const StopToken* stop, const ProgressSink& progress, Consume&& consume) {
  if (R <= 0 || m <= 0) return true;
  int64_t nb = std::max<int64_t>(1, std::min<int64_t>(blockRows, kScoreBudget / std::max<int64_t>(m, 1)));
  nb = std::min(nb, R);
  const int64_t blocks = (R + nb - 1) / nb;
  ConstRowMap queries(Q, m, dim);
  std::atomic<int64_t> done{0};
  std::atomic<bool> stopped{false};
  std::exception_ptr error;
  auto lastReport = std::chrono::steady_clock::now();
  const auto started = lastReport;
  auto report = [&](int64_t d, std::chrono::steady_clock::time_point now) {
    Progress p;
    p.step = d;
    p.total = blocks;
    p.elapsedSeconds = std::chrono::duration<double>(now - started).count();
    p.itemsPerSec = p.elapsedSeconds > 0 ? d / p.elapsedSeconds : 0;
    p.etaSeconds = p.itemsPerSec > 0 ? (blocks - d) / p.itemsPerSec : 0;
    p.phase = "scoring";
    progress(p);
  };

  // Small jobs run on the calling thread: waking a team costs more than it saves.
  const int team = (blocks > 1 && double(R) * double(m) * dim >= 4e6) ? threads : 1;
#pragma omp parallel num_threads(team)
  {
    omp_set_num_threads(1);  // Eigen must not open its own team inside ours
    const int tid = omp_get_thread_num();
    ColMatrix S;
#pragma omp for schedule(dynamic, 1)
    for (int64_t blk = 0; blk < blocks; ++blk) {
      if (stopped.load(std::memory_order_relaxed)) continue;
      if (stop && stop->stopRequested()) {
        stopped.store(true, std::memory_order_relaxed);
        continue;
      }
      // An exception must not leave an OpenMP region (that terminates the program): keep the
      // first one, stop the others, rethrow on the calling thread.
      try {
        const int64_t start = blk * nb;
        const int64_t n = std::min(nb, R - start);
        ConstRowMap block(X + start * dim, n, dim);
        S.resize(n, m);
        S.noalias() = block * queries.transpose();
        consume(tid, start, n, S.data());
        const int64_t d = done.fetch_add(1) + 1;
        // Only the first thread reports (a sink need not be thread-safe), at most every 50 ms.
        if (progress && tid == 0) {
          auto now = std::chrono::steady_clock::now();
          if (now - lastReport > std::chrono::milliseconds(50)) {
            lastReport = now;
            report(d, now);
          }
        }
      } catch (...) {
#pragma omp critical(embedlab_nn_error)
        if (!error) error = std::current_exception();
        stopped.store(true, std::memory_order_relaxed);
      }
    }
  }
  if (error) std::rethrow_exception(error);
  if (stopped.load()) return false;
  if (progress) report(blocks, std::chrono::steady_clock::now());
  return true;
}

}  // namespace

NearestNeighbors::NearestNeighbors(const EmbeddingSet& set, const Options& options)
    : options_(options),
      rows_(options.maxRows > 0 ? std::min(options.maxRows, set.rows()) : set.rows()),
      dim_(set.dim()) {
  if (options_.blockRows <= 0) options_.blockRows = 4096;
  normalized_.assign(static_cast<size_t>(rows_) * static_cast<size_t>(dim_), 0.0f);
  norms_.assign(static_cast<size_t>(rows_), 0.0f);
  const float* src = set.data();
  const int threads = resolveThreads(options_.threads);
#pragma omp parallel for num_threads(threads) schedule(static) if (rows_ * dim_ >= (1 << 18))
  for (int64_t r = 0; r < rows_; ++r) {
    double norm = 0;
    normaliseInto(src + r * dim_, dim_, normalized_.data() + r * dim_, &norm);
    norms_[r] = static_cast<float>(norm);
  }
  // Below ~1M values a query is a fraction of a millisecond anyway; above, the fp16 scan halves it.
  if (HalfRows::supported() && rows_ * dim_ >= (int64_t(1) << 20)) half_ = HalfRows(normalized_.data(), rows_, dim_);
}

int64_t NearestNeighbors::candidateRows(int64_t restrictRows) const {
  return restrictRows > 0 ? std::min(restrictRows, rows_) : rows_;
}

void NearestNeighbors::checkRow(int64_t r, const char* what) const {
  if (r < 0 || r >= rows_)
    throw Error(std::string("nearest neighbours: ") + what + " row " + std::to_string(r) + " is outside 0.." +
                std::to_string(rows_ - 1));
}

std::vector<Neighbor> NearestNeighbors::nearest(int64_t row, int k) const {
  checkRow(row, "query");
  return nearest(normalizedRow(row), k, {row});
}

std::vector<Neighbor> NearestNeighbors::nearest(const float* query, int k, const std::vector<int64_t>& exclude,
                                                int64_t restrictRows) const {
  const int64_t R = candidateRows(restrictRows);
  if (k <= 0 || R == 0 || dim_ == 0) return {};
  std::vector<float> q(static_cast<size_t>(dim_));
  normaliseInto(query, dim_, q.data());
  const Eigen::Map<const Eigen::VectorXf> qv(q.data(), dim_);
  if (!half_.empty()) return nearestHalf(q.data(), k, exclude, R);
  // One query is a matrix-vector product, bound by memory bandwidth: split the rows into fixed
  // chunks (the same for any thread count, so the scores are too) and let each thread keep its
  // own top k.  scores[chunk] = X[chunk] q   (n) = (n, dim) (dim)
  constexpr int64_t kChunk = 4096;
  const int64_t chunks = (R + kChunk - 1) / kChunk;
  const int threads = R * dim_ >= (1 << 20) ? static_cast<int>(std::min<int64_t>(resolveThreads(options_.threads), chunks)) : 1;
  std::vector<TopK> tops(static_cast<size_t>(threads), TopK(k));
#pragma omp parallel num_threads(threads)
  {
    TopK& top = tops[static_cast<size_t>(omp_get_thread_num())];
    Eigen::VectorXf scores(kChunk);
#pragma omp for schedule(static)
    for (int64_t c = 0; c < chunks; ++c) {
      const int64_t start = c * kChunk;
      const int64_t n = std::min(kChunk, R - start);
      scores.head(n).noalias() = ConstRowMap(normalized_.data() + start * dim_, n, dim_) * qv;
      for (int64_t i = 0; i < n; ++i) {
        const float s = scores[i];
        if (s < top.threshold()) continue;
        const int64_t r = start + i;
        if (std::find(exclude.begin(), exclude.end(), r) != exclude.end()) continue;
        top.offer(r, s);
      }
    }
  }
  TopK merged(k);
  for (const TopK& t : tops) merged.merge(t);
  return merged.sorted();
}

// Two passes: (1) fp16 scores of every candidate row, and the k-th best of them, tau; (2) every
// row whose fp16 score is >= tau - 2 delta (delta = HalfRows::errorBound()) re-scored in float32.
// Why nothing is lost: the k rows at or above tau have exact scores >= tau - delta, so the k-th
// best exact score e_k >= tau - delta; a row of the exact top k has exact score >= e_k, hence an
// fp16 score >= e_k - delta >= tau - 2 delta, and is re-scored.
std::vector<Neighbor> NearestNeighbors::nearestHalf(const float* q, int k, const std::vector<int64_t>& exclude,
                                                    int64_t R) const {
  constexpr int64_t kChunk = 4096;
  const int64_t chunks = (R + kChunk - 1) / kChunk;
  const int threads = static_cast<int>(std::min<int64_t>(resolveThreads(options_.threads), chunks));
  std::vector<float> approx(static_cast<size_t>(R));
  std::vector<TopK> tops(static_cast<size_t>(threads), TopK(k));
  auto excluded = [&](int64_t r) { return std::find(exclude.begin(), exclude.end(), r) != exclude.end(); };
#pragma omp parallel num_threads(threads)
  {
    TopK& top = tops[static_cast<size_t>(omp_get_thread_num())];
#pragma omp for schedule(static)
    for (int64_t c = 0; c < chunks; ++c) {
      const int64_t start = c * kChunk;
      const int64_t n = std::min(kChunk, R - start);
      float* s = approx.data() + start;
      half_.scores(q, start, n, s);
      for (int64_t i = 0; i < n; ++i)
        if (s[i] >= top.threshold() && !excluded(start + i)) top.offer(start + i, s[i]);
    }
  }
  TopK kth(k);
  for (const TopK& t : tops) kth.merge(t);
  const float cut = kth.full() ? static_cast<float>(kth.threshold() - 2.0 * half_.errorBound()) : -INFINITY;
  const Eigen::Map<const Eigen::VectorXf> qv(q, dim_);
  TopK exact(k);
  for (int64_t r = 0; r < R; ++r) {
    if (approx[r] < cut || excluded(r)) continue;
    exact.offer(r, Eigen::Map<const Eigen::VectorXf>(normalizedRow(r), dim_).dot(qv));
  }
  return exact.sorted();
}

std::vector<std::vector<Neighbor>> NearestNeighbors::nearestBatch(const float* queries, int64_t n, int k,
                                                                  const std::vector<int64_t>& excludeSelf,
                                                                  int64_t restrictRows, const StopToken* stop,
                                                                  const ProgressSink& progress) const {
  std::vector<std::vector<Neighbor>> out(static_cast<size_t>(std::max<int64_t>(n, 0)));
  const int64_t R = candidateRows(restrictRows);
  if (n <= 0 || k <= 0 || R == 0 || dim_ == 0) return out;
  const int threads = resolveThreads(options_.threads);

  // Queries in tiles, so that a block of scores (rows x tile) stays within the scratch budget.
  const int64_t tile = std::min<int64_t>(n, 1024);
  std::vector<float> q(static_cast<size_t>(tile) * dim_);
  for (int64_t t0 = 0; t0 < n; t0 += tile) {
    const int64_t m = std::min(tile, n - t0);
    for (int64_t j = 0; j < m; ++j) normaliseInto(queries + (t0 + j) * dim_, dim_, q.data() + j * dim_);
    std::vector<std::vector<TopK>> tops(static_cast<size_t>(threads), std::vector<TopK>(static_cast<size_t>(m), TopK(k)));
    const bool finished = forEachScoreBlock(
        normalized_.data(), R, dim_, q.data(), m, options_.blockRows, threads, stop, progress,
        [&](int tid, int64_t start, int64_t nb, const float* S) {
          for (int64_t j = 0; j < m; ++j) {
            TopK& top = tops[tid][j];
            const float* col = S + j * nb;
            const int64_t self = excludeSelf.empty() ? -1 : excludeSelf[t0 + j];
            for (int64_t i = 0; i < nb; ++i) {
              if (col[i] < top.threshold()) continue;
              const int64_t r = start + i;
              if (r != self) top.offer(r, col[i]);
            }
          }
        });
    if (!finished) return {};
    for (int64_t j = 0; j < m; ++j) {
      TopK merged(k);
      for (int t = 0; t < threads; ++t) merged.merge(tops[t][j]);
      out[t0 + j] = merged.sorted();
    }
  }
  return out;
}

std::vector<Neighbor> NearestNeighbors::analogy(int64_t a, int64_t b, int64_t c, int k, AnalogyMethod method,
                                                int64_t restrictRows) const {
  auto results = analogyBatch({AnalogyQuery{a, b, c}}, k, method, restrictRows);
  return results.empty() ? std::vector<Neighbor>{} : results.front();
}

std::vector<std::vector<Neighbor>> NearestNeighbors::analogyBatch(const std::vector<AnalogyQuery>& queries, int k,
                                                                  AnalogyMethod method, int64_t restrictRows,
                                                                  const std::vector<int64_t>* sameWord,
                                                                  const StopToken* stop,
                                                                  const ProgressSink& progress) const {
  const int64_t n = static_cast<int64_t>(queries.size());
  std::vector<std::vector<Neighbor>> out(static_cast<size_t>(n));
  for (const AnalogyQuery& q : queries) {
    checkRow(q.a, "analogy a");
    checkRow(q.b, "analogy b");
    checkRow(q.c, "analogy c");
  }
  const int64_t R = candidateRows(restrictRows);
  if (n == 0 || k <= 0 || R == 0 || dim_ == 0) return out;
  if (sameWord && static_cast<int64_t>(sameWord->size()) < R)
    throw Error("analogies: the same-word map has fewer entries than candidate rows");

  // The distinct query words become the columns of W: (U, dim), U <= 3n and usually far smaller.
  std::unordered_map<int64_t, int64_t> column;
  std::vector<int64_t> words;
  auto columnOf = [&](int64_t row) {
    auto [it, inserted] = column.try_emplace(row, static_cast<int64_t>(words.size()));
    if (inserted) words.push_back(row);
    return it->second;
  };
  struct Cols {
    int64_t a, b, c;
  };
  std::vector<Cols> cols(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) cols[i] = {columnOf(queries[i].a), columnOf(queries[i].b), columnOf(queries[i].c)};
  const int64_t U = static_cast<int64_t>(words.size());
  std::vector<float> W(static_cast<size_t>(U) * dim_);
  for (int64_t u = 0; u < U; ++u) std::copy_n(normalizedRow(words[u]), dim_, W.data() + u * dim_);

  // 3CosAdd reports cos(x, normalise(b^ - a^ + c^)) = (S_b - S_a + S_c) / |b^ - a^ + c^|.
  std::vector<float> addScale(static_cast<size_t>(n), 1.0f);
  if (method == AnalogyMethod::CosAdd) {
    for (int64_t i = 0; i < n; ++i) {
      const float *pa = normalizedRow(queries[i].a), *pb = normalizedRow(queries[i].b), *pc = normalizedRow(queries[i].c);
      double sum = 0;
      for (int d = 0; d < dim_; ++d) {
        const double v = double(pb[d]) - pa[d] + pc[d];
        sum += v * v;
      }
      if (sum > 0) addScale[i] = static_cast<float>(1.0 / std::sqrt(sum));
    }
  }

  const int threads = resolveThreads(options_.threads);
  std::vector<std::vector<TopK>> tops(static_cast<size_t>(threads), std::vector<TopK>(static_cast<size_t>(n), TopK(k)));
  const bool finished = forEachScoreBlock(
      normalized_.data(), R, dim_, W.data(), U, options_.blockRows, threads, stop, progress,
      [&](int tid, int64_t start, int64_t nb, const float* S) {
        std::vector<float> score(static_cast<size_t>(nb));
        for (int64_t i = 0; i < n; ++i) {
          const float* sa = S + cols[i].a * nb;
          const float* sb = S + cols[i].b * nb;
          const float* sc = S + cols[i].c * nb;
          // Score the whole block first (vectorises), then look only at rows above the threshold.
          if (method == AnalogyMethod::CosAdd) {
            const float scale = addScale[i];
            for (int64_t r = 0; r < nb; ++r) score[r] = (sb[r] - sa[r] + sc[r]) * scale;
          } else {
            for (int64_t r = 0; r < nb; ++r)
              score[r] = (0.5f * (sb[r] + 1.0f)) * (0.5f * (sc[r] + 1.0f)) / (0.5f * (sa[r] + 1.0f) + kCosMulEpsilon);
          }
          TopK& top = tops[tid][i];
          const AnalogyQuery& q = queries[i];
          for (int64_t r = 0; r < nb; ++r) {
            if (score[r] < top.threshold()) continue;
            const int64_t row = start + r;
            if (row == q.a || row == q.b || row == q.c) continue;
            if (sameWord) {
              const int64_t same = (*sameWord)[row];
              if (same == q.a || same == q.b || same == q.c) continue;
            }
            top.offer(row, score[r]);
          }
        }
      });
  if (!finished) return {};
  for (int64_t i = 0; i < n; ++i) {
    TopK merged(k);
    for (int t = 0; t < threads; ++t) merged.merge(tops[t][i]);
    out[i] = merged.sorted();
  }
  return out;
}

}  // namespace embedlab
