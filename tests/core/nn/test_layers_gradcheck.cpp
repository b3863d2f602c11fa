// Every backward pass of core/nn against central finite differences of a scalar loss
// (loss = Σ out ⊙ R with a fixed random R, or the cross-entropy itself), plus the optimizers and
// gradient clipping against hand-computed values.
#include <QtTest>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/nn/Activations.h"
#include "core/nn/AdamW.h"
#include "core/nn/Attention.h"
#include "core/nn/CharCnn.h"
#include "core/nn/CrossEntropy.h"
#include "core/nn/Dropout.h"
#include "core/nn/Embedding.h"
#include "core/nn/GradCheck.h"
#include "core/nn/Highway.h"
#include "core/nn/LayerNorm.h"
#include "core/nn/Linear.h"
#include "core/nn/Lstm.h"
#include "core/nn/ParameterStore.h"
#include "core/nn/SampledSoftmax.h"
#include "core/nn/ScalarMix.h"
#include "core/nn/Sgd.h"
#include "core/util/Error.h"

using namespace embedlab;
using namespace embedlab::nn;
using Vec = std::vector<float>;

namespace {

Vec randn(size_t n, float scale, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, scale);
  Vec v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

double dotLoss(const Vec& out, const Vec& r) {
  double s = 0;
  for (size_t i = 0; i < out.size(); ++i) s += static_cast<double>(out[i]) * r[i];
  return s;
}

constexpr double kTol = 1e-3;

void expectGrad(const char* what, Vec& x, const Vec& analytic, const std::function<double()>& loss,
                GradCheckOptions opt = {}) {
  const GradCheckResult r = checkGradient(x.data(), analytic.data(), static_cast<int64_t>(x.size()), loss, opt);
  const std::string msg = std::string(what) + ": relative error " + std::to_string(r.relError) +
                          " over " + std::to_string(r.checked) + " entries (|num| " +
                          std::to_string(r.numericNorm) + ")";
  QVERIFY2(r.numericNorm > 1e-6, (msg + " -- the gradient is trivially zero").c_str());
  QVERIFY2(r.relError < kTol, msg.c_str());
}

}  // namespace

class TestLayersGradcheck : public QObject {
  Q_OBJECT

 private slots:
  void linear() {
    const int N = 6, C = 5, OC = 4;
    Vec x = randn(N * C, 1, 1), w = randn(OC * C, 0.5f, 2), b = randn(OC, 0.5f, 3), R = randn(N * OC, 1, 4);
    Vec out(N * OC);
    auto loss = [&] { linearForward(out.data(), x.data(), w.data(), b.data(), N, C, OC); return dotLoss(out, R); };
    loss();
    Vec dx(N * C), dw(OC * C), db(OC);
    linearBackward(dx.data(), dw.data(), db.data(), R.data(), x.data(), w.data(), N, C, OC);
    expectGrad("linear x", x, dx, loss);
    expectGrad("linear w", w, dw, loss);
    expectGrad("linear b", b, db, loss);
  }

  void embedding() {
    const int V = 7, C = 4, N = 6;
    const std::vector<int32_t> ids = {3, 0, 3, 6, 1, 3};  // repeated ids collect all uses
    Vec table = randn(V * C, 1, 5), R = randn(N * C, 1, 6), out(N * C);
    auto loss = [&] { embeddingForward(out.data(), ids.data(), table.data(), N, V, C); return dotLoss(out, R); };
    loss();
    Vec dtable(V * C);
    embeddingBackward(dtable.data(), R.data(), ids.data(), N, V, C);
    expectGrad("embedding table", table, dtable, loss);
    const std::vector<int32_t> bad = {7};
    QVERIFY_THROWS_EXCEPTION(Error, embeddingForward(out.data(), bad.data(), table.data(), 1, V, C));
  }

  void layerNorm() {
    const int N = 4, C = 8;
    Vec x = randn(N * C, 1.5f, 7), w = randn(C, 1, 8), b = randn(C, 1, 9), R = randn(N * C, 1, 10);
    Vec out(N * C), mean(N), rstd(N);
    auto loss = [&] {
      layerNormForward(out.data(), mean.data(), rstd.data(), x.data(), w.data(), b.data(), N, C, 1e-5f);
      return dotLoss(out, R);
    };
    loss();
    Vec dx(N * C), dw(C), db(C);
    layerNormBackward(dx.data(), dw.data(), db.data(), R.data(), x.data(), w.data(), mean.data(), rstd.data(), N, C);
    expectGrad("layernorm x", x, dx, loss);
    expectGrad("layernorm w", w, dw, loss);
    expectGrad("layernorm b", b, db, loss);
    // normalised rows: mean 0, variance 1 before the affine part
    Vec ones(C, 1.0f), zeros(C, 0.0f);
    layerNormForward(out.data(), mean.data(), rstd.data(), x.data(), ones.data(), zeros.data(), N, C, 1e-12f);
    double s = 0, s2 = 0;
    for (int c = 0; c < C; ++c) { s += out[c]; s2 += out[c] * out[c]; }
    QVERIFY(std::fabs(s / C) < 1e-6);
    QVERIFY(std::fabs(s2 / C - 1) < 1e-5);
  }

