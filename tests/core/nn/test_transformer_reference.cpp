// The Transformer encoder layer composed from core/nn: finite-difference check of its backward
// pass, and the forward pass of Hugging Face's bert-tiny (tests/fixtures/bert-tiny) reproduced
// layer by layer: embedding output, every hidden state and every attention map.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/nn/Embedding.h"
#include "core/nn/GradCheck.h"
#include "core/nn/LayerNorm.h"
#include "core/nn/TransformerLayer.h"
#include "support/TestPaths.h"

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

}  // namespace

class TestTransformerReference : public QObject {
  Q_OBJECT

 private slots:
  void layerGradcheck() { runLayerGradcheck(false); }
  void layerGradcheckWithDropout() { runLayerGradcheck(true); }

 private:
  void runLayerGradcheck(bool training) {
    TransformerLayerShape s;
    s.dropout = 0.2f;
    s.attentionDropout = 0.2f;
    s.B = 2;
    s.T = 4;
    s.C = 8;
    s.NH = 2;
    s.FF = 12;
    s.lnEps = 1e-5f;
    const int64_t N = s.B * s.T;
    std::vector<int32_t> mask(N, 1);
    mask[1 * s.T + 3] = 0;
    // parameters: [wq bq wk bk wv bv wo bo ln1w ln1b w1 b1 w2 b2 ln2w ln2b]
    const int C = s.C, FF = s.FF;
    const std::vector<size_t> sizes = {size_t(C * C), size_t(C), size_t(C * C), size_t(C), size_t(C * C), size_t(C),
                                       size_t(C * C), size_t(C), size_t(C), size_t(C), size_t(FF * C), size_t(FF),
                                       size_t(C * FF), size_t(C), size_t(C), size_t(C)};
    std::vector<Vec> p, dp;
    for (size_t i = 0; i < sizes.size(); ++i) {
      p.push_back(randn(sizes[i], 0.4f, 100 + i));
      dp.emplace_back(sizes[i], 0.0f);
    }
    for (float& v : p[8]) v += 1.0f;   // LayerNorm weights near 1
    for (float& v : p[14]) v += 1.0f;
    auto weights = [&] {
      TransformerLayerWeights w;
      const float** wslot[] = {&w.wq, &w.bq, &w.wk, &w.bk, &w.wv, &w.bv, &w.wo, &w.bo,
                               &w.ln1w, &w.ln1b, &w.w1, &w.b1, &w.w2, &w.b2, &w.ln2w, &w.ln2b};
      for (size_t i = 0; i < sizes.size(); ++i) *wslot[i] = p[i].data();
      return w;
    };
    TransformerLayerGrads g;
    float** gslots[] = {&g.wq, &g.bq, &g.wk, &g.bk, &g.wv, &g.bv, &g.wo, &g.bo,
                        &g.ln1w, &g.ln1b, &g.w1, &g.b1, &g.w2, &g.b2, &g.ln2w, &g.ln2b};
    for (size_t i = 0; i < sizes.size(); ++i) *gslots[i] = dp[i].data();
    Vec x = randn(N * C, 1, 7), R = randn(N * C, 1, 8), out(N * C), dx(N * C, 0.0f);
    TransformerLayerActs acts;
    auto loss = [&] {
      transformerLayerForward(s, weights(), out.data(), acts, x.data(), mask.data(), training, 11);
      double l = 0;
      for (int64_t i = 0; i < N * C; ++i) l += double(out[i]) * R[i];
      return l;
    };
    loss();
    transformerLayerBackward(s, weights(), g, dx.data(), R.data(), x.data(), acts, training);
    if (training) {
      int dropped = 0;
      for (uint8_t m : acts.attDrop) dropped += m == 0;
      for (uint8_t m : acts.drop2) dropped += m == 0;
      QVERIFY(dropped > 0);
    }
    const char* names[] = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo",
                           "ln1w", "ln1b", "w1", "b1", "w2", "b2", "ln2w", "ln2b"};
    auto check = [&](const char* name, Vec& v, const Vec& d) {
      const auto r = checkGradient(v.data(), d.data(), int64_t(v.size()), loss, {1e-2, 0});
      const std::string msg = std::string(name) + ": relative error " + std::to_string(r.relError);
      QVERIFY2(r.numericNorm > 1e-6, msg.c_str());
      QVERIFY2(r.relError < 1e-3, msg.c_str());
    };
    check("x", x, dx);
    for (size_t i = 0; i < sizes.size(); ++i) {
      if (i == 3) {
        // The key bias adds q·bk to every score of a row: softmax cancels it, its gradient is 0.
        double n2 = 0;
        for (float v : dp[i]) n2 += double(v) * v;
        QVERIFY2(std::sqrt(n2) < 1e-5, "key bias gradient should vanish");
        continue;
      }
      check(names[i], p[i], dp[i]);
    }
  }


 private slots:
  void bertTinyForward() {
    const std::string dir = test::fixturesDir() + "/bert-tiny";
    const auto model = SafetensorsFile::read(dir + "/model.safetensors");
    const auto ref = SafetensorsFile::read(dir + "/reference.safetensors");
    nlohmann::json config;
    std::ifstream(dir + "/config.json") >> config;
    const int C = config["hidden_size"], L = config["num_hidden_layers"], NH = config["num_attention_heads"],
              FF = config["intermediate_size"], V = config["vocab_size"], P = config["max_position_embeddings"],
              TV = config["type_vocab_size"];
    const float eps = config["layer_norm_eps"];
    QCOMPARE(std::string(config["hidden_act"]), std::string("gelu"));

    const auto& idsT = ref.get("input_ids");
    const int B = int(idsT.shape[0]), T = int(idsT.shape[1]);
    const int64_t N = int64_t(B) * T;
    std::vector<int32_t> ids(N), types(N), mask(N), pos(N);
    for (int64_t i = 0; i < N; ++i) {
      ids[i] = int32_t(idsT.ints[i]);
      types[i] = int32_t(ref.get("token_type_ids").ints[i]);
      mask[i] = int32_t(ref.get("attention_mask").ints[i]);
      pos[i] = int32_t(i % T);
    }
    auto W = [&](const std::string& name) { return model.get(name).data.data(); };

    // embeddings: word + position + token type, then LayerNorm
    Vec e(N * C), tmp(N * C), h(N * C), mean(N), rstd(N);
    embeddingForward(e.data(), ids.data(), W("bert.embeddings.word_embeddings.weight"), N, V, C);
    embeddingForward(tmp.data(), pos.data(), W("bert.embeddings.position_embeddings.weight"), N, P, C);
    for (int64_t i = 0; i < N * C; ++i) e[i] += tmp[i];
    embeddingForward(tmp.data(), types.data(), W("bert.embeddings.token_type_embeddings.weight"), N, TV, C);
    for (int64_t i = 0; i < N * C; ++i) e[i] += tmp[i];
    layerNormForward(h.data(), mean.data(), rstd.data(), e.data(), W("bert.embeddings.LayerNorm.weight"),
                     W("bert.embeddings.LayerNorm.bias"), N, C, eps);

    // relative error over the real (unpadded) positions only
    auto compareHidden = [&](const char* what, const Vec& ours, const SafeTensor& r) {
      QCOMPARE(r.shape, (std::vector<int64_t>{B, T, C}));
      double d2 = 0, r2 = 0;
      for (int64_t n = 0; n < N; ++n) {
        if (!mask[n]) continue;
        for (int c = 0; c < C; ++c) {
          const double d = double(ours[n * C + c]) - r.data[n * C + c];
          d2 += d * d;
          r2 += double(r.data[n * C + c]) * r.data[n * C + c];
        }
      }
      const double err = std::sqrt(d2 / r2);
      qInfo("%s: relative error %.3g", what, err);
      QVERIFY2(err < 1e-4, (std::string(what) + " " + std::to_string(err)).c_str());
    };
    compareHidden("hidden_states.0", h, ref.get("hidden_states.0"));

    TransformerLayerShape s;
    s.B = B;
    s.T = T;
    s.C = C;
    s.NH = NH;
    s.FF = FF;
    s.lnEps = eps;
    TransformerLayerActs acts;
    Vec next(N * C);
    for (int l = 0; l < L; ++l) {
      const std::string p = "bert.encoder.layer." + std::to_string(l) + ".";
      TransformerLayerWeights w;
      w.wq = W(p + "attention.self.query.weight");
      w.bq = W(p + "attention.self.query.bias");
      w.wk = W(p + "attention.self.key.weight");
      w.bk = W(p + "attention.self.key.bias");
      w.wv = W(p + "attention.self.value.weight");
      w.bv = W(p + "attention.self.value.bias");
      w.wo = W(p + "attention.output.dense.weight");
      w.bo = W(p + "attention.output.dense.bias");
      w.ln1w = W(p + "attention.output.LayerNorm.weight");
      w.ln1b = W(p + "attention.output.LayerNorm.bias");
      w.w1 = W(p + "intermediate.dense.weight");
      w.b1 = W(p + "intermediate.dense.bias");
      w.w2 = W(p + "output.dense.weight");
      w.b2 = W(p + "output.dense.bias");
      w.ln2w = W(p + "output.LayerNorm.weight");
      w.ln2b = W(p + "output.LayerNorm.bias");
      transformerLayerForward(s, w, next.data(), acts, h.data(), mask.data());
      h.swap(next);
      compareHidden(("hidden_states." + std::to_string(l + 1)).c_str(), h,
                    ref.get("hidden_states." + std::to_string(l + 1)));
      // attention maps, rows of real query tokens
      const auto& ra = ref.get("attentions." + std::to_string(l), {B, NH, T, T});
      double d2 = 0, r2 = 0;
      for (int b = 0; b < B; ++b)
        for (int hh = 0; hh < NH; ++hh)
          for (int i = 0; i < T; ++i) {
            if (!mask[int64_t(b) * T + i]) continue;
            for (int j = 0; j < T; ++j) {
              const int64_t k = ((int64_t(b) * NH + hh) * T + i) * T + j;
              const double d = double(acts.att[k]) - ra.data[k];
              d2 += d * d;
              r2 += double(ra.data[k]) * ra.data[k];
            }
          }
      const double err = std::sqrt(d2 / r2);
      qInfo("attentions.%d: relative error %.3g", l, err);
      QVERIFY2(err < 1e-4, ("attentions." + std::to_string(l) + " " + std::to_string(err)).c_str());
    }
  }
};

QTEST_APPLESS_MAIN(TestTransformerReference)
#include "test_transformer_reference.moc"
