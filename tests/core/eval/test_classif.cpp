// Text classification: metrics on a hand-computed confusion matrix, reading task directories
// (BOM, CRLF, blank lines, unseen test labels) and their errors naming file and line, mean
// word-vector features, and a planted task that TF-IDF + logistic regression must solve.
// The spam task's quality bar (accuracy >= 0.97) takes well over 20 s with cross-validation, so it
// is a benchmark (bench/RESULTS.md, "Text classification"), not a case here.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "core/eval/Classification.h"
#include "core/eval/Metrics.h"
#include "core/eval/TaskData.h"
#include "core/eval/TfIdfVectorizer.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The message of the Error that `f` throws ("" when it does not throw).
template <typename F>
std::string errorOf(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

struct Split {
  std::vector<std::string> texts;
  std::vector<int> labels;
};

Split splitOf(const std::vector<LabelledText>& examples) {
  Split s;
  for (const auto& e : examples) s.texts.push_back(e.text), s.labels.push_back(e.label);
  return s;
}

ClassificationResult runTfIdf(const TaskData& task, const TfIdfVectorizer::Options& o) {
  const Split train = splitOf(task.train), test = splitOf(task.test);
  TfIdfVectorizer v(o);
  const FeatureMatrix xTrain = v.fitTransform(train.texts);
  const FeatureMatrix xTest = v.transform(test.texts);
  return trainAndEvaluate(xTrain, train.labels, xTest, test.labels, task.trainClasses,
                          static_cast<int>(task.labels.size()), ClassificationOptions{});
}

}  // namespace

class TestClassif : public QObject {
  Q_OBJECT
 private slots:
  void metricsOnHandComputedConfusion();
  void metricsWithClassNeverPredicted();
  void readsTaskDirectory();
  void badTaskFilesNameFileAndLine();
  void meanVectorFeatures();
  void plantedTaskIsSolved();
};

void TestClassif::metricsOnHandComputedConfusion() {
  // confusion (true x predicted): [[3,1,0],[1,2,1],[0,0,2]], class 3 absent from both.
  std::vector<int> truth, pred;
  const int confusion[3][3] = {{3, 1, 0}, {1, 2, 1}, {0, 0, 2}};
  for (int t = 0; t < 3; ++t)
    for (int p = 0; p < 3; ++p)
      for (int i = 0; i < confusion[t][p]; ++i) truth.push_back(t), pred.push_back(p);
  const ClassificationMetrics m = computeMetrics(truth, pred, 4);
  QCOMPARE(m.accuracy, 0.7);
  for (int t = 0; t < 3; ++t)
    for (int p = 0; p < 3; ++p) QCOMPARE(m.confusion[t][p], int64_t{confusion[t][p]});
  QCOMPARE(m.perClass[0].precision, 0.75);
  QCOMPARE(m.perClass[0].recall, 0.75);
  QCOMPARE(m.perClass[0].f1, 0.75);
  QCOMPARE(m.perClass[0].support, int64_t{4});
  QVERIFY(std::abs(m.perClass[1].precision - 2.0 / 3.0) < 1e-15);
  QCOMPARE(m.perClass[1].recall, 0.5);
  QVERIFY(std::abs(m.perClass[1].f1 - 4.0 / 7.0) < 1e-15);
  QVERIFY(std::abs(m.perClass[2].precision - 2.0 / 3.0) < 1e-15);
  QCOMPARE(m.perClass[2].recall, 1.0);
  QVERIFY(std::abs(m.perClass[2].f1 - 0.8) < 1e-15);
  QCOMPARE(m.perClass[3].support, int64_t{0});
  QCOMPARE(m.perClass[3].f1, 0.0);
  // Macro-F1 over the classes present (3 is neither true nor predicted).
  QVERIFY(std::abs(m.macroF1 - (0.75 + 4.0 / 7.0 + 0.8) / 3.0) < 1e-15);
}

void TestClassif::metricsWithClassNeverPredicted() {
  // Class 1 is never predicted: precision 0 (zero_division = 0), recall 0, F1 0, still in macro.
  const ClassificationMetrics m = computeMetrics({0, 0, 1, 1}, {0, 0, 0, 0}, 2);
  QCOMPARE(m.accuracy, 0.5);
  QCOMPARE(m.perClass[1].precision, 0.0);
  QCOMPARE(m.perClass[1].f1, 0.0);
  QVERIFY(std::abs(m.perClass[0].f1 - 2.0 / 3.0) < 1e-15);
  QVERIFY(std::abs(m.macroF1 - 1.0 / 3.0) < 1e-15);
  QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({0}, {0, 1}, 2));
  QVERIFY_THROWS_EXCEPTION(Error, computeMetrics({}, {}, 2));
}

void TestClassif::readsTaskDirectory() {
  QTemporaryDir dir;
  const std::string d = dir.path().toStdString();
  writeText(d + "/train.tsv", "\xEF\xBB\xBFspam\tbuy now\r\nham\thello there\r\n\r\n  \nham\t\nspam\tcheap pills\n");
  writeText(d + "/test.tsv", "ham\thi\nother\tsomething\nspam\tbuy\n");
  const TaskData task = TaskData::load(d);
  QCOMPARE(task.labels, (std::vector<std::string>{"ham", "spam", "other"}));  // sorted train labels, then unseen
  QCOMPARE(task.trainClasses, 2);
  QCOMPARE(task.unseenTestLabels, (std::vector<std::string>{"other"}));
  QCOMPARE(task.train.size(), size_t{4});
  QCOMPARE(task.train[0].label, 1);
  QCOMPARE(task.train[0].text, std::string("buy now"));  // BOM and CR gone
  QCOMPARE(task.train[2].text, std::string(""));          // an empty text is allowed
  QCOMPARE(task.test[1].label, 2);
}

