// BertModel against Hugging Face (tests/fixtures/bert-tiny): every hidden state, every attention
// map, the pooler, MLM and NSP logits of the fixture batch; the loss, every parameter gradient
// and the parameters after one AdamW step of the fixture's pre-training step, now through the
// class. Then finite differences of the whole tiny model (tied and untied decoder, dropout on,
// MLM at chosen positions, gradients entering at a hidden state and at the pooled output).
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/models/bert/BertConfig.h"
#include "core/models/bert/BertModel.h"
#include "core/nn/AdamW.h"
#include "core/nn/CrossEntropy.h"
#include "core/nn/GradCheck.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using namespace embedlab;
using Vec = std::vector<float>;

namespace {

std::string fixtureDir() { return test::fixturesDir() + "/bert-tiny"; }

// Relative error ‖ours − ref‖ / ‖ref‖ over the rows (of `rowSize` floats) that `keep` selects.
template <typename Keep>
double relErrorRows(const float* ours, const std::vector<float>& ref, int64_t rowSize, Keep keep,
                    double* refNorm = nullptr) {
  double d2 = 0, r2 = 0;
  const int64_t rows = static_cast<int64_t>(ref.size()) / rowSize;
  for (int64_t r = 0; r < rows; ++r) {
    if (!keep(r)) continue;
    for (int64_t i = r * rowSize; i < (r + 1) * rowSize; ++i) {
      const double d = double(ours[i]) - ref[size_t(i)];
      d2 += d * d;
      r2 += double(ref[size_t(i)]) * ref[size_t(i)];
    }
  }
  if (refNorm) *refNorm = std::sqrt(r2);
  return std::sqrt(d2) / std::max(std::sqrt(r2), 1e-30);
}
double relError(const float* ours, const std::vector<float>& ref, double* refNorm = nullptr) {
  return relErrorRows(ours, ref, 1, [](int64_t) { return true; }, refNorm);
}

// The fixture checkpoint copied into a model, tensor by tensor (BertCheckpoint has its own suite).
void loadFixtureWeights(BertModel& m) {
  const auto f = SafetensorsFile::read(fixtureDir() + "/model.safetensors");
  for (const auto& v : m.params().views()) {
    const SafeTensor& t = f.get(v.name, v.shape);
    std::copy(t.data.begin(), t.data.end(), m.params().data(v.name));
  }
}

std::vector<int32_t> ints(const SafeTensor& t) { return std::vector<int32_t>(t.ints.begin(), t.ints.end()); }

// A tiny model for finite differences: every size different so that a transposed index shows.
BertConfig tinyConfig() {
  BertConfig c;
  c.vocabSize = 23;
  c.hiddenSize = 8;
  c.numHiddenLayers = 2;
  c.numAttentionHeads = 2;
  c.intermediateSize = 12;
  c.maxPositionEmbeddings = 9;
  c.typeVocabSize = 2;
  c.layerNormEps = 1e-5;
  c.hiddenDropoutProb = 0.0;
  c.attentionProbsDropoutProb = 0.0;
  c.initializerRange = 0.5;
  return c;
}

// Two sequences of 6, the second padded after 4 tokens; no pad id (0) at a real position.
struct TinyBatch {
  int B = 2, T = 6;
  std::vector<int32_t> ids{5, 9, 17, 3, 22, 11, 5, 14, 2, 7, 0, 0};
  std::vector<int32_t> types{0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0};
  std::vector<int32_t> mask{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
  BertBatch batch() const { return {B, T, ids.data(), types.data(), mask.data()}; }
};

}  // namespace

class TestBertModel : public QObject {
  Q_OBJECT

 private slots:
  void parameterNamesAreHuggingFaces() {
    const BertConfig cfg = BertConfig::load(fixtureDir() + "/config.json");
    BertModel m(cfg);
    nlohmann::json ref;
    std::ifstream(fixtureDir() + "/reference.json") >> ref;
    std::vector<std::string> ours, theirs = ref["train"]["param_names"];
    for (const auto& v : m.params().views()) ours.push_back(v.name);
    std::sort(ours.begin(), ours.end());
    std::sort(theirs.begin(), theirs.end());
    QCOMPARE(ours, theirs);
    QCOMPARE(QString(m.decoderWeightName()), QString("bert.embeddings.word_embeddings.weight"));
    // The no-decay group: LayerNorm weights and biases.
    QVERIFY(!m.params().view("bert.encoder.layer.1.output.LayerNorm.weight").decay);
    QVERIFY(!m.params().view("cls.predictions.bias").decay);
    QVERIFY(m.params().view("bert.embeddings.word_embeddings.weight").decay);
    QVERIFY(m.params().view("bert.pooler.dense.weight").decay);
  }

