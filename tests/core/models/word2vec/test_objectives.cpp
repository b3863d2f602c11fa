// The math of Word2Vec without training: the objectives' gradients against double-precision
// finite differences, the fused float kernels against those gradients, and the Huffman tree.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/models/word2vec/AliasSampler.h"
#include "core/models/word2vec/HuffmanTree.h"
#include "core/models/word2vec/Kernels.h"
#include "core/models/word2vec/Objectives.h"
#include "core/models/word2vec/Rng.h"
#include "core/models/word2vec/WordIndex.h"
#include "core/text/Vocabulary.h"

using namespace embedlab;

namespace {

std::vector<double> randomVector(std::mt19937_64& gen, size_t n, double scale) {
  std::uniform_real_distribution<double> dist(-scale, scale);
  std::vector<double> v(n);
  for (double& x : v) x = dist(gen);
  return v;
}

// Max over coordinates of |analytic - numeric| / max(1e-3, |analytic| + |numeric|).
template <class LossFn>
double worstRelativeError(std::vector<double>& params, const std::vector<double>& analytic, LossFn loss) {
  const double h = 1e-6;
  double worst = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    const double saved = params[i];
    params[i] = saved + h;
    const double up = loss();
    params[i] = saved - h;
    const double down = loss();
    params[i] = saved;
    const double numeric = (up - down) / (2 * h);
    const double err = std::abs(analytic[i] - numeric) / std::max(1e-3, std::abs(analytic[i]) + std::abs(numeric));
    worst = std::max(worst, err);
  }
  return worst;
}

// Rows padded to the kernels' 16-float stride; returns pointers into `storage`.
std::vector<float*> paddedRows(std::vector<float>& storage, const std::vector<double>& flat, int rows, int dim) {
  const int stride = w2v::paddedDim(dim);
  storage.assign(static_cast<size_t>(rows) * stride + 16, 0.0f);
  // Align the first row to 64 bytes, as the trainer's matrices are.
  float* base = storage.data();
  while (reinterpret_cast<uintptr_t>(base) % 64 != 0) ++base;
  std::vector<float*> ptrs(rows);
  for (int r = 0; r < rows; ++r) {
    ptrs[r] = base + static_cast<size_t>(r) * stride;
    for (int i = 0; i < dim; ++i) ptrs[r][i] = static_cast<float>(flat[static_cast<size_t>(r) * dim + i]);
  }
  return ptrs;
}

}  // namespace

class TestObjectives : public QObject {
  Q_OBJECT

 private slots:
  void sgnsGradientMatchesFiniteDifferences() {
    std::mt19937_64 gen(11);
    const int dim = 7, negatives = 4;
    // Scale 1: dot products of order 1, where the sigmoid is curved and mistakes would show.
    std::vector<double> v = randomVector(gen, dim, 1.0);
    std::vector<double> out = randomVector(gen, (1 + negatives) * dim, 1.0);
    std::vector<double> dv(dim, 0.0), dout(out.size(), 0.0);
    const double loss = w2v::sgnsLossGrad(v.data(), out.data(), negatives, dim, dv.data(), dout.data());
    QVERIFY(std::isfinite(loss) && loss > 0);

    // Loss by the definition, independently of the shared helper.
    double expected = 0;
    for (int j = 0; j <= negatives; ++j) {
      double x = 0;
      for (int i = 0; i < dim; ++i) x += out[j * dim + i] * v[i];
      expected += j == 0 ? -std::log(1 / (1 + std::exp(-x))) : -std::log(1 / (1 + std::exp(x)));
    }
    QVERIFY(std::abs(loss - expected) < 1e-12);

    auto f = [&] { return w2v::sgnsLossGrad<double>(v.data(), out.data(), negatives, dim, nullptr, nullptr); };
    QVERIFY2(worstRelativeError(v, dv, f) < 1e-6, "dL/dv");
    QVERIFY2(worstRelativeError(out, dout, f) < 1e-6, "dL/dout");
  }

