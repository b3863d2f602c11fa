// One BERT pre-training step composed from core/nn, against Hugging Face (tests/fixtures/bert-tiny):
// the MLM + NSP loss, the gradient of every parameter (tied decoder folded into the word
// embeddings), and the parameters after one torch.optim.AdamW step. This proves the layers'
// backward passes in composition with reference numbers; the model proper lives in
// core/models/bert.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/nn/Activations.h"
#include "core/nn/AdamW.h"
#include "core/nn/CrossEntropy.h"
#include "core/nn/Embedding.h"
#include "core/nn/LayerNorm.h"
#include "core/nn/Linear.h"
#include "core/nn/ParameterStore.h"
#include "core/nn/TransformerLayer.h"
#include "support/TestPaths.h"

using namespace embedlab;
using namespace embedlab::nn;
using Vec = std::vector<float>;

namespace {

double relError(const float* ours, const std::vector<float>& ref, double* refNorm = nullptr) {
  double d2 = 0, r2 = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    const double d = double(ours[i]) - ref[i];
    d2 += d * d;
    r2 += double(ref[i]) * ref[i];
  }
  if (refNorm) *refNorm = std::sqrt(r2);
  return std::sqrt(d2) / std::max(std::sqrt(r2), 1e-30);
}

}  // namespace

class TestBertStepReference : public QObject {
  Q_OBJECT