  void forwardMatchesHuggingFace() {
    BertModel m(BertConfig::load(fixtureDir() + "/config.json"));
    loadFixtureWeights(m);
    const auto ref = SafetensorsFile::read(fixtureDir() + "/reference.safetensors");
    const auto ids = ints(ref.get("input_ids")), types = ints(ref.get("token_type_ids")),
               mask = ints(ref.get("attention_mask"));
    const int B = int(ref.get("input_ids").shape[0]), T = int(ref.get("input_ids").shape[1]);
    m.forward({B, T, ids.data(), types.data(), mask.data()});
    QCOMPARE(m.batchSize(), B);
    QCOMPARE(m.seqLen(), T);
    const int C = m.hidden(), NH = m.heads(), V = int(m.vocabSize());
    auto real = [&](int64_t bt) { return mask[size_t(bt)] != 0; };
    double worst = 0;
    for (int l = 0; l <= m.layers(); ++l) {
      const std::string name = "hidden_states." + std::to_string(l);
      const double e = relErrorRows(m.hiddenState(l), ref.get(name, {B, T, C}).data, C, real);
      QVERIFY2(e < 1e-4, (name + ": " + std::to_string(e)).c_str());
      worst = std::max(worst, e);
    }
    for (int l = 0; l < m.layers(); ++l) {
      const std::string name = "attentions." + std::to_string(l);
      // rows (b,h,i): query i of sequence b
      auto realQuery = [&](int64_t row) { return mask[size_t((row / (NH * T)) * T + row % T)] != 0; };
      const double e = relErrorRows(m.attention(l), ref.get(name, {B, NH, T, T}).data, T, realQuery);
      QVERIFY2(e < 1e-4, (name + ": " + std::to_string(e)).c_str());
      worst = std::max(worst, e);
      // padded keys get exactly zero probability
      for (int64_t row = 0; row < int64_t(B) * NH * T; ++row)
        for (int j = 0; j < T; ++j)
          if (!mask[size_t((row / (NH * T)) * T + j)]) QCOMPARE(m.attention(l)[row * T + j], 0.0f);
    }
    const double ePool = relError(m.pooled(), ref.get("pooler_output", {B, C}).data);
    const double eMlm = relErrorRows(m.mlmLogits(), ref.get("prediction_logits", {B, T, V}).data, V, real);
    const double eNsp = relError(m.nspLogits(), ref.get("seq_relationship_logits", {B, 2}).data);
    QCOMPARE(m.mlmRows(), int64_t(B) * T);
    qInfo("hidden/attention worst %.3g, pooler %.3g, MLM logits %.3g, NSP logits %.3g", worst, ePool, eMlm, eNsp);
    QVERIFY(ePool < 1e-4);
    QVERIFY(eMlm < 1e-4);
    QVERIFY(eNsp < 1e-4);

    // MLM logits at chosen positions are exactly those rows of the full logits.
    const Vec full(m.mlmLogits(), m.mlmLogits() + size_t(B) * T * V);
    const std::vector<int64_t> positions{3, 0, int64_t(B) * T - 1, 3, 40};
    BertForwardOptions o;
    o.mlmPositions = positions;
    o.pooler = false;
    o.nsp = false;
    m.forward({B, T, ids.data(), types.data(), mask.data()}, o);
    QVERIFY(m.pooled() == nullptr);
    QVERIFY(m.nspLogits() == nullptr);
    QCOMPARE(m.mlmRows(), int64_t(positions.size()));
    for (size_t r = 0; r < positions.size(); ++r)
      for (int v = 0; v < V; ++v) QCOMPARE(m.mlmLogits()[r * V + v], full[size_t(positions[r]) * V + v]);
  }

