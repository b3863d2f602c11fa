// The Evaluate page's charts and saved results: the built-in sets run out of the box on vectors
// that hold their words, the bar chart has one bar per section (plus the total) with the values the
// core benchmark computes, the scatter has one point per pair that is not out of vocabulary and
// Spearman in its title, evaluation.json is written into a run folder and shown again when those
// vectors come back, exports, and the classification comparison (table rows, grouped bars, the
// confusion heat map with the right dimensions, painted offscreen).
#include <QBarSet>
#include <QDir>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <QBarSeries>

#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/NearestNeighbors.h"
#include "core/io/WordVectors.h"
#include "ui/evaluate/AnalogyChart.h"
#include "ui/evaluate/BuiltinSets.h"
#include "ui/evaluate/ClassificationPanel.h"
#include "ui/evaluate/ComparisonChart.h"
#include "ui/evaluate/ComparisonResultsView.h"
#include "ui/evaluate/ComparisonTable.h"
#include "ui/evaluate/ConfusionHeatmap.h"
#include "ui/evaluate/SimilarityScatter.h"
#include "ui/pages/EvaluatePage.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

using namespace embedlab;
using namespace embedlab::ui;

namespace {

// Words the built-in sets use, minus `drop`; vectors with structure: for each analogy pair the
// second word is the first plus an offset of its section (a random one for "opposite", so that
// one section is mostly wrong), other words random. Deterministic.
std::shared_ptr<EmbeddingSet> builtinVectors(const std::set<std::string>& drop, const std::set<std::string>& extra = {}) {
  const AnalogyBenchmark analogies = BuiltinSets::analogies();
  const SimilarityBenchmark similarity = BuiltinSets::similarity();
  constexpr int dim = 128;  // random directions nearly orthogonal: planted offsets win
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  auto randomVector = [&] {
    std::vector<float> v(dim);
    for (float& x : v) x = normal(rng);
    return v;
  };
  std::map<std::string, std::vector<float>> vec;
  std::vector<std::string> order;
  auto add = [&](const std::string& w, std::vector<float> v) {
    if (vec.count(w)) return;
    vec[w] = std::move(v);
    order.push_back(w);
  };
  std::vector<std::vector<float>> offsets;
  for (size_t s = 0; s < analogies.sectionNames().size(); ++s) {
    std::vector<float> o = randomVector();
    for (float& x : o) x *= 2.0f;
    offsets.push_back(o);
  }
  for (const AnalogyQuestion& q : analogies.questions()) {
    for (const auto& [a, b] : {std::pair{q.a, q.b}, std::pair{q.c, q.d}}) {
      add(a, randomVector());
      std::vector<float> v = vec[a];
      if (analogies.sectionNames()[q.section] == "opposite") v = randomVector();
      else
        for (int d = 0; d < dim; ++d) v[d] += offsets[q.section][d];
      add(b, v);
    }
  }
  for (const WordPair& p : similarity.pairs()) {
    add(p.w1, randomVector());
    add(p.w2, randomVector());
  }
  for (const std::string& w : extra) add(w, randomVector());
  std::vector<std::string> labels;
  for (const std::string& w : order)
    if (!drop.count(w)) labels.push_back(w);
  auto set = std::make_shared<EmbeddingSet>(labels, dim);
  for (int64_t r = 0; r < set->rows(); ++r) std::copy(vec[labels[r]].begin(), vec[labels[r]].end(), set->row(r));
  return set;
}

bool waitReady(CurrentVectors& v) {
  return QTest::qWaitFor([&] { return v.isReady(); }, 10000);
}

// Three classes with words of their own (plus shared glue), 30 training and 10 test lines each.
void writeTask(const QString& dir, const QStringList& classes, const QList<QStringList>& words) {
  QDir().mkpath(dir);
  QRandomGenerator rng(3);
  for (const QString& split : {QStringLiteral("train"), QStringLiteral("test")}) {
    QFile f(dir + QLatin1Char('/') + split + QStringLiteral(".tsv"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const int n = split == QLatin1String("train") ? 30 : 10;
    for (int i = 0; i < n; ++i)
      for (int c = 0; c < classes.size(); ++c) {
        QStringList text;
        for (int k = 0; k < 6; ++k)
          text << (k % 3 == 2 ? QStringLiteral("the") : words[c][rng.bounded(static_cast<int>(words[c].size()))]);
        f.write((classes[c] + QLatin1Char('\t') + text.join(QLatin1Char(' ')) + QLatin1Char('\n')).toUtf8());
      }
  }
}

}  // namespace

class TestEvaluateCharts : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void builtinSetsRunOutOfTheBox() {
    CurrentVectors vectors;
    EvaluatePage page(&vectors);
    QCOMPARE(page.analogySource(), EvaluatePage::SetSource::Builtin);
    QCOMPARE(page.similaritySource(), EvaluatePage::SetSource::Builtin);
    vectors.setVectors(builtinVectors({}), QStringLiteral("all words"));
    QVERIFY(waitReady(vectors));
    QVERIFY(page.runBenchmarks());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 20000);
    const EvaluationResult* r = page.result();
    QVERIFY2(r, qPrintable(page.summary()));
    QVERIFY(r->analogy && r->similarity);
    QCOMPARE(r->analogy->questions, qint64(564));
    QCOMPARE(r->analogy->oov, qint64(0));
    QCOMPARE(r->analogy->total, qint64(564));
    QCOMPARE(r->analogy->sections.size(), 8);
    QCOMPARE(r->similarity->pairs, qint64(149));
    QCOMPARE(r->similarity->oov, qint64(0));
    // The planted offsets make the structured sections right and the random one wrong.
    QVERIFY(r->analogy->sections[0].accuracy > 0.9);
    QVERIFY(r->analogy->sections[7].accuracy < 0.5);
    QVERIFY(page.summary().contains(QStringLiteral("built-in")));
    QVERIFY(page.resultFile().isEmpty());  // vectors not from a run: nothing saved
  }