  void hsGradientMatchesFiniteDifferences() {
    std::mt19937_64 gen(12);
    const int dim = 6, length = 5;
    const uint8_t codes[length] = {0, 1, 1, 0, 1};
    std::vector<double> v = randomVector(gen, dim, 1.0);
    std::vector<double> nodes = randomVector(gen, length * dim, 1.0);
    std::vector<double> dv(dim, 0.0), dnodes(nodes.size(), 0.0);
    const double loss = w2v::hsLossGrad(v.data(), nodes.data(), codes, length, dim, dv.data(), dnodes.data());

    double expected = 0;  // path loss: -sum log s((1 - 2 code) u.v)
    for (int j = 0; j < length; ++j) {
      double x = 0;
      for (int i = 0; i < dim; ++i) x += nodes[j * dim + i] * v[i];
      expected -= std::log(1 / (1 + std::exp(-(1 - 2 * codes[j]) * x)));
    }
    QVERIFY(std::abs(loss - expected) < 1e-12);

    auto f = [&] { return w2v::hsLossGrad<double>(v.data(), nodes.data(), codes, length, dim, nullptr, nullptr); };
    QVERIFY2(worstRelativeError(v, dv, f) < 1e-6, "dL/dv");
    QVERIFY2(worstRelativeError(nodes, dnodes, f) < 1e-6, "dL/dnodes");
  }

  void logSigmoidIsStableForLargeArguments() {
    QCOMPARE(w2v::logSigmoid(1000.0), -0.0);
    QVERIFY(std::abs(w2v::logSigmoid(-1000.0) + 1000.0) < 1e-9);
    QVERIFY(std::abs(w2v::logSigmoid(0.0) + std::log(2.0)) < 1e-15);
  }

  void sigmoidTableIsAccurate() {
    const w2v::SigmoidTable& t = w2v::SigmoidTable::instance();
    for (double x = -12; x <= 12; x += 0.0137) {
      for (float y : {0.0f, 1.0f}) {
        double loss = 0;
        const float s = t.eval(static_cast<float>(x), y, loss);
        const double xf = static_cast<float>(x);
        QVERIFY(std::abs(s - w2v::sigmoid(xf)) < 2e-5);
        const double exact = y == 1 ? -w2v::logSigmoid(xf) : -w2v::logSigmoid(-xf);
        QVERIFY2(std::abs(loss - exact) < 2e-5 * std::max(1.0, exact), qPrintable(QString::number(x)));
      }
    }
  }

  // The skip-gram kernels do one SGD step on the summed objectives of Objectives.h:
  // every row moves by -lr * dL/drow, computed from the rows before the step.
  void skipGramKernelsAreGradientSteps_data() {
    QTest::addColumn<bool>("batched");
    QTest::newRow("per-pair (M=1)") << false;
    QTest::newRow("minibatch (M=3)") << true;
  }
  void skipGramKernelsAreGradientSteps() {
    QFETCH(bool, batched);
    std::mt19937_64 gen(13);
    const int dim = 20, k = 4, m = batched ? 3 : 1;
    const float lr = 0.05f;
    const std::vector<double> labels = {1, 0, 0, 0};
    std::vector<double> in = randomVector(gen, m * dim, 0.5), out = randomVector(gen, k * dim, 0.5);

    // Expected: gradients of sum over inputs of the logistic loss, in double.
    std::vector<double> din(in.size(), 0.0), dout(out.size(), 0.0);
    double expectedLoss = 0;
    for (int i = 0; i < m; ++i)
      expectedLoss += w2v::logisticLossGrad(in.data() + i * dim, out.data(), labels.data(), k, dim,
                                            din.data() + i * dim, dout.data());

    std::vector<float> inStore, outStore, scratch(static_cast<size_t>(m) * w2v::paddedDim(dim) + 16), g(m * k);
    std::vector<float*> inRows = paddedRows(inStore, in, m, dim), outRows = paddedRows(outStore, out, k, dim);
    const std::vector<float> labelsF(labels.begin(), labels.end());
    float* aligned = scratch.data();
    while (reinterpret_cast<uintptr_t>(aligned) % 64 != 0) ++aligned;
    const int chunks = w2v::paddedDim(dim) / w2v::kLanes;
    double loss = 0;
    if (batched) {
      std::vector<float> dIn(static_cast<size_t>(m) * w2v::paddedDim(dim) + 16);
      loss = w2v::minibatchStep(inRows.data(), m, outRows.data(), labelsF.data(), k, chunks, lr,
                                w2v::SigmoidTable::instance(), dIn.data(), g.data());
    } else {
      loss = w2v::pairStep(inRows[0], outRows.data(), labelsF.data(), k, chunks, lr, w2v::SigmoidTable::instance(),
                           aligned);
    }
    QVERIFY(std::abs(loss - expectedLoss) < 1e-4);
    for (int i = 0; i < m; ++i)
      for (int c = 0; c < dim; ++c)
        QVERIFY(std::abs(inRows[i][c] - (in[i * dim + c] - lr * din[i * dim + c])) < 1e-5);
    for (int j = 0; j < k; ++j)
      for (int c = 0; c < dim; ++c)
        QVERIFY(std::abs(outRows[j][c] - (out[j * dim + c] - lr * dout[j * dim + c])) < 1e-5);
    // The padding stays zero (the kernels run over whole 16-float blocks).
    for (int i = 0; i < m; ++i)
      for (int c = dim; c < w2v::paddedDim(dim); ++c) QCOMPARE(inRows[i][c], 0.0f);
  }