  void trainingStepMatchesHuggingFace() {
    BertModel::Options opts;
    opts.noDecayForNormsAndBiases = false;  // the fixture's AdamW decays every tensor
    BertModel m(BertConfig::load(fixtureDir() + "/config.json"), opts);
    loadFixtureWeights(m);
    const auto ref = SafetensorsFile::read(fixtureDir() + "/reference.safetensors");
    nlohmann::json refJson;
    std::ifstream(fixtureDir() + "/reference.json") >> refJson;
    const auto ids = ints(ref.get("train.masked_input_ids")), types = ints(ref.get("token_type_ids")),
               mask = ints(ref.get("attention_mask")), labels = ints(ref.get("train.mlm_labels")),
               nsp = ints(ref.get("train.next_sentence_label"));
    const int B = int(ref.get("input_ids").shape[0]), T = int(ref.get("input_ids").shape[1]);

    // MLM logits only at the labelled positions, as pre-training computes them.
    std::vector<int64_t> positions;
    std::vector<int32_t> rowLabels;
    for (size_t i = 0; i < labels.size(); ++i)
      if (labels[i] != nn::kIgnoreIndex) {
        positions.push_back(int64_t(i));
        rowLabels.push_back(labels[i]);
      }
    QVERIFY(positions.size() > 10);
    BertForwardOptions o;
    o.mlmPositions = positions;
    m.forward({B, T, ids.data(), types.data(), mask.data()}, o);
    m.params().zeroGrad();
    const BertPretrainingLoss loss = m.pretrainingLoss({rowLabels, nsp});
    const double refMlm = refJson["train"]["mlm_loss"], refNsp = refJson["train"]["nsp_loss"];
    qInfo("mlm loss %.8f (ref %.8f), nsp loss %.8f (ref %.8f), %lld labelled", loss.mlmLoss, refMlm, loss.nspLoss,
          refNsp, (long long)loss.mlmLabelled);
    QVERIFY(std::fabs(loss.mlmLoss - refMlm) < 1e-5 * refMlm);
    QVERIFY(std::fabs(loss.nspLoss - refNsp) < 1e-5 * refNsp);
    QCOMPARE(loss.mlmLabelled, int64_t(positions.size()));
    QCOMPARE(loss.nspLabelled, int64_t(B));

    double worst = 0;
    std::string worstName;
    std::vector<std::string> noise;
    for (const auto& v : m.params().views()) {
      double refNorm = 0;
      const double e = relError(m.params().grad(v.name), ref.get("grad." + v.name, v.shape).data, &refNorm);
      if (refNorm < 1e-7) {
        // The key biases: softmax cancels them, both gradients are rounding noise around 0.
        noise.push_back(v.name);
        double ours = 0;
        for (size_t i = 0; i < v.size; ++i) ours += double(m.params().grad(v.name)[i]) * m.params().grad(v.name)[i];
        QVERIFY2(std::sqrt(ours) < 1e-6, v.name.c_str());
        continue;
      }
      QVERIFY2(e < 1e-3, ("grad." + v.name + ": " + std::to_string(e)).c_str());
      if (e > worst) worst = e, worstName = v.name;
    }
    QCOMPARE(int(noise.size()), m.layers());
    qInfo("gradients: worst relative error %.3g (%s)", worst, worstName.c_str());

    nn::AdamWOptions ao;
    ao.eps = 1e-6f;
    ao.weightDecay = 0.01f;
    nn::AdamW opt(m.params(), ao);
    opt.step(1e-3f);
    worst = 0;
    for (const auto& v : m.params().views()) {
      const double e = relError(m.params().data(v.name), ref.get("adamw_step1." + v.name, v.shape).data);
      const bool isNoise = std::find(noise.begin(), noise.end(), v.name) != noise.end();
      // Adam divides a noise gradient by its own noise: the direction of that step is arbitrary.
      QVERIFY2(e < (isNoise ? 1e-3 : 1e-4), ("adamw_step1." + v.name + ": " + std::to_string(e)).c_str());
      if (!isNoise && e > worst) worst = e, worstName = v.name;
    }
    qInfo("after one AdamW step: worst relative error %.3g (%s)", worst, worstName.c_str());
  }

