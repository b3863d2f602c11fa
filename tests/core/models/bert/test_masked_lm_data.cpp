// Pre-training examples and dynamic masking: the 15% / 80-10-10 proportions over many draws,
// special tokens never predicted, batches as a pure function of (seed, index), the cap of
// predictions, packing without NSP, and the [CLS] A [SEP] B [SEP] structure with NSP labels.
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/models/bert/MaskedLmData.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

// prefix + number, built by appending (GCC 12's -Wrestrict misfires on "literal" + std::string).
std::string named(const char* prefix, int i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

// [PAD] [UNK] [CLS] [SEP] [MASK], documents d0..d9, sentences s0..s199, fillers f0..f49.
WordPieceTokenizer tokenizer() {
  std::vector<std::string> t = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  for (int i = 0; i < 10; ++i) t.push_back(named("d", i));
  for (int i = 0; i < 200; ++i) t.push_back(named("s", i));
  for (int i = 0; i < 50; ++i) t.push_back(named("f", i));
  return WordPieceTokenizer(WordPieceVocab::fromTokens(t));
}

// `docs` documents of `sentences` lines "dD sS f.. f.." (3..10 fillers), blank lines between.
std::vector<std::string> corpus(int docs, int sentences) {
  std::vector<std::string> lines;
  uint32_t x = 12345;
  for (int d = 0; d < docs; ++d) {
    for (int s = 0; s < sentences; ++s) {
      std::string line = named("d", d);
      line += " ";
      line += named("s", s);
      x = x * 1103515245u + 12345u;
      const int fillers = 3 + static_cast<int>((x >> 16) % 8);
      for (int k = 0; k < fillers; ++k) {
        x = x * 1103515245u + 12345u;
        line += " ";
        line += named("f", static_cast<int>((x >> 16) % 50));
      }
      lines.push_back(line);
    }
    lines.push_back("");
  }
  return lines;
}

bool isSpecial(int32_t id) { return id < 5; }

}  // namespace

class TestMaskedLmData : public QObject {
  Q_OBJECT

 private slots:
  void packsWithoutNsp() {
    MaskedLmOptions o;
    o.maxLength = 16;
    const auto lines = corpus(3, 20);
    MaskedLmData d = MaskedLmData::fromLines(lines, tokenizer(), o);
    QCOMPARE(d.stats().documents, int64_t(3));
    QCOMPARE(d.stats().sentences, int64_t(60));
    int64_t covered = 0;
    std::vector<int32_t> ids, types;
    for (const auto& e : d.examples()) {
      QCOMPARE(e.bLength, 0);
      QVERIFY(e.aLength >= 1 && e.aLength <= 14);
      covered += e.aLength;
      d.exampleIds(e, ids, types);
      QCOMPARE(ids.front(), int32_t(2));
      QCOMPARE(ids.back(), int32_t(3));
      for (int32_t t : types) QCOMPARE(t, 0);
    }
    QCOMPARE(covered, d.stats().tokens);  // every token in exactly one sequence
    // at most one short sequence per document
    int shortOnes = 0;
    for (const auto& e : d.examples()) shortOnes += e.aLength < 14;
    QVERIFY(shortOnes <= 3);
  }

  void maskingProportions() {
    MaskedLmOptions o;
    o.maxLength = 42;  // 40 maskable tokens per full row -> exactly 6 predictions (15%)
    o.maxPredictions = 40;
    o.seed = 7;
    MaskedLmData d = MaskedLmData::fromLines(corpus(4, 200), tokenizer(), o);
    int64_t candidates = 0, predicted = 0, masked = 0, replaced = 0, kept = 0;
    MaskedLmBatch b;
    std::vector<int32_t> ids, types;
    for (int64_t k = 0; k < 300; ++k) {
      d.makeBatch(k, 8, b);
      QCOMPARE(b.B, 8);
      for (int r = 0; r < b.B; ++r) {
        d.exampleIds(d.examples()[d.exampleIndex(k, 8, r)], ids, types);
        int rowCandidates = 0, rowPredicted = 0;
        for (int t = 0; t < b.T; ++t) {
          const size_t i = size_t(r) * b.T + t;
          if (t >= int(ids.size())) {
            QCOMPARE(b.attentionMask[i], 0);
            QCOMPARE(b.mlmLabels[i], -100);
            continue;
          }
          QCOMPARE(b.attentionMask[i], 1);
          rowCandidates += !isSpecial(ids[t]);
          if (b.mlmLabels[i] == -100) {
            QCOMPARE(b.inputIds[i], ids[t]);
            continue;
          }
          ++rowPredicted;
          QCOMPARE(b.mlmLabels[i], ids[t]);
          if (b.inputIds[i] == 4) ++masked;
          else if (b.inputIds[i] != ids[t]) {
            ++replaced;
            QVERIFY(!isSpecial(b.inputIds[i]));
          } else ++kept;
        }
        candidates += rowCandidates;
        predicted += rowPredicted;
        if (rowCandidates == 40) QCOMPARE(rowPredicted, 6);
      }
    }
    const double rate = double(predicted) / candidates;
    const double n = double(predicted);
    qInfo("predicted %.4f of %lld tokens; [MASK] %.4f random %.4f kept %.4f", rate,
          static_cast<long long>(candidates), masked / n, replaced / n, kept / n);
    QVERIFY(rate > 0.145 && rate < 0.16);
    QVERIFY(std::abs(masked / n - 0.8) < 0.015);
    // a random token equal to the original (1 in 260 here) counts as kept
    QVERIFY(std::abs(replaced / n - 0.1 * 259 / 260) < 0.01);
    QVERIFY(std::abs(kept / n - 0.1 - 0.1 / 260) < 0.01);
  }

