#include "core/nn/Linear.h"

#include <vector>

#include "core/nn/EigenMaps.h"

namespace embedlab::nn {

void linearForward(float* out, const float* x, const float* w, const float* b, int64_t N, int C,
                   int OC) {
  // x: (N,C)  w: (OC,C)  b: (OC)  ->  out: (N,OC)
  ConstMatrixMap X(x, N, C);
  ConstMatrixMap W(w, OC, C);
  MatrixMap Out(out, N, OC);
  Out.noalias() = X * W.transpose();
  if (b) Out.rowwise() += ConstRowVectorMap(b, OC);
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
  ConstMatrixMap Dout(dout, N, OC);
  if (dx) {
    MatrixMap Dx(dx, N, C);
    Dx.noalias() += Dout * ConstMatrixMap(w, OC, C);
  }
  if (dw) {
    MatrixMap Dw(dw, OC, C);
    Dw.noalias() += Dout.transpose() * ConstMatrixMap(x, N, C);
  }
  if (db) addColumnSums(db, dout, N, OC);
}

}  // namespace embedlab::nn