  void elementwise() {
    const int n = 40;
    Vec x = randn(n, 1.5f, 11), R = randn(n, 1, 12), out(n);
    struct Case {
      const char* name;
      std::function<void()> fwd;
      std::function<void(Vec&)> bwd;
    };
    const std::vector<Case> cases = {
        {"gelu (erf)", [&] { geluForward(out.data(), x.data(), n); },
         [&](Vec& dx) { geluBackward(dx.data(), R.data(), x.data(), n); }},
        {"gelu (tanh)", [&] { geluTanhForward(out.data(), x.data(), n); },
         [&](Vec& dx) { geluTanhBackward(dx.data(), R.data(), x.data(), n); }},
        {"tanh", [&] { tanhForward(out.data(), x.data(), n); },
         [&](Vec& dx) { tanhBackward(dx.data(), R.data(), out.data(), n); }},
    };
    for (const auto& c : cases) {
      auto loss = [&] { c.fwd(); return dotLoss(out, R); };
      loss();
      Vec dx(n);
      c.bwd(dx);
      expectGrad(c.name, x, dx, loss, {1e-3, 0});
    }
    // exact GELU values (erf form): gelu(1) = 0.841344746, gelu(-1) = -0.158655254
    const float xs[2] = {1.0f, -1.0f};
    float ys[2];
    geluForward(ys, xs, 2);
    QVERIFY(std::fabs(ys[0] - 0.841344746f) < 1e-6f);
    QVERIFY(std::fabs(ys[1] + 0.158655254f) < 1e-6f);
    // residual: both inputs get the gradient
    Vec a = randn(n, 1, 13), b2 = randn(n, 1, 14), da(n), db(n);
    residualForward(out.data(), a.data(), b2.data(), n);
    QCOMPARE(out[3], a[3] + b2[3]);
    residualBackward(da.data(), db.data(), R.data(), n);
    QVERIFY(da == R && db == R);
  }

  void softmaxCrossEntropy() {
    const int N = 6, V = 5;
    Vec logits = randn(N * V, 2, 15), probs(N * V);
    const std::vector<int32_t> targets = {1, kIgnoreIndex, 4, 0, kIgnoreIndex, 2};
    auto loss = [&] {
      return softmaxCrossEntropyForward(probs.data(), logits.data(), targets.data(), N, V).loss;
    };
    const auto r = softmaxCrossEntropyForward(probs.data(), logits.data(), targets.data(), N, V);
    QCOMPARE(r.labelled, int64_t(4));
    // the mean over labelled rows, by hand
    double expected = 0;
    for (int n = 0; n < N; ++n) {
      if (targets[n] == kIgnoreIndex) continue;
      double z = 0;
      for (int v = 0; v < V; ++v) z += std::exp(double(logits[n * V + v]));
      expected += std::log(z) - logits[n * V + targets[n]];
    }
    QVERIFY(std::fabs(r.loss - expected / 4) < 1e-5);
    Vec dlogits(N * V);
    softmaxCrossEntropyBackward(dlogits.data(), probs.data(), targets.data(), N, V, r.labelled);
    expectGrad("softmax cross-entropy logits", logits, dlogits, loss, {1e-3, 0});
    for (int v = 0; v < V; ++v) QCOMPARE(dlogits[1 * V + v], 0.0f);  // ignored row
    const std::vector<int32_t> bad = {9};
    QVERIFY_THROWS_EXCEPTION(Error, softmaxCrossEntropyForward(probs.data(), logits.data(), bad.data(), 1, V));
  }

