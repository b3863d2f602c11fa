#include "ui/evaluate/EvaluationResult.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "ui/util/Csv.h"

namespace embedlab::ui {

namespace {

constexpr const char* kFormat = "embedlab-evaluation-1";

// JSON has no NaN: a coefficient that could not be computed is written as null.
QJsonValue finiteOrNull(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }
double numberOrNaN(const QJsonValue& v) {
  return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

EvaluationResult::Analogy EvaluationResult::fromCore(const AnalogyBenchmark::Result& r) {
  Analogy a;
  for (const auto& s : r.sections)
    a.sections.append({QString::fromStdString(s.name), s.correct, s.total, s.oov, s.accuracy});
  a.correct = r.correct;
  a.total = r.total;
  a.oov = r.oov;
  a.questions = r.questions;
  a.accuracy = r.accuracy;
  a.seconds = r.seconds;
  return a;
}

EvaluationResult::Similarity EvaluationResult::fromCore(const SimilarityBenchmark& bench,
                                                        const SimilarityBenchmark::Result& r) {
  Similarity s;
  s.spearman = r.spearman;
  s.pearson = r.pearson;
  s.pairs = r.pairs;
  s.oov = r.oov;
  s.points.reserve(static_cast<qsizetype>(r.scored.size()));
  for (const auto& p : r.scored) {
    const WordPair& pair = bench.pairs()[static_cast<size_t>(p.pair)];
    s.points.append({QString::fromStdString(pair.w1), QString::fromStdString(pair.w2), p.human, p.cosine});
  }
  return s;
}

QJsonObject EvaluationResult::toJson() const {
  QJsonObject o;
  o[QStringLiteral("format")] = QString::fromLatin1(kFormat);
  o[QStringLiteral("vectors")] = vectorsName;
  o[QStringLiteral("created")] = created.toString(Qt::ISODateWithMs);
  if (analogy) {
    QJsonObject a;
    a[QStringLiteral("source")] = analogy->source;
    a[QStringLiteral("method")] = analogy->method;
    a[QStringLiteral("restrict")] = analogy->restrictVocab;
    a[QStringLiteral("correct")] = analogy->correct;
    a[QStringLiteral("total")] = analogy->total;
    a[QStringLiteral("oov")] = analogy->oov;
    a[QStringLiteral("questions")] = analogy->questions;
    a[QStringLiteral("accuracy")] = analogy->accuracy;
    a[QStringLiteral("seconds")] = analogy->seconds;
    QJsonArray sections;
    for (const Section& s : analogy->sections)
      sections.append(QJsonObject{{QStringLiteral("name"), s.name},
                                  {QStringLiteral("correct"), s.correct},
                                  {QStringLiteral("total"), s.total},
                                  {QStringLiteral("oov"), s.oov},
                                  {QStringLiteral("accuracy"), s.accuracy}});
    a[QStringLiteral("sections")] = sections;
    o[QStringLiteral("analogy")] = a;
  }
  if (similarity) {
    QJsonObject s;
    s[QStringLiteral("source")] = similarity->source;
    s[QStringLiteral("spearman")] = finiteOrNull(similarity->spearman);
    s[QStringLiteral("pearson")] = finiteOrNull(similarity->pearson);
    s[QStringLiteral("pairs")] = similarity->pairs;
    s[QStringLiteral("oov")] = similarity->oov;
    // Points as [w1, w2, human, cosine]: compact for the thousand pairs of SimLex.
    QJsonArray points;
    for (const Point& p : similarity->points) points.append(QJsonArray{p.w1, p.w2, p.human, p.cosine});
    s[QStringLiteral("points")] = points;
    o[QStringLiteral("similarity")] = s;
  }
  return o;
}

EvaluationResult EvaluationResult::fromJson(const QJsonObject& o, const QString& source) {
  const std::string where = source.toStdString();
  if (o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
    throw Error(where + ": not an EmbedLab evaluation (format is not " + kFormat + ")");
  EvaluationResult r;
  r.vectorsName = o.value(QStringLiteral("vectors")).toString();
  r.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
  if (o.contains(QStringLiteral("analogy"))) {
    const QJsonObject a = o.value(QStringLiteral("analogy")).toObject();
    Analogy an;
    an.source = a.value(QStringLiteral("source")).toString();
    an.method = a.value(QStringLiteral("method")).toString();
    an.restrictVocab = a.value(QStringLiteral("restrict")).toInteger();
    an.correct = a.value(QStringLiteral("correct")).toInteger();
    an.total = a.value(QStringLiteral("total")).toInteger();
    an.oov = a.value(QStringLiteral("oov")).toInteger();
    an.questions = a.value(QStringLiteral("questions")).toInteger();
    an.accuracy = a.value(QStringLiteral("accuracy")).toDouble();
    an.seconds = a.value(QStringLiteral("seconds")).toDouble();
    for (const QJsonValue& v : a.value(QStringLiteral("sections")).toArray()) {
      if (!v.isObject()) throw Error(where + ": an analogy section is not an object");
      const QJsonObject s = v.toObject();
      an.sections.append({s.value(QStringLiteral("name")).toString(), s.value(QStringLiteral("correct")).toInteger(),
                          s.value(QStringLiteral("total")).toInteger(), s.value(QStringLiteral("oov")).toInteger(),
                          s.value(QStringLiteral("accuracy")).toDouble()});
    }
    if (an.correct < 0 || an.total < an.correct || an.oov < 0)
      throw Error(where + ": analogy counts do not add up");
    r.analogy = std::move(an);
  }
  if (o.contains(QStringLiteral("similarity"))) {
    const QJsonObject s = o.value(QStringLiteral("similarity")).toObject();
    Similarity si;
    si.source = s.value(QStringLiteral("source")).toString();
    si.spearman = numberOrNaN(s.value(QStringLiteral("spearman")));
    si.pearson = numberOrNaN(s.value(QStringLiteral("pearson")));
    si.pairs = s.value(QStringLiteral("pairs")).toInteger();
    si.oov = s.value(QStringLiteral("oov")).toInteger();
    for (const QJsonValue& v : s.value(QStringLiteral("points")).toArray()) {
      const QJsonArray p = v.toArray();
      if (p.size() != 4 || !p[2].isDouble() || !p[3].isDouble())
        throw Error(where + ": a similarity point is not [word1, word2, human, cosine]");
      si.points.append({p[0].toString(), p[1].toString(), p[2].toDouble(), p[3].toDouble()});
    }
    if (si.points.size() != si.pairs) throw Error(where + ": the number of similarity points differs from 'pairs'");
    r.similarity = std::move(si);
  }
  return r;
}

void EvaluationResult::save(const QString& path) const {
  const QByteArray json = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
  writeFileAtomically(QFile::encodeName(path).toStdString(),
                      std::string_view(json.constData(), static_cast<size_t>(json.size())));
}

EvaluationResult EvaluationResult::load(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw Error(path.toStdString() + ": cannot be read");
  QJsonParseError err;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject())
    throw Error(path.toStdString() + ": not valid JSON (" + err.errorString().toStdString() + ")");
  return fromJson(doc.object(), path);
}

std::string EvaluationResult::toCsv() const {
  std::string out = "benchmark,item,correct,questions,oov,value,human,cosine\n";
  auto integer = [](qint64 v) { return std::to_string(v); };
  if (analogy) {
    for (const Section& s : analogy->sections)
      out += "analogy," + csv::field(s.name) + ',' + integer(s.correct) + ',' + integer(s.total) + ',' + integer(s.oov) +
             ',' + csv::number(s.accuracy) + ",,\n";
    out += "analogy,total," + integer(analogy->correct) + ',' + integer(analogy->total) + ',' + integer(analogy->oov) +
           ',' + csv::number(analogy->accuracy) + ",,\n";
  }
  if (similarity) {
    const std::string counts = ',' + integer(similarity->pairs) + ',' + integer(similarity->oov) + ',';
    out += "similarity,spearman," + counts + csv::number(similarity->spearman) + ",,\n";
    out += "similarity,pearson," + counts + csv::number(similarity->pearson) + ",,\n";
    for (const Point& p : similarity->points)
      out += "similarity," + csv::field(p.w1 + QLatin1Char(' ') + p.w2) + ",,,,," + csv::number(p.human) + ',' +
             csv::number(p.cosine) + '\n';
  }
  return out;
}

}  // namespace embedlab::ui
