#pragma once
// A half-precision (IEEE fp16) copy of a matrix of unit rows, for the one-query scan of
// NearestNeighbors::nearest: a single query reads the whole matrix once and is bound by memory
// bandwidth, so reading 2 bytes per value instead of 4 nearly halves its time. The scan gives
// approximate scores with a proven error bound; the caller re-scores the few candidates that
// could still be in the top k in float32, so the final answer is exactly the float32 one.
//
// Available only when the compiler targets F16C + FMA (x86-64 with -march=native on any CPU of
// the last decade); otherwise available() is false and callers keep the float32 path.
#include <cstdint>
#include <vector>

namespace embedlab {

class HalfRows {
 public:
  // True when this build can convert and scan fp16 with F16C.
  static bool supported();

  HalfRows() = default;
  // rows x dim float32 rows with |row| <= 1 (unit or zero rows). Does nothing when !supported().
  HalfRows(const float* rows, int64_t n, int dim);

  bool empty() const { return data_.empty(); }
  int64_t rows() const { return rows_; }

  // out[i] = <row(begin + i), q> for i in [0, n), q holds dim floats with |q| <= 1.
  void scores(const float* q, int64_t begin, int64_t n, float* out) const;

  // |approximate score - exact float32 score| <= errorBound() for unit q and unit rows:
  // fp16 rounding is a relative error <= 2^-11 per value (and an absolute one <= 2^-25 for
  // subnormals), so |sum q_i (x_i - h_i)| <= 2^-11 sum |q_i x_i| + dim 2^-25 <= 2^-11 + dim 2^-25
  // by Cauchy-Schwarz; each float32 sum of dim products adds at most dim * 2^-24 more, and both
  // the scan and the float32 re-scoring have one.
  double errorBound() const;

 private:
  std::vector<uint16_t> data_;  // rows x stride, zero padded
  int64_t rows_ = 0;
  int dim_ = 0;
  int stride_ = 0;  // dim rounded up to 8
};

}  // namespace embedlab