  void specialsNeverMasked() {
    MaskedLmOptions o;
    o.maxLength = 20;
    o.maskProbability = 1.0;  // every candidate is predicted
    o.maxPredictions = 20;
    auto lines = corpus(2, 30);
    lines.push_back("unknownword f1 [MASK] f2 [UNK] f3");
    MaskedLmData d = MaskedLmData::fromLines(lines, tokenizer(), o);
    MaskedLmBatch b;
    std::vector<int32_t> ids, types;
    for (int64_t k = 0; k < 40; ++k) {
      d.makeBatch(k, 4, b);
      for (int r = 0; r < b.B; ++r) {
        d.exampleIds(d.examples()[d.exampleIndex(k, 4, r)], ids, types);
        for (size_t t = 0; t < ids.size(); ++t) {
          const size_t i = size_t(r) * b.T + t;
          if (isSpecial(ids[t])) {
            QCOMPARE(b.mlmLabels[i], -100);
            QCOMPARE(b.inputIds[i], ids[t]);
          } else {
            QCOMPARE(b.mlmLabels[i], ids[t]);
          }
        }
      }
    }
  }

  void deterministicWithSeed() {
    MaskedLmOptions o;
    o.maxLength = 24;
    o.nsp = true;
    o.seed = 11;
    const auto lines = corpus(5, 30);
    MaskedLmData a = MaskedLmData::fromLines(lines, tokenizer(), o);
    MaskedLmData b = MaskedLmData::fromLines(lines, tokenizer(), o);
    MaskedLmBatch x, y;
    // the same batch whatever was asked before (a batch is a function of its index)
    for (int64_t k : {0, 5, 3, 40, 41, 2}) {
      a.makeBatch(k, 6, x);
      b.makeBatch(k, 6, y);
      QVERIFY(x.inputIds == y.inputIds);
      QVERIFY(x.mlmLabels == y.mlmLabels);
      QVERIFY(x.nspLabels == y.nspLabels);
      QVERIFY(x.typeIds == y.typeIds);
    }
    a.makeBatch(7, 6, x);
    b.makeBatch(7, 6, y);
    b.makeBatch(7, 6, y);
    QVERIFY(x.inputIds == y.inputIds);

    o.seed = 12;
    MaskedLmData c = MaskedLmData::fromLines(lines, tokenizer(), o);
    c.makeBatch(7, 6, y);
    QVERIFY(x.mlmLabels != y.mlmLabels);

    // each epoch visits every example once
    MaskedLmOptions p;
    p.maxLength = 16;
    MaskedLmData e = MaskedLmData::fromLines(lines, tokenizer(), p);
    const int64_t n = e.size();
    std::set<int64_t> first, second;
    for (int64_t g = 0; g < n; ++g) first.insert(e.exampleIndex(0, int(n), int(g)));
    for (int64_t g = 0; g < n; ++g) second.insert(e.exampleIndex(1, int(n), int(g)));
    QCOMPARE(int64_t(first.size()), n);
    QCOMPARE(int64_t(second.size()), n);
  }