  void gradientsAccumulateAndScale() {
    // Two backward passes of the same loss with lossScale 0.5 each give one full gradient.
    BertModel m(BertConfig::load(fixtureDir() + "/config.json"));
    loadFixtureWeights(m);
    const auto ref = SafetensorsFile::read(fixtureDir() + "/reference.safetensors");
    const auto ids = ints(ref.get("train.masked_input_ids")), types = ints(ref.get("token_type_ids")),
               mask = ints(ref.get("attention_mask")), labels = ints(ref.get("train.mlm_labels")),
               nsp = ints(ref.get("train.next_sentence_label"));
    const int B = int(ref.get("input_ids").shape[0]), T = int(ref.get("input_ids").shape[1]);
    m.forward({B, T, ids.data(), types.data(), mask.data()});
    m.params().zeroGrad();
    m.pretrainingLoss({labels, nsp});
    const Vec once(m.params().grads(), m.params().grads() + m.params().bufferSize());
    m.params().zeroGrad();
    m.pretrainingLoss({labels, nsp}, true, 0.5f);
    m.pretrainingLoss({labels, nsp}, true, 0.5f);
    QVERIFY(relError(m.params().grads(), once) < 1e-6);
    // without backward: no gradient at all
    m.params().zeroGrad();
    const auto l = m.pretrainingLoss({labels, nsp}, false);
    QVERIFY(l.loss > 0);
    QCOMPARE(m.params().gradNorm(), 0.0);
  }

  void finiteDifferencesWholeModel_data() {
    QTest::addColumn<bool>("tied");
    QTest::addColumn<bool>("dropout");
    QTest::addColumn<bool>("positions");
    QTest::addColumn<bool>("tanhGelu");
    QTest::newRow("tied, all positions") << true << false << false << false;
    QTest::newRow("untied, chosen positions") << false << false << true << false;
    QTest::newRow("tied, dropout, gelu_new") << true << true << true << true;
  }

  void finiteDifferencesWholeModel() {
    QFETCH(bool, tied);
    QFETCH(bool, dropout);
    QFETCH(bool, positions);
    QFETCH(bool, tanhGelu);
    BertConfig cfg = tinyConfig();
    if (dropout) cfg.hiddenDropoutProb = cfg.attentionProbsDropoutProb = 0.2;
    if (tanhGelu) cfg.hiddenAct = "gelu_new";
    BertModel::Options opts;
    opts.parts.tiedDecoder = tied;
    BertModel m(cfg, opts);
    m.initialize(7);
    QVERIFY(m.params().contains("cls.predictions.decoder.weight") == !tied);
    // LayerNorm weights and biases away from 1 / 0, so that their gradients are exercised.
    std::mt19937 rng(3);
    std::normal_distribution<float> nd(0.0f, 0.3f);
    for (const auto& v : m.params().views())
      if (v.shape.size() == 1)
        for (size_t i = 0; i < v.size; ++i) m.params().data(v.name)[i] += nd(rng);

    const TinyBatch tb;
    const std::vector<int64_t> pos{1, 4, 7, 9, 1};
    const std::vector<int32_t> posLabels{3, 20, 0, 12, 3};
    std::vector<int32_t> allLabels(12, nn::kIgnoreIndex);
    allLabels[2] = 6;
    allLabels[5] = 1;
    allLabels[8] = 19;
    const std::vector<int32_t> nsp{1, 0};
    BertForwardOptions fo;
    fo.training = dropout;
    fo.seed = 11;
    if (positions) fo.mlmPositions = pos;
    const BertPretrainingTargets targets{positions ? std::span<const int32_t>(posLabels) : allLabels, nsp};

    auto loss = [&]() {
      m.forward(tb.batch(), fo);
      return m.pretrainingLoss(targets, false).loss;
    };
    loss();
    m.params().zeroGrad();
    const double l0 = m.pretrainingLoss(targets).loss;
    QVERIFY(std::isfinite(l0) && l0 > 0);
    const Vec analytic(m.params().grads(), m.params().grads() + m.params().bufferSize());
    nn::GradCheckOptions gc;
    gc.step = 1e-2;
    const auto r = nn::checkGradient(m.params().params(), analytic.data(), int64_t(analytic.size()), loss, gc);
    qInfo("pre-training loss: %lld entries, relative error %.3g (|numeric| %.3g)", (long long)r.checked, r.relError,
          r.numericNorm);
    QVERIFY(r.numericNorm > 1e-3);
    QVERIFY2(r.relError < 2e-3, std::to_string(r.relError).c_str());
  }

