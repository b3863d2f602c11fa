// The Train page's Continue run: a Word2Vec run started and stopped on the page keeps its
// checkpoint; Continue (offered only for a stopped run whose checkpoint exists) makes the job again
// in the same run folder from the run's recorded settings and corpus, through the same worker, and
// the run ends finished, its checkpoint gone and, with one thread and a fixed seed, its vectors
// those of a run never stopped. A corpus file that is gone is refused up front, naming it; a
// checkpoint that does not match the settings fails the job naming the checkpoint, and the run
// stays stopped with its checkpoint.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <memory>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "support/SyntheticCorpus.h"
#include "ui/charts/TrainingChart.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/models/ModelRegistry.h"
#include "ui/models/word2vec/Word2VecModel.h"
#include "ui/pages/TrainPage.h"
#include "ui/runs/RunCheckpoint.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"
#include "ui/train/TrainingWorker.h"

using namespace embedlab;
using namespace embedlab::ui;

namespace {

const ModelDescriptor& word2vec() { return *ModelRegistry::builtin().find(QStringLiteral("word2vec")); }

// The job as the Train page makes it, run here to the end: the straight run to compare with.
std::vector<float> straightVectors(const QVariantMap& values, const QStringList& corpus, const QString& output,
                                   JobResult* result) {
  std::unique_ptr<TrainingJob> job = word2vec().createJob(values, corpus, output);
  StopToken token;
  *result = job->run([](const Progress&) {}, token);
  std::vector<float> v;
  if (const auto set = job->embeddings()) v.assign(set->data(), set->data() + set->rows() * set->dim());
  return v;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestContinueRun : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString corpus_;
  std::unique_ptr<RunStore> store_;
  std::unique_ptr<RunTableModel> runs_;
  std::unique_ptr<TrainPage> page_;
  QString id_;         // the run stopped mid-way
  QString checkpoint_;  // its checkpoint

  const RunRecord& run() const { return *runs_->run(id_); }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    // Two topics of 12 words and shared function words, about 48,000 words.
    test::SyntheticCorpusOptions o;
    o.sentences = 4000;
    o.minWords = o.maxWords = 12;
    corpus_ = QString::fromStdString(test::writeSyntheticCorpus(tmp_.filePath(QStringLiteral("corpus.txt")).toStdString(), o));
    QVERIFY(!corpus_.isEmpty());
    store_ = std::make_unique<RunStore>(tmp_.filePath(QStringLiteral("workspace")));
    runs_ = std::make_unique<RunTableModel>(store_.get());
    runs_->reload();
    page_ = std::make_unique<TrainPage>(store_.get(), runs_.get());
    page_->resize(1000, 700);
    page_->show();
  }

  void cleanupTestCase() { page_.reset(); }

  // Deterministic (one thread, a fixed seed, no subsampling) and long enough that Stop, sent at the
  // first training report (every 0.1 s), lands mid-way: 100 epochs of 48,000 words take about 1 s
  // on the AVX2 kernels (5 M words/s at dim 12).
  void stopOnThePage() {
    QVERIFY(page_->setModel(QStringLiteral("word2vec")));
    page_->setCorpusFiles({corpus_});
    QVariantMap v = page_->currentForm()->values();
    v[QStringLiteral("dim")] = 12;
    v[QStringLiteral("window")] = 3;
    v[QStringLiteral("negative")] = 5;
    v[QStringLiteral("epochs")] = 100;
    v[QStringLiteral("min_count")] = 1;
    v[QStringLiteral("sample")] = 0;
    v[QStringLiteral("threads")] = 1;
    v[QStringLiteral("seed")] = 7;
    page_->currentForm()->setValues(v);

    bool stopSent = false;
    const QMetaObject::Connection stopAtFirstReport =
        connect(page_->worker(), &TrainingWorker::progressed, this, [&](const QVector<ProgressUpdate>& updates) {
          for (const ProgressUpdate& u : updates)
            if (!stopSent && u.phase == QLatin1String("training") && u.step > 0 && u.step < u.total) {
              stopSent = true;
              page_->stopTraining();
            }
        });
    QSignalSpy finished(page_.get(), &TrainPage::runFinished);
    QVERIFY(page_->startTraining());
    id_ = page_->currentRunId();
    // Training: nothing to continue yet (a run is running).
    QVERIFY(!page_->continueRunAction()->isEnabled());
    QVERIFY(finished.wait(30000));
    disconnect(stopAtFirstReport);
    QVERIFY(stopSent);
    QCOMPARE(finished.first().at(1).toInt(), static_cast<int>(JobStatus::Stopped));
    QCOMPARE(run().status, RunRecord::Status::Stopped);
    checkpoint_ = runCheckpointPath(*store_, run());
    QCOMPARE(checkpoint_, word2vecCheckpointPath(store_->runDir(id_) + QStringLiteral("/vectors.vec")));
    QVERIFY(QFileInfo::exists(checkpoint_));
  }