  // CBOW: h = mean of the context rows; targets move by -lr dL/du, every context row by
  // -lr dL/dh (word2vec.c does not divide the input gradient by the number of contexts).
  void cbowKernelIsGradientStep_data() {
    QTest::addColumn<bool>("batched");
    QTest::newRow("interleaved") << false;
    QTest::newRow("batched") << true;
  }
  void cbowKernelIsGradientStep() {
    QFETCH(bool, batched);
    std::mt19937_64 gen(14);
    const int dim = 18, k = 3, m = 4;
    const float lr = 0.05f;
    const std::vector<double> labels = {1, 0, 1};  // e.g. an HS path
    std::vector<double> in = randomVector(gen, m * dim, 0.5), out = randomVector(gen, k * dim, 0.5);
    std::vector<double> h(dim, 0.0);
    for (int i = 0; i < m; ++i)
      for (int c = 0; c < dim; ++c) h[c] += in[i * dim + c] / m;
    std::vector<double> dh(dim, 0.0), dout(out.size(), 0.0);
    const double expectedLoss = w2v::logisticLossGrad(h.data(), out.data(), labels.data(), k, dim, dh.data(), dout.data());

    std::vector<float> inStore, outStore, hStore(w2v::paddedDim(dim) * 2 + 32);
    std::vector<float*> inRows = paddedRows(inStore, in, m, dim), outRows = paddedRows(outStore, out, k, dim);
    float* hBuf = hStore.data();
    while (reinterpret_cast<uintptr_t>(hBuf) % 64 != 0) ++hBuf;
    const std::vector<float> labelsF(labels.begin(), labels.end());
    float gScratch[k];
    const double loss = w2v::cbowStep(inRows.data(), m, outRows.data(), labelsF.data(), k, w2v::paddedDim(dim) / 16, lr,
                                      w2v::SigmoidTable::instance(), hBuf, hBuf + w2v::paddedDim(dim), gScratch, batched);
    QVERIFY(std::abs(loss - expectedLoss) < 1e-4);
    for (int i = 0; i < m; ++i)
      for (int c = 0; c < dim; ++c) QVERIFY(std::abs(inRows[i][c] - (in[i * dim + c] - lr * dh[c])) < 1e-5);
    for (int j = 0; j < k; ++j)
      for (int c = 0; c < dim; ++c)
        QVERIFY(std::abs(outRows[j][c] - (out[j * dim + c] - lr * dout[j * dim + c])) < 1e-5);
  }

  void aliasSamplerFollowsUnigramPower() {
    const std::vector<int64_t> counts = {1000, 1, 0, 250, 37, 5000, 12, 1};
    const AliasSampler sampler(counts, 0.75);
    double z = 0;
    for (int64_t c : counts) z += std::pow(double(c), 0.75);
    std::vector<int64_t> hits(counts.size(), 0);
    w2v::Rng rng(99);
    const int draws = 2000000;
    for (int i = 0; i < draws; ++i) ++hits[sampler.sample(rng.next())];
    QCOMPARE(hits[2], int64_t(0));  // a zero count is never drawn
    for (size_t i = 0; i < counts.size(); ++i) {
      const double expected = std::pow(double(counts[i]), 0.75) / z * draws;
      // 5 standard deviations of a binomial count, plus a little slack for tiny expectations.
      QVERIFY2(std::abs(hits[i] - expected) <= 5 * std::sqrt(expected) + 2,
               qPrintable(QString("id %1: %2 draws, expected %3").arg(i).arg(hits[i]).arg(expected)));
    }
  }