  void chartsShowTheResult() {
    CurrentVectors vectors;
    EvaluatePage page(&vectors);
    // tokyo: 18 analogy questions out of vocabulary; cabbage and volcano: 4 similarity pairs.
    auto set = builtinVectors({"tokyo", "cabbage", "volcano"});
    vectors.setVectors(set, QStringLiteral("some words"));
    QVERIFY(waitReady(vectors));
    QVERIFY(page.runBenchmarks());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 20000);
    QVERIFY2(page.result(), qPrintable(page.summary()));

    // Bars: one per section plus the total, with the accuracies the core computes.
    NearestNeighbors index(*set);
    AnalogyBenchmark::Options o;
    const AnalogyBenchmark::Result expected = BuiltinSets::analogies().evaluate(*set, index, o);
    QCOMPARE(expected.oov, int64_t(18));
    AnalogyChart* bars = page.analogyChart();
    QCOMPARE(bars->barCount(), int(expected.sections.size()) + 1);
    QCOMPARE(bars->series()->count(), 1);
    QCOMPARE(bars->barSet()->count(), int(expected.sections.size()) + 1);
    for (int i = 0; i < int(expected.sections.size()); ++i) {
      QCOMPARE(bars->barLabel(i), QString::fromStdString(expected.sections[i].name));
      QVERIFY(std::abs(bars->barValue(i) - expected.sections[i].accuracy * 100) < 0.051);
    }
    QCOMPARE(bars->barLabel(bars->barCount() - 1), QStringLiteral("total"));
    QVERIFY(std::abs(bars->barValue(bars->barCount() - 1) - expected.accuracy * 100) < 0.051);
    QVERIFY(bars->barToolTip(0).contains(QStringLiteral("capital-country")));
    QCOMPARE(page.sectionTable()->rowCount(), int(expected.sections.size()) + 1);

