// The ELMo biLM as a whole: character ids, the output vocabulary, a finite-difference check of
// the whole tiny model's gradient (full and sampled softmax, carried states), the loss falling
// on a tiny repetitive corpus, held-out perplexity, and the representations / scalar mix.
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/models/elmo/ElmoCharacters.h"
#include "core/models/elmo/ElmoModel.h"
#include "core/models/elmo/ElmoVocabulary.h"
#include "core/nn/AdamW.h"
#include "core/nn/GradCheck.h"
#include "core/util/Error.h"

using namespace embedlab;
using namespace embedlab::elmo;

namespace {

ElmoOptions tinyOptions() {
  ElmoOptions o;
  o.charEmbed = 4;
  o.maxChars = 8;
  o.filters = {{1, 3}, {2, 4}, {3, 5}};
  o.highway = 1;
  o.projection = 6;
  o.lstmHidden = 5;
  return o;
}

// One (B,T) batch in both reading orders from a token id stream of B*T+1 ids: forward inputs
// ids[0..BT) predicting ids[1..BT]; backward inputs are the reversed stream.
struct Batch {
  std::vector<int32_t> chars[2], targets[2];
};

Batch makeBatch(const std::vector<std::string>& words, const std::vector<int32_t>& stream, int B,
                int T, int L) {
  Batch b;
  for (int d = 0; d < 2; ++d) {
    std::vector<int32_t> s = stream;
    if (d == 1) std::reverse(s.begin(), s.end());
    for (int r = 0; r < B; ++r)
      for (int t = 0; t < T; ++t) {
        const int i = r * T + t;
        std::vector<int32_t> c(L);
        ElmoCharacters::encode(words[s[i]], c.data(), L);
        b.chars[d].insert(b.chars[d].end(), c.begin(), c.end());
        b.targets[d].push_back(s[i + 1]);
      }
  }
  return b;
}

}  // namespace

class TestElmoModel : public QObject {
  Q_OBJECT

 private slots:
  void characterIds() {
    std::vector<int32_t> c(50);
    ElmoCharacters::encode("ab", c.data());
    QCOMPARE(c[0], ElmoCharacters::kBeginOfWord);
    QCOMPARE(c[1], int32_t('a') + 1);
    QCOMPARE(c[2], int32_t('b') + 1);
    QCOMPARE(c[3], ElmoCharacters::kEndOfWord);
    for (int i = 4; i < 50; ++i) QCOMPARE(c[i], ElmoCharacters::kPadding);
    // UTF-8 bytes, not code points: "é" is two bytes 0xC3 0xA9.
    ElmoCharacters::encode("\xC3\xA9", c.data());
    QCOMPARE(c[1], 0xC3 + 1);
    QCOMPARE(c[2], 0xA9 + 1);
    QCOMPARE(c[3], ElmoCharacters::kEndOfWord);
    // A long token keeps its first 48 bytes and still ends with EOW.
    ElmoCharacters::encode(std::string(80, 'x'), c.data());
    QCOMPARE(c[0], ElmoCharacters::kBeginOfWord);
    QCOMPARE(c[48], int32_t('x') + 1);
    QCOMPARE(c[49], ElmoCharacters::kEndOfWord);
    ElmoCharacters::encode("<s>", c.data());
    QCOMPARE(c[1], ElmoCharacters::kBeginOfSentence);
    QCOMPARE(c[2], ElmoCharacters::kEndOfWord);
    QCOMPARE(c[3], ElmoCharacters::kPadding);
    ElmoCharacters::encode("</s>", c.data());
    QCOMPARE(c[1], ElmoCharacters::kEndOfSentence);
    const auto all = ElmoCharacters::encode(std::vector<std::string>{"a", "b"}, 5);
    QCOMPARE(all.size(), size_t(10));
    QCOMPARE(all[6], int32_t('b') + 1);
    QVERIFY_THROWS_EXCEPTION(Error, ElmoCharacters::encode("a", c.data(), 2));
  }

