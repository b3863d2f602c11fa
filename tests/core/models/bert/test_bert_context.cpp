// BertContext with the fixture model: per-token vectors from a layer or the mean of the last
// four, words assembled from their WordPieces, every occurrence of chosen words in corpus lines
// as EmbeddingSet rows (labels, metadata, batching and padding not changing the vectors,
// truncation, a cap per word), static vectors as the mean of the contexts, and usage errors.
#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/BertContext.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using namespace embedlab;

namespace {

std::string fixtureDir() { return test::fixturesDir() + "/bert-tiny"; }

double maxAbsDiff(const float* a, const float* b, int n) {
  double m = 0;
  for (int i = 0; i < n; ++i) m = std::max(m, std::fabs(double(a[i]) - b[i]));
  return m;
}

const std::vector<std::string> kLines = {
    "the river bank was wet",          // 0
    "money in the bank",               // 1
    "nothing to see here",             // 2
    "Bank after BANK",                 // 3: two occurrences, any case
    "unbelievable words",              // 4: a word of several pieces
};

}  // namespace

class TestBertContext : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { ck_ = std::make_unique<BertCheckpoint>(BertCheckpoint::load(fixtureDir())); }

  void sentenceTokensAndWords() {
    BertModel& m = ck_->model();
    BertContext::Options o;
    o.layer = 2;
    BertContext ctx(m, ck_->tokenizer(), o);
    QCOMPARE(ctx.firstLayer(), 2);
    const std::string text = "Unbelievable learning models represent words.";
    const BertSentenceVectors s = ctx.encode(text);
    QCOMPARE(s.dim, 64);
    const int T = int(s.encoding.size());
    QCOMPARE(T, 12);
    // the token vectors are the last hidden state of a plain forward
    m.forward(s.encoding);
    QCOMPARE(maxAbsDiff(s.tokenVectors.data(), m.hiddenState(2), T * 64), 0.0);
    // words: unbelievable (5 pieces), learning, models, represent, words, "."
    QCOMPARE(s.words, (std::vector<std::string>{"Unbelievable", "learning", "models", "represent", "words", "."}));
    QCOMPARE(s.wordFirst.front(), 1);
    QCOMPARE(s.wordEnd.front(), 6);
    std::vector<float> mean(64, 0.0f);
    for (int t = 1; t < 6; ++t)
      for (int c = 0; c < 64; ++c) mean[c] += s.tokenVectors[size_t(t * 64 + c)] / 5.0f;
    QVERIFY(maxAbsDiff(s.wordVectors.data(), mean.data(), 64) < 1e-6);
    QVERIFY(maxAbsDiff(s.wordVectors.data() + 64, s.tokenVectors.data() + 6 * 64, 64) == 0.0);
    // accents and non-ASCII text: the words are cut from the text by code-point offsets
    const BertSentenceVectors s2 = ctx.encode("Café naïve résumé");
    QCOMPARE(s2.words, (std::vector<std::string>{"Café", "naïve", "résumé"}));
  }

  void meanOfTheLastFour() {
    BertModel& m = ck_->model();
    BertContext ctx(m, ck_->tokenizer());  // layer -1: with 2 layers, hidden states 1 and 2
    QCOMPARE(ctx.firstLayer(), 1);
    QCOMPARE(ctx.lastLayer(), 2);
    const BertSentenceVectors s = ctx.encode("river bank");
    m.forward(s.encoding);
    for (int i = 0; i < int(s.tokenVectors.size()); ++i) {
      const float expect = (m.hiddenState(1)[i] + m.hiddenState(2)[i]) * 0.5f;
      QVERIFY(std::fabs(s.tokenVectors[size_t(i)] - expect) < 1e-6f);
    }
  }

  void occurrencesOfChosenWords() {
    BertContext::Options o;
    o.layer = 2;
    o.batchSize = 2;  // several batches, with padding
    BertContext ctx(ck_->model(), ck_->tokenizer(), o);
    BertContext::Stats st;
    const EmbeddingSet set = ctx.occurrences(kLines, {"bank", "river", "unbelievable", "queen"}, &st);
    QCOMPARE(set.labels(), (std::vector<std::string>{"river#0", "bank#0", "bank#1", "bank#3", "bank#3:2",
                                                     "unbelievable#4"}));
    QCOMPARE(set.dim(), 64);
    QCOMPARE(st.linesRead, int64_t(5));
    QCOMPARE(st.linesEncoded, int64_t(4));
    QCOMPARE(st.occurrences, int64_t(6));
    QCOMPARE(st.notFound, std::vector<std::string>{"queen"});
    QCOMPARE(set.meta().size(), size_t(6));
    QCOMPARE(QString::fromStdString(set.meta()[1].sentence), QString("the river bank was wet"));
    QCOMPARE(set.meta()[1].position, 3);
    QCOMPARE(set.meta()[4].position, 3);
    QCOMPARE(set.meta()[1].layer, 2);
    // Each row equals the word vector of its line encoded alone (batching and padding change
    // nothing but the rounding).
    for (int64_t r = 0; r < set.rows(); ++r) {
      const BertSentenceVectors s = ctx.encode(set.meta()[size_t(r)].sentence);
      int w = 0;
      while (s.wordFirst[size_t(w)] != set.meta()[size_t(r)].position) ++w;
      QVERIFY2(maxAbsDiff(set.row(r), s.wordVectors.data() + w * 64, 64) < 1e-4, set.label(r).c_str());
    }
    // "bank" by the river is not "bank" of money
    QVERIFY(maxAbsDiff(set.row(1), set.row(2), 64) > 1e-2);
  }

  void truncationAndCap() {
    BertContext::Options o;
    o.maxLength = 4;  // [CLS] w1 w2 [SEP]
    BertContext ctx(ck_->model(), ck_->tokenizer(), o);
    BertContext::Stats st;
    const EmbeddingSet set = ctx.occurrences(kLines, {"bank"}, &st);
    // line 0: bank at 3 (lost), line 1: at 4 (lost), line 3: at 1 (kept) and 3 (lost)
    QCOMPARE(set.labels(), std::vector<std::string>{"bank#3"});
    QCOMPARE(st.truncatedAway, int64_t(3));
    QCOMPARE(set.meta()[0].layer, -1);  // the mix of layers

    BertContext::Options capped;
    capped.maxPerWord = 2;
    BertContext ctx2(ck_->model(), ck_->tokenizer(), capped);
    QCOMPARE(ctx2.occurrences(kLines, {"bank"}).rows(), int64_t(2));
  }

  void staticVectorsAverageTheContexts() {
    BertContext ctx(ck_->model(), ck_->tokenizer());
    const EmbeddingSet occ = ctx.occurrences(kLines, {"bank", "river"});
    const EmbeddingSet st = ctx.staticVectors(kLines, {"river", "bank", "queen"});
    QCOMPARE(st.labels(), (std::vector<std::string>{"river", "bank"}));
    QCOMPARE(st.counts(), (std::vector<int64_t>{1, 4}));
    std::vector<double> mean(64, 0.0);
    for (int64_t r = 0; r < occ.rows(); ++r)
      if (occ.label(r).rfind("bank#", 0) == 0)
        for (int c = 0; c < 64; ++c) mean[size_t(c)] += occ.row(r)[c] / 4.0;
    for (int c = 0; c < 64; ++c) QVERIFY(std::fabs(st.row(1)[c] - mean[size_t(c)]) < 1e-5);
    QCOMPARE(st.find("bank"), int64_t(1));
  }

  void usageErrors() {
    BertContext ctx(ck_->model(), ck_->tokenizer());
    QVERIFY_THROWS_EXCEPTION(UsageError, ctx.occurrences(kLines, {"river bank"}));
    QVERIFY_THROWS_EXCEPTION(UsageError, ctx.occurrences(kLines, {""}));
    QVERIFY_THROWS_EXCEPTION(UsageError, ctx.occurrences(kLines, {"😀"}));
    BertContext::Options o;
    o.layer = 3;
    QVERIFY_THROWS_EXCEPTION(UsageError, BertContext(ck_->model(), ck_->tokenizer(), o));
  }

 private:
  std::unique_ptr<BertCheckpoint> ck_;
};

QTEST_APPLESS_MAIN(TestBertContext)
#include "test_bert_context.moc"
