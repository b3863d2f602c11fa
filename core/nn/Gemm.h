#pragma once
// Single-precision matrix product for the layers' dense algebra:
//   C(M,N) = alpha · A(M,K) B(K,N)  [+ C]  [+ bias(N) on every row]
// A and B are strided views, so a transposed or column-sliced operand (Wᵀ of a PyTorch-layout
// weight, one head's columns of a packed q|k|v buffer) costs no copy. C is row-major with row
// stride ldc (column stride 1).
//
// Why not Eigen's product: on this project's machines (Zen 4, AVX2+FMA since GCC 12 miscompiles
// AVX-512) Eigen 3.4's kernel (24x4) reaches ~70 GFLOP/s on BERT's shapes; this one (packed
// panels, a 6x16 register tile, BLIS's loop order) reaches ~90-100, and the GEMMs are ~70% of a
// BERT step.
//
// Numerics: each element is one fused-multiply-add chain over k in blocks of 256, added to C
// block after block, in the same order whatever the number of threads (threads split rows of C,
// never k): results do not depend on the thread count. For K <= 256 the chain is the one of
// Eigen's kernel, so results are the same to the bit.
#include <cstdint>

namespace embedlab::nn {

// Element (i, j) of a strided matrix is data[i * rowStride + j * colStride].
struct ConstMatrixRef {
  const float* data = nullptr;
  int64_t rowStride = 0, colStride = 1;
};

// Row-major (rows, ld): element (i, j) at p[i*ld + j].
inline ConstMatrixRef rowMajor(const float* p, int64_t ld) { return {p, ld, 1}; }
// The transpose of a row-major matrix with row stride ld: element (i, j) at p[j*ld + i].
inline ConstMatrixRef transposed(const float* p, int64_t ld) { return {p, 1, ld}; }

// C(M,N) = alpha·A·B (+ C when accumulate) (+ bias(N)). Runs on the OpenMP team when the product
// is large enough and the caller is not already inside a parallel region.
void gemm(int64_t M, int64_t N, int64_t K, ConstMatrixRef A, ConstMatrixRef B, float* C, int64_t ldc,
          bool accumulate, const float* bias = nullptr, float alpha = 1.0f);

}  // namespace embedlab::nn