  void vocabulary() {
    auto counts = Vocabulary::fromCounts({{"the", 10}, {"cat", 5}, {"sat", 3}, {"mat", 1}},
                                         {1, 0, 1});
    auto v = ElmoVocabulary::fromVocabulary(counts, 5);
    QCOMPARE(v.size(), 5);
    QCOMPARE(v.word(0), std::string("<s>"));
    QCOMPARE(v.word(1), std::string("</s>"));
    QCOMPARE(v.word(2), std::string("<unk>"));
    QCOMPARE(v.id("the"), 3);
    QCOMPARE(v.id("cat"), 4);
    QCOMPARE(v.id("sat"), ElmoVocabulary::kUnk);
    QTemporaryDir dir;
    const std::string path = dir.filePath("vocab.txt").toStdString();
    v.save(path);
    auto back = ElmoVocabulary::load(path);
    QCOMPARE(back.words(), v.words());
    writeBad(dir.filePath("bad.txt").toStdString(), "the\ncat\n");
    try {
      ElmoVocabulary::load(dir.filePath("bad.txt").toStdString());
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("bad.txt") != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(Error, ElmoVocabulary::load(dir.filePath("none.txt").toStdString()));
  }

  void gradientOfWholeModel_data() {
    QTest::addColumn<int>("sampled");
    QTest::addColumn<int>("activation");
    QTest::newRow("full softmax, relu") << 0 << 0;
    QTest::newRow("sampled softmax") << 5 << 1;
  }

  void gradientOfWholeModel() {
    QFETCH(int, sampled);
    QFETCH(int, activation);
    ElmoOptions o = tinyOptions();
    o.sampled = sampled;
    o.activation = activation ? nn::Activation::Tanh : nn::Activation::Relu;
    const std::vector<std::string> words = {"<s>", "</s>", "<unk>", "the", "cat", "sat",
                                            "on", "a", "mat", "dogs", "ran", "far"};
    const int V = static_cast<int>(words.size()), B = 2, T = 3;
    ElmoModel model(o, V, 7);
    std::mt19937_64 gen(3);
    std::vector<int32_t> stream;
    for (int i = 0; i < B * T + 1; ++i) stream.push_back(static_cast<int32_t>(gen() % V));
    Batch batch = makeBatch(words, stream, B, T, o.maxChars);
    // A non-zero carried state, as in the middle of truncated BPTT.
    ElmoState start;
    start.reset(o, B);
    std::normal_distribution<float> nd(0.0f, 0.3f);
    for (auto& v : start.h) for (auto& x : v) x = nd(gen);
    for (auto& v : start.c) for (auto& x : v) x = nd(gen);

    auto loss = [&](bool keepGrads) {
      ElmoState s = start;
      if (!keepGrads) model.params().zeroGrad();
      std::mt19937_64 rng(11);  // the same candidates every evaluation
      double l = 0;
      for (int d = 0; d < 2; ++d)
        l += 0.5 * model.trainDirection(ElmoModel::Direction(d), batch.chars[d].data(),
                                        batch.targets[d].data(), B, T, &s, 0.5f, &rng);
      return l;
    };
    model.params().zeroGrad();
    loss(true);
    nn::ParameterStore& p = model.params();
    std::vector<float> analytic(p.grads(), p.grads() + p.bufferSize());
    for (size_t i = 0; i < p.count(); ++i) {
      const auto& v = p.view(i);
      // Most character rows are unused (zero gradient); check the rows every token has: BOW,
      // EOW, the sentence marks and the padding (257..261).
      const bool chars = v.name == "char_embed";
      const size_t first = chars ? 257 * o.charEmbed : 0;
      const size_t n = chars ? 5 * o.charEmbed : v.size;
      // float32 through the whole model: a small step drowns in the loss's rounding, a large one
      // may cross a kink (ReLU, the max-pool's winner). A wrong gradient fails at both steps.
      nn::GradCheckResult r;
      for (double step : {1e-2, 3e-3}) {
        nn::GradCheckOptions go;
        go.step = step;
        go.maxEntries = 24;
        r = nn::checkGradient(p.data(i) + first, analytic.data() + v.offset + first,
                              static_cast<int64_t>(n), [&] { return loss(false); }, go);
        if (r.relError < 3e-2) break;
      }
      const std::string msg = v.name + ": relative error " + std::to_string(r.relError) + " over " +
                              std::to_string(r.checked) + " entries, |num| " +
                              std::to_string(r.numericNorm);
      QVERIFY2(r.relError < 3e-2, msg.c_str());
    }
  }

  void lossFallsAndHeldOutPerplexity() {
    ElmoOptions o = tinyOptions();
    o.projection = 16;
    o.lstmHidden = 24;
    o.filters = {{1, 8}, {2, 8}, {3, 16}};
    o.maxChars = 10;
    const std::vector<std::string> words = {"<s>", "</s>", "<unk>", "the", "cat", "sat",
                                            "on", "mat", "."};
    const int V = static_cast<int>(words.size()), B = 4, T = 8;
    // A repetitive corpus: "<s> the cat sat on the mat . </s>" over and over.
    const std::vector<int32_t> sentence = {0, 3, 4, 5, 6, 3, 7, 8, 1};
    auto cycle = [&](int offset, int n) {
      std::vector<int32_t> s;
      for (int i = 0; i < n; ++i) s.push_back(sentence[(offset + i) % sentence.size()]);
      return s;
    };
    // Training batches start at every phase of the cycle; the held-out text is the same
    // language in another shape (3 rows of 5).
    std::vector<Batch> batches;
    for (int offset = 0; offset < 9; ++offset)
      batches.push_back(makeBatch(words, cycle(offset, B * T + 1), B, T, o.maxChars));
    const int HB = 3, HT = 5;
    Batch heldBatch = makeBatch(words, cycle(4, HB * HT + 1), HB, HT, o.maxChars);

    ElmoModel model(o, V, 1);
    nn::AdamW adam(model.params(), {0.9f, 0.999f, 1e-8f, 0.0f});
    auto evaluate = [&] {
      double l = 0;
      for (int d = 0; d < 2; ++d)
        l += 0.5 * model.evaluateDirection(ElmoModel::Direction(d), heldBatch.chars[d].data(),
                                           heldBatch.targets[d].data(), HB, HT, nullptr);
      return l;
    };
    const double before = evaluate();
    double first = 0, last = 0;
    for (int step = 0; step < 180; ++step) {
      const Batch& batch = batches[step % batches.size()];
      model.params().zeroGrad();
      double l = 0;
      for (int d = 0; d < 2; ++d)
        l += 0.5 * model.trainDirection(ElmoModel::Direction(d), batch.chars[d].data(),
                                        batch.targets[d].data(), B, T, nullptr, 0.5f, nullptr);
      QVERIFY(std::isfinite(l));
      adam.step(1e-2f);
      if (step == 0) first = l;
      last = l;
    }
    const double after = evaluate();
    qInfo("train loss %.3f -> %.3f; held-out perplexity %.2f -> %.2f (vocabulary %d)", first, last,
          std::exp(before), std::exp(after), V);
    QVERIFY(last < 0.3 * first);
    QVERIFY(std::exp(before) > 5.0);
    QVERIFY(std::exp(after) < 2.0);
  }

  void representationsAndMix() {
    ElmoOptions o = tinyOptions();
    ElmoModel model(o, 12, 5);
    const std::vector<std::string> sentence = {"the", "cat", "sat"};
    auto layers = model.representations(sentence);
    const int T = 3, D = 2 * o.projection;
    QCOMPARE(layers.size(), size_t(3 * T * D));
    // Layer 0: the same token encoding in both halves.
    for (int t = 0; t < T; ++t)
      for (int i = 0; i < o.projection; ++i)
        QCOMPARE(layers[t * D + i], layers[t * D + o.projection + i]);
    // The forward half of a token does not depend on later tokens; the backward half does.
    auto longer = model.representations({"the", "cat", "ran"});
    for (int k = 1; k < 3; ++k) {
      const float* a = layers.data() + (k * T + 1) * D;
      const float* b = longer.data() + (k * T + 1) * D;
      for (int i = 0; i < o.projection; ++i) QCOMPARE(a[i], b[i]);
      double diff = 0;
      for (int i = o.projection; i < D; ++i) diff += std::abs(a[i] - b[i]);
      QVERIFY(diff > 1e-6);
    }
    // Scalar mix: s = 0 is the plain mean scaled by γ; a dominant s_j picks layer j.
    const float zeros[3] = {0, 0, 0};
    auto m = ElmoModel::mix(layers, 3, zeros, 2.0f);
    QCOMPARE(m.size(), size_t(T * D));
    for (int i = 0; i < T * D; ++i) {
      const double mean = (layers[i] + layers[T * D + i] + layers[2 * T * D + i]) / 3.0;
      QVERIFY(std::abs(m[i] - 2.0 * mean) < 1e-5);
    }
    const float pick[3] = {-40, 40, -40};
    auto m1 = ElmoModel::mix(layers, 3, pick, 1.0f);
    for (int i = 0; i < T * D; ++i) QVERIFY(std::abs(m1[i] - layers[T * D + i]) < 1e-5);
  }

  void badOptions() {
    ElmoOptions o = tinyOptions();
    o.filters = {{9, 2}};  // wider than a token
    QVERIFY_THROWS_EXCEPTION(UsageError, ElmoModel(o, 12, 1));
    o = tinyOptions();
    o.projection = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, ElmoModel(o, 12, 1));
  }

 private:
  static void writeBad(const std::string& path, const std::string& text) {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
};

QTEST_APPLESS_MAIN(TestElmoModel)
#include "test_elmo_model.moc"
