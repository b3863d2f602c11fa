#include "core/nn/CharCnn.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/nn/EigenMaps.h"
#include "core/util/Error.h"

namespace embedlab::nn {

int CharCnnShape::outputSize() const {
  int total = 0;
  for (const auto& f : filters) total += f.count;
  return total;
}

namespace {
void checkShape(const CharCnnShape& s, size_t nw) {
  if (nw != s.filters.size()) throw Error("char-cnn: one weight and bias per filter width needed");
  for (const auto& f : s.filters)
    if (f.width < 1 || f.width > s.L || f.count < 1)
      throw Error("char-cnn: filter width " + std::to_string(f.width) + " does not fit tokens of " +
                  std::to_string(s.L) + " characters");
}
}  // namespace

void charCnnForward(float* out, int32_t* argmax, const float* x,
                    const std::vector<const float*>& w, const std::vector<const float*>& b,
                    const CharCnnShape& s) {
  checkShape(s, w.size());
  const int E = s.E, L = s.L, OF = s.outputSize();
  // Threads only pay off above a few hundred thousand multiply-adds.
  const bool big = s.N * L * E * static_cast<int64_t>(OF) > (1 << 18);
#pragma omp parallel if (big)
  {
    RowMatrix conv;  // per-thread scratch (positions, F)
#pragma omp for schedule(static)
    for (int64_t n = 0; n < s.N; ++n) {
      const float* xt = x + n * L * E;
      int col = 0;
      for (size_t j = 0; j < s.filters.size(); ++j) {
        const int k = s.filters[j].width, F = s.filters[j].count, P = L - k + 1;
        // windows: (P, k*E), overlapping rows with stride E;  conv = windows · wᵀ: (P,F)
        ConstStridedMap windows(xt, P, k * E, Eigen::OuterStride<>(E));
        conv.noalias() = windows * ConstMatrixMap(w[j], F, k * E).transpose();
        float* o = out + n * OF + col;
        int32_t* am = argmax + n * OF + col;
        for (int f = 0; f < F; ++f) {
          int best = 0;
          for (int p = 1; p < P; ++p)
            if (conv(p, f) > conv(best, f)) best = p;
          const float v = conv(best, f) + (b[j] ? b[j][f] : 0.0f);
          o[f] = s.activation == Activation::Relu ? (v > 0.0f ? v : 0.0f) : std::tanh(v);
          am[f] = best;
        }
        col += F;
      }
    }
  }
}

void charCnnBackward(float* dx, const std::vector<float*>& dw, const std::vector<float*>& db,
                     const float* dout, const float* out, const int32_t* argmax, const float* x,
                     const std::vector<const float*>& w, const CharCnnShape& s) {
  checkShape(s, w.size());
  const int E = s.E, L = s.L, OF = s.outputSize();
  const bool big = s.N * L * E * static_cast<int64_t>(OF) > (1 << 18);
  // Gradient before the activation: (N,ΣF)
  std::vector<float> dpre(static_cast<size_t>(s.N) * OF);
  for (int64_t i = 0; i < s.N * OF; ++i) {
    const float y = out[i];
    dpre[i] = dout[i] * (s.activation == Activation::Relu ? (y > 0.0f ? 1.0f : 0.0f) : 1.0f - y * y);
  }
  // Only the winning window of each (token, filter) receives gradient, so both sums are sparse:
  // dw row f collects Σ_n dpre[n,f] · window(n, argmax[n,f]) -- parallel over filters;
  // dx of token n collects Σ_f dpre[n,f] · w[f] at its window -- parallel over tokens.
  int col = 0;
  for (size_t j = 0; j < s.filters.size(); ++j) {
    const int k = s.filters[j].width, F = s.filters[j].count, KE = k * E;
    if (dw[j] || (db.size() > j && db[j])) {
#pragma omp parallel if (big)
      {
        std::vector<double> acc(static_cast<size_t>(KE));
#pragma omp for schedule(static)
        for (int f = 0; f < F; ++f) {
          std::fill(acc.begin(), acc.end(), 0.0);
          double accB = 0;
          for (int64_t n = 0; n < s.N; ++n) {
            const float d = dpre[n * OF + col + f];
            if (d == 0.0f) continue;
            accB += d;
            const float* win = x + n * L * E + static_cast<int64_t>(argmax[n * OF + col + f]) * E;
            for (int q = 0; q < KE; ++q) acc[q] += static_cast<double>(d) * win[q];
          }
          if (dw[j]) {
            float* row = dw[j] + static_cast<int64_t>(f) * KE;
            for (int q = 0; q < KE; ++q) row[q] += static_cast<float>(acc[q]);
          }
          if (db.size() > j && db[j]) db[j][f] += static_cast<float>(accB);
        }
      }
    }
    if (dx) {
#pragma omp parallel for schedule(static) if (big)
      for (int64_t n = 0; n < s.N; ++n) {
        float* dxt = dx + n * L * E;
        for (int f = 0; f < F; ++f) {
          const float d = dpre[n * OF + col + f];
          if (d == 0.0f) continue;
          float* win = dxt + static_cast<int64_t>(argmax[n * OF + col + f]) * E;
          const float* wr = w[j] + static_cast<int64_t>(f) * KE;
          for (int q = 0; q < KE; ++q) win[q] += d * wr[q];
        }
      }
    }
    col += F;
  }
}

}  // namespace embedlab::nn
