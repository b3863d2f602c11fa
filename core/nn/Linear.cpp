#include "core/nn/Linear.h"

#include <cstddef>
#include <vector>

#include "core/nn/Gemm.h"

namespace embedlab::nn {

void linearForward(float* out, const float* x, const float* w, const float* b, int64_t N, int C,
                   int OC) {
  // x: (N,C)  w: (OC,C)  b: (OC)  ->  out: (N,OC)
  gemm(N, OC, C, rowMajor(x, C), transposed(w, C), out, OC, false, b);
}

void addColumnSums(float* db, const float* dout, int64_t N, int C) {
  // dout: (N,C) -> db: (C)
  std::vector<double> acc(static_cast<size_t>(C), 0.0);
  for (int64_t n = 0; n < N; ++n) {
    const float* row = dout + n * C;
    for (int c = 0; c < C; ++c) acc[c] += row[c];
  }
  for (int c = 0; c < C; ++c) db[c] += static_cast<float>(acc[c]);
}

void linearBackward(float* dx, float* dw, float* db, const float* dout, const float* x,
                    const float* w, int64_t N, int C, int OC) {
  // dout: (N,OC)  x: (N,C)  w: (OC,C)
  if (dx) gemm(N, C, OC, rowMajor(dout, OC), rowMajor(w, C), dx, C, true);           // dx += dout·w
  if (dw) gemm(OC, C, N, transposed(dout, OC), rowMajor(x, C), dw, C, true);          // dw += doutᵀ·x
  if (db) addColumnSums(db, dout, N, OC);
}

}  // namespace embedlab::nn