  void finiteDifferencesFromHiddenAndPooled() {
    // loss = Σ hidden(1) ⊙ R1 + Σ pooled ⊙ R2 (a classifier's gradient entering the encoder)
    BertConfig cfg = tinyConfig();
    BertModel::Options opts;
    opts.parts.mlmHead = false;
    opts.parts.nspHead = false;
    BertModel m(cfg, opts);
    m.initialize(5);
    const TinyBatch tb;
    const int C = cfg.hiddenSize;
    std::mt19937 rng(9);
    std::normal_distribution<float> nd(0.0f, 1.0f);
    Vec r1(size_t(tb.B) * tb.T * C), r2(size_t(tb.B) * C);
    for (auto& x : r1) x = nd(rng);
    for (auto& x : r2) x = nd(rng);
    for (int b = 0; b < tb.B; ++b)  // padded positions carry no loss
      for (int t = 0; t < tb.T; ++t)
        if (!tb.mask[size_t(b * tb.T + t)]) std::fill_n(r1.begin() + (b * tb.T + t) * C, C, 0.0f);
    auto loss = [&]() {
      m.forward(tb.batch());
      double s = 0;
      for (size_t i = 0; i < r1.size(); ++i) s += double(m.hiddenState(1)[i]) * r1[i];
      for (size_t i = 0; i < r2.size(); ++i) s += double(m.pooled()[i]) * r2[i];
      return s;
    };
    loss();
    QVERIFY(m.mlmLogits() == nullptr && m.nspLogits() == nullptr);
    m.params().zeroGrad();
    BertOutputGrads g;
    g.dPooled = r2.data();
    g.dHidden.push_back({1, r1.data()});
    m.backward(g);
    const Vec analytic(m.params().grads(), m.params().grads() + m.params().bufferSize());
    const auto r = nn::checkGradient(m.params().params(), analytic.data(), int64_t(analytic.size()), loss);
    qInfo("hidden + pooled loss: %lld entries, relative error %.3g", (long long)r.checked, r.relError);
    QVERIFY(r.numericNorm > 1e-3);
    QVERIFY2(r.relError < 2e-3, std::to_string(r.relError).c_str());
  }

  void dropoutIsDeterministicInTheSeed() {
    BertConfig cfg = tinyConfig();
    cfg.hiddenDropoutProb = cfg.attentionProbsDropoutProb = 0.3;
    BertModel m(cfg);
    m.initialize(1);
    const TinyBatch tb;
    BertForwardOptions o;
    o.training = true;
    o.seed = 4;
    m.forward(tb.batch(), o);
    const Vec a(m.hiddenState(2), m.hiddenState(2) + 96);
    m.forward(tb.batch(), o);
    const Vec b(m.hiddenState(2), m.hiddenState(2) + 96);
    o.seed = 5;
    m.forward(tb.batch(), o);
    const Vec c(m.hiddenState(2), m.hiddenState(2) + 96);
    m.forward(tb.batch());  // evaluation: no dropout
    const Vec d(m.hiddenState(2), m.hiddenState(2) + 96);
    QVERIFY(a == b);
    QVERIFY(a != c);
    QVERIFY(a != d);
  }

  void copiesAreIndependent() {
    // A worker thread takes its own copy: same outputs, and changing one leaves the other alone.
    BertModel a(tinyConfig());
    a.initialize(2);
    BertModel b = a;
    const TinyBatch tb;
    a.forward(tb.batch());
    b.forward(tb.batch());
    QVERIFY(std::equal(a.mlmLogits(), a.mlmLogits() + 12 * 23, b.mlmLogits()));
    b.params().data("cls.predictions.bias")[0] += 1.0f;
    b.forward(tb.batch());
    a.forward(tb.batch());
    QVERIFY(std::fabs(b.mlmLogits()[0] - a.mlmLogits()[0] - 1.0f) < 1e-5f);
  }

  void initializationFollowsHuggingFace() {
    BertConfig cfg = tinyConfig();
    cfg.initializerRange = 0.02;
    cfg.vocabSize = 500;
    cfg.hiddenSize = 64;
    BertModel m(cfg);
    m.initialize(3);
    const float* w = m.params().data("bert.embeddings.word_embeddings.weight");
    for (int c = 0; c < 64; ++c) QCOMPARE(w[c], 0.0f);  // the pad row
    double s = 0, s2 = 0;
    for (int i = 64; i < 500 * 64; ++i) s += w[i], s2 += double(w[i]) * w[i];
    const double n = 499 * 64, sd = std::sqrt(s2 / n - (s / n) * (s / n));
    QVERIFY(std::fabs(sd - 0.02) < 0.001);
    QCOMPARE(m.params().data("bert.encoder.layer.0.output.LayerNorm.weight")[5], 1.0f);
    QCOMPARE(m.params().data("bert.encoder.layer.0.output.LayerNorm.bias")[5], 0.0f);
    QCOMPARE(m.params().data("cls.predictions.bias")[5], 0.0f);
    BertModel m2(cfg);
    m2.initialize(3);
    QVERIFY(std::equal(m.params().params(), m.params().params() + m.params().bufferSize(), m2.params().params()));
  }

