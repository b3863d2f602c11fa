#include "core/nn/Attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/nn/Dropout.h"
#include "core/nn/EigenMaps.h"
#include "core/nn/Gemm.h"
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
      const float* q = qkv + static_cast<int64_t>(b) * T * C3 + h * hs;
      const float* k = q + C;
      const float* v = q + 2 * C;
      float* P = att + (static_cast<int64_t>(b) * NH + h) * T * T;
      gemm(T, T, hs, rowMajor(q, C3), transposed(k, C3), P, T, false, nullptr, scale);  // P = Q Kᵀ / √hs
      const int32_t* m = mask ? mask + static_cast<int64_t>(b) * T : nullptr;
      thread_local Eigen::ArrayXf e;
      if (e.size() != T) e.resize(T);
      for (int i = 0; i < T; ++i) {
        float* row = P + static_cast<int64_t>(i) * T;
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
      float* o = out + static_cast<int64_t>(b) * T * C + h * hs;  // (T,hs), row stride C
      if (drop) {
        const int64_t pair = static_cast<int64_t>(b) * NH + h;
        thread_local std::vector<float> Pd;
        Pd.resize(static_cast<size_t>(T) * T);
        dropoutForward(Pd.data(), dropout->mask + pair * T * T, P, static_cast<int64_t>(T) * T, dropout->p,
                       dropout->seed * 1000003ull + static_cast<uint64_t>(pair), true);
        gemm(T, hs, T, rowMajor(Pd.data(), T), rowMajor(v, C3), o, C, false);  // out = Pd V
      } else {
        gemm(T, hs, T, rowMajor(P, T), rowMajor(v, C3), o, C, false);  // out = P V
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
      // Q,K,V and dQ,dK,dV: (T,hs) columns of qkv / dqkv, row stride 3C.   P: (T,T)
      const float* q = qkv + off;
      const float* k = q + C;
      const float* v = q + 2 * C;
      float* dq = dqkv + off;
      float* dk = dq + C;
      float* dv = dq + 2 * C;
      const float* P = att + (static_cast<int64_t>(b) * NH + h) * T * T;
      const float* dO = dout + static_cast<int64_t>(b) * T * C + h * hs;  // (T,hs), row stride C
      const int64_t TT = static_cast<int64_t>(T) * T;
      // out = P V:  dV += Pᵀ dO,  dP = dO Vᵀ
      thread_local std::vector<float> dS, Pd;  // (T,T)
      dS.resize(static_cast<size_t>(TT));
      gemm(T, T, hs, rowMajor(dO, C), transposed(v, C3), dS.data(), T, false);  // becomes d scores
      if (drop) {
        // out = Pd V with Pd = P ⊙ M / (1-p):  dV += Pdᵀ dO,  dP = dPd ⊙ M / (1-p)
        const uint8_t* m = dropout->mask + (static_cast<int64_t>(b) * NH + h) * TT;
        Pd.resize(static_cast<size_t>(TT));
        for (int64_t i = 0; i < TT; ++i) {
          const float keep = m[i] ? keepScale : 0.0f;
          Pd[i] = P[i] * keep;
          dS[i] *= keep;
        }
        gemm(T, hs, T, transposed(Pd.data(), T), rowMajor(dO, C), dv, C3, true);
      } else {
        gemm(T, hs, T, transposed(P, T), rowMajor(dO, C), dv, C3, true);
      }
      // softmax: dS_ij = P_ij (dP_ij - Σ_k P_ik dP_ik), then the 1/√hs of the scores
      for (int i = 0; i < T; ++i) {
        const float* p = P + static_cast<int64_t>(i) * T;
        float* d = dS.data() + static_cast<int64_t>(i) * T;
        double dot = 0;
        for (int j = 0; j < T; ++j) dot += static_cast<double>(p[j]) * d[j];
        const float dotf = static_cast<float>(dot);
        for (int j = 0; j < T; ++j) d[j] = p[j] * (d[j] - dotf) * scale;
      }
      // S = Q Kᵀ:  dQ += dS K,  dK += dSᵀ Q
      gemm(T, hs, T, rowMajor(dS.data(), T), rowMajor(k, C3), dq, C3, true);
      gemm(T, hs, T, transposed(dS.data(), T), rowMajor(q, C3), dk, C3, true);
    }
  }
}

}  // namespace embedlab::nn
