#include "core/nn/Attention.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/nn/Dropout.h"
#include "core/nn/EigenMaps.h"
#include "core/util/Error.h"

namespace embedlab::nn {

void attentionForward(float* out, float* att, const float* qkv, const int32_t* mask, int B, int T,
                      int C, int NH, const AttentionDropout* dropout) {
  const bool drop = dropout && dropout->active();
  if (NH <= 0 || C % NH != 0) throw Error("attention: hidden size not divisible by the heads");
  const int hs = C / NH;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
  const int64_t C3 = 3 * static_cast<int64_t>(C);
#pragma omp parallel for schedule(dynamic, 1) collapse(2) if (int64_t(B) * NH * T * T * hs > (1 << 16))
  for (int b = 0; b < B; ++b) {
    for (int h = 0; h < NH; ++h) {
      // Q,K,V: (T,hs) columns of qkv, row stride 3C.   P: (T,T)
      const float* base = qkv + static_cast<int64_t>(b) * T * C3 + h * hs;
      ConstStridedMap Q(base, T, hs, Eigen::OuterStride<>(C3));
      ConstStridedMap K(base + C, T, hs, Eigen::OuterStride<>(C3));
      ConstStridedMap V(base + 2 * C, T, hs, Eigen::OuterStride<>(C3));
      MatrixMap P(att + (static_cast<int64_t>(b) * NH + h) * T * T, T, T);
      P.noalias() = (Q * K.transpose()) * scale;
      const int32_t* m = mask ? mask + static_cast<int64_t>(b) * T : nullptr;
      Eigen::ArrayXf e(T);
      for (int i = 0; i < T; ++i) {
        float* row = P.data() + static_cast<int64_t>(i) * T;
        // Padded keys become -inf, whose exp is exactly 0.
        if (m)
          for (int j = 0; j < T; ++j)
            if (!m[j]) row[j] = -std::numeric_limits<float>::infinity();
        const float mx = Eigen::Map<const Eigen::ArrayXf>(row, T).maxCoeff();
        if (mx == -std::numeric_limits<float>::infinity()) {
          for (int j = 0; j < T; ++j) row[j] = 1.0f / T;  // no real key: uniform, as HF
          continue;
        }
        // Vectorised exp into aligned scratch (see CrossEntropy.cpp: results must not depend on
        // the alignment of a row); exp(-inf) = 0 for the padded keys.
        e = (Eigen::Map<const Eigen::ArrayXf>(row, T) - mx).exp();
        const double s = e.cast<double>().sum();
        const float inv = static_cast<float>(1.0 / s);
        for (int j = 0; j < T; ++j) row[j] = e[j] * inv;
      }
      StridedMap O(out + static_cast<int64_t>(b) * T * C + h * hs, T, hs, Eigen::OuterStride<>(C));
      if (drop) {
        const int64_t pair = static_cast<int64_t>(b) * NH + h;
        RowMatrix Pd(T, T);
        dropoutForward(Pd.data(), dropout->mask + pair * T * T, P.data(), static_cast<int64_t>(T) * T,
                       dropout->p, dropout->seed * 1000003ull + static_cast<uint64_t>(pair), true);
        O.noalias() = Pd * V;
      } else {
        O.noalias() = P * V;
      }
    }
  }
}

void attentionBackward(float* dqkv, const float* dout, const float* qkv, const float* att, int B,
                       int T, int C, int NH, const AttentionDropout* dropout) {
  const bool drop = dropout && dropout->active();
  const float keepScale = drop ? 1.0f / (1.0f - dropout->p) : 1.0f;
  const int hs = C / NH;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
  const int64_t C3 = 3 * static_cast<int64_t>(C);
#pragma omp parallel for schedule(dynamic, 1) collapse(2) if (int64_t(B) * NH * T * T * hs > (1 << 16))
  for (int b = 0; b < B; ++b) {
    for (int h = 0; h < NH; ++h) {
      const int64_t off = static_cast<int64_t>(b) * T * C3 + h * hs;
      ConstStridedMap Q(qkv + off, T, hs, Eigen::OuterStride<>(C3));
      ConstStridedMap K(qkv + off + C, T, hs, Eigen::OuterStride<>(C3));
      ConstStridedMap V(qkv + off + 2 * C, T, hs, Eigen::OuterStride<>(C3));
      StridedMap dQ(dqkv + off, T, hs, Eigen::OuterStride<>(C3));
      StridedMap dK(dqkv + off + C, T, hs, Eigen::OuterStride<>(C3));
      StridedMap dV(dqkv + off + 2 * C, T, hs, Eigen::OuterStride<>(C3));
      ConstMatrixMap P(att + (static_cast<int64_t>(b) * NH + h) * T * T, T, T);
      ConstStridedMap dO(dout + static_cast<int64_t>(b) * T * C + h * hs, T, hs,
                         Eigen::OuterStride<>(C));
      // out = P V:  dV += Pᵀ dO,  dP = dO Vᵀ
      RowMatrix dS = dO * V.transpose();  // (T,T), becomes the gradient of the scaled scores
      if (drop) {
        // out = Pd V with Pd = P ⊙ M / (1-p):  dV += Pdᵀ dO,  dP = dPd ⊙ M / (1-p)
        const uint8_t* m = dropout->mask + (static_cast<int64_t>(b) * NH + h) * T * T;
        RowMatrix Pd(T, T);
        for (int64_t k = 0; k < static_cast<int64_t>(T) * T; ++k) {
          const float keep = m[k] ? keepScale : 0.0f;
          Pd.data()[k] = P.data()[k] * keep;
          dS.data()[k] *= keep;
        }
        dV.noalias() += Pd.transpose() * dO;
      } else {
        dV.noalias() += P.transpose() * dO;
      }
      // softmax: dS_ij = P_ij (dP_ij - Σ_k P_ik dP_ik), then the 1/√hs of the scores
      for (int i = 0; i < T; ++i) {
        const float* p = P.data() + static_cast<int64_t>(i) * T;
        float* d = dS.data() + static_cast<int64_t>(i) * T;
        double dot = 0;
        for (int j = 0; j < T; ++j) dot += static_cast<double>(p[j]) * d[j];
        const float dotf = static_cast<float>(dot);
        for (int j = 0; j < T; ++j) d[j] = p[j] * (d[j] - dotf) * scale;
      }
      // S = Q Kᵀ:  dQ += dS K,  dK += dSᵀ Q
      dQ.noalias() += dS * K;
      dK.noalias() += dS.transpose() * Q;
    }
  }
}

}  // namespace embedlab::nn
