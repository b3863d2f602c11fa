// The window's Word2Vec job keeps a checkpoint in its run folder, as the BERT and ELMo jobs do:
// a run stopped mid-way leaves RUN/vectors.vec.checkpoint, a job made again for the same folder
// (the registry's factory, as the Train page calls it) continues from it and, with one thread and a
// fixed seed, ends with the vectors of a run never stopped; finishing removes the checkpoint; a
// job with other settings refuses it, naming it. Through the Train page: Stop leaves the checkpoint
// in the run's folder, listed with the run's files, and the run's own settings continue from it.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <memory>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/word2vec/Word2Vec.h"
#include "support/SyntheticCorpus.h"
#include "ui/charts/TrainingChart.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/models/ModelRegistry.h"
#include "ui/models/word2vec/Word2VecModel.h"
#include "ui/pages/TrainPage.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"
#include "ui/train/TrainingWorker.h"

using namespace embedlab;
using namespace embedlab::ui;

namespace {

// Deterministic (one thread, a fixed seed) and long enough that progress reports (every 0.1 s of
// training) arrive mid-way: subsampling off, so every word trains; 60 epochs of 48,000 words take
// about 0.6 s on the AVX2 kernels (5 M words/s at dim 12), several report intervals.
QVariantMap deterministicValues() {
  return {{QStringLiteral("dim"), 12},      {QStringLiteral("window"), 3}, {QStringLiteral("negative"), 5},
          {QStringLiteral("epochs"), 60},   {QStringLiteral("min_count"), 1}, {QStringLiteral("sample"), 0},
          {QStringLiteral("threads"), 1},   {QStringLiteral("seed"), 7}};
}

struct Outcome {
  JobResult result;
  std::vector<float> vectors;
  int64_t resumedWords = 0;
};

// Makes the job as the Train page does and runs it here; with `stopMidway` it asks the job to stop
// at the first training report that is neither the start nor the end.
Outcome runWord2Vec(const QVariantMap& values, const QString& corpus, const QString& output, bool stopMidway) {
  Outcome out;
  std::unique_ptr<TrainingJob> job = word2vecModel().createJob(values, {corpus}, output);
  StopToken token;
  out.result = job->run(
      [&](const Progress& p) {
        if (stopMidway && p.phase == "training" && p.step > 0 && p.step < p.total) token.requestStop();
      },
      token);
  if (const auto set = job->embeddings()) out.vectors.assign(set->data(), set->data() + set->rows() * set->dim());
  if (const auto* w2v = dynamic_cast<const Word2VecJob*>(job.get())) out.resumedWords = w2v->summary().resumedWords;
  return out;
}

bool contains(const std::vector<std::string>& files, const QString& path) {
  for (const std::string& f : files)
    if (QString::fromStdString(f) == path) return true;
  return false;
}

}  // namespace