  void attentionWithPaddingMask() {
    const int B = 2, T = 4, C = 8, NH = 2;
    Vec qkv = randn(B * T * 3 * C, 1, 16), R = randn(B * T * C, 1, 17);
    // second sequence: 2 real tokens. (Built by a loop: Debian's GCC 12.2 with AVX-512 turns the
    // initializer list {1,1,1,1,1,1,0,0} into a broadcast of 1 after a vectorised loop.)
    std::vector<int32_t> mask(B * T, 1);
    mask[1 * T + 2] = mask[1 * T + 3] = 0;
    Vec out(B * T * C), att(B * NH * T * T);
    auto loss = [&] {
      attentionForward(out.data(), att.data(), qkv.data(), mask.data(), B, T, C, NH);
      return dotLoss(out, R);
    };
    loss();
    // probabilities: rows sum to 1, padded keys get exactly 0
    for (int b = 0; b < B; ++b)
      for (int h = 0; h < NH; ++h)
        for (int i = 0; i < T; ++i) {
          const float* row = att.data() + ((b * NH + h) * T + i) * T;
          double s = 0;
          for (int j = 0; j < T; ++j) s += row[j];
          QVERIFY(std::fabs(s - 1) < 1e-5);
          if (b == 1) QVERIFY(row[2] == 0.0f && row[3] == 0.0f);
        }
    Vec dqkv(qkv.size());
    attentionBackward(dqkv.data(), R.data(), qkv.data(), att.data(), B, T, C, NH);
    expectGrad("attention qkv", qkv, dqkv, loss, {1e-3, 0});
    // padded keys and values of sequence 1 receive no gradient
    for (int t = 2; t < 4; ++t)
      for (int c = C; c < 3 * C; ++c) QCOMPARE(dqkv[(1 * T + t) * 3 * C + c], 0.0f);

    // with dropout on the probabilities (a fixed mask for a fixed seed)
    std::vector<uint8_t> dropMask(att.size());
    AttentionDropout drop{0.3f, 7, true, dropMask.data()};
    auto lossDrop = [&] {
      attentionForward(out.data(), att.data(), qkv.data(), mask.data(), B, T, C, NH, &drop);
      return dotLoss(out, R);
    };
    lossDrop();
    int dropped = 0;
    for (uint8_t m : dropMask) dropped += m == 0;
    QVERIFY(dropped > 0);
    Vec dqkvDrop(qkv.size());
    attentionBackward(dqkvDrop.data(), R.data(), qkv.data(), att.data(), B, T, C, NH, &drop);
    expectGrad("attention qkv (probability dropout)", qkv, dqkvDrop, lossDrop, {1e-3, 0});
  }

