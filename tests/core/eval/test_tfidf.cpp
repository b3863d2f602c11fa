// TF-IDF features against hand computation on a 3-document corpus (smooth idf, sublinear tf,
// L2-normalised rows), word bigrams, character n-grams inside word boundaries, min-df and
// max-features, unseen terms at transform time, and the CSR layout.
#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "core/eval/TfIdfVectorizer.h"

using namespace embedlab;

namespace {

// Value of (row, term) in a CSR matrix, 0 when absent.
double valueAt(const FeatureMatrix& m, const TfIdfVectorizer& v, int64_t row, const std::string& term) {
  const int64_t col = v.column(term);
  if (col < 0) return 0;
  for (int64_t e = m.indptr[row]; e < m.indptr[row + 1]; ++e)
    if (m.indices[e] == col) return m.values[e];
  return 0;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-6; }

}  // namespace

class TestTfIdf : public QObject {
  Q_OBJECT
 private slots:
  void handComputedUnigrams();
  void rawTfAndPlainIdf();
  void bigramsAndMinDf();
  void maxFeaturesKeepsHighestDf();
  void characterNgramsInsideWords();
  void transformIgnoresUnknownTerms();
};

void TestTfIdf::handComputedUnigrams() {
  // N = 3 documents; df: apple 1, banana 2, cherry 2, date 1.
  const std::vector<std::string> docs = {"Apple banana apple", "banana cherry", "cherry cherry cherry date"};
  TfIdfVectorizer::Options o;
  o.wordNgrams = 1;
  o.minDf = 1;
  TfIdfVectorizer v(o);
  const FeatureMatrix m = v.fitTransform(docs);
  QCOMPARE(v.terms(), (std::vector<std::string>{"apple", "banana", "cherry", "date"}));  // sorted, lowercased
  QCOMPARE(m.rows, 3);
  QCOMPARE(m.cols, 4);
  QVERIFY(!m.dense);
  // smooth idf = ln((1 + N) / (1 + df)) + 1
  const double idf1 = std::log(4.0 / 2.0) + 1.0, idf2 = std::log(4.0 / 3.0) + 1.0;
  QVERIFY(near(v.idf()[0], idf1) && near(v.idf()[1], idf2) && near(v.idf()[2], idf2) && near(v.idf()[3], idf1));
  // doc 0: apple x2 -> tf 1 + ln 2; banana x1 -> tf 1.
  {
    const double a = (1 + std::log(2.0)) * idf1, b = 1.0 * idf2, norm = std::sqrt(a * a + b * b);
    QVERIFY(near(valueAt(m, v, 0, "apple"), a / norm));
    QVERIFY(near(valueAt(m, v, 0, "banana"), b / norm));
    QCOMPARE(m.indptr[1] - m.indptr[0], 2);
  }
  // doc 2: cherry x3 -> 1 + ln 3; date x1.
  {
    const double c = (1 + std::log(3.0)) * idf2, d = idf1, norm = std::sqrt(c * c + d * d);
    QVERIFY(near(valueAt(m, v, 2, "cherry"), c / norm));
    QVERIFY(near(valueAt(m, v, 2, "date"), d / norm));
  }
  // doc 1: banana and cherry have the same weight: 1/sqrt(2) each.
  QVERIFY(near(valueAt(m, v, 1, "banana"), std::sqrt(0.5)));
  // CSR columns ascend within each row.
  for (int64_t r = 0; r < m.rows; ++r)
    for (int64_t e = m.indptr[r] + 1; e < m.indptr[r + 1]; ++e) QVERIFY(m.indices[e - 1] < m.indices[e]);
}

