// ElmoEmbedder: the three ELMo layers per token with their shapes and the duplicated layer 0, the
// batched path equal to one sentence at a time (padding never leaks into a shorter sentence), the
// result independent of threads and batch size, mean pooling, maxTokens, stop, and tokenize().
#include <QtTest/QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "core/models/elmo/ElmoEmbedder.h"
#include "core/models/elmo/ElmoModel.h"

using namespace embedlab;
using namespace embedlab::elmo;

namespace {

ElmoOptions tinyOptions() {
  ElmoOptions o;
  o.charEmbed = 4;
  o.maxChars = 10;
  o.filters = {{1, 3}, {2, 4}, {3, 5}};
  o.projection = 6;
  o.lstmHidden = 5;
  return o;
}

std::vector<std::vector<std::string>> sentences() {
  return {{"the", "cat", "sat"},
          {"a"},
          {},
          {"dogs", "run", "after", "the", "red", "ball", "today"},
          {"the", "cat", "sat", "on", "the", "mat"},
          {"x", "y"}};
}

double maxDiff(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return 1e30;
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(double(a[i]) - b[i]));
  return m;
}

}  // namespace

class TestElmoEmbedder : public QObject {
  Q_OBJECT

 private slots:
  void layersAndShapes() {
    ElmoModel model(tinyOptions(), 10, 3);
    ElmoEmbedder e(model);
    QCOMPARE(e.layers(), 3);
    QCOMPARE(e.dim(), 12);
    const auto s = sentences();
    const auto out = e.embed(s);
    QCOMPARE(out.size(), s.size());
    const int P = 6, D = 12;
    for (size_t i = 0; i < s.size(); ++i) {
      const int64_t T = static_cast<int64_t>(s[i].size());
      QCOMPARE(static_cast<int64_t>(out[i].size()), 3 * T * D);
      for (int64_t t = 0; t < T; ++t) {
        const float* l0 = out[i].data() + t * D;
        // Layer 0: the token encoding, the same in both halves.
        QVERIFY(std::equal(l0, l0 + P, l0 + P));
        // Layers 1 and 2 differ between the directions.
        const float* l1 = out[i].data() + (T + t) * D;
        QVERIFY(!std::equal(l1, l1 + P, l1 + P));
      }
      for (float v : out[i]) QVERIFY(std::isfinite(v));
    }
    // The same word in two contexts: layer 0 equal (context-free), layer 1 not.
    const int64_t T0 = 3, T4 = 6;
    QVERIFY(std::equal(out[0].begin(), out[0].begin() + D, out[4].begin()));  // "the" at 0 in both
    const float* a = out[0].data() + (T0 + 0) * D;   // "the" layer 1, sentence 0
    const float* b = out[4].data() + (T4 + 4) * D;   // second "the" layer 1, sentence 4
    QVERIFY(!std::equal(a, a + D, b));
  }

  void batchedEqualsOneByOne() {
    ElmoModel model(tinyOptions(), 10, 5);
    const auto s = sentences();
    ElmoEmbedderOptions o;
    o.batch = 4;
    o.threads = 1;
    const auto batched = ElmoEmbedder(model, o).embed(s);
    for (size_t i = 0; i < s.size(); ++i) {
      const std::vector<float> single = model.representations(s[i]);
      QVERIFY2(maxDiff(batched[i], single) < 1e-5, std::to_string(maxDiff(batched[i], single)).c_str());
    }
    o.batch = 1;
    o.threads = 2;
    const auto other = ElmoEmbedder(model, o).embed(s);
    for (size_t i = 0; i < s.size(); ++i) QVERIFY(maxDiff(batched[i], other[i]) < 1e-5);
  }

  void meanPooledAndMaxTokens() {
    ElmoModel model(tinyOptions(), 10, 9);
    const auto s = sentences();
    ElmoEmbedderOptions o;
    o.batch = 3;
    ElmoEmbedder e(model, o);
    const auto full = e.embed(s);
    int64_t done = 0;
    const std::vector<float> pooled = e.embedMeanPooled(s, [&](int64_t d, int64_t n) {
      QCOMPARE(n, static_cast<int64_t>(s.size()));
      done = std::max(done, d);
    });
    QCOMPARE(done, static_cast<int64_t>(s.size()));
    const int K = 3, D = 12;
    QCOMPARE(pooled.size(), s.size() * K * D);
    for (size_t i = 0; i < s.size(); ++i) {
      const int64_t T = static_cast<int64_t>(s[i].size());
      for (int k = 0; k < K; ++k)
        for (int d = 0; d < D; ++d) {
          double mean = 0;
          for (int64_t t = 0; t < T; ++t) mean += full[i][(k * T + t) * D + d];
          mean = T > 0 ? mean / T : 0.0;
          QVERIFY(std::fabs(pooled[(i * K + k) * D + d] - mean) < 1e-5);
        }
    }
    // Pieces of at most 3 tokens: the mean over the pieces' tokens.
    o.chunkTokens = 3;
    const std::vector<float> chunked = ElmoEmbedder(model, o).embedMeanPooled({s[3]});
    const auto p1 = model.representations({"dogs", "run", "after"});
    const auto p2 = model.representations({"the", "red", "ball"});
    const auto p3 = model.representations({"today"});
    for (int k = 0; k < K; ++k)
      for (int d = 0; d < D; ++d) {
        double sum = 0;
        for (int t = 0; t < 3; ++t) sum += p1[(k * 3 + t) * D + d] + p2[(k * 3 + t) * D + d];
        sum += p3[k * D + d];
        QVERIFY(std::fabs(chunked[k * D + d] - sum / 7) < 1e-5);
      }
    o.chunkTokens = 0;
    o.maxTokens = 2;
    const auto cut = ElmoEmbedder(model, o).embed(s);
    QCOMPARE(static_cast<int64_t>(cut[3].size()), int64_t(3 * 2 * D));
    QVERIFY(maxDiff(cut[3], model.representations({"dogs", "run"})) < 1e-5);
  }

  void stopsAndTokenizes() {
    ElmoModel model(tinyOptions(), 10, 9);
    StopToken token;
    token.requestStop();
    bool stopped = false;
    ElmoEmbedder(model).embed(sentences(), {}, &token, &stopped);
    QVERIFY(stopped);
    const auto t = ElmoEmbedder::tokenize({"The Cat, sat.", ""}, {});
    QCOMPARE(t.size(), size_t(2));
    QVERIFY((t[0] == std::vector<std::string>{"the", "cat", ",", "sat", "."}));
    QVERIFY(t[1].empty());
  }
};

QTEST_APPLESS_MAIN(TestElmoEmbedder)
#include "test_elmo_embedder.moc"
