#pragma once
// What one run of the intrinsic benchmarks produced, in the form the Evaluate page shows, saves
// beside a run (evaluation.json) and exports (CSV). Built on the worker thread from the core
// results, so that the GUI thread only has to draw it.
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <limits>
#include <optional>
#include <string>

#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/SimilarityBenchmark.h"

namespace embedlab::ui {

struct EvaluationResult {
  static constexpr const char* kFileName = "evaluation.json";
  static constexpr const char* kBuiltinSource = "builtin";  // the source of the built-in sets

  struct Section {
    QString name;
    qint64 correct = 0;
    qint64 total = 0;  // questions evaluated (not OOV)
    qint64 oov = 0;
    double accuracy = 0;  // correct / total; 0 when total == 0
  };
  struct Analogy {
    QString source;  // file path, or kBuiltinSource
    QString method;  // "3CosAdd" / "3CosMul"
    qint64 restrictVocab = 0;
    QVector<Section> sections;
    qint64 correct = 0, total = 0, oov = 0, questions = 0;
    double accuracy = 0;
    double seconds = 0;
  };
  struct Point {
    QString w1, w2;
    double human = 0;
    double cosine = 0;
  };
  struct Similarity {
    QString source;
    double spearman = std::numeric_limits<double>::quiet_NaN();  // NaN: fewer than 2 usable pairs
    double pearson = std::numeric_limits<double>::quiet_NaN();
    qint64 pairs = 0;  // pairs used (= points.size())
    qint64 oov = 0;    // pairs skipped: a word is not in the vectors
    QVector<Point> points;
  };

  QString vectorsName;
  QDateTime created;
  std::optional<Analogy> analogy;
  std::optional<Similarity> similarity;

  bool isEmpty() const { return !analogy && !similarity; }

  static Analogy fromCore(const AnalogyBenchmark::Result& r);
  static Similarity fromCore(const SimilarityBenchmark& bench, const SimilarityBenchmark::Result& r);

  QJsonObject toJson() const;
  // Throws embedlab::Error naming `source` when the object is not an evaluation result.
  static EvaluationResult fromJson(const QJsonObject& json, const QString& source);

  // evaluation.json: written atomically; both throw embedlab::Error naming the file.
  void save(const QString& path) const;
  static EvaluationResult load(const QString& path);

  // One table for both benchmarks (empty cells where a column does not apply):
  //   benchmark,item,correct,questions,oov,value,human,cosine
  //   analogy,<section>|total,   correct, questions, oov, accuracy (0..1)
  //   similarity,spearman|pearson, -, pairs used, oov, coefficient
  //   similarity,<w1> <w2>,      -, -, -, -, human score, cosine
  std::string toCsv() const;
};

}  // namespace embedlab::ui