  void offeredOnlyForAStoppedRunWithItsCheckpoint() {
    auto* button = page_->findChild<QPushButton*>(QStringLiteral("continueRunButton"));
    QVERIFY(button);
    QVERIFY(!button->toolTip().isEmpty());
    QVERIFY(!page_->continueRunAction()->toolTip().isEmpty());
    QVERIFY(page_->runMenu()->actions().contains(page_->continueRunAction()));
    page_->selectRun(id_);
    QVERIFY(button->isEnabled());
    QVERIFY(page_->continueRunAction()->isEnabled());
    QVERIFY(page_->canContinueRun(id_));

    // Without its checkpoint the run cannot be continued, and says so naming the file.
    const QString aside = checkpoint_ + QStringLiteral(".aside");
    QVERIFY(QFile::rename(checkpoint_, aside));
    page_->runTable()->clearSelection();
    page_->selectRun(id_);
    QVERIFY(!button->isEnabled());
    QVERIFY(!page_->continueRunAction()->isEnabled());
    QString why;
    QVERIFY(!page_->canContinueRun(id_, &why));
    QVERIFY2(why.contains(checkpoint_), qPrintable(why));
    QVERIFY(!page_->continueRun(id_));
    QVERIFY(page_->lastError().contains(checkpoint_));
    QVERIFY(QFile::rename(aside, checkpoint_));
    page_->runTable()->clearSelection();
    page_->selectRun(id_);
    QVERIFY(button->isEnabled());
  }

  void goneCorpusIsRefusedNamingIt() {
    const QString aside = corpus_ + QStringLiteral(".aside");
    QVERIFY(QFile::rename(corpus_, aside));
    QVERIFY(!page_->continueRun(id_));
    const QString error = page_->lastError();
    QFile::rename(aside, corpus_);
    QVERIFY2(error.contains(corpus_), qPrintable(error));
    QVERIFY(!page_->isTraining());
    QCOMPARE(run().status, RunRecord::Status::Stopped);
    QVERIFY(QFileInfo::exists(checkpoint_));
  }

  // Settings other than the checkpoint's (here the recorded dimension, edited): the job refuses
  // the checkpoint, naming it; the run stays stopped with it, and can still be continued.
  void checkpointNotMatchingLeavesTheRunStopped() {
    RunRecord edited = run();
    const QVariantMap recorded = edited.hyperparameters;
    edited.hyperparameters[QStringLiteral("dim")] = 16;
    runs_->upsert(edited);
    QSignalSpy finished(page_.get(), &TrainPage::runFinished);
    QVERIFY(page_->continueRun(id_));
    QVERIFY(page_->isTraining());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(1).toInt(), static_cast<int>(JobStatus::Failed));
    QVERIFY2(page_->lastError().contains(checkpoint_), qPrintable(page_->lastError()));
    QCOMPARE(run().status, RunRecord::Status::Stopped);
    QVERIFY2(run().message.contains(checkpoint_), qPrintable(run().message));
    QVERIFY(QFileInfo::exists(checkpoint_));
    edited = run();
    edited.hyperparameters = recorded;
    runs_->upsert(edited);
    QVERIFY(page_->canContinueRun(id_));
  }

  void continuedRunFinishesWithTheStraightRunsVectors() {
    const RunRecord before = run();
    QVERIFY(!before.history.isEmpty());
    const double stoppedAtStep = before.history.back().step;
    const double stoppedAtSeconds = before.history.back().seconds;

    page_->runTable()->clearSelection();
    page_->selectRun(id_);
    QVERIFY(page_->continueRunAction()->isEnabled());
    QSignalSpy finished(page_.get(), &TrainPage::runFinished);
    page_->continueRunAction()->trigger();  // the context menu's entry
    QVERIFY(page_->isTraining());
    QCOMPARE(page_->currentRunId(), id_);
    QCOMPARE(run().status, RunRecord::Status::Running);
    QCOMPARE(runs_->runs().size(), 1);  // the same run, no new folder
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toString(), id_);
    QCOMPARE(finished.first().at(1).toInt(), static_cast<int>(JobStatus::Finished));

    QCOMPARE(run().status, RunRecord::Status::Finished);
    QVERIFY(!QFileInfo::exists(checkpoint_));
    QVERIFY(!page_->canContinueRun(id_));
    QVERIFY(!page_->continueRunAction()->isEnabled());
    // The history goes on from the stop: words and wall time.
    QVERIFY(run().history.size() > before.history.size());
    QVERIFY(run().history.back().step > stoppedAtStep);
    QVERIFY(run().history.back().seconds >= stoppedAtSeconds);
    QVERIFY(page_->chart()->points(id_).size() >= run().history.size());

    // Bit for bit the vectors of a run never stopped (one thread, a fixed seed).
    const QString straightDir = tmp_.filePath(QStringLiteral("straight"));
    QVERIFY(QDir().mkpath(straightDir));
    const QString straightOut = straightDir + QStringLiteral("/vectors.vec");
    JobResult result;
    const std::vector<float> straight = straightVectors(run().hyperparameters, run().corpusFiles, straightOut, &result);
    QVERIFY2(result.status == JobStatus::Finished, result.message.c_str());
    const auto continued = page_->liveEmbeddings(id_);
    QVERIFY(continued);
    QCOMPARE(static_cast<size_t>(continued->rows() * continued->dim()), straight.size());
    QVERIFY(std::memcmp(continued->data(), straight.data(), straight.size() * sizeof(float)) == 0);
    const QString output = store_->runDir(id_) + QStringLiteral("/vectors.vec");
    QCOMPARE(run().vectorsFile(), QFileInfo(output).absoluteFilePath());
    QCOMPARE(readAll(output), readAll(straightOut));
  }
};

QTEST_MAIN(TestContinueRun)
#include "test_continue_run.moc"