 private slots:
  void pretrainingStep() {
    const std::string dir = test::fixturesDir() + "/bert-tiny";
    const auto model = SafetensorsFile::read(dir + "/model.safetensors");
    const auto ref = SafetensorsFile::read(dir + "/reference.safetensors");
    nlohmann::json config, refJson;
    std::ifstream(dir + "/config.json") >> config;
    std::ifstream(dir + "/reference.json") >> refJson;
    const int C = config["hidden_size"], L = config["num_hidden_layers"], NH = config["num_attention_heads"],
              FF = config["intermediate_size"], V = config["vocab_size"], P = config["max_position_embeddings"],
              TV = config["type_vocab_size"];
    const float eps = config["layer_norm_eps"];

    // All checkpoint tensors in one parameter store (the decoder is tied: not a separate tensor).
    ParameterStore ps;
    for (const auto& t : model.tensors()) ps.add(t.name, t.shape, true);
    ps.allocate();
    for (const auto& t : model.tensors()) std::copy(t.data.begin(), t.data.end(), ps.data(t.name));
    auto W = [&](const std::string& n) { return ps.data(n); };
    auto G = [&](const std::string& n) { return ps.grad(n); };

    const auto& idsT = ref.get("train.masked_input_ids");
    const int B = int(idsT.shape[0]), T = int(idsT.shape[1]);
    const int64_t N = int64_t(B) * T;
    std::vector<int32_t> ids(N), types(N), mask(N), pos(N), mlmLabels(N), nspLabels(B);
    for (int64_t i = 0; i < N; ++i) {
      ids[i] = int32_t(idsT.ints[i]);
      types[i] = int32_t(ref.get("token_type_ids").ints[i]);
      mask[i] = int32_t(ref.get("attention_mask").ints[i]);
      mlmLabels[i] = int32_t(ref.get("train.mlm_labels").ints[i]);
      pos[i] = int32_t(i % T);
    }
    for (int b = 0; b < B; ++b) nspLabels[b] = int32_t(ref.get("train.next_sentence_label").ints[b]);

    // ---- forward ----
    Vec e(N * C), tmp(N * C), embMean(N), embRstd(N);
    embeddingForward(e.data(), ids.data(), W("bert.embeddings.word_embeddings.weight"), N, V, C);
    embeddingForward(tmp.data(), pos.data(), W("bert.embeddings.position_embeddings.weight"), N, P, C);
    for (int64_t i = 0; i < N * C; ++i) e[i] += tmp[i];
    embeddingForward(tmp.data(), types.data(), W("bert.embeddings.token_type_embeddings.weight"), N, TV, C);
    for (int64_t i = 0; i < N * C; ++i) e[i] += tmp[i];
    std::vector<Vec> h(L + 1, Vec(N * C));
    layerNormForward(h[0].data(), embMean.data(), embRstd.data(), e.data(), W("bert.embeddings.LayerNorm.weight"),
                     W("bert.embeddings.LayerNorm.bias"), N, C, eps);

    TransformerLayerShape s;
    s.B = B;
    s.T = T;
    s.C = C;
    s.NH = NH;
    s.FF = FF;
    s.lnEps = eps;
    auto layerParams = [&](int l, auto get) {
      const std::string p = "bert.encoder.layer." + std::to_string(l) + ".";
      TransformerLayerParams<decltype(get(std::string()))> w;
      w.wq = get(p + "attention.self.query.weight");
      w.bq = get(p + "attention.self.query.bias");
      w.wk = get(p + "attention.self.key.weight");
      w.bk = get(p + "attention.self.key.bias");
      w.wv = get(p + "attention.self.value.weight");
      w.bv = get(p + "attention.self.value.bias");
      w.wo = get(p + "attention.output.dense.weight");
      w.bo = get(p + "attention.output.dense.bias");
      w.ln1w = get(p + "attention.output.LayerNorm.weight");
      w.ln1b = get(p + "attention.output.LayerNorm.bias");
      w.w1 = get(p + "intermediate.dense.weight");
      w.b1 = get(p + "intermediate.dense.bias");
      w.w2 = get(p + "output.dense.weight");
      w.b2 = get(p + "output.dense.bias");
      w.ln2w = get(p + "output.LayerNorm.weight");
      w.ln2b = get(p + "output.LayerNorm.bias");
      return w;
    };
    auto constW = [&](const std::string& n) -> const float* { return ps.data(n); };
    std::vector<TransformerLayerActs> acts(L);
    for (int l = 0; l < L; ++l)
      transformerLayerForward(s, layerParams(l, constW), h[l + 1].data(), acts[l], h[l].data(), mask.data());
    const Vec& top = h[L];

    // NSP: pooler tanh(W [CLS] + b), then a (2,C) classifier
    Vec cls(B * C), pooledPre(B * C), pooled(B * C), nspLogits(B * 2), nspProbs(B * 2);
    for (int b = 0; b < B; ++b) std::copy_n(top.data() + int64_t(b) * T * C, C, cls.data() + b * C);
    linearForward(pooledPre.data(), cls.data(), W("bert.pooler.dense.weight"), W("bert.pooler.dense.bias"), B, C, C);
    tanhForward(pooled.data(), pooledPre.data(), B * C);
    linearForward(nspLogits.data(), pooled.data(), W("cls.seq_relationship.weight"), W("cls.seq_relationship.bias"), B, C, 2);
    const auto nsp = softmaxCrossEntropyForward(nspProbs.data(), nspLogits.data(), nspLabels.data(), B, 2);

    // MLM: dense + GELU + LayerNorm, decoder tied to the word embeddings, plus a bias
    Vec t1(N * C), t2(N * C), t3(N * C), tMean(N), tRstd(N), logits(N * V), probs(N * V);
    linearForward(t1.data(), top.data(), W("cls.predictions.transform.dense.weight"),
                  W("cls.predictions.transform.dense.bias"), N, C, C);
    geluForward(t2.data(), t1.data(), N * C);
    layerNormForward(t3.data(), tMean.data(), tRstd.data(), t2.data(), W("cls.predictions.transform.LayerNorm.weight"),
                     W("cls.predictions.transform.LayerNorm.bias"), N, C, eps);
    linearForward(logits.data(), t3.data(), W("bert.embeddings.word_embeddings.weight"), W("cls.predictions.bias"), N, C, V);
    const auto mlm = softmaxCrossEntropyForward(probs.data(), logits.data(), mlmLabels.data(), N, V);

    const double refMlm = refJson["train"]["mlm_loss"], refNsp = refJson["train"]["nsp_loss"];
    qInfo("mlm loss %.8f (ref %.8f), nsp loss %.8f (ref %.8f)", mlm.loss, refMlm, nsp.loss, refNsp);
    QVERIFY(std::fabs(mlm.loss - refMlm) < 1e-4 * refMlm);
    QVERIFY(std::fabs(nsp.loss - refNsp) < 1e-4 * refNsp);

    // ---- backward (loss = mlm + nsp) ----
    ps.zeroGrad();
    Vec dLogits(N * V, 0.0f), dT3(N * C, 0.0f), dT2(N * C, 0.0f), dT1(N * C, 0.0f), dTop(N * C, 0.0f);
    softmaxCrossEntropyBackward(dLogits.data(), probs.data(), mlmLabels.data(), N, V, mlm.labelled);
    linearBackward(dT3.data(), G("bert.embeddings.word_embeddings.weight"), G("cls.predictions.bias"), dLogits.data(),
                   t3.data(), W("bert.embeddings.word_embeddings.weight"), N, C, V);
    layerNormBackward(dT2.data(), G("cls.predictions.transform.LayerNorm.weight"),
                      G("cls.predictions.transform.LayerNorm.bias"), dT3.data(), t2.data(),
                      W("cls.predictions.transform.LayerNorm.weight"), tMean.data(), tRstd.data(), N, C);
    geluBackward(dT1.data(), dT2.data(), t1.data(), N * C);
    linearBackward(dTop.data(), G("cls.predictions.transform.dense.weight"), G("cls.predictions.transform.dense.bias"),
                   dT1.data(), top.data(), W("cls.predictions.transform.dense.weight"), N, C, C);

    Vec dNsp(B * 2, 0.0f), dPooled(B * C, 0.0f), dPooledPre(B * C, 0.0f), dCls(B * C, 0.0f);
    softmaxCrossEntropyBackward(dNsp.data(), nspProbs.data(), nspLabels.data(), B, 2, nsp.labelled);
    linearBackward(dPooled.data(), G("cls.seq_relationship.weight"), G("cls.seq_relationship.bias"), dNsp.data(),
                   pooled.data(), W("cls.seq_relationship.weight"), B, C, 2);
    tanhBackward(dPooledPre.data(), dPooled.data(), pooled.data(), B * C);
    linearBackward(dCls.data(), G("bert.pooler.dense.weight"), G("bert.pooler.dense.bias"), dPooledPre.data(),
                   cls.data(), W("bert.pooler.dense.weight"), B, C, C);
    for (int b = 0; b < B; ++b)
      for (int c = 0; c < C; ++c) dTop[int64_t(b) * T * C + c] += dCls[b * C + c];

    auto gradW = [&](const std::string& n) -> float* { return ps.grad(n); };
    Vec dh = dTop;
    for (int l = L - 1; l >= 0; --l) {
      Vec dPrev(N * C, 0.0f);
      transformerLayerBackward(s, layerParams(l, constW), layerParams(l, gradW), dPrev.data(), dh.data(),
                               h[l].data(), acts[l]);
      dh.swap(dPrev);
    }
    Vec dE(N * C, 0.0f);
    layerNormBackward(dE.data(), G("bert.embeddings.LayerNorm.weight"), G("bert.embeddings.LayerNorm.bias"), dh.data(),
                      e.data(), W("bert.embeddings.LayerNorm.weight"), embMean.data(), embRstd.data(), N, C);
    embeddingBackward(G("bert.embeddings.word_embeddings.weight"), dE.data(), ids.data(), N, V, C);
    embeddingBackward(G("bert.embeddings.position_embeddings.weight"), dE.data(), pos.data(), N, P, C);
    embeddingBackward(G("bert.embeddings.token_type_embeddings.weight"), dE.data(), types.data(), N, TV, C);

    int compared = 0;
    std::set<std::string> noiseGrad;
    double worstGrad = 0;
    std::string worstGradName, worstStepName;
    for (const auto& v : ps.views()) {
      const auto& r = ref.get("grad." + v.name, v.shape);
      double refNorm = 0;
      const double err = relError(ps.grad(v.name), r.data, &refNorm);
      if (refNorm < 1e-7) {
        // The key bias: softmax cancels it, both gradients are rounding noise around 0.
        noiseGrad.insert(v.name);
        double ours = 0;
        for (size_t i = 0; i < v.size; ++i) ours += double(ps.grad(v.name)[i]) * ps.grad(v.name)[i];
        QVERIFY2(std::sqrt(ours) < 1e-6, v.name.c_str());
        continue;
      }
      QVERIFY2(err < 1e-3, ("grad." + v.name + ": relative error " + std::to_string(err)).c_str());
      if (err > worstGrad) {
        worstGrad = err;
        worstGradName = v.name;
      }
      ++compared;
    }
    qInfo("%d parameter gradients within 1e-3 of Hugging Face (worst %.3g: %s)", compared, worstGrad,
          worstGradName.c_str());
    QVERIFY(compared >= int(ps.count()) - L);  // all but the key biases

    // ---- one AdamW step ----
    AdamWOptions o;
    o.eps = 1e-6f;
    o.weightDecay = 0.01f;
    AdamW opt(ps, o);
    opt.step(1e-3f);
    double worst = 0;
    for (const auto& v : ps.views()) {
      const double err = relError(ps.data(v.name), ref.get("adamw_step1." + v.name, v.shape).data);
      if (noiseGrad.count(v.name)) {
        // Adam divides a noise gradient by its own noise: the step's direction is arbitrary.
        QVERIFY2(err < 1e-3, ("adamw_step1." + v.name + ": relative error " + std::to_string(err)).c_str());
        continue;
      }
      if (err > worst) {
        worst = err;
        worstStepName = v.name;
      }
      QVERIFY2(err < 1e-4, ("adamw_step1." + v.name + ": relative error " + std::to_string(err)).c_str());
    }
    qInfo("parameters after one AdamW step: worst relative error %.3g (%s)", worst, worstStepName.c_str());
  }
};

QTEST_APPLESS_MAIN(TestBertStepReference)
#include "test_bert_step_reference.moc"