  void capOfPredictions() {
    MaskedLmOptions o;
    o.maxLength = 64;
    o.maxPredictions = 3;
    MaskedLmData d = MaskedLmData::fromLines(corpus(2, 60), tokenizer(), o);
    MaskedLmBatch b;
    for (int64_t k = 0; k < 20; ++k) {
      d.makeBatch(k, 4, b);
      QCOMPARE(b.maskedPositions.size(), size_t(4 * 3));
      for (int r = 0; r < b.B; ++r) {
        int labels = 0;
        for (int t = 0; t < b.T; ++t) labels += b.mlmLabels[size_t(r) * b.T + t] != -100;
        QVERIFY(labels <= 3);
        int real = 0;
        for (int t = 0; t < b.T; ++t) real += b.attentionMask[size_t(r) * b.T + t];
        if (real >= 30) QCOMPARE(labels, 3);
        // the gathered layout lists the same positions, in order
        int listed = 0;
        for (int j = 0; j < 3; ++j) {
          const int32_t pos = b.maskedPositions[size_t(r) * 3 + j];
          if (pos < 0) continue;
          ++listed;
          QCOMPARE(b.maskedIds[size_t(r) * 3 + j], b.mlmLabels[size_t(r) * b.T + pos]);
          if (j > 0) QVERIFY(pos > b.maskedPositions[size_t(r) * 3 + j - 1]);
        }
        QCOMPARE(listed, labels);
      }
    }
  }

  void pairStructure() {
    MaskedLmOptions o;
    o.maxLength = 40;
    o.nsp = true;
    o.seed = 5;
    const auto tok = tokenizer();
    MaskedLmData d = MaskedLmData::fromLines(corpus(10, 40), tok, o);
    QVERIFY(d.size() > 100);
    std::vector<int32_t> ids, types;
    int64_t random = 0, randomOtherDoc = 0;
    for (const auto& e : d.examples()) {
      QVERIFY(e.aLength > 0 && e.bLength > 0);
      d.exampleIds(e, ids, types);
      QVERIFY(int(ids.size()) <= o.maxLength);
      QCOMPARE(int(ids.size()), e.aLength + e.bLength + 3);
      QCOMPARE(ids[0], int32_t(2));
      QCOMPARE(ids[size_t(e.aLength) + 1], int32_t(3));
      QCOMPARE(ids.back(), int32_t(3));
      for (size_t t = 0; t < ids.size(); ++t) QCOMPARE(types[t], t < size_t(e.aLength) + 2 ? 0 : 1);
      // both segments start at a sentence: "dD sS ..."
      const std::string aDoc = tok.vocab().token(ids[1]);
      const std::string bDoc = tok.vocab().token(ids[size_t(e.aLength) + 2]);
      QCOMPARE(aDoc[0], 'd');
      QCOMPARE(bDoc[0], 'd');
      if (e.nspLabel == 0) {
        QCOMPARE(aDoc, bDoc);  // the actual continuation
        const int aSent = std::stoi(tok.vocab().token(ids[2]).substr(1));
        const int bSent = std::stoi(tok.vocab().token(ids[size_t(e.aLength) + 3]).substr(1));
        QVERIFY(bSent > aSent);
      } else {
        ++random;
        randomOtherDoc += aDoc != bDoc;
      }
    }
    const double share = double(random) / d.size();
    qInfo("%lld pairs, %.3f random next", static_cast<long long>(d.size()), share);
    QVERIFY(share > 0.4 && share < 0.65);
    QCOMPARE(randomOtherDoc, random);

    MaskedLmBatch b;
    d.makeBatch(0, 8, b);
    QCOMPARE(b.nspLabels.size(), size_t(8));
    for (int r = 0; r < 8; ++r)
      QCOMPARE(b.nspLabels[r], d.examples()[d.exampleIndex(0, 8, r)].nspLabel);
  }

  void filesAndErrors() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("c.txt").toStdString();
    const auto lines = corpus(3, 10);
    {
      std::ofstream out(path);
      for (const auto& l : lines) out << l << "\n";
    }
    MaskedLmOptions o;
    o.maxLength = 16;
    MaskedLmData f = MaskedLmData::fromFiles({path}, tokenizer(), o);
    MaskedLmData m = MaskedLmData::fromLines(lines, tokenizer(), o);
    QVERIFY(f.stream() == m.stream());
    QCOMPARE(f.size(), m.size());
    QCOMPARE(f.stats().documents, int64_t(3));

    try {
      MaskedLmData::fromFiles({dir.filePath("missing.txt").toStdString()}, tokenizer(), o);
      QFAIL("no error for a missing file");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("missing.txt") != std::string::npos, e.what());
    }
    const std::string blank = dir.filePath("blank.txt").toStdString();
    std::ofstream(blank) << "\n   \n";
    try {
      MaskedLmData::fromFiles({blank}, tokenizer(), o);
      QFAIL("no error for a corpus without text");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("blank.txt") != std::string::npos, e.what());
    }
    o.maxLength = 2;
    QVERIFY_THROWS_EXCEPTION(UsageError, MaskedLmData::fromLines(lines, tokenizer(), o));
    o.maxLength = 16;
    o.maxPredictions = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, MaskedLmData::fromLines(lines, tokenizer(), o));
  }
};

QTEST_APPLESS_MAIN(TestMaskedLmData)
#include "test_masked_lm_data.moc"