void TestClassif::badTaskFilesNameFileAndLine() {
  QTemporaryDir dir;
  const std::string d = dir.path().toStdString();
  writeText(d + "/test.tsv", "a\tx\n");
  writeText(d + "/train.tsv", "a\tfine\nb\tfine\nno tab here\n");
  std::string e = errorOf([&] { TaskData::load(d); });
  QVERIFY2(e.find("train.tsv: line 3") != std::string::npos && e.find("tab") != std::string::npos, e.c_str());
  writeText(d + "/train.tsv", "a\tfine\n\tno label\n");
  e = errorOf([&] { TaskData::load(d); });
  QVERIFY2(e.find("train.tsv: line 2: empty label") != std::string::npos, e.c_str());
  writeText(d + "/train.tsv", "\n\n");
  e = errorOf([&] { TaskData::load(d); });
  QVERIFY2(e.find("train.tsv") != std::string::npos && e.find("empty") != std::string::npos, e.c_str());
  writeText(d + "/train.tsv", "a\tfine\n");
  QFile::remove(QString::fromStdString(d + "/test.tsv"));
  e = errorOf([&] { TaskData::load(d); });
  QVERIFY2(e.find("test.tsv") != std::string::npos, e.c_str());
  e = errorOf([&] { TaskData::load(d + "/missing"); });
  QVERIFY2(e.find("missing") != std::string::npos, e.c_str());
  writeText(d + "/test.tsv", std::string("a\tx\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 40));
  e = errorOf([&] { TaskData::load(d); });  // binary: CorpusReader's error names the file
  QVERIFY2(e.find("test.tsv") != std::string::npos, e.c_str());
}

void TestClassif::meanVectorFeatures() {
  EmbeddingSet vectors({"good", "bad"}, 2);
  vectors.row(0)[0] = 1;
  vectors.row(1)[1] = 1;
  const Tokenizer tokenizer;
  int64_t found = 0, total = 0;
  const FeatureMatrix m = embedlab::meanVectorFeatures({"Good good bad unknown", "nothing here"}, vectors, tokenizer,
                                                       nullptr, &found, &total);
  QVERIFY(m.dense);
  QCOMPARE(m.cols, 2);
  QVERIFY(std::abs(m.values[0] - 2 / std::sqrt(5.0)) < 1e-6);
  QVERIFY(std::abs(m.values[1] - 1 / std::sqrt(5.0)) < 1e-6);
  QCOMPARE(m.values[2], 0.0f);  // no known token: zero row
  QCOMPARE(found, int64_t{3});
  QCOMPARE(total, int64_t{6});
  // Weighted by idf: good in both documents (idf 1), bad in one (idf ln(3/2) + 1).
  TfIdfVectorizer::Options o;
  o.wordNgrams = 1;
  TfIdfVectorizer idf(o);
  idf.fitTransform({"good bad", "good"});
  const FeatureMatrix w = embedlab::meanVectorFeatures({"good bad"}, vectors, tokenizer, &idf);
  const double b = std::log(1.5) + 1.0, norm = std::sqrt(1 + b * b);
  QVERIFY(std::abs(w.values[0] - 1 / norm) < 1e-6);
  QVERIFY(std::abs(w.values[1] - b / norm) < 1e-6);
}

void TestClassif::plantedTaskIsSolved() {
  // Three classes; each text holds one of its class's 4 key words among 8 filler words that
  // every class shares.
  const std::vector<std::vector<std::string>> keys = {
      {"lion", "tiger", "wolf", "bear"}, {"hammer", "saw", "drill", "wrench"}, {"joy", "anger", "fear", "grief"}};
  const std::vector<std::string> names = {"animal", "artifact", "feeling"};
  const std::vector<std::string> filler = {"the", "a", "of", "big", "small", "old", "new", "thing", "one", "some"};
  uint64_t state = 12345;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  auto write = [&](const std::string& path, int perClass) {
    std::string text;
    for (int i = 0; i < perClass; ++i)
      for (int c = 0; c < 3; ++c) {
        text += names[c] + "\t";
        const int keyAt = static_cast<int>(next(8));
        for (int w = 0; w < 8; ++w) text += (w == keyAt ? keys[c][next(4)] : filler[next(filler.size())]) + " ";
        text += "\n";
      }
    writeText(path, text);
  };
  QTemporaryDir dir;
  const std::string d = dir.path().toStdString();
  write(d + "/train.tsv", 40);
  write(d + "/test.tsv", 20);
  const TaskData task = TaskData::load(d);
  TfIdfVectorizer::Options o;
  o.minDf = 2;
  const ClassificationResult r = runTfIdf(task, o);
  QVERIFY2(r.metrics.accuracy >= 0.98, qPrintable(QString::number(r.metrics.accuracy)));
  QVERIFY(r.metrics.macroF1 >= 0.98);
  QVERIFY(r.fit.converged);
  QCOMPARE(r.cv.accuracy.size(), size_t{5});
  // Deterministic: a second run gives the same C and the same confusion matrix.
  const ClassificationResult again = runTfIdf(task, o);
  QCOMPARE(again.c, r.c);
  QVERIFY(again.metrics.confusion == r.metrics.confusion);
}

QTEST_APPLESS_MAIN(TestClassif)
#include "test_classif.moc"