  void lstm() { runLstm(0, 0.0f, 0.0f, "lstm"); }
  void lstmpClippingInactive() { runLstm(3, 50.0f, 50.0f, "lstmp"); }
  void lstmpClippingActive() {
    // With binding bounds every cell and output stays inside them. (No finite-difference check
    // here: a step that crosses a bound measures the kink, not the gradient.)
    LstmOptions opt;
    opt.input = 3;
    opt.hidden = 5;
    opt.projection = 3;
    opt.cellClip = 0.3f;
    opt.projClip = 0.15f;
    const int B = 2, T = 6, H = 5, P = 3, I = 3;
    Vec x = randn(B * T * I, 2, 81), wIh = randn(4 * H * I, 1, 82), wHh = randn(4 * H * P, 1, 83),
        wHr = randn(P * H, 1, 84), out(B * T * P);
    LstmWeights w;
    w.wIh = wIh.data();
    w.wHh = wHh.data();
    w.wHr = wHr.data();
    LstmCache cache;
    lstmForward(opt, w, out.data(), cache, x.data(), B, T);
    int atCellBound = 0, atProjBound = 0;
    for (float c : cache.cells) {
      QVERIFY(std::fabs(c) <= 0.3f);
      atCellBound += std::fabs(c) == 0.3f;
    }
    for (float o : out) {
      QVERIFY(std::fabs(o) <= 0.15f);
      atProjBound += std::fabs(o) == 0.15f;
    }
    QVERIFY(atCellBound > 0 && atProjBound > 0);
    // clipped entries pass no gradient: an output pinned at its bound has zero weight on dout
    Vec dx(x.size()), dwIh(wIh.size()), dwHh(wHh.size()), dwHr(wHr.size());
    LstmGrads g{dwIh.data(), dwHh.data(), nullptr, nullptr, dwHr.data()};
    Vec dout(out.size(), 0.0f);
    for (size_t i = 0; i < out.size(); ++i)
      if (std::fabs(out[i]) == 0.15f) dout[i] = 1.0f;
    lstmBackward(opt, w, g, dx.data(), dout.data(), x.data(), out.data(), cache);
    for (float v : dx) QCOMPARE(v, 0.0f);
  }

private:
  void runLstm(int P, float cellClip, float projClip, const char* name, double step = 1e-2) {
    LstmOptions opt;
    opt.input = 3;
    opt.hidden = 5;
    opt.projection = P;
    opt.cellClip = cellClip;
    opt.projClip = projClip;
    const int B = 2, T = 4, H = opt.hidden, R = opt.outputSize(), I = opt.input;
    Vec x = randn(B * T * I, 1, 18), wIh = randn(4 * H * I, 0.6f, 19), wHh = randn(4 * H * R, 0.6f, 20),
        bIh = randn(4 * H, 0.3f, 21), bHh = randn(4 * H, 0.3f, 22), wHr = randn(P * H, 0.6f, 23),
        h0 = randn(B * R, 0.3f, 24), c0 = randn(B * H, 0.3f, 25), Rr = randn(B * T * R, 1, 26);
    Vec out(B * T * R), hN(B * R), cN(B * H), Rh = randn(B * R, 1, 27), Rc = randn(B * H, 1, 28);
    LstmCache cache;
    auto weights = [&] {
      LstmWeights w;
      w.wIh = wIh.data(); w.wHh = wHh.data(); w.bIh = bIh.data(); w.bHh = bHh.data();
      w.wHr = P ? wHr.data() : nullptr;
      return w;
    };
    auto loss = [&] {
      lstmForward(opt, weights(), out.data(), cache, x.data(), B, T, h0.data(), c0.data(), hN.data(), cN.data());
      return dotLoss(out, Rr);
    };
    loss();
    Vec dx(x.size()), dwIh(wIh.size()), dwHh(wHh.size()), dbIh(bIh.size()), dbHh(bHh.size()),
        dwHr(wHr.size()), dh0(h0.size()), dc0(c0.size());
    LstmGrads g{dwIh.data(), dwHh.data(), dbIh.data(), dbHh.data(), P ? dwHr.data() : nullptr};
    lstmBackward(opt, weights(), g, dx.data(), Rr.data(), x.data(), out.data(), cache, dh0.data(), dc0.data());
    if (cellClip > 0 && cellClip < 1) {
      int clipped = 0;
      for (float c : cache.cells) clipped += std::fabs(c) >= cellClip;
      QVERIFY2(clipped > 0, "the clipping case must actually clip");
    }
    const GradCheckOptions o{step, 0};
    expectGrad((std::string(name) + " x").c_str(), x, dx, loss, o);
    expectGrad((std::string(name) + " weight_ih").c_str(), wIh, dwIh, loss, o);
    expectGrad((std::string(name) + " weight_hh").c_str(), wHh, dwHh, loss, o);
    expectGrad((std::string(name) + " bias_ih").c_str(), bIh, dbIh, loss, o);
    expectGrad((std::string(name) + " bias_hh").c_str(), bHh, dbHh, loss, o);
    expectGrad((std::string(name) + " h0").c_str(), h0, dh0, loss, o);
    expectGrad((std::string(name) + " c0").c_str(), c0, dc0, loss, o);
    if (P) expectGrad((std::string(name) + " weight_hr").c_str(), wHr, dwHr, loss, o);
    // final state = last output / last cell
    QCOMPARE(hN[R + 1], out[(1 * T + T - 1) * R + 1]);
  }

 private slots:

  void charCnn() {
    for (Activation act : {Activation::Tanh, Activation::Relu}) {
      CharCnnShape s;
      s.N = 3;
      s.L = 6;
      s.E = 4;
      s.filters = {{1, 3}, {2, 4}, {3, 2}};
      s.activation = act;
      const int OF = s.outputSize();
      QCOMPARE(OF, 9);
      Vec x = randn(s.N * s.L * s.E, 1, 29), R = randn(s.N * OF, 1, 30);
      std::vector<Vec> w, b;
      for (size_t j = 0; j < s.filters.size(); ++j) {
        w.push_back(randn(s.filters[j].count * s.filters[j].width * s.E, 0.5f, 31 + j));
        b.push_back(randn(s.filters[j].count, 0.5f, 41 + j));
      }
      Vec out(s.N * OF);
      std::vector<int32_t> argmax(s.N * OF);
      auto ptrs = [&] {
        std::vector<const float*> wp, bp;
        for (size_t j = 0; j < w.size(); ++j) { wp.push_back(w[j].data()); bp.push_back(b[j].data()); }
        return std::make_pair(wp, bp);
      };
      auto loss = [&] {
        auto [wp, bp] = ptrs();
        charCnnForward(out.data(), argmax.data(), x.data(), wp, bp, s);
        return dotLoss(out, R);
      };
      loss();
      Vec dx(x.size());
      std::vector<Vec> dw, db;
      std::vector<float*> dwp, dbp;
      for (size_t j = 0; j < w.size(); ++j) {
        dw.emplace_back(w[j].size());
        db.emplace_back(b[j].size());
      }
      for (size_t j = 0; j < w.size(); ++j) { dwp.push_back(dw[j].data()); dbp.push_back(db[j].data()); }
      charCnnBackward(dx.data(), dwp, dbp, R.data(), out.data(), argmax.data(), x.data(), ptrs().first, s);
      // the max over positions has kinks: a small step stays on one side of them
      const GradCheckOptions o{1e-3, 0};
      const std::string tag = act == Activation::Tanh ? "char-cnn (tanh) " : "char-cnn (relu) ";
      expectGrad((tag + "x").c_str(), x, dx, loss, o);
      for (size_t j = 0; j < w.size(); ++j) {
        expectGrad((tag + "w" + std::to_string(j)).c_str(), w[j], dw[j], loss, o);
        if (act == Activation::Tanh) expectGrad((tag + "b" + std::to_string(j)).c_str(), b[j], db[j], loss, o);
      }
    }
  }