  void badInputIsAnError() {
    BertModel m(tinyConfig());
    m.initialize(1);
    TinyBatch tb;
    tb.ids[3] = 23;
    QVERIFY_THROWS_EXCEPTION(Error, m.forward(tb.batch()));
    tb = TinyBatch();
    tb.types[2] = 2;
    QVERIFY_THROWS_EXCEPTION(Error, m.forward(tb.batch()));
    std::vector<int32_t> longIds(10, 1);
    QVERIFY_THROWS_EXCEPTION(Error, m.forward(BertBatch{1, 10, longIds.data(), nullptr, nullptr}));
    const std::vector<int64_t> bad{12};
    BertForwardOptions o;
    o.mlmPositions = bad;
    QVERIFY_THROWS_EXCEPTION(Error, m.forward(TinyBatch().batch(), o));
    const TinyBatch ok;
    m.forward(ok.batch());
    const std::vector<int32_t> fewLabels(3, 1);
    QVERIFY_THROWS_EXCEPTION(Error, m.pretrainingLoss({fewLabels, {}}));
    QVERIFY_THROWS_EXCEPTION(Error, m.hiddenState(3));
    QVERIFY_THROWS_EXCEPTION(Error, m.attention(2));
    BertConfig bad2 = tinyConfig();
    bad2.numAttentionHeads = 3;
    QVERIFY_THROWS_EXCEPTION(Error, BertModel{bad2});
    BertModel::Options o2;
    o2.parts.pooler = false;  // NSP without a pooler
    QVERIFY_THROWS_EXCEPTION(Error, BertModel(tinyConfig(), o2));
  }

  void configRoundTripAndErrors() {
    const BertConfig c = BertConfig::load(fixtureDir() + "/config.json");
    QCOMPARE(c.vocabSize, int64_t(377));
    QCOMPARE(c.hiddenSize, 64);
    QCOMPARE(c.numHiddenLayers, 2);
    QCOMPARE(c.numAttentionHeads, 4);
    QCOMPARE(c.intermediateSize, 128);
    QCOMPARE(c.maxPositionEmbeddings, 64);
    QCOMPARE(c.layerNormEps, 1e-12);
    QCOMPARE(QString::fromStdString(c.hiddenAct), QString("gelu"));
    QVERIFY(!c.geluTanh());
    QCOMPARE(c.architectures.size(), size_t(1));
    QVERIFY(c.extra.count("transformers_version"));
    // Saved and read back: the same JSON object as the original file.
    const nlohmann::json again = nlohmann::json::parse(c.toJson());
    nlohmann::json orig;
    std::ifstream(fixtureDir() + "/config.json") >> orig;
    QCOMPARE(QString::fromStdString(again.dump()), QString::fromStdString(orig.dump()));

    auto expectError = [](const std::string& json, const std::string& needle) {
      try {
        BertConfig::fromJson(json, "cfg.json");
        QFAIL(("no error for " + json).c_str());
      } catch (const Error& e) {
        const std::string msg = e.what();
        QVERIFY2(msg.find("cfg.json") != std::string::npos && msg.find(needle) != std::string::npos, msg.c_str());
      }
    };
    expectError("{\"model_type\": \"gpt2\", \"hidden_size\": 64}", "gpt2");
    expectError("{\"hidden_size\": \"64\"}", "hidden_size");
    expectError("{\"hidden_size\": 64.5}", "hidden_size");
    expectError("{\"hidden_size\": 66, \"num_attention_heads\": 4}", "num_attention_heads");
    expectError("{\"hidden_act\": \"relu\"}", "hidden_act");
    expectError("{\"hidden_dropout_prob\": 1.5}", "hidden_dropout_prob");
    expectError("{\"num_hidden_layers\": 0}", "num_hidden_layers");
    expectError("[1, 2]", "JSON object");
    expectError("{\"vocab_size\": ", "JSON");
    try {
      BertConfig::load("/nonexistent/config.json");
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("/nonexistent/config.json") != std::string::npos);
    }
    QVERIFY(BertConfig::fromJson("{\"hidden_act\": \"gelu_new\"}").geluTanh());
  }
};

QTEST_APPLESS_MAIN(TestBertModel)
#include "test_bert_model.moc"
