// Analogy and similarity benchmarks on small hand-made files with answers worked out by hand,
// their bad-input errors, and (when ../shared/data is present) the real evaluation sets.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/CaseFold.h"
#include "core/eval/Correlation.h"
#include "core/eval/SimilarityBenchmark.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using namespace embedlab;

namespace {

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Each word is the sum of two orthonormal basis vectors (dimension = number of basis vectors),
// so that b - a + c lands exactly on the answer for the questions below.
EmbeddingSet analogyVectors() {
  // basis: 0 male, 1 female, 2 person, 3 royal, 4 capital, 5 country, 6 fr, 7 de, 8 it, 9 es
  const std::vector<std::pair<std::string, std::pair<int, int>>> words = {
      {"man", {0, 2}},     {"woman", {1, 2}},   {"king", {0, 3}},  {"queen", {1, 3}},
      {"Paris", {6, 4}},   {"France", {6, 5}},  {"berlin", {7, 4}}, {"germany", {7, 5}},
      {"rome", {8, 4}},    {"italy", {8, 5}},   {"madrid", {9, 4}}, {"spain", {9, 5}},
      {"paris", {1, 5}},  // a second spelling, later: the first ("Paris") wins
  };
  std::vector<std::string> labels;
  for (const auto& w : words) labels.push_back(w.first);
  EmbeddingSet set(labels, 10);
  for (size_t r = 0; r < words.size(); ++r) {
    set.row(int64_t(r))[words[r].second.first] = 1.0f;
    set.row(int64_t(r))[words[r].second.second] = 1.0f;
  }
  return set;
}

const char* kQuestions =
    ": royal\n"
    "man king woman queen\n"
    "woman queen man king\n"
    "King Man Queen Woman\n"
    "\n"
    ": empty-section\n"
    ": capital\n"
    "paris france berlin germany\n"
    "France Paris italy rome\n"
    "paris france berlin italy\n"
    "paris france tokyo japan\n"
    "paris france madrid spain\r\n";

// Vectors on the unit circle (2-D), so that cosines are known exactly.
EmbeddingSet similarityVectors() {
  EmbeddingSet set({"x", "y", "z", "w", "v"}, 2);
  const float v[5][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}, {-1, 0}};
  for (int r = 0; r < 5; ++r) std::copy(v[r], v[r] + 2, set.row(r));
  return set;
}

template <class F>
void expectError(F&& f, const std::string& what1, const std::string& what2 = "") {
  try {
    f();
  } catch (const Error& e) {
    const std::string msg = e.what();
    QVERIFY2(msg.find(what1) != std::string::npos, (msg + " [expected " + what1 + "]").c_str());
    QVERIFY2(msg.find(what2) != std::string::npos, (msg + " [expected " + what2 + "]").c_str());
    return;
  }
  QFAIL(("no error; expected " + what1).c_str());
}

}  // namespace