    // Scatter: one point per usable pair; Spearman and the OOV count in the title.
    SimilarityScatter* scatter = page.similarityChart();
    const auto& sim = *page.result()->similarity;
    QCOMPARE(sim.oov, qint64(4));
    QCOMPARE(scatter->series()->count(), int(149 - sim.oov));
    QCOMPARE(qint64(scatter->series()->count()), sim.pairs);
    QVERIFY(scatter->title().contains(QStringLiteral("Spearman")));
    QVERIFY(scatter->title().contains(QString::number(sim.spearman, 'f', 3)));
    QVERIFY(scatter->title().contains(QStringLiteral("4 OOV")));
    // Hovering a point names its pair.
    const QPointF first = scatter->series()->at(0);
    const QString tip = scatter->toolTipAt(first);
    QVERIFY(tip.contains(sim.points[0].w1) && tip.contains(sim.points[0].w2));
    QVERIFY(scatter->toolTipAt(QPointF(-5, 5)).isEmpty());

    // Exports.
    const QString png = tmp_.filePath(QStringLiteral("charts.png"));
    const QString csv = tmp_.filePath(QStringLiteral("results.csv"));
    QVERIFY(page.exportPng(png));
    QVERIFY(!QImage(png).isNull());
    QVERIFY(page.exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    // header + 8 sections + total + spearman + pearson + 145 pairs
    QCOMPARE(lines.size(), 1 + 8 + 1 + 2 + 145);
    QCOMPARE(lines[0], QByteArray("benchmark,item,correct,questions,oov,value,human,cosine"));
    for (const QByteArray& line : lines) QCOMPARE(line.count(','), 7);
  }

  void resultIsSavedWithTheRunAndShownAgain() {
    const QString runDir = tmp_.filePath(QStringLiteral("workspace/runs/run-1"));
    QVERIFY(QDir().mkpath(runDir));
    QFile record(runDir + QStringLiteral("/run.json"));
    QVERIFY(record.open(QIODevice::WriteOnly));
    record.write("{}");
    record.close();
    const QString vectorsPath = runDir + QStringLiteral("/vectors.vec");
    auto set = builtinVectors({"cabbage"});
    saveWordVectors(*set, vectorsPath.toStdString());
    const QString json = runDir + QStringLiteral("/evaluation.json");
    EvaluationResult computed;
    {
      CurrentVectors vectors;
      EvaluatePage page(&vectors);
      vectors.setVectors(set, QStringLiteral("Word2Vec 1"), vectorsPath);
      QVERIFY(waitReady(vectors));
      QCOMPARE(vectors.runFolder(), QFileInfo(runDir).absoluteFilePath());
      QVERIFY(!page.result());
      QVERIFY(page.runBenchmarks());
      QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 20000);
      QVERIFY2(page.result(), qPrintable(page.summary()));
      computed = *page.result();
      QCOMPARE(page.resultFile(), json);
      QVERIFY(QFileInfo::exists(json));
      QVERIFY(page.summary().contains(QStringLiteral("Saved with the run")));
      QVERIFY(!QDir(runDir).entryList({QStringLiteral("*.tmp*")}, QDir::Files).size());  // atomic: no debris
    }
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(o.value(QStringLiteral("vectors")).toString(), QStringLiteral("Word2Vec 1"));
    QCOMPARE(o.value(QStringLiteral("analogy")).toObject().value(QStringLiteral("correct")).toInteger(),
             computed.analogy->correct);
    QCOMPARE(o.value(QStringLiteral("similarity")).toObject().value(QStringLiteral("oov")).toInteger(), qint64(1));

    // The run's vectors loaded again (another session): the saved result is shown, charts too.
    CurrentVectors vectors;
    EvaluatePage page(&vectors);
    vectors.loadFile(vectorsPath, QStringLiteral("Word2Vec 1"));
    QVERIFY(waitReady(vectors));
    QVERIFY(page.result());
    QVERIFY(page.resultIsFromDisk());
    QCOMPARE(page.result()->analogy->correct, computed.analogy->correct);
    QCOMPARE(page.result()->analogy->sections.size(), computed.analogy->sections.size());
    QCOMPARE(page.result()->similarity->points.size(), computed.similarity->points.size());
    QCOMPARE(page.result()->similarity->spearman, computed.similarity->spearman);
    QCOMPARE(page.analogyChart()->barCount(), 9);
    QCOMPARE(page.similarityChart()->series()->count(), 148);
    QVERIFY(page.summary().contains(QStringLiteral("Saved evaluation")));