  void highway() {
    const int N = 4, D = 5;
    Vec x = randn(N * D, 1, 51), w = randn(2 * D * D, 0.5f, 52), b = randn(2 * D, 0.5f, 53), R = randn(N * D, 1, 54);
    Vec out(N * D), act(N * 2 * D);
    auto loss = [&] { highwayForward(out.data(), act.data(), x.data(), w.data(), b.data(), N, D); return dotLoss(out, R); };
    loss();
    Vec dx(x.size()), dw(w.size()), db(b.size());
    highwayBackward(dx.data(), dw.data(), db.data(), R.data(), x.data(), act.data(), w.data(), N, D);
    const GradCheckOptions o{1e-3, 0};
    expectGrad("highway x", x, dx, loss, o);
    expectGrad("highway w", w, dw, loss, o);
    expectGrad("highway b", b, db, loss, o);
  }

  void scalarMix() {
    const int K = 3, n = 10;
    std::vector<Vec> h = {randn(n, 1, 61), randn(n, 1, 62), randn(n, 1, 63)};
    Vec s = {0.3f, -0.2f, 0.5f}, gamma = {1.3f}, R = randn(n, 1, 64), out(n);
    auto layers = [&] { return std::vector<const float*>{h[0].data(), h[1].data(), h[2].data()}; };
    auto loss = [&] { scalarMixForward(out.data(), layers(), s.data(), gamma.data(), n); return dotLoss(out, R); };
    loss();
    std::vector<Vec> dh(K, Vec(n));
    Vec ds(K), dgamma(1);
    scalarMixBackward({dh[0].data(), dh[1].data(), dh[2].data()}, ds.data(), dgamma.data(), R.data(), layers(),
                      s.data(), gamma.data(), n);
    for (int j = 0; j < K; ++j) expectGrad(("scalar mix h" + std::to_string(j)).c_str(), h[j], dh[j], loss);
    expectGrad("scalar mix s", s, ds, loss, {1e-3, 0});
    expectGrad("scalar mix gamma", gamma, dgamma, loss);
    // s = 0 is the uniform mix
    const Vec zeros(K, 0.0f);
    for (float wj : scalarMixWeights(zeros.data(), K)) QVERIFY(std::fabs(wj - 1.0f / 3) < 1e-7f);
  }

  void sampledSoftmax() {
    const int V = 20, D = 6, N = 5, S = 6;
    std::mt19937_64 rng(3);
    const SampledCandidates cand = logUniformCandidates(S, V, rng);
    QCOMPARE(int(cand.ids.size()), S);
    QVERIFY(cand.tries >= S);
    for (int s = 0; s < S; ++s) {
      QVERIFY(cand.logQ[s] <= 0.0f);
      for (int r = 0; r < s; ++r) QVERIFY(cand.ids[r] != cand.ids[s]);
    }
    std::vector<int32_t> targets = {cand.ids[0], 3, 17, 3, 0};  // row 0: an accidental hit
    Vec logQT(N);
    for (int n = 0; n < N; ++n) logQT[n] = logUniformLogQ(targets[n], V, cand.tries);
    Vec h = randn(N * D, 1, 121), w = randn(V * D, 0.5f, 122), b = randn(V, 0.5f, 123), probs(N * (S + 1));
    auto loss = [&] {
      return sampledSoftmaxForward(probs.data(), h.data(), w.data(), b.data(), targets.data(), logQT.data(),
                                   cand.ids.data(), cand.logQ.data(), N, S, D, V);
    };
    loss();
    QCOMPARE(probs[1], 0.0f);  // the accidental hit takes no probability
    Vec dh(h.size()), dw(w.size()), db(b.size());
    sampledSoftmaxBackward(dh.data(), dw.data(), db.data(), probs.data(), h.data(), w.data(), targets.data(),
                           cand.ids.data(), N, S, D);
    expectGrad("sampled softmax h", h, dh, loss, {1e-3, 0});
    expectGrad("sampled softmax w", w, dw, loss, {1e-3, 0});
    expectGrad("sampled softmax b", b, db, loss, {1e-3, 0});

    // Every id sampled with log Q = 0: exactly the full softmax cross-entropy.
    std::vector<int32_t> all(V);
    for (int v = 0; v < V; ++v) all[v] = v;
    Vec zerosV(V, 0.0f), zerosN(N, 0.0f), probsAll(N * (V + 1)), logits(N * V), full(N * V);
    const double sampledLoss = sampledSoftmaxForward(probsAll.data(), h.data(), w.data(), b.data(), targets.data(),
                                                     zerosN.data(), all.data(), zerosV.data(), N, V, D, V);
    linearForward(logits.data(), h.data(), w.data(), b.data(), N, D, V);
    const double fullLoss = softmaxCrossEntropyForward(full.data(), logits.data(), targets.data(), N, V).loss;
    QVERIFY2(std::fabs(sampledLoss - fullLoss) < 1e-5, (std::to_string(sampledLoss) + " vs " + std::to_string(fullLoss)).c_str());
  }