void TestTfIdf::rawTfAndPlainIdf() {
  const std::vector<std::string> docs = {"a b a", "b c", "c c c d"};
  TfIdfVectorizer::Options o;
  o.wordNgrams = 1;
  o.minDf = 1;
  o.sublinearTf = false;
  o.smoothIdf = false;
  TfIdfVectorizer v(o);
  const FeatureMatrix m = v.fitTransform(docs);
  const double idfA = std::log(3.0 / 1.0) + 1.0, idfB = std::log(3.0 / 2.0) + 1.0;
  QVERIFY(near(v.idf()[0], idfA));
  const double a = 2 * idfA, b = idfB, norm = std::sqrt(a * a + b * b);
  QVERIFY(near(valueAt(m, v, 0, "a"), a / norm));
  QVERIFY(near(valueAt(m, v, 0, "b"), b / norm));
}

void TestTfIdf::bigramsAndMinDf() {
  const std::vector<std::string> docs = {"the cat sat", "the cat ran", "a dog sat"};
  TfIdfVectorizer::Options o;
  o.wordNgrams = 2;
  o.minDf = 2;
  TfIdfVectorizer v(o);
  v.fitTransform(docs);
  // df >= 2: the, cat, sat, "the cat".
  QCOMPARE(v.terms(), (std::vector<std::string>{"cat", "sat", "the", "the cat"}));
  o.minDf = 1;
  TfIdfVectorizer all(o);
  all.fitTransform(docs);
  QCOMPARE(all.features(), 6 + 5);  // 6 words + 5 distinct bigrams ("the cat" twice)
  QVERIFY(all.column("dog sat") >= 0);
}

void TestTfIdf::maxFeaturesKeepsHighestDf() {
  const std::vector<std::string> docs = {"x y z", "x y", "x w"};
  TfIdfVectorizer::Options o;
  o.wordNgrams = 1;
  o.minDf = 1;
  o.maxFeatures = 2;
  TfIdfVectorizer v(o);
  const FeatureMatrix m = v.fitTransform(docs);
  QCOMPARE(v.terms(), (std::vector<std::string>{"x", "y"}));  // df 3 and 2
  QCOMPARE(m.cols, 2);
  o.maxFeatures = 3;  // w and z tie at df 1: the term order decides (w)
  TfIdfVectorizer three(o);
  three.fitTransform(docs);
  QCOMPARE(three.terms(), (std::vector<std::string>{"w", "x", "y"}));
}

void TestTfIdf::characterNgramsInsideWords() {
  TfIdfVectorizer::Options o;
  o.wordNgrams = 0;
  o.charMin = 2;
  o.charMax = 3;
  TfIdfVectorizer v(o);
  // " ab " -> 2-grams " a", "ab", "b "; 3-grams " ab", "ab "; "é" is one character.
  QCOMPARE(v.terms("ab"), (std::vector<std::string>{"# a", "#ab", "#b ", "# ab", "#ab "}));
  QCOMPARE(v.terms("é"), (std::vector<std::string>{"# é", "#é ", "# é "}));
  // A word shorter than n yields itself padded, once.
  o.charMin = 4;
  o.charMax = 5;
  QCOMPARE(TfIdfVectorizer(o).terms("a"), (std::vector<std::string>{"# a "}));
  // Word and character grams together.
  o.wordNgrams = 1;
  o.charMin = 2;
  o.charMax = 2;
  QCOMPARE(TfIdfVectorizer(o).terms("Hi"), (std::vector<std::string>{"hi", "# h", "#hi", "#i "}));
}

void TestTfIdf::transformIgnoresUnknownTerms() {
  TfIdfVectorizer::Options o;
  o.wordNgrams = 1;
  o.minDf = 1;
  TfIdfVectorizer v(o);
  v.fitTransform({"red green", "green blue"});
  const FeatureMatrix t = v.transform({"green purple", "purple", ""});
  QCOMPARE(t.rows, 3);
  QCOMPARE(t.indptr[1] - t.indptr[0], 1);
  QVERIFY(near(valueAt(t, v, 0, "green"), 1.0));  // the only known term, normalised
  QCOMPARE(t.indptr[2] - t.indptr[1], 0);           // nothing known: a zero row
  QCOMPARE(t.indptr[3] - t.indptr[2], 0);
}

QTEST_APPLESS_MAIN(TestTfIdf)
#include "test_tfidf.moc"