    // Other vectors: the result goes away; a damaged file is reported, not shown.
    vectors.setVectors(set, QStringLiteral("in memory"));
    QVERIFY(waitReady(vectors));
    QVERIFY(!page.result());
    QVERIFY(page.similarityChart()->series()->count() == 0);
    QFile damaged(json);
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("{\"format\": \"embedlab-evaluation-1\", \"similarity\": {\"pairs\": 3, \"points\": []}}");
    damaged.close();
    vectors.loadFile(vectorsPath, QStringLiteral("Word2Vec 1"));
    QVERIFY(waitReady(vectors));
    QVERIFY(!page.result());
    QVERIFY2(page.summary().contains(QStringLiteral("evaluation.json")), qPrintable(page.summary()));
  }

  void classificationFillsTableChartAndHeatmap() {
    const QString task = tmp_.filePath(QStringLiteral("tasks/topics"));
    const QStringList classes = {QStringLiteral("animal"), QStringLiteral("food"), QStringLiteral("royal")};
    const QList<QStringList> words = {
        {QStringLiteral("dog"), QStringLiteral("cat"), QStringLiteral("horse"), QStringLiteral("bird")},
        {QStringLiteral("bread"), QStringLiteral("butter"), QStringLiteral("cake"), QStringLiteral("milk")},
        {QStringLiteral("king"), QStringLiteral("queen"), QStringLiteral("prince"), QStringLiteral("crown")}};
    writeTask(task, classes, words);

    CurrentVectors vectors;
    EvaluatePage page(&vectors);
    ClassificationPanel* panel = page.classificationPanel();
    panel->setTaskFolder(task);
    panel->setFeatures(ClassificationPanel::Features::TfIdf);
    QVERIFY(panel->runClassification());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 30000);
    ComparisonTable* table = panel->results()->table();
    QCOMPARE(table->rowCount(), 1);
    const ComparisonRow* row = table->row(0);
    QVERIFY2(row, qPrintable(panel->statusText()));
    QCOMPARE(row->model, QStringLiteral("TF-IDF"));
    QCOMPARE(row->task, QStringLiteral("topics"));
    QVERIFY(row->accuracy > 0.9);
    QVERIFY(row->trainSeconds >= 0 && row->inferenceSeconds >= 0);
    QCOMPARE(table->data(table->index(0, ComparisonTable::AccuracyColumn), Qt::UserRole).toDouble(), row->accuracy);

    // The heat map shows the selected row: 3 x 3, the test examples (10 per class) in its cells.
    ConfusionHeatmap* heatmap = panel->results()->heatmap();
    QCOMPARE(heatmap->rows(), 3);
    QCOMPARE(heatmap->columns(), 3);
    QCOMPARE(heatmap->labels(), classes);
    qint64 total = 0;
    for (int r = 0; r < 3; ++r) {
      qint64 rowTotal = 0;
      for (int c = 0; c < 3; ++c) rowTotal += heatmap->count(r, c);
      QCOMPARE(rowTotal, qint64(10));
      total += rowTotal;
    }
    QCOMPARE(total, qint64(30));

    // Mean vectors of the current vectors: a second model, the same task.
    auto set = builtinVectors({}, {"the", "cake", "crown"});
    vectors.setVectors(set, QStringLiteral("W2V"));
    QVERIFY(waitReady(vectors));
    panel->setFeatures(ClassificationPanel::Features::MeanVectors);
    panel->setFixedC(1.0);  // no cross-validation: the first run covered it
    QCOMPARE(panel->fixedC(), 1.0);
    QVERIFY(panel->runClassification());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 30000);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->row(1)->model, QStringLiteral("W2V (mean vectors)"));
    // A new result for the same model and task replaces its row instead of adding one.
    ComparisonRow again = *table->row(1);
    again.accuracy = 0.5;
    QCOMPARE(table->addRow(again), 1);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(panel->results()->chart()->value(again.model, again.task), 0.5);

    // Grouped bars: one set per model, one category per task, accuracy then macro-F1.
    ComparisonChart* chart = panel->results()->chart();
    QCOMPARE(chart->series()->count(), 2);
    QCOMPARE(chart->categories(), QStringList{QStringLiteral("topics")});
    QCOMPARE(chart->value(QStringLiteral("TF-IDF"), QStringLiteral("topics")), table->row(0)->accuracy);
    chart->setMetric(ComparisonChart::Metric::MacroF1);
    QCOMPARE(chart->value(QStringLiteral("W2V (mean vectors)"), QStringLiteral("topics")), table->row(1)->macroF1);

    // Selecting a row shows its matrix; CSV of the table.
    panel->results()->selectRow(0);
    QVERIFY(heatmap->title().contains(QStringLiteral("TF-IDF")));
    const QString csv = tmp_.filePath(QStringLiteral("comparison.csv"));
    QVERIFY(panel->results()->exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().trimmed().split('\n').size(), 3);
    QString pngError;
    const QString png = tmp_.filePath(QStringLiteral("classification.png"));
    QVERIFY2(panel->results()->exportPng(png, &pngError), qPrintable(pngError));
    QVERIFY(QFileInfo(png).size() > 0);

    // A folder that is not a task: a message naming the file, no row.
    panel->setTaskFolder(tmp_.filePath(QStringLiteral("no-such-task")));
    QVERIFY(panel->runClassification());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 10000);
    QVERIFY2(panel->statusText().contains(QStringLiteral("train.tsv")), qPrintable(panel->statusText()));
    QCOMPARE(table->rowCount(), 2);
  }

  void heatmapPaintsOffscreen() {
    ConfusionHeatmap heatmap;
    heatmap.resize(420, 360);
    heatmap.setMatrix({QStringLiteral("ham"), QStringLiteral("spam"), QStringLiteral("other")},
                      {{8, 2, 0}, {1, 9, 0}, {0, 0, 0}}, QStringLiteral("TF-IDF · spam"));
    QCOMPARE(heatmap.rows(), 3);
    QCOMPARE(heatmap.rowFraction(0, 0), 0.8);
    QCOMPARE(heatmap.rowFraction(2, 2), 0.0);  // an empty row stays light, no division by zero
    const QImage image = heatmap.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), heatmap.size() * image.devicePixelRatio());
    // A cell is painted in its colour (sampled off-centre, away from the count and the frame).
    for (const QPoint& cell : {QPoint(1, 0), QPoint(0, 1), QPoint(0, 0)}) {
      const QRect r = heatmap.cellRect(cell.y(), cell.x());
      QVERIFY(r.width() > 20);
      const QColor painted = image.pixelColor(r.topLeft() + QPoint(4, 4));
      const QColor wanted = heatmap.cellColor(cell.y(), cell.x());
      QVERIFY2(std::abs(painted.red() - wanted.red()) <= 2 && std::abs(painted.blue() - wanted.blue()) <= 2,
               qPrintable(QStringLiteral("cell %1,%2: %3 vs %4").arg(cell.x()).arg(cell.y()).arg(painted.name(), wanted.name())));
    }
    QVERIFY(heatmap.cellColor(0, 0) != heatmap.cellColor(0, 1));
    // Geometry and tooltip agree.
    const QRect r = heatmap.cellRect(1, 0);
    QCOMPARE(heatmap.cellAt(r.center()), QPoint(0, 1));
    QCOMPARE(heatmap.cellAt(QPoint(0, 0)), QPoint(-1, -1));
    const QString tip = heatmap.toolTipText(1, 0);
    QVERIFY(tip.contains(QStringLiteral("spam")) && tip.contains(QStringLiteral("ham")) && tip.contains(QStringLiteral("10.0%")));
    // A malformed matrix is refused rather than read out of range; an empty one paints a hint.
    heatmap.setMatrix({QStringLiteral("a")}, {{1, 2}});
    QCOMPARE(heatmap.rows(), 0);
    QVERIFY(!heatmap.grab().isNull());
  }
};

QTEST_MAIN(TestEvaluateCharts)
#include "test_evaluate_charts.moc"