  void dropout() {
    const int n = 20000;
    Vec x = randn(n, 1, 71), out(n), out2(n);
    std::vector<uint8_t> mask(n), mask2(n);
    dropoutForward(out.data(), mask.data(), x.data(), n, 0.25f, 42, true);
    dropoutForward(out2.data(), mask2.data(), x.data(), n, 0.25f, 42, true);
    QVERIFY(mask == mask2 && out == out2);  // same seed, same mask
    int kept = 0;
    for (int i = 0; i < n; ++i) {
      kept += mask[i];
      QCOMPARE(out[i], mask[i] ? x[i] / 0.75f : 0.0f);
    }
    QVERIFY(std::abs(kept - 15000) < 300);
    dropoutForward(out2.data(), mask2.data(), x.data(), n, 0.25f, 43, true);
    QVERIFY(mask != mask2);
    Vec dx(n), R = randn(n, 1, 72);
    dropoutBackward(dx.data(), R.data(), mask.data(), n, 0.25f, true);
    for (int i = 0; i < 50; ++i) QCOMPARE(dx[i], mask[i] ? R[i] / 0.75f : 0.0f);
    // evaluation: identity both ways
    dropoutForward(out.data(), mask.data(), x.data(), n, 0.25f, 42, false);
    QVERIFY(out == x);
    Vec dx2(n);
    dropoutBackward(dx2.data(), R.data(), mask.data(), n, 0.25f, false);
    QVERIFY(dx2 == R);
  }

