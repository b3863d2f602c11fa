#pragma once
// The hot loops of Word2Vec: fused loss + gradient + SGD update of the objectives of
// Objectives.h, in float, on rows padded to a multiple of 16 floats (one 64-byte vector, one
// cache line) so that every loop is whole vectors with no tail and rows of different words never
// share a cache line (Hogwild threads then only collide on truly shared rows).
//
// Vectors are GCC vector extensions of the target's own width (one code path for every target).
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/models/word2vec/Objectives.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace embedlab::w2v {

constexpr int kLanes = 16;  // rows are padded to whole 64-byte lines of this many floats

// The arithmetic runs on the widest vector the target has (16 floats with AVX-512, 8 with AVX,
// 4 otherwise), kSub of them per 16-float chunk. (A 64-byte GCC vector on an AVX2 target is split
// by the compiler through the stack, which was much slower: bench/RESULTS.md, "Kernels".)
#if defined(__AVX512F__)
constexpr int kVec = 16;
#elif defined(__AVX__)
constexpr int kVec = 8;
#else
constexpr int kVec = 4;
#endif
constexpr int kSub = kLanes / kVec;
typedef float Vec __attribute__((vector_size(kVec * sizeof(float))));

inline int paddedDim(int dim) { return (dim + kLanes - 1) / kLanes * kLanes; }

inline Vec loadV(const float* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void storeV(float* p, Vec v) { std::memcpy(p, &v, sizeof v); }
inline Vec splat(float x) { return Vec{} + x; }

inline float hsum(Vec v) {
  float s[kVec];
  std::memcpy(s, &v, sizeof v);
  // Pairwise halving: log2(kVec) rounds of independent adds.
  for (int w = kVec / 2; w >= 1; w /= 2)
    for (int i = 0; i < w; ++i) s[i] += s[i + w];
  return s[0];
}

// a, b: (chunks * 16)
inline float dot(const float* a, const float* b, int chunks) {
  const int n = chunks * kSub;
  Vec acc0{}, acc1{};
  int c = 0;
  for (; c + 2 <= n; c += 2) {
    acc0 += loadV(a + c * kVec) * loadV(b + c * kVec);
    acc1 += loadV(a + (c + 1) * kVec) * loadV(b + (c + 1) * kVec);
  }
  if (c < n) acc0 += loadV(a + c * kVec) * loadV(b + c * kVec);
  return hsum(acc0 + acc1);
}

// y += g * x   (chunks * 16)
inline void axpy(float g, const float* x, float* y, int chunks) {
  const int n = chunks * kSub;
  const Vec gv = splat(g);
  for (int c = 0; c < n; ++c) storeV(y + c * kVec, loadV(y + c * kVec) + gv * loadV(x + c * kVec));
}

// y += x   (chunks * 16)
inline void addTo(float* y, const float* x, int chunks) {
  const int n = chunks * kSub;
  for (int c = 0; c < n; ++c) storeV(y + c * kVec, loadV(y + c * kVec) + loadV(x + c * kVec));
}

// x: (chunks * 16)  rows: (k) row pointers  ->  dots: (k)
// Four rows at a time: four independent accumulator chains hide the FMA latency.
inline void dotMany(const float* x, const float* const* rows, int k, int chunks, float* dots) {
  const int n = chunks * kSub;
  int j = 0;
  for (; j + 4 <= k; j += 4) {
    const float *r0 = rows[j], *r1 = rows[j + 1], *r2 = rows[j + 2], *r3 = rows[j + 3];
    Vec a0{}, a1{}, a2{}, a3{};
    for (int c = 0; c < n; ++c) {
      const Vec xv = loadV(x + c * kVec);
      a0 += xv * loadV(r0 + c * kVec);
      a1 += xv * loadV(r1 + c * kVec);
      a2 += xv * loadV(r2 + c * kVec);
      a3 += xv * loadV(r3 + c * kVec);
    }
    dots[j] = hsum(a0);
    dots[j + 1] = hsum(a1);
    dots[j + 2] = hsum(a2);
    dots[j + 3] = hsum(a3);
  }
  for (; j < k; ++j) dots[j] = dot(x, rows[j], chunks);
}

// dst (chunks*16) = [dst +] sum_j g[j * gStride] * rows[j]   (rows: k row pointers)
// Blocked over W vectors: W independent accumulator chains per pass over the rows, so the FMA
// latency is hidden, and each block of dst is loaded and stored once.
template <int W>
inline void accumulateBlock(float* dst, bool addDst, const float* g, int gStride, const float* const* rows, int k,
                            int c0) {
  Vec acc[W];
  for (int w = 0; w < W; ++w) acc[w] = addDst ? loadV(dst + (c0 + w) * kVec) : Vec{};
  for (int j = 0; j < k; ++j) {
    const Vec gv = splat(g[j * gStride]);
    const float* r = rows[j] + c0 * kVec;
    for (int w = 0; w < W; ++w) acc[w] += gv * loadV(r + w * kVec);
  }
  for (int w = 0; w < W; ++w) storeV(dst + (c0 + w) * kVec, acc[w]);
}

inline void accumulateRows(float* dst, bool addDst, const float* g, int gStride, const float* const* rows, int k,
                           int chunks) {
  const int n = chunks * kSub;
  int c = 0;
  for (; c + 4 <= n; c += 4) accumulateBlock<4>(dst, addDst, g, gStride, rows, k, c);
  switch (n - c) {
    case 3: accumulateBlock<3>(dst, addDst, g, gStride, rows, k, c); break;
    case 2: accumulateBlock<2>(dst, addDst, g, gStride, rows, k, c); break;
    case 1: accumulateBlock<1>(dst, addDst, g, gStride, rows, k, c); break;
    default: break;
  }
}

// s(x) and log s(x) by linear interpolation in a table over [-8, 8] (1/64 steps; error below
// 1e-5 in both, far below the noise of SGD and accurate enough to report the loss), exact
// outside the table (rare: only confident predictions get there).
class SigmoidTable {
 public:
  static constexpr float kMax = 8.0f;
  static constexpr int kPerUnit = 64;
  static constexpr int kKnots = static_cast<int>(2 * kMax) * kPerUnit + 1;

  SigmoidTable() {
    for (int i = 0; i < kKnots; ++i) {
      const double x = -double(kMax) + double(i) / kPerUnit;
      sig_[i] = static_cast<float>(sigmoid(x));
      logSig_[i] = static_cast<float>(logSigmoid(x));
    }
  }

  // One logistic term with label y in {0,1}: returns s(x); adds the term's loss -log s(+-x).
  inline float eval(float x, float y, double& loss) const {
    float s, ls;
    if (x > -kMax && x < kMax) {
      const float t = (x + kMax) * kPerUnit;
      const int i = static_cast<int>(t);
      const float f = t - static_cast<float>(i);
      s = sig_[i] + f * (sig_[i + 1] - sig_[i]);
      ls = logSig_[i] + f * (logSig_[i + 1] - logSig_[i]);
    } else {
      s = sigmoid(x);
      ls = logSigmoid(x);
    }
    // log s(-x) = log s(x) - x, so both labels share one lookup.
    loss += static_cast<double>((1.0f - y) * x - ls);
    return s;
  }

  static const SigmoidTable& instance() {
    static const SigmoidTable table;
    return table;
  }

 private:
  float sig_[kKnots];
  float logSig_[kKnots];
};

// ---- skip-gram, word2vec.c order -------------------------------------------------------------
// One (context, centre) pair: in is the context's input row, out the K target rows (positive +
// negatives, or the Huffman path), labels their y. Each target is updated as soon as its gradient
// is known (as word2vec.c does); the input row gets the summed gradient at the end.
// in: (chunks*16)  out: (K) rows  neu1e: (chunks*16) scratch.  Returns the pair's loss.
inline double pairStep(float* in, float* const* out, const float* labels, int k, int chunks, float lr,
                       const SigmoidTable& table, float* neu1e) {
  double loss = 0;
  std::memset(neu1e, 0, sizeof(float) * chunks * kLanes);
  for (int j = 0; j < k; ++j) {
    const float x = dot(in, out[j], chunks);
    const float g = lr * (labels[j] - table.eval(x, labels[j], loss));
    axpy(g, out[j], neu1e, chunks);
    axpy(g, in, out[j], chunks);
  }
  addTo(in, neu1e, chunks);
  return loss;
}

// ---- skip-gram, minibatched (pWord2Vec / BlazingText) -----------------------------------------
// All M context rows of one centre word against one shared set of K target rows:
//   X = In (M,D) . Out^T (D,K);  G = lr * (Y - s(X))  (M,K)
//   dIn = G . Out  (M,D)  (from the rows before the step);  Out += G^T . In;  In += dIn
// The K target rows are read once from memory and reused M times from L1.
// in: (M) rows  out: (K) rows  dIn: (M, chunks*16) scratch  g: (M, K) scratch.  Returns the loss
// of all M*K terms.
inline double minibatchStep(float* const* in, int m, float* const* out, const float* labels, int k, int chunks,
                            float lr, const SigmoidTable& table, float* dIn, float* g) {
  double loss = 0;
  const int d = chunks * kLanes;
  for (int i = 0; i < m; ++i) {
    float* gi = g + i * k;
    dotMany(in[i], out, k, chunks, gi);
    for (int j = 0; j < k; ++j) gi[j] = lr * (labels[j] - table.eval(gi[j], labels[j], loss));
  }
  // dIn = G . Out  (from the target rows before the step)
  for (int i = 0; i < m; ++i) accumulateRows(dIn + i * d, false, g + i * k, 1, out, k, chunks);
  // Out += G^T . In
  for (int j = 0; j < k; ++j) accumulateRows(out[j], true, g + j, k, in, m, chunks);
  for (int i = 0; i < m; ++i) addTo(in[i], dIn + i * d, chunks);
  return loss;
}

// ---- CBOW ---------------------------------------------------------------------------------------
// h = mean of the M context rows; K targets against h; every context row gets the summed input
// gradient (not divided by M, as word2vec.c does).
// batched = false: word2vec.c's interleaved order (dot, update, next target);
// batched = true : all K dots first (independent chains), then the updates.
// in: (M) rows  out: (K) rows  h, neu1e: (chunks*16) scratch  gs: (K) scratch.  Returns the
// example's loss.
inline double cbowStep(float* const* in, int m, float* const* out, const float* labels, int k, int chunks, float lr,
                       const SigmoidTable& table, float* h, float* neu1e, float* gs, bool batched) {
  double loss = 0;
  const float inv = 1.0f / static_cast<float>(m);
  accumulateRows(h, false, &inv, 0, in, m, chunks);  // h = sum_i in_i / m
  if (batched) {
    dotMany(h, out, k, chunks, gs);
    for (int j = 0; j < k; ++j) gs[j] = lr * (labels[j] - table.eval(gs[j], labels[j], loss));
    accumulateRows(neu1e, false, gs, 1, out, k, chunks);
    for (int j = 0; j < k; ++j) axpy(gs[j], h, out[j], chunks);
  } else {
    std::memset(neu1e, 0, sizeof(float) * chunks * kLanes);
    for (int j = 0; j < k; ++j) {
      const float x = dot(h, out[j], chunks);
      const float g = lr * (labels[j] - table.eval(x, labels[j], loss));
      axpy(g, out[j], neu1e, chunks);
      axpy(g, h, out[j], chunks);
    }
  }
  for (int i = 0; i < m; ++i) addTo(in[i], neu1e, chunks);
  return loss;
}

}  // namespace embedlab::w2v

#pragma GCC diagnostic pop