class TestWord2VecResumeUi : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString corpus_;

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    // Two topics of 12 words and shared function words, about 48,000 words.
    test::SyntheticCorpusOptions o;
    o.sentences = 4000;
    o.minWords = o.maxWords = 12;
    corpus_ = QString::fromStdString(test::writeSyntheticCorpus(tmp_.filePath(QStringLiteral("corpus.txt")).toStdString(), o));
    QVERIFY(!corpus_.isEmpty());
  }

  void factoryPutsTheCheckpointInTheRunFolder() {
    const QString output = tmp_.filePath(QStringLiteral("run/vectors.vec"));
    QCOMPARE(word2vecCheckpointPath(output), output + QStringLiteral(".checkpoint"));
    const std::unique_ptr<TrainingJob> job = word2vecModel().createJob(deterministicValues(), {corpus_}, output);
    const auto* w2v = dynamic_cast<const Word2VecJob*>(job.get());
    QVERIFY(w2v);
    QCOMPARE(QString::fromStdString(w2v->options().checkpointPath), word2vecCheckpointPath(output));
    QVERIFY(w2v->options().resume);
    // Without an output path (a job only for the explorer) there is no run folder and no checkpoint.
    const std::unique_ptr<TrainingJob> bare = word2vecModel().createJob(deterministicValues(), {corpus_}, QString());
    QVERIFY(dynamic_cast<const Word2VecJob*>(bare.get())->options().checkpointPath.empty());
  }

  void stoppedRunResumesToTheStraightRunsVectors() {
    const QVariantMap values = deterministicValues();
    QVERIFY(QDir().mkpath(tmp_.filePath(QStringLiteral("straight"))));
    QVERIFY(QDir().mkpath(tmp_.filePath(QStringLiteral("stopped"))));
    const QString straightOut = tmp_.filePath(QStringLiteral("straight/vectors.vec"));
    const QString stoppedOut = tmp_.filePath(QStringLiteral("stopped/vectors.vec"));
    const QString checkpoint = word2vecCheckpointPath(stoppedOut);

    const Outcome straight = runWord2Vec(values, corpus_, straightOut, false);
    QVERIFY2(straight.result.status == JobStatus::Finished, straight.result.message.c_str());
    QVERIFY(!QFileInfo::exists(word2vecCheckpointPath(straightOut)));  // finished: nothing left to resume
    QVERIFY(!straight.vectors.empty());

    const Outcome stopped = runWord2Vec(values, corpus_, stoppedOut, true);
    QVERIFY2(stopped.result.status == JobStatus::Stopped, stopped.result.message.c_str());
    QVERIFY2(QFileInfo::exists(checkpoint), stopped.result.message.c_str());
    QVERIFY(contains(stopped.result.outputFiles, checkpoint));
    QVERIFY(!QFileInfo::exists(stoppedOut));

    // Other settings do not continue another run's state: refused, naming the checkpoint, kept.
    QVariantMap other = values;
    other[QStringLiteral("dim")] = 16;
    const Outcome refused = runWord2Vec(other, corpus_, stoppedOut, false);
    QVERIFY(refused.result.status == JobStatus::Failed);
    QVERIFY2(QString::fromStdString(refused.result.message).contains(checkpoint), refused.result.message.c_str());
    QVERIFY(QFileInfo::exists(checkpoint));

    const Outcome resumed = runWord2Vec(values, corpus_, stoppedOut, false);
    QVERIFY2(resumed.result.status == JobStatus::Finished, resumed.result.message.c_str());
    QVERIFY(resumed.resumedWords > 0);
    QVERIFY(!QFileInfo::exists(checkpoint));
    QVERIFY(resumed.vectors.size() == straight.vectors.size());
    QVERIFY(std::memcmp(resumed.vectors.data(), straight.vectors.data(), straight.vectors.size() * sizeof(float)) == 0);
    QFile a(straightOut), b(stoppedOut);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
  }

  // The window's own path: Stop on the Train page leaves the checkpoint in the run's folder.
  void trainPageStopKeepsTheCheckpoint() {
    RunStore store(tmp_.filePath(QStringLiteral("workspace")));
    RunTableModel runs(&store);
    runs.reload();
    TrainPage page(&store, &runs);
    page.resize(1000, 700);
    page.show();
    QVERIFY(page.setModel(QStringLiteral("word2vec")));
    page.setCorpusFiles({corpus_});
    QVariantMap v = page.currentForm()->values();
    v[QStringLiteral("dim")] = 12;
    v[QStringLiteral("epochs")] = 300;  // far longer than the test waits
    v[QStringLiteral("min_count")] = 1;
    v[QStringLiteral("threads")] = 1;
    page.currentForm()->setValues(v);
    QVERIFY(page.startTraining());
    const QString id = page.currentRunId();
    QTRY_VERIFY_WITH_TIMEOUT(page.chart()->points(id).size() >= 2, 20000);
    QSignalSpy finished(page.worker(), &TrainingWorker::finished);
    page.stopTraining();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), static_cast<int>(JobStatus::Stopped));

    const ModelDescriptor* model = ModelRegistry::builtin().find(QStringLiteral("word2vec"));
    QVERIFY(model);
    const QString output = store.runDir(id) + QLatin1Char('/') + model->outputFileName;
    const QString checkpoint = word2vecCheckpointPath(output);
    QVERIFY(QFileInfo::exists(checkpoint));
    QVERIFY(runs.run(id));
    QVERIFY(runs.run(id)->outputFiles.contains(QFileInfo(checkpoint).absoluteFilePath()));
    QTRY_VERIFY_WITH_TIMEOUT(!runs.run(id)->vectorsFile().isEmpty(), 10000);  // the vectors so far, saved after Stop
    const RunRecord run = *runs.run(id);
    QCOMPARE(run.vectorsFile(), QFileInfo(output).absoluteFilePath());  // not the checkpoint

    // The run's recorded settings and corpus continue from it (stopped again at once: 300 epochs).
    const Outcome again = runWord2Vec(run.hyperparameters, run.corpusFiles.value(0), output, true);
    QVERIFY2(again.result.status == JobStatus::Stopped, again.result.message.c_str());
    QVERIFY(again.resumedWords > 0);
    QVERIFY(QFileInfo::exists(checkpoint));
  }
};

QTEST_MAIN(TestWord2VecResumeUi)
#include "test_word2vec_resume_ui.moc"