  void sameResultOnAnyThreadCount() {
    // Sizes above every parallel threshold, so that the threaded paths run. Two runs on two threads
    // must be bit-identical (no races, fixed sum order); one thread must agree to rounding (Eigen
    // picks its GEMM blocking, hence its summation order, from the thread count).
    auto runAll = [](int threads) {
      omp_set_num_threads(threads);
      std::vector<Vec> results;
      {  // attention with padding
        const int B = 4, T = 32, C = 64, NH = 4;
        Vec qkv = randn(B * T * 3 * C, 1, 91), R = randn(B * T * C, 1, 92), out(B * T * C), att(B * NH * T * T),
            dqkv(qkv.size());
        std::vector<int32_t> mask(B * T, 1);
        for (int t = 20; t < T; ++t) mask[3 * T + t] = 0;
        attentionForward(out.data(), att.data(), qkv.data(), mask.data(), B, T, C, NH);
        attentionBackward(dqkv.data(), R.data(), qkv.data(), att.data(), B, T, C, NH);
        results.push_back(out);
        results.push_back(dqkv);
      }
      {  // LSTMP with clipping
        LstmOptions opt;
        opt.input = 32;
        opt.hidden = 256;
        opt.projection = 64;
        opt.cellClip = 3;
        opt.projClip = 3;
        const int B = 80, T = 5, H = 256, P = 64, I = 32;
        Vec x = randn(B * T * I, 1, 93), wIh = randn(4 * H * I, 0.2f, 94), wHh = randn(4 * H * P, 0.2f, 95),
            wHr = randn(P * H, 0.2f, 96), R = randn(B * T * P, 1, 97), out(B * T * P), dx(x.size()),
            dwIh(wIh.size()), dwHh(wHh.size()), dwHr(wHr.size());
        LstmWeights w;
        w.wIh = wIh.data();
        w.wHh = wHh.data();
        w.wHr = wHr.data();
        LstmCache cache;
        lstmForward(opt, w, out.data(), cache, x.data(), B, T);
        LstmGrads g{dwIh.data(), dwHh.data(), nullptr, nullptr, dwHr.data()};
        lstmBackward(opt, w, g, dx.data(), R.data(), x.data(), out.data(), cache);
        results.insert(results.end(), {out, dx, dwIh, dwHh, dwHr});
      }
      {  // char-CNN
        CharCnnShape s;
        s.N = 24;
        s.L = 20;
        s.E = 16;
        s.filters = {{1, 32}, {3, 64}, {5, 128}};
        const int OF = s.outputSize();
        Vec x = randn(s.N * s.L * s.E, 1, 98), R = randn(s.N * OF, 1, 99), out(s.N * OF), dx(x.size());
        std::vector<int32_t> argmax(s.N * OF);
        std::vector<Vec> w, b, dw, db;
        std::vector<const float*> wp, bp;
        std::vector<float*> dwp, dbp;
        for (size_t j = 0; j < s.filters.size(); ++j) {
          w.push_back(randn(s.filters[j].count * s.filters[j].width * s.E, 0.3f, 200 + j));
          b.push_back(randn(s.filters[j].count, 0.3f, 210 + j));
          dw.emplace_back(w.back().size());
          db.emplace_back(b.back().size());
        }
        for (size_t j = 0; j < w.size(); ++j) {
          wp.push_back(w[j].data());
          bp.push_back(b[j].data());
          dwp.push_back(dw[j].data());
          dbp.push_back(db[j].data());
        }
        charCnnForward(out.data(), argmax.data(), x.data(), wp, bp, s);
        charCnnBackward(dx.data(), dwp, dbp, R.data(), out.data(), argmax.data(), x.data(), wp, s);
        results.insert(results.end(), {out, dx, dw[0], dw[2], db[1]});
      }
      {  // layernorm, GELU, cross-entropy, linear at sizes that go parallel
        const int N = 512, C = 128, V = 300;
        Vec x = randn(N * C, 1, 101), w = randn(C, 1, 102), b = randn(C, 1, 103), out(N * C), mean(N), rstd(N),
            dx(N * C), dw(C), db(C), R = randn(N * C, 1, 104);
        layerNormForward(out.data(), mean.data(), rstd.data(), x.data(), w.data(), b.data(), N, C, 1e-5f);
        layerNormBackward(dx.data(), dw.data(), db.data(), R.data(), x.data(), w.data(), mean.data(), rstd.data(), N, C);
        Vec gl(N * C * 2), dgl(N * C * 2), xx = randn(N * C * 2, 1, 105);
        geluForward(gl.data(), xx.data(), N * C * 2);
        geluBackward(dgl.data(), xx.data(), xx.data(), N * C * 2);
        Vec wl = randn(V * C, 0.1f, 106), logits(N * V), probs(N * V), dlogits(N * V), dxl(N * C), dwl(V * C);
        linearForward(logits.data(), x.data(), wl.data(), nullptr, N, C, V);
        std::vector<int32_t> targets(N);
        for (int n = 0; n < N; ++n) targets[n] = n % 7 == 0 ? kIgnoreIndex : (n * 31) % V;
        const auto ce = softmaxCrossEntropyForward(probs.data(), logits.data(), targets.data(), N, V);
        softmaxCrossEntropyBackward(dlogits.data(), probs.data(), targets.data(), N, V, ce.labelled);
        linearBackward(dxl.data(), dwl.data(), nullptr, dlogits.data(), x.data(), wl.data(), N, C, V);
        results.insert(results.end(), {out, dx, dw, db, gl, dgl, dlogits, dxl, dwl, Vec{float(ce.loss)}});
      }
      return results;
    };
    const int saved = omp_get_max_threads();
    const auto one = runAll(1);
    const auto two = runAll(2);
    const auto twoAgain = runAll(2);
    omp_set_num_threads(saved);
    QCOMPARE(one.size(), two.size());
    for (size_t i = 0; i < one.size(); ++i) {
      QVERIFY2(two[i] == twoAgain[i], ("result " + std::to_string(i) + " differs between runs").c_str());
      double d2 = 0, r2 = 0;
      for (size_t k = 0; k < one[i].size(); ++k) {
        d2 += double(one[i][k] - two[i][k]) * (one[i][k] - two[i][k]);
        r2 += double(one[i][k]) * one[i][k];
      }
      QVERIFY2(std::sqrt(d2) <= 1e-6 * std::sqrt(r2), ("result " + std::to_string(i) + " depends on threads").c_str());
    }
  }