  void wordIndexAgreesWithVocabulary() {
    std::vector<std::pair<std::string, int64_t>> counts;
    for (int i = 0; i < 3000; ++i) {
      std::string word = "w";
      word += std::to_string(i * 7919);
      counts.push_back({word, 1 + i % 13});
    }
    counts.push_back({std::string(40, 'x'), 9});                 // longer than a slot holds
    counts.push_back({std::string(24, 'y'), 9});                 // exactly a slot
    counts.push_back({"\xc3\xa9t\xc3\xa9", 9});                // UTF-8
    Vocabulary::Options options;
    options.minCount = 1;
    const Vocabulary vocab = Vocabulary::fromCounts(counts, options);
    const WordIndex index(vocab);
    for (int64_t id = 0; id < vocab.size(); ++id) QCOMPARE(index.id(vocab.word(id)), id);
    const std::vector<std::string> missing = {"", "w1", "w7918", std::string(24, 'x'), "y", std::string(41, 'x')};
    for (const std::string& word : missing)
      QCOMPARE(index.id(word), vocab.id(word));
  }

  void huffmanCodesArePrefixFreeAndShortForFrequentWords() {
    // Zipf-like counts with ties, in a shuffled order (the tree must not rely on sorted input).
    std::vector<int64_t> counts;
    for (int i = 1; i <= 200; ++i) counts.push_back(10000 / i + (i % 7 == 0 ? 3 : 0));
    std::mt19937_64 gen(5);
    std::shuffle(counts.begin(), counts.end(), gen);
    const HuffmanTree tree(counts);
    const int64_t v = static_cast<int64_t>(counts.size());
    QCOMPARE(tree.size(), v);
    QCOMPARE(tree.innerNodes(), static_cast<int>(v - 1));

    std::vector<std::string> codes(v);
    double kraft = 0;
    for (int64_t w = 0; w < v; ++w) {
      const int len = tree.codeLength(w);
      QVERIFY(len >= 1);
      QCOMPARE(tree.points(w)[0], static_cast<int32_t>(v - 2));  // every path starts at the root
      for (int j = 0; j < len; ++j) {
        QVERIFY(tree.codes(w)[j] <= 1);
        QVERIFY(tree.points(w)[j] >= 0 && tree.points(w)[j] <= v - 2);
        codes[w] += static_cast<char>('0' + tree.codes(w)[j]);
      }
      kraft += std::ldexp(1.0, -len);
    }
    QVERIFY(std::abs(kraft - 1.0) < 1e-12);  // a full binary tree: Kraft equality
    std::vector<std::string> sorted = codes;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i + 1 < sorted.size(); ++i)  // prefix-free (then also distinct)
      QVERIFY2(sorted[i + 1].compare(0, sorted[i].size(), sorted[i]) != 0, qPrintable(QString::fromStdString(sorted[i])));
    for (int64_t a = 0; a < v; ++a)
      for (int64_t b = 0; b < v; ++b)
        if (counts[a] > counts[b]) QVERIFY(tree.codeLength(a) <= tree.codeLength(b));
    // Words that share a path prefix share the inner nodes along it (points follow the codes).
    for (int64_t a = 0; a < v; ++a)
      for (int64_t b = a + 1; b < v; ++b) {
        int common = 0;
        while (common < std::min(tree.codeLength(a), tree.codeLength(b)) && codes[a][common] == codes[b][common]) ++common;
        for (int j = 0; j <= common && j < std::min(tree.codeLength(a), tree.codeLength(b)); ++j)
          QCOMPARE(tree.points(a)[j], tree.points(b)[j]);
      }
  }

  void huffmanTreeSmallCases() {
    const HuffmanTree one(std::vector<int64_t>{42});
    QCOMPARE(one.size(), int64_t(1));
    QCOMPARE(one.codeLength(0), 0);
    const HuffmanTree two(std::vector<int64_t>{5, 3});
    QCOMPARE(two.codeLength(0), 1);
    QCOMPARE(two.codeLength(1), 1);
    QVERIFY(two.codes(0)[0] != two.codes(1)[0]);
    // Counts 8,4,2,1,1: a chain; the most frequent word one decision from the root.
    const HuffmanTree chain(std::vector<int64_t>{8, 4, 2, 1, 1});
    QCOMPARE(chain.codeLength(0), 1);
    QCOMPARE(chain.codeLength(1), 2);
    QCOMPARE(chain.codeLength(2), 3);
    QCOMPARE(chain.codeLength(3), 4);
    QCOMPARE(chain.codeLength(4), 4);
  }
};

QTEST_APPLESS_MAIN(TestObjectives)
#include "test_objectives.moc"
