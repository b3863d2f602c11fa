#include "core/nn/Gemm.h"

#include <omp.h>

#include <algorithm>
#include <vector>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define EMBEDLAB_GEMM_AVX2 1
#endif

namespace embedlab::nn {

namespace {

// Register tile MR x NR (6 rows x two 8-float vectors: 12 accumulators + 2 B vectors + 1
// broadcast of the 16 AVX registers). KC: the k-depth of a packed block (a 6 x KC panel of A and a
// KC x 16 panel of B stay in L1); MC: the rows of a packed A block (MC x KC = 120 KB in L2);
// NC: the columns of a packed B block (KC x NC = 1 MB, L2/L3).
constexpr int MR = 6, NR = 16;
constexpr int64_t KC = 256, MC = 120, NC = 1024;
// Below this many multiply-adds, waking the team costs more than it saves.
constexpr double kParallelWork = double(1 << 21);

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// Stores one tile: C = alpha·acc (+ C when accumulate) (+ bias when given), rows < mr, cols < nr.
// acc: (MR,NR) row-major.
inline void storeTile(float* c, int64_t ldc, const float* acc, int mr, int nr, bool accumulate, const float* bias,
                      float alpha) {
  for (int r = 0; r < mr; ++r) {
    float* cr = c + r * ldc;
    for (int j = 0; j < nr; ++j) {
      float v = alpha * acc[r * NR + j];
      if (accumulate) v = cr[j] + v;
      if (bias) v += bias[j];
      cr[j] = v;
    }
  }
}

// a: packed (kc, MR)  b: packed (kc, NR)  ->  the (mr, nr) tile of C at c.
void kernel(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, int mr, int nr, bool accumulate,
            const float* bias, float alpha) {
#ifdef EMBEDLAB_GEMM_AVX2
  __m256 c0[MR], c1[MR];
  for (int r = 0; r < MR; ++r) c0[r] = c1[r] = _mm256_setzero_ps();
  for (int64_t k = 0; k < kc; ++k) {
    const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
    for (int r = 0; r < MR; ++r) {
      const __m256 ar = _mm256_broadcast_ss(a + r);
      c0[r] = _mm256_fmadd_ps(ar, b0, c0[r]);
      c1[r] = _mm256_fmadd_ps(ar, b1, c1[r]);
    }
    a += MR;
    b += NR;
  }
  if (mr == MR && nr == NR) {
    const __m256 al = _mm256_set1_ps(alpha);
    const __m256 bias0 = bias ? _mm256_loadu_ps(bias) : _mm256_setzero_ps();
    const __m256 bias1 = bias ? _mm256_loadu_ps(bias + 8) : _mm256_setzero_ps();
    for (int r = 0; r < MR; ++r) {
      float* cr = c + r * ldc;
      __m256 v0 = _mm256_mul_ps(al, c0[r]), v1 = _mm256_mul_ps(al, c1[r]);
      if (accumulate) {
        v0 = _mm256_add_ps(_mm256_loadu_ps(cr), v0);
        v1 = _mm256_add_ps(_mm256_loadu_ps(cr + 8), v1);
      }
      if (bias) {
        v0 = _mm256_add_ps(v0, bias0);
        v1 = _mm256_add_ps(v1, bias1);
      }
      _mm256_storeu_ps(cr, v0);
      _mm256_storeu_ps(cr + 8, v1);
    }
    return;
  }
  alignas(32) float acc[MR * NR];
  for (int r = 0; r < MR; ++r) {
    _mm256_store_ps(acc + r * NR, c0[r]);
    _mm256_store_ps(acc + r * NR + 8, c1[r]);
  }
  storeTile(c, ldc, acc, mr, nr, accumulate, bias, alpha);
#else
  // Portable build (no AVX2/FMA): the same tile in plain loops, which the compiler vectorises.
  float acc[MR * NR] = {};
  for (int64_t k = 0; k < kc; ++k) {
    for (int r = 0; r < MR; ++r)
      for (int j = 0; j < NR; ++j) acc[r * NR + j] += a[r] * b[j];
    a += MR;
    b += NR;
  }
  storeTile(c, ldc, acc, mr, nr, accumulate, bias, alpha);
#endif
}

// B(k, n) for k in [k0, k0+kc), n in [n0, n0+nc)  ->  panels of NR columns, each (kc, NR), the
// columns past nc zero.
void packB(float* dst, const ConstMatrixRef& B, int64_t k0, int64_t kc, int64_t n0, int64_t nc) {
  const int nr = static_cast<int>(std::min<int64_t>(NR, nc));
  const float* base = B.data + k0 * B.rowStride + n0 * B.colStride;
  if (B.colStride == 1) {
    for (int64_t k = 0; k < kc; ++k) {
      const float* src = base + k * B.rowStride;
      float* d = dst + k * NR;
      // (a plain loop: a call to memcpy for 64 bytes cost more than the copy)
      for (int j = 0; j < nr; ++j) d[j] = src[j];
      for (int j = nr; j < NR; ++j) d[j] = 0.0f;
    }
  } else {
    // A transposed operand: read each column along its contiguous k.
    for (int j = 0; j < NR; ++j) {
      if (j >= nr) {
        for (int64_t k = 0; k < kc; ++k) dst[k * NR + j] = 0.0f;
        continue;
      }
      const float* src = base + j * B.colStride;
      for (int64_t k = 0; k < kc; ++k) dst[k * NR + j] = src[k * B.rowStride];
    }
  }
}

// A(i, k) for i in [i0, i0+mr), k in [k0, k0+kc)  ->  one (kc, MR) panel, the rows past mr zero.
void packA(float* dst, const ConstMatrixRef& A, int64_t i0, int64_t mr, int64_t k0, int64_t kc) {
  const float* base = A.data + i0 * A.rowStride + k0 * A.colStride;
  if (A.rowStride == 1 && mr == MR) {
    // A transposed operand: MR contiguous values per k.
    for (int64_t k = 0; k < kc; ++k) {
      const float* src = base + k * A.colStride;
      for (int r = 0; r < MR; ++r) dst[k * MR + r] = src[r];
    }
    return;
  }
  for (int r = 0; r < MR; ++r) {
    if (r >= mr) {
      for (int64_t k = 0; k < kc; ++k) dst[k * MR + r] = 0.0f;
      continue;
    }
    const float* src = base + r * A.rowStride;
    for (int64_t k = 0; k < kc; ++k) dst[k * MR + r] = src[k * A.colStride];
  }
}

struct Problem {
  int64_t M, N, K;
  ConstMatrixRef A, B;
  float* C;
  int64_t ldc;
  bool accumulate;
  const float* bias;
  float alpha;
};

// [begin, end) of `count` items for thread `tid` of `threads`, in contiguous blocks.
inline void share(int64_t count, int tid, int threads, int64_t& begin, int64_t& end) {
  begin = count * tid / threads;
  end = count * (tid + 1) / threads;
}

// The whole product, run by thread `tid` of `threads` (all of our own team, or one thread alone);
// packedB is shared by the team. The work is split by hand rather than with orphaned `omp for`:
// a caller already inside a parallel region (attention runs one (sequence, head) per thread)
// must not have its team's worksharing hijacked.
void gemmTeam(const Problem& p, float* packedB, int tid, int threads) {
  // Row blocks: enough of them to give every thread the same number, each a multiple of MR.
  int64_t rowBlocks = ceilDiv(p.M, MC);
  if (threads > 1) rowBlocks = std::min(ceilDiv(rowBlocks, threads) * threads, ceilDiv(p.M, MR));
  const int64_t mc = ceilDiv(ceilDiv(p.M, rowBlocks), MR) * MR;
  rowBlocks = ceilDiv(p.M, mc);
  thread_local std::vector<float> packedA;
  if (packedA.size() < static_cast<size_t>(mc * KC)) packedA.resize(static_cast<size_t>(mc * KC));
  for (int64_t jc = 0; jc < p.N; jc += NC) {
    const int64_t nc = std::min(NC, p.N - jc);
    const int64_t panels = ceilDiv(nc, NR);
    // Few row blocks (a short A, e.g. the MLM decoder of one sequence): split the columns too.
    const int64_t colSplits = rowBlocks >= 2 * threads ? 1 : std::min(panels, ceilDiv(2 * threads, rowBlocks));
    const int64_t panelsPerSplit = ceilDiv(panels, colSplits);
    for (int64_t pc = 0; pc < p.K; pc += KC) {
      const int64_t kc = std::min(KC, p.K - pc);
      const bool accumulate = p.accumulate || pc > 0;
      const float* bias = (pc + kc == p.K && p.bias) ? p.bias + jc : nullptr;
      int64_t b0, b1;
      share(panels, tid, threads, b0, b1);
      for (int64_t q = b0; q < b1; ++q)
        packB(packedB + q * kc * NR, p.B, pc, kc, jc + q * NR, std::min<int64_t>(NR, nc - q * NR));
      if (threads > 1) {
#pragma omp barrier
      }
      // (every panel is packed before any thread reads one)
      share(rowBlocks * colSplits, tid, threads, b0, b1);
      for (int64_t unit = b0; unit < b1; ++unit) {
        const int64_t ic = (unit / colSplits) * mc, split = unit % colSplits;
        const int64_t rows = std::min(mc, p.M - ic);
        for (int64_t ir = 0; ir < rows; ir += MR)
          packA(packedA.data() + ir * kc, p.A, ic + ir, std::min<int64_t>(MR, rows - ir), pc, kc);
        const int64_t q1 = std::min(panels, (split + 1) * panelsPerSplit);
        for (int64_t q = split * panelsPerSplit; q < q1; ++q) {
          const int nr = static_cast<int>(std::min<int64_t>(NR, nc - q * NR));
          const float* b = packedB + q * kc * NR;
          const float* qb = bias ? bias + q * NR : nullptr;
          for (int64_t ir = 0; ir < rows; ir += MR)
            kernel(kc, packedA.data() + ir * kc, b, p.C + (ic + ir) * p.ldc + jc + q * NR, p.ldc,
                   static_cast<int>(std::min<int64_t>(MR, rows - ir)), nr, accumulate, qb, p.alpha);
        }
      }
      if (threads > 1) {
#pragma omp barrier
      }
      // (nobody repacks B while a thread still multiplies by it)
    }
  }
}

}  // namespace

void gemm(int64_t M, int64_t N, int64_t K, ConstMatrixRef A, ConstMatrixRef B, float* C, int64_t ldc,
          bool accumulate, const float* bias, float alpha) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {  // an empty sum: C keeps its value (or becomes 0), plus the bias
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        float v = accumulate ? C[i * ldc + j] : 0.0f;
        if (bias) v += bias[j];
        C[i * ldc + j] = v;
      }
    return;
  }
  const Problem p{M, N, K, A, B, C, ldc, accumulate, bias, alpha};
  thread_local std::vector<float> packedB;
  const size_t need = static_cast<size_t>(std::min(KC, K) * ceilDiv(std::min(NC, N), NR) * NR);
  if (packedB.size() < need) packedB.resize(need);
  float* pb = packedB.data();
  const bool parallel = double(M) * double(N) * double(K) >= kParallelWork && !omp_in_parallel() &&
                        omp_get_max_threads() > 1;
  if (parallel) {
#pragma omp parallel
    gemmTeam(p, pb, omp_get_thread_num(), omp_get_num_threads());
  } else {
    gemmTeam(p, pb, 0, 1);
  }
}

}  // namespace embedlab::nn
