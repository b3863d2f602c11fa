// The Train page on its own (no window): the chart's axes name what Word2Vec counts (words), and a
// stopped Word2Vec run keeps what it learned — its vectors are written to the run's output file
// (in the background after Stop, at once when the page shuts down) and the run says so.
#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "ui/charts/TrainingChart.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/pages/TrainPage.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"
#include "ui/train/TrainingWorker.h"

using namespace embedlab;
using namespace embedlab::ui;

namespace {

// Sentences from a few topics (as the window test writes them).
void writeCorpus(const QString& path, int lines) {
  const QStringList topics[] = {
      {QStringLiteral("king"), QStringLiteral("queen"), QStringLiteral("crown"), QStringLiteral("palace"), QStringLiteral("royal"), QStringLiteral("throne")},
      {QStringLiteral("water"), QStringLiteral("river"), QStringLiteral("sea"), QStringLiteral("rain"), QStringLiteral("lake"), QStringLiteral("wet")},
      {QStringLiteral("music"), QStringLiteral("song"), QStringLiteral("piano"), QStringLiteral("guitar"), QStringLiteral("melody"), QStringLiteral("sing")},
      {QStringLiteral("doctor"), QStringLiteral("nurse"), QStringLiteral("hospital"), QStringLiteral("patient"), QStringLiteral("medicine"), QStringLiteral("ill")}};
  const QStringList glue = {QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("and"), QStringLiteral("of"), QStringLiteral("with")};
  QRandomGenerator rng(5);
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  QByteArray out;
  for (int i = 0; i < lines; ++i) {
    const QStringList& t = topics[rng.bounded(4)];
    QStringList words;
    for (int w = 0; w < 12; ++w) words << (w % 3 == 2 ? glue[rng.bounded(glue.size())] : t[rng.bounded(t.size())]);
    out += words.join(QLatin1Char(' ')).toUtf8() + '\n';
  }
  f.write(out);
}

QString axisTitle(TrainingChart* chart, const char* view, Qt::Orientation orientation, Qt::Alignment align = {}) {
  auto* v = chart->findChild<QChartView*>(QLatin1String(view));
  if (!v) return QString();
  for (QAbstractAxis* axis : v->chart()->axes(orientation))
    if (!align || axis->alignment() == align) return axis->titleText();
  return QString();
}

}  // namespace

class TestTrainPage : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString corpus_;

  struct Fixture {
    std::unique_ptr<RunStore> store;
    std::unique_ptr<RunTableModel> runs;
    std::unique_ptr<TrainPage> page;
  };

  Fixture makePage(const QString& workspace) {
    Fixture f;
    f.store = std::make_unique<RunStore>(workspace);
    f.runs = std::make_unique<RunTableModel>(f.store.get());
    f.runs->reload();
    f.page = std::make_unique<TrainPage>(f.store.get(), f.runs.get());
    f.page->resize(1100, 700);
    f.page->show();  // as in the window: the charts are laid out while the loss arrives
    return f;
  }

  // A tiny Word2Vec that trains long enough to be stopped in the middle.
  void configure(TrainPage& page) {
    QVERIFY(page.setModel(QStringLiteral("word2vec")));
    page.setCorpusFiles({corpus_});
    QVariantMap v = page.currentForm()->values();
    v[QStringLiteral("dim")] = 12;
    v[QStringLiteral("epochs")] = 300;
    v[QStringLiteral("min_count")] = 1;
    v[QStringLiteral("threads")] = 1;
    v[QStringLiteral("window")] = 3;
    page.currentForm()->setValues(v);
  }

  void startAndWaitForTraining(TrainPage& page) {
    QVERIFY(page.startTraining());
    const QString id = page.currentRunId();
    QTRY_VERIFY_WITH_TIMEOUT(page.chart()->points(id).size() >= 2, 20000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    corpus_ = tmp_.filePath(QStringLiteral("corpus.txt"));
    writeCorpus(corpus_, 20000);
  }

  void word2vecChartCountsWords() {
    Fixture f = makePage(tmp_.filePath(QStringLiteral("units")));
    QVERIFY(f.page->setModel(QStringLiteral("word2vec")));
    f.page->chart()->redrawNow();
    QCOMPARE(axisTitle(f.page->chart(), "lossChartView", Qt::Horizontal), QStringLiteral("words"));
    QCOMPARE(axisTitle(f.page->chart(), "rateChartView", Qt::Horizontal), QStringLiteral("words"));
    QVERIFY(axisTitle(f.page->chart(), "rateChartView", Qt::Vertical, Qt::AlignRight).contains(QStringLiteral("words/s")));
  }

  void stoppedRunSavesItsVectors() {
    Fixture f = makePage(tmp_.filePath(QStringLiteral("stop")));
    configure(*f.page);
    startAndWaitForTraining(*f.page);
    const QString id = f.page->currentRunId();
    QSignalSpy finished(f.page->worker(), &TrainingWorker::finished);
    f.page->stopTraining();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toInt(), static_cast<int>(JobStatus::Stopped));

    // The save runs in the background; then the record lists the file and says so.
    QTRY_VERIFY_WITH_TIMEOUT(!f.runs->run(id)->vectorsFile().isEmpty(), 10000);
    const RunRecord run = *f.runs->run(id);
    QCOMPARE(run.status, RunRecord::Status::Stopped);
    QVERIFY2(run.message.contains(QStringLiteral("vectors saved")), qPrintable(run.message));
    QCOMPARE(run.vectorsFile(), f.store->runDir(id) + QStringLiteral("/vectors.vec"));
    const auto live = f.page->liveEmbeddings(id);
    QVERIFY(live);
    const EmbeddingSet saved = loadWordVectors(run.vectorsFile().toStdString());
    QCOMPARE(saved.rows(), live->rows());
    QCOMPARE(saved.dim(), 12);
    QCOMPARE(saved.labels(), live->labels());
    for (int d = 0; d < 12; ++d) QVERIFY(std::abs(saved.row(0)[d] - live->row(0)[d]) < 1e-5f);
    // ... and on disk too, for the next session.
    bool onDisk = false;
    for (const RunRecord& r : f.store->loadAll())
      if (r.id == id) onDisk = r.vectorsFile() == run.vectorsFile() && r.message == run.message;
    QVERIFY(onDisk);
    QVERIFY(QDir(f.store->runDir(id)).entryList({QStringLiteral("*.tmp*")}, QDir::Files).isEmpty());
  }

  void shutdownSavesBeforeReturning() {
    Fixture f = makePage(tmp_.filePath(QStringLiteral("close")));
    configure(*f.page);
    startAndWaitForTraining(*f.page);
    const QString id = f.page->currentRunId();
    f.page->shutdown();  // what closing the window does
    QVERIFY(!f.page->isTraining());
    const RunRecord* run = f.runs->run(id);
    QVERIFY(run);
    QCOMPARE(run->status, RunRecord::Status::Stopped);
    QVERIFY2(QFileInfo::exists(run->vectorsFile()), qPrintable(run->message));
    QVERIFY(run->message.contains(QStringLiteral("vectors saved")));
    QVERIFY(loadWordVectors(run->vectorsFile().toStdString()).rows() > 0);
  }
};

QTEST_MAIN(TestTrainPage)
#include "test_train_page.moc"