  void resultsDoNotDependOnBufferAlignment() {
    // Vectorised paths must give the same numbers wherever a buffer starts (a scalar head of an
    // unaligned buffer may not round differently from the SIMD body).
    const int n = 5000;
    Vec x = randn(n, 2, 111), R = randn(n, 1, 112);
    Vec a(n), da(n), b(n + 3), db(n + 3), xb(n + 3), rb(n + 3);
    std::copy(x.begin(), x.end(), xb.begin() + 3);
    std::copy(R.begin(), R.end(), rb.begin() + 3);
    geluForward(a.data(), x.data(), n);
    geluForward(b.data() + 3, xb.data() + 3, n);
    geluBackward(da.data(), R.data(), x.data(), n);
    geluBackward(db.data() + 3, rb.data() + 3, xb.data() + 3, n);
    for (int i = 0; i < n; ++i) {
      QCOMPARE(a[i], b[i + 3]);
      QCOMPARE(da[i], db[i + 3]);
    }
  }

  void adamwTwoSteps() {
    // Hand-computed with torch.optim.AdamW's formulas (lr 0.1, wd 0.1, betas 0.9/0.999, eps 1e-8).
    ParameterStore ps;
    ps.add("w", {2}, true);
    ps.add("b", {1}, false);  // no decay
    ps.allocate();
    ps.data("w")[0] = 1.0f;
    ps.data("w")[1] = -2.0f;
    ps.data("b")[0] = 0.5f;
    AdamW opt(ps, {0.9f, 0.999f, 1e-8f, 0.1f});
    const float g1[3] = {0.1f, -0.2f, 0.3f}, g2[3] = {-0.05f, 0.4f, 0.3f};
    auto setGrads = [&](const float* g) {
      ps.zeroGrad();
      ps.grad("w")[0] = g[0];
      ps.grad("w")[1] = g[1];
      ps.grad("b")[0] = g[2];
    };
    setGrads(g1);
    opt.step(0.1f);
    QVERIFY(std::fabs(ps.data("w")[0] - 0.890000009999999) < 1e-6);
    QVERIFY(std::fabs(ps.data("w")[1] - -1.8800000049999999) < 1e-6);
    QVERIFY(std::fabs(ps.data("b")[0] - 0.4000000033333332) < 1e-6);
    setGrads(g2);
    opt.step(0.1f);
    QVERIFY(std::fabs(ps.data("w")[0] - 0.8544663093033908) < 1e-6);
    QVERIFY(std::fabs(ps.data("w")[1] - -1.897810356496037) < 1e-6);
    QVERIFY(std::fabs(ps.data("b")[0] - 0.30000000666666715) < 1e-6);
    QCOMPARE(opt.steps(), int64_t(2));
  }

  void sgd() {
    ParameterStore ps;
    ps.add("w", {1});
    ps.allocate();
    ps.data("w")[0] = 1.0f;
    Sgd opt(ps, {0.9f, 0.0f});
    ps.grad("w")[0] = 0.5f;
    opt.step(0.1f);  // buf = 0.5
    QVERIFY(std::fabs(ps.data("w")[0] - 0.95f) < 1e-7f);
    opt.step(0.1f);  // buf = 0.9*0.5 + 0.5 = 0.95
    QVERIFY(std::fabs(ps.data("w")[0] - 0.855f) < 1e-6f);
  }

  void parameterStoreAndClipping() {
    ParameterStore ps;
    ps.add("a", {3, 5});
    ps.add("b", {2}, false);
    QVERIFY_THROWS_EXCEPTION(Error, ps.add("a", {1}));
    ps.allocate();
    QVERIFY_THROWS_EXCEPTION(Error, ps.add("c", {1}));
    QVERIFY_THROWS_EXCEPTION(Error, ps.view("nope"));
    QCOMPARE(ps.parameterCount(), int64_t(17));
    QCOMPARE(ps.view("b").offset % 16, size_t(0));
    QVERIFY(!ps.view("b").decay);
    ps.grad("a")[0] = 3.0f;
    ps.grad("b")[1] = 4.0f;
    QVERIFY(std::fabs(ps.gradNorm() - 5.0) < 1e-12);
    // below the bound: untouched
    QVERIFY(std::fabs(ps.clipGradNorm(10.0) - 5.0) < 1e-12);
    QCOMPARE(ps.grad("a")[0], 3.0f);
    // above: scaled to the bound (torch: coef = max / (norm + 1e-6))
    QVERIFY(std::fabs(ps.clipGradNorm(1.0) - 5.0) < 1e-12);
    QVERIFY(std::fabs(ps.gradNorm() - 1.0) < 1e-6);
    QVERIFY(std::fabs(ps.grad("a")[0] - 0.6f) < 1e-6f);
    ps.zeroGrad();
    QCOMPARE(ps.gradNorm(), 0.0);
  }
};

QTEST_APPLESS_MAIN(TestLayersGradcheck)
#include "test_layers_gradcheck.moc"
