#include "core/nn/TransformerLayer.h"

#include <algorithm>
#include <cstring>

#include "core/nn/Activations.h"
#include "core/nn/Attention.h"
#include "core/nn/Dropout.h"
#include "core/nn/Gemm.h"
#include "core/nn/LayerNorm.h"
#include "core/nn/Linear.h"

namespace embedlab::nn {

namespace {

// The q, k and v projections write their column blocks of the packed (N,3C) buffer directly.
void projectQkv(float* qkv, const float* x, const TransformerLayerWeights& w, int64_t N, int C) {
  const float* ws[3] = {w.wq, w.wk, w.wv};
  const float* bs[3] = {w.bq, w.bk, w.bv};
  for (int part = 0; part < 3; ++part)
    gemm(N, C, C, rowMajor(x, C), transposed(ws[part], C), qkv + part * C, 3 * C, false, bs[part]);
}

}  // namespace

void transformerLayerForward(const TransformerLayerShape& s, const TransformerLayerWeights& w,
                             float* out, TransformerLayerActs& a, const float* x,
                             const int32_t* mask, bool training, uint64_t seed) {
  const int C = s.C, FF = s.FF;
  const int64_t N = static_cast<int64_t>(s.B) * s.T;
  a.qkv.resize(N * 3 * C);
  a.att.resize(static_cast<size_t>(s.B) * s.NH * s.T * s.T);
  a.ctx.resize(N * C);
  a.attnOut.resize(N * C);
  a.drop1.resize(N * C);
  a.res1.resize(N * C);
  a.h1.resize(N * C);
  a.ln1Mean.resize(N);
  a.ln1Rstd.resize(N);
  a.ffnPre.resize(N * FF);
  a.ffnAct.resize(N * FF);
  a.ffnOut.resize(N * C);
  a.drop2.resize(N * C);
  a.res2.resize(N * C);
  a.ln2Mean.resize(N);
  a.ln2Rstd.resize(N);

  projectQkv(a.qkv.data(), x, w, N, C);
  a.seed = seed;
  AttentionDropout attDrop;
  if (training && s.attentionDropout > 0.0f) {
    a.attDrop.resize(a.att.size());
    attDrop = {s.attentionDropout, seed * 4 + 3, true, a.attDrop.data()};
  }
  attentionForward(a.ctx.data(), a.att.data(), a.qkv.data(), mask, s.B, s.T, C, s.NH, &attDrop);
  // attention output projection (into res1 as scratch), dropout, residual, LayerNorm 1
  linearForward(a.res1.data(), a.ctx.data(), w.wo, w.bo, N, C, C);
  dropoutForward(a.attnOut.data(), a.drop1.data(), a.res1.data(), N * C, s.dropout, seed * 4 + 1, training);
  residualForward(a.res1.data(), x, a.attnOut.data(), N * C);
  layerNormForward(a.h1.data(), a.ln1Mean.data(), a.ln1Rstd.data(), a.res1.data(), w.ln1w, w.ln1b, N, C, s.lnEps);
  // feed-forward
  linearForward(a.ffnPre.data(), a.h1.data(), w.w1, w.b1, N, C, FF);
  if (s.geluTanh)
    geluTanhForward(a.ffnAct.data(), a.ffnPre.data(), N * FF);
  else
    geluForward(a.ffnAct.data(), a.ffnPre.data(), N * FF);
  linearForward(a.res2.data(), a.ffnAct.data(), w.w2, w.b2, N, FF, C);
  dropoutForward(a.ffnOut.data(), a.drop2.data(), a.res2.data(), N * C, s.dropout, seed * 4 + 2, training);
  residualForward(a.res2.data(), a.h1.data(), a.ffnOut.data(), N * C);
  layerNormForward(out, a.ln2Mean.data(), a.ln2Rstd.data(), a.res2.data(), w.ln2w, w.ln2b, N, C, s.lnEps);
}

void transformerLayerBackward(const TransformerLayerShape& s, const TransformerLayerWeights& w,
                              const TransformerLayerGrads& g, float* dx, const float* dout,
                              const float* x, const TransformerLayerActs& a, bool training) {
  const int C = s.C, FF = s.FF;
  const int64_t N = static_cast<int64_t>(s.B) * s.T;
  // Scratch of this thread, kept between calls: fresh vectors of a batch's size each call went
  // to mmap and back, and the page faults cost more than the element-wise work here.
  thread_local std::vector<float> dRes2, dH1, dF, dAct, dPre, dQkv;
  const auto zeroed = [](std::vector<float>& v, int64_t n) {
    v.resize(static_cast<size_t>(n));
    std::fill(v.begin(), v.end(), 0.0f);
  };
  zeroed(dRes2, N * C);
  dH1.resize(static_cast<size_t>(N * C));  // a copy of dRes2 below
  zeroed(dF, N * C);
  zeroed(dAct, N * FF);
  zeroed(dPre, N * FF);
  // out = LN2(res2), res2 = h1 + drop(f)
  layerNormBackward(dRes2.data(), g.ln2w, g.ln2b, dout, a.res2.data(), w.ln2w, a.ln2Mean.data(),
                    a.ln2Rstd.data(), N, C);
  for (int64_t i = 0; i < N * C; ++i) dH1[i] = dRes2[i];
  dropoutBackward(dF.data(), dRes2.data(), a.drop2.data(), N * C, s.dropout, training);
  // f = act W2ᵀ + b2;  act = GELU(pre);  pre = h1 W1ᵀ + b1
  linearBackward(dAct.data(), g.w2, g.b2, dF.data(), a.ffnAct.data(), w.w2, N, FF, C);
  if (s.geluTanh)
    geluTanhBackward(dPre.data(), dAct.data(), a.ffnPre.data(), N * FF);
  else
    geluBackward(dPre.data(), dAct.data(), a.ffnPre.data(), N * FF);
  linearBackward(dH1.data(), g.w1, g.b1, dPre.data(), a.h1.data(), w.w1, N, C, FF);
  // h1 = LN1(res1), res1 = x + drop(ctx Woᵀ + bo)
  std::vector<float>& dRes1 = dRes2;  // reuse
  std::fill(dRes1.begin(), dRes1.end(), 0.0f);
  layerNormBackward(dRes1.data(), g.ln1w, g.ln1b, dH1.data(), a.res1.data(), w.ln1w,
                    a.ln1Mean.data(), a.ln1Rstd.data(), N, C);
  for (int64_t i = 0; i < N * C; ++i) dx[i] += dRes1[i];
  std::vector<float>& dProj = dF;  // reuse: gradient of the projection before dropout
  std::fill(dProj.begin(), dProj.end(), 0.0f);
  dropoutBackward(dProj.data(), dRes1.data(), a.drop1.data(), N * C, s.dropout, training);
  std::vector<float>& dCtx = dH1;  // reuse
  std::fill(dCtx.begin(), dCtx.end(), 0.0f);
  linearBackward(dCtx.data(), g.wo, g.bo, dProj.data(), a.ctx.data(), w.wo, N, C, C);
  // attention, then the three projections from their column blocks of dqkv
  zeroed(dQkv, N * 3 * C);
  AttentionDropout attDrop;
  if (training && s.attentionDropout > 0.0f)
    attDrop = {s.attentionDropout, a.seed * 4 + 3, true, const_cast<uint8_t*>(a.attDrop.data())};
  attentionBackward(dQkv.data(), dCtx.data(), a.qkv.data(), a.att.data(), s.B, s.T, C, s.NH, &attDrop);
  const float* ws[3] = {w.wq, w.wk, w.wv};
  float* dws[3] = {g.wq, g.wk, g.wv};
  float* dbs[3] = {g.bq, g.bk, g.bv};
  const int64_t C3 = 3 * static_cast<int64_t>(C);
  for (int part = 0; part < 3; ++part) {
    // dP: (N,C), the part's columns of dQkv (row stride 3C)
    const float* dP = dQkv.data() + part * C;
    gemm(N, C, C, rowMajor(dP, C3), rowMajor(ws[part], C), dx, C, true);              // dx += dP·W
    if (dws[part]) gemm(C, C, N, transposed(dP, C3), rowMajor(x, C), dws[part], C, true);  // dW += dPᵀ·x
    if (dbs[part]) {
      std::vector<double> acc(static_cast<size_t>(C), 0.0);
      for (int64_t n = 0; n < N; ++n)
        for (int c = 0; c < C; ++c) acc[c] += dP[n * C3 + c];
      for (int c = 0; c < C; ++c) dbs[part][c] += static_cast<float>(acc[c]);
    }
  }
}

}  // namespace embedlab::nn
