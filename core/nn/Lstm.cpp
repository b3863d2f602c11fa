#include "core/nn/Lstm.h"

#include <cmath>
#include <cstring>

#include "core/nn/Activations.h"
#include "core/nn/EigenMaps.h"
#include "core/nn/Linear.h"
#include "core/util/Error.h"

namespace embedlab::nn {

namespace {

void checkOptions(const LstmOptions& opt, const LstmWeights& w) {
  if (opt.input <= 0 || opt.hidden <= 0 || opt.projection < 0)
    throw Error("lstm: input and hidden sizes must be positive");
  if (!w.wIh || !w.wHh) throw Error("lstm: weight_ih and weight_hh are required");
  if (opt.projection > 0 && !w.wHr) throw Error("lstm: a projection needs weight_hr");
}

inline float clampf(float v, float lim) { return v > lim ? lim : (v < -lim ? -lim : v); }

using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;

}  // namespace

void lstmForward(const LstmOptions& opt, const LstmWeights& w, float* out, LstmCache& cache,
                 const float* x, int B, int T, const float* h0, const float* c0, float* hN,
                 float* cN) {
  checkOptions(opt, w);
  const int I = opt.input, H = opt.hidden, G = 4 * H, R = opt.outputSize();
  const bool proj = opt.projection > 0;
  const int64_t N = static_cast<int64_t>(B) * T;
  cache.B = B;
  cache.T = T;
  cache.gates.resize(N * G);
  cache.cells.resize(N * H);
  cache.hidden.resize(proj ? N * H : 0);
  cache.hPrev.resize(N * R);
  cache.c0.assign(static_cast<size_t>(B) * H, 0.0f);
  if (c0) std::memcpy(cache.c0.data(), c0, sizeof(float) * B * H);

  // All time steps' input projections at once: gates (B*T, 4H) = x W_ihᵀ + b_ih + b_hh
  float* gates = cache.gates.data();
  linearForward(gates, x, w.wIh, w.bIh, N, I, G);
  if (w.bHh) MatrixMap(gates, N, G).rowwise() += ConstRowVectorMap(w.bHh, G);

  ConstMatrixMap Whh(w.wHh, G, R);
  const int64_t strideG = static_cast<int64_t>(T) * G, strideH = static_cast<int64_t>(T) * H,
                strideR = static_cast<int64_t>(T) * R;
  for (int t = 0; t < T; ++t) {
    // hPrev[:,t] = h_{t-1}: (B,R)
    float* hp = cache.hPrev.data() + static_cast<int64_t>(t) * R;
    for (int b = 0; b < B; ++b) {
      float* dst = hp + b * strideR;
      if (t > 0)
        std::memcpy(dst, out + b * strideR + static_cast<int64_t>(t - 1) * R, sizeof(float) * R);
      else if (h0)
        std::memcpy(dst, h0 + static_cast<int64_t>(b) * R, sizeof(float) * R);
      else
        std::memset(dst, 0, sizeof(float) * R);
    }
    // gates[:,t] += h_{t-1} W_hhᵀ: (B,R)·(R,4H), rows strided by T
    StridedMap Gt(gates + static_cast<int64_t>(t) * G, B, G, Eigen::OuterStride<>(strideG));
    ConstStridedMap Hp(hp, B, R, Eigen::OuterStride<>(strideR));
    Gt.noalias() += Hp * Whh.transpose();

    // Gate non-linearities and the cell update, vectorised over the hidden units (Eigen's
    // logistic/tanh are SIMD; the scalar libm calls would cost as much as the products). They
    // are evaluated into aligned per-thread scratch and copied out: Eigen does an unaligned head
    // with its scalar functions, which round differently, and the result must not depend on
    // where a buffer was allocated.
#pragma omp parallel if (static_cast<int64_t>(B) * H > 16384)
    {
      Eigen::ArrayXf ig(H), fg(H), gg(H), og(H), cv(H), mv(H);
#pragma omp for schedule(static)
      for (int b = 0; b < B; ++b) {
        float* g = gates + b * strideG + static_cast<int64_t>(t) * G;
        const float* cp = t > 0 ? cache.cells.data() + b * strideH + static_cast<int64_t>(t - 1) * H
                                : cache.c0.data() + static_cast<int64_t>(b) * H;
        float* c = cache.cells.data() + b * strideH + static_cast<int64_t>(t) * H;
        float* m = proj ? cache.hidden.data() + b * strideH + static_cast<int64_t>(t) * H
                        : out + b * strideR + static_cast<int64_t>(t) * R;
        ig = ConstArrayMap(g, H).logistic();
        fg = ConstArrayMap(g + H, H).logistic();
        gg = ConstArrayMap(g + 2 * H, H).tanh();
        og = ConstArrayMap(g + 3 * H, H).logistic();
        cv = fg * ConstArrayMap(cp, H) + ig * gg;
        if (opt.cellClip > 0) cv = cv.min(opt.cellClip).max(-opt.cellClip);
        mv = og * cv.tanh();
        ArrayMap(g, H) = ig;
        ArrayMap(g + H, H) = fg;
        ArrayMap(g + 2 * H, H) = gg;
        ArrayMap(g + 3 * H, H) = og;
        ArrayMap(c, H) = cv;
        ArrayMap(m, H) = mv;
      }
    }
    if (proj) {
      // out[:,t] = m_t W_hrᵀ: (B,H)·(H,P)
      ConstStridedMap M(cache.hidden.data() + static_cast<int64_t>(t) * H, B, H,
                        Eigen::OuterStride<>(strideH));
      StridedMap Ot(out + static_cast<int64_t>(t) * R, B, R, Eigen::OuterStride<>(strideR));
      Ot.noalias() = M * ConstMatrixMap(w.wHr, R, H).transpose();
      if (opt.projClip > 0)
        for (int b = 0; b < B; ++b)
          for (int k = 0; k < R; ++k) Ot(b, k) = clampf(Ot(b, k), opt.projClip);
    }
  }
  if (T > 0) {
    for (int b = 0; b < B; ++b) {
      if (hN)
        std::memcpy(hN + static_cast<int64_t>(b) * R, out + b * strideR + static_cast<int64_t>(T - 1) * R,
                    sizeof(float) * R);
      if (cN)
        std::memcpy(cN + static_cast<int64_t>(b) * H,
                    cache.cells.data() + b * strideH + static_cast<int64_t>(T - 1) * H,
                    sizeof(float) * H);
    }
  } else {
    if (hN) {
      if (h0) std::memcpy(hN, h0, sizeof(float) * B * R);
      else std::memset(hN, 0, sizeof(float) * B * R);
    }
    if (cN) std::memcpy(cN, cache.c0.data(), sizeof(float) * B * H);
  }
}

void lstmBackward(const LstmOptions& opt, const LstmWeights& w, const LstmGrads& grads, float* dx,
                  const float* dout, const float* x, const float* out, const LstmCache& cache,
                  float* dh0, float* dc0) {
  checkOptions(opt, w);
  const int B = cache.B, T = cache.T;
  const int I = opt.input, H = opt.hidden, G = 4 * H, R = opt.outputSize();
  const bool proj = opt.projection > 0;
  const int64_t N = static_cast<int64_t>(B) * T;
  const int64_t strideG = static_cast<int64_t>(T) * G, strideH = static_cast<int64_t>(T) * H,
                strideR = static_cast<int64_t>(T) * R;

  std::vector<float> dGates(N * G);            // (B,T,4H) gradient of the pre-activations
  std::vector<float> dOutTotal(proj ? N * R : 0);  // (B,T,P) total gradient of each h_t
  std::vector<float> dh(static_cast<size_t>(B) * R, 0.0f);  // (B,R) from step t+1
  std::vector<float> dc(static_cast<size_t>(B) * H, 0.0f);  // (B,H) from step t+1
  std::vector<float> dm(static_cast<size_t>(B) * H);        // (B,H)
  ConstMatrixMap Whh(w.wHh, G, R);

  for (int t = T - 1; t >= 0; --t) {
    // Total gradient of h_t (B,R): the output's plus the recurrence's; then through the
    // projection (and its clipping) to m_t.
    if (proj) {
      float* dht = dOutTotal.data() + static_cast<int64_t>(t) * R;
      for (int b = 0; b < B; ++b) {
        const float* o = out + b * strideR + static_cast<int64_t>(t) * R;
        const float* d = dout + b * strideR + static_cast<int64_t>(t) * R;
        float* dst = dht + b * strideR;
        for (int k = 0; k < R; ++k) {
          float v = d[k] + dh[static_cast<int64_t>(b) * R + k];
          if (opt.projClip > 0 && std::fabs(o[k]) >= opt.projClip) v = 0.0f;  // clipped
          dst[k] = v;
        }
      }
      ConstStridedMap dHt(dht, B, R, Eigen::OuterStride<>(strideR));
      MatrixMap(dm.data(), B, H).noalias() = dHt * ConstMatrixMap(w.wHr, R, H);
    } else {
      for (int b = 0; b < B; ++b) {
        const float* d = dout + b * strideR + static_cast<int64_t>(t) * R;
        for (int k = 0; k < H; ++k)
          dm[static_cast<int64_t>(b) * H + k] = d[k] + dh[static_cast<int64_t>(b) * R + k];
      }
    }

#pragma omp parallel if (static_cast<int64_t>(B) * H > 16384)
    {
      Eigen::ArrayXf tc(H), dcv(H), dgi(H), dgf(H), dgg(H), dgo(H);  // aligned scratch (see forward)
#pragma omp for schedule(static)
      for (int b = 0; b < B; ++b) {
        const float* g = cache.gates.data() + b * strideG + static_cast<int64_t>(t) * G;
        const float* c = cache.cells.data() + b * strideH + static_cast<int64_t>(t) * H;
        const float* cp = t > 0 ? c - H : cache.c0.data() + static_cast<int64_t>(b) * H;
        float* dg = dGates.data() + b * strideG + static_cast<int64_t>(t) * G;
        ConstArrayMap ig(g, H), fg(g + H, H), gg(g + 2 * H, H), og(g + 3 * H, H), cv(c, H);
        ArrayMap dcb(dc.data() + static_cast<int64_t>(b) * H, H);
        ConstArrayMap dmb(dm.data() + static_cast<int64_t>(b) * H, H);
        tc = cv.tanh();
        dcv = dcb + dmb * og * (1.0f - tc * tc);
        if (opt.cellClip > 0) dcv = (cv.abs() >= opt.cellClip).select(0.0f, dcv);  // clipped: no gradient
        dgi = dcv * gg * ig * (1.0f - ig);
        dgf = dcv * ConstArrayMap(cp, H) * fg * (1.0f - fg);
        dgg = dcv * ig * (1.0f - gg * gg);
        dgo = dmb * tc * og * (1.0f - og);
        ArrayMap(dg, H) = dgi;
        ArrayMap(dg + H, H) = dgf;
        ArrayMap(dg + 2 * H, H) = dgg;
        ArrayMap(dg + 3 * H, H) = dgo;
        dcb = dcv * fg;  // to c_{t-1}
      }
    }
    // to h_{t-1}: (B,4H)·(4H,R)
    ConstStridedMap dGt(dGates.data() + static_cast<int64_t>(t) * G, B, G,
                        Eigen::OuterStride<>(strideG));
    MatrixMap(dh.data(), B, R).noalias() = dGt * Whh;
  }

  // Weight gradients of all time steps in single products.
  if (grads.wHh)
    MatrixMap(grads.wHh, G, R).noalias() +=
        ConstMatrixMap(dGates.data(), N, G).transpose() * ConstMatrixMap(cache.hPrev.data(), N, R);
  linearBackward(dx, grads.wIh, grads.bIh, dGates.data(), x, w.wIh, N, I, G);
  if (grads.bHh) addColumnSums(grads.bHh, dGates.data(), N, G);
  if (proj && grads.wHr)
    MatrixMap(grads.wHr, R, H).noalias() += ConstMatrixMap(dOutTotal.data(), N, R).transpose() *
                                            ConstMatrixMap(cache.hidden.data(), N, H);
  if (dh0) std::memcpy(dh0, dh.data(), sizeof(float) * B * R);
  if (dc0) std::memcpy(dc0, dc.data(), sizeof(float) * B * H);
}

}  // namespace embedlab::nn