class TestBenchmarks : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const std::string& name) const { return dir_.filePath(QString::fromStdString(name)).toStdString(); }

 private slots:
  void caseFolding() {
    QCOMPARE(lowercaseUtf8("PaRiS"), std::string("paris"));
    QCOMPARE(lowercaseUtf8("ÉCOLE Ÿ Ł"), std::string("école ÿ ł"));
    QCOMPARE(lowercaseUtf8("ΑΘΗΝΑ Ά"), std::string("αθηνα ά"));
    QCOMPARE(lowercaseUtf8("МОСКВА Ё"), std::string("москва ё"));
    QCOMPARE(lowercaseUtf8("北京"), std::string("北京"));
    QCOMPARE(lowercaseUtf8("\xff" "A"), std::string("\xff" "a"));
  }

  void analogySections() {
    writeText(path("q.txt"), kQuestions);
    AnalogyBenchmark bench = AnalogyBenchmark::load(path("q.txt"));
    QCOMPARE(bench.sectionNames().size(), size_t(3));
    QCOMPARE(bench.questions().size(), size_t(8));
    QCOMPARE(bench.questions()[2].line, int64_t(4));
    const EmbeddingSet vectors = analogyVectors();
    for (AnalogyMethod method : {AnalogyMethod::CosAdd, AnalogyMethod::CosMul}) {
      for (int threads : {1, 2}) {
        AnalogyBenchmark::Options options;
        options.restrictVocab = 0;
        options.method = method;
        options.threads = threads;
        auto r = bench.evaluate(vectors, options);
        QCOMPARE(r.questions, int64_t(8));
        QCOMPARE(r.sections.size(), size_t(3));
        QCOMPARE(r.sections[0].name, std::string("royal"));
        QCOMPARE(r.sections[0].correct, int64_t(3));
        QCOMPARE(r.sections[0].total, int64_t(3));
        QCOMPARE(r.sections[1].total, int64_t(0));
        QCOMPARE(r.sections[1].accuracy, 0.0);
        QCOMPARE(r.sections[2].correct, int64_t(3));
        QCOMPARE(r.sections[2].total, int64_t(4));
        QCOMPARE(r.sections[2].oov, int64_t(1));
        QCOMPARE(r.correct, int64_t(6));
        QCOMPARE(r.total, int64_t(7));
        QCOMPARE(r.oov, int64_t(1));
        QVERIFY(std::fabs(r.accuracy - 6.0 / 7.0) < 1e-12);
        // "paris france berlin italy" is answered germany; "... tokyo japan" is OOV.
        QCOMPARE(r.answers.size(), size_t(8));
        QCOMPARE(vectors.label(r.answers[5]), std::string("germany"));
        QCOMPARE(r.answers[6], int64_t(-1));
        QCOMPARE(vectors.label(r.answers[0]), std::string("queen"));
        QVERIFY(!r.stopped);
      }
    }
  }

  void analogyRestrictVocab() {
    AnalogyBenchmark bench = AnalogyBenchmark::parse(kQuestions, "q.txt");
    const EmbeddingSet vectors = analogyVectors();
    AnalogyBenchmark::Options options;
    options.restrictVocab = 10;  // madrid and spain (rows 10, 11) fall outside
    auto r = bench.evaluate(vectors, options);
    QCOMPARE(r.correct, int64_t(5));
    QCOMPARE(r.total, int64_t(6));
    QCOMPARE(r.oov, int64_t(2));
    QCOMPARE(r.sections[2].oov, int64_t(2));
    // The default restriction (30000) covers this small set entirely.
    QCOMPARE(bench.evaluate(vectors).correct, int64_t(6));
    // Case-sensitive: "paris" is the later row (1,5) and "France" is not "france".
    options.restrictVocab = 0;
    options.caseInsensitive = false;
    auto cs = bench.evaluate(vectors, options);
    QVERIFY(cs.oov > r.oov);
  }

  void analogyStop() {
    AnalogyBenchmark bench = AnalogyBenchmark::parse(kQuestions, "q.txt");
    StopToken stop;
    stop.requestStop();
    auto r = bench.evaluate(analogyVectors(), AnalogyBenchmark::Options{}, &stop);
    QVERIFY(r.stopped);
    int64_t step = -1, total = -1;
    auto full = bench.evaluate(analogyVectors(), AnalogyBenchmark::Options{}, nullptr, [&](const Progress& p) {
      step = p.step;
      total = p.total;
    });
    QVERIFY(!full.stopped);
    QCOMPARE(total, int64_t(7));  // the questions evaluated
    QCOMPARE(step, int64_t(7));
  }

  void analogyBadInput() {
    expectError([&] { AnalogyBenchmark::load(path("none.txt")); }, "none.txt", "no such file");
    writeText(path("empty.txt"), "");
    expectError([&] { AnalogyBenchmark::load(path("empty.txt")); }, "empty.txt", "empty");
    writeText(path("three.txt"), ": s\na b c d\na b c\n");
    expectError([&] { AnalogyBenchmark::load(path("three.txt")); }, "three.txt: line 3", "expected 4 words");
    writeText(path("nosection.txt"), "a b c d\n");
    expectError([&] { AnalogyBenchmark::load(path("nosection.txt")); }, "nosection.txt: line 1", "section");
    writeText(path("noname.txt"), ":   \na b c d\n");
    expectError([&] { AnalogyBenchmark::load(path("noname.txt")); }, "noname.txt: line 1", "without a name");
    writeText(path("latin1.txt"), ": s\na b c d\ncaf\xe9 b c d\n");
    expectError([&] { AnalogyBenchmark::load(path("latin1.txt")); }, "latin1.txt: line 3", "UTF-8");
    writeText(path("onlysections.txt"), ": a\n: b\n");
    expectError([&] { AnalogyBenchmark::load(path("onlysections.txt")); }, "onlysections.txt", "no analogy questions");
    writeText(path("binary.txt"), std::string("\x1f\x8b\0\0", 4));
    expectError([&] { AnalogyBenchmark::load(path("binary.txt")); }, "binary.txt", "not a text file");
  }

  void correlationByHand() {
    // Average ranks with ties.
    QCOMPARE(averageRanks({9, 5, 5, 1, 9}), (std::vector<double>{4.5, 2.5, 2.5, 1, 4.5}));
    QVERIFY(std::isnan(pearson({1, 1, 1}, {1, 2, 3})));
    QVERIFY(std::isnan(spearman({1}, {2})));
    // By hand: sxy = 4.5, sxx = 2, syy = 61/6 -> 4.5 / sqrt(61/3) = 0.997949.
    QVERIFY(std::fabs(pearson({1, 2, 3}, {2, 4, 6.5}) - 0.997949) < 1e-5);
  }

  void similarityLayouts() {
    // Human scores and cosines (x,y)=.7071 (x,z)=0 (x,w)=-.7071 (x,v)=-1 (y,z)=.7071; (x,q) is OOV.
    // Ranks: human [4.5,2.5,2.5,1,4.5], model [4.5,3,2,1,4.5] -> rho = 9/sqrt(9*9.5) = 0.973329.
    // Pearson on the raw values, by hand: 9.891164 / sqrt(44.8 * 2.482844) = 0.937849.
    const std::string rows[6][3] = {{"x", "y", "9"}, {"x", "z", "5"}, {"X", "w", "5.0"},
                                    {"x", "v", "1"}, {"y", "Z", "9"}, {"x", "q", "3"}};
    std::string wordsim = "# The WordSimilarity-353 Test Collection\n# Word 1\tWord 2\tHuman (mean)\n";
    std::string header = "Word 1\tWord 2\tHuman (mean)\n";
    std::string simlex = "word1\tword2\tPOS\tSimLex999\tconc(w1)\tconc(w2)\n";
    std::string generic;
    for (const auto& r : rows) {
      wordsim += r[0] + "\t" + r[1] + "\t" + r[2] + "\n";
      header += r[0] + "\t" + r[1] + "\t" + r[2] + "\r\n";
      simlex += r[0] + "\t" + r[1] + "\tN\t" + r[2] + "\t4.1\t3.9\n";
      generic += r[0] + "  " + r[1] + " " + r[2] + "\n";
    }
    generic += "\n";
    const EmbeddingSet vectors = similarityVectors();
    for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
             {"ws.tsv", wordsim}, {"header.tsv", header}, {"simlex.txt", simlex}, {"generic.txt", generic}}) {
      writeText(path(name), text);
      SimilarityBenchmark bench = SimilarityBenchmark::load(path(name));
      QCOMPARE(bench.pairs().size(), size_t(6));
      QCOMPARE(bench.pairs()[2].score, 5.0);
      auto r = bench.evaluate(vectors);
      QCOMPARE(r.pairs, int64_t(5));
      QCOMPARE(r.oov, int64_t(1));
      QVERIFY2(std::fabs(r.spearman - 0.973329) < 1e-5, name.c_str());
      QVERIFY2(std::fabs(r.pearson - 0.937849) < 1e-5, name.c_str());
      QCOMPARE(r.scored.size(), size_t(5));
      QCOMPARE(r.scored[3].pair, int64_t(3));  // (x, v)
      QCOMPARE(r.scored[3].human, 1.0);
      QVERIFY(std::fabs(r.scored[3].cosine + 1.0) < 1e-12);
    }
    // restrictVocab: only x, y, z known -> pairs (x,y) (x,z) (y,z).
    SimilarityBenchmark::Options options;
    options.restrictVocab = 3;
    auto r = SimilarityBenchmark::parse(wordsim, "ws").evaluate(vectors, options);
    QCOMPARE(r.pairs, int64_t(3));
    QCOMPARE(r.oov, int64_t(3));
  }

  void similaritySimLexPicksItsScoreColumn() {
    // The SimLex999 column is the 4th; the 3rd is the part of speech.
    const std::string text =
        "word1\tword2\tPOS\tSimLex999\tconc(w1)\tconc(w2)\tconcQ\tAssoc(USF)\tSimAssoc333\tSD(SimLex)\n"
        "old\tnew\tA\t1.58\t2.72\t2.81\t2\t7.25\t1\t0.41\n"
        "smart\tintelligent\tA\t9.2\t1.75\t2.46\t1\t7.11\t1\t0.67\n";
    SimilarityBenchmark bench = SimilarityBenchmark::parse(text, "SimLex-999.txt");
    QCOMPARE(bench.pairs().size(), size_t(2));
    QCOMPARE(bench.pairs()[1].w2, std::string("intelligent"));
    QCOMPARE(bench.pairs()[1].score, 9.2);
  }

  void similarityBadInput() {
    expectError([&] { SimilarityBenchmark::load(path("none.tsv")); }, "none.tsv", "no such file");
    writeText(path("two.tsv"), "a\tb\t1\na\tb\n");
    expectError([&] { SimilarityBenchmark::load(path("two.tsv")); }, "two.tsv: line 2", "expected at least 3");
    writeText(path("nan.tsv"), "a b 1\na b high\n");
    expectError([&] { SimilarityBenchmark::load(path("nan.tsv")); }, "nan.tsv: line 2", "not a number");
    writeText(path("inf.tsv"), "a b 1\na b inf\n");
    expectError([&] { SimilarityBenchmark::load(path("inf.tsv")); }, "inf.tsv: line 2", "not a number");
    writeText(path("four.txt"), "a b 1\na b 2 3\n");
    expectError([&] { SimilarityBenchmark::load(path("four.txt")); }, "four.txt: line 2", "fields");
    writeText(path("comments.tsv"), "# only\n# comments\n");
    expectError([&] { SimilarityBenchmark::load(path("comments.tsv")); }, "comments.tsv", "no word pairs");
    writeText(path("latin1.tsv"), "a b 1\ncaf\xe9 b 2\n");
    expectError([&] { SimilarityBenchmark::load(path("latin1.tsv")); }, "latin1.tsv: line 2", "UTF-8");
  }

  void sharedEvaluationSets() {
    if (!test::haveSharedData()) QSKIP("../shared/data not present");
    const std::string eval = test::sharedDataDir() + "/eval/";
    AnalogyBenchmark google = AnalogyBenchmark::load(eval + "questions-words.txt");
    QCOMPARE(google.questions().size(), size_t(19544));
    QCOMPARE(google.sectionNames().size(), size_t(14));
    QCOMPARE(google.sectionNames().front(), std::string("capital-common-countries"));
    // The Chinese CA8 sets use the same layout.
    QCOMPARE(AnalogyBenchmark::load(eval + "ca8/morphological.txt").questions().size(), size_t(10177));
    QCOMPARE(AnalogyBenchmark::load(eval + "ca8/semantic.txt").questions().size(), size_t(7636));
    QCOMPARE(SimilarityBenchmark::load(eval + "wordsim353.tsv").pairs().size(), size_t(353));
    QCOMPARE(SimilarityBenchmark::load(eval + "simlex999.txt").pairs().size(), size_t(999));
  }
};

QTEST_APPLESS_MAIN(TestBenchmarks)
#include "test_benchmarks.moc"
