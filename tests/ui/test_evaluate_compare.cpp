// The Evaluate page's Compare tab: two finished runs of the workspace (word vectors trained here)
// and a generated two-topic task, compared in the background beside the TF-IDF baseline; the
// table, the chart and the heat map filled; the HTML report written whole; CSV and PNG exports;
// a cancel that ends the run; bad folders and files named in the messages; the task list kept
// in the settings.
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <memory>

#include "core/models/word2vec/Word2Vec.h"
#include "support/TestPaths.h"
#include "support/TextFile.h"
#include "support/TwoTopicTask.h"
#include "ui/evaluate/ComparePanel.h"
#include "ui/evaluate/ComparisonChart.h"
#include "ui/evaluate/ComparisonTable.h"
#include "ui/evaluate/ConfusionHeatmap.h"
#include "ui/pages/EvaluatePage.h"
#include "ui/runs/RunStore.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

using namespace embedlab;
using namespace embedlab::ui;

class TestEvaluateCompare : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString task_;
  std::unique_ptr<RunStore> store_;

  // A finished Word2Vec run in the workspace, with vectors trained on the corpus.
  bool addRun(const QString& name, Word2VecOptions::Arch arch, uint64_t seed) {
    RunRecord run = store_->create(QStringLiteral("word2vec"), name);
    Word2VecOptions w;
    w.corpusFiles = {dir_.filePath(QStringLiteral("corpus.txt")).toStdString()};
    w.arch = arch;
    w.dim = 16;
    w.epochs = 2;
    w.minCount = 1;
    w.threads = 1;
    w.seed = seed;
    const QString vectors = store_->runDir(run.id) + QStringLiteral("/vectors.vec");
    w.outputPath = vectors.toStdString();
    Word2VecJob job(w);
    StopToken token;
    if (job.run({}, token).status != JobStatus::Finished) return false;
    run.status = RunRecord::Status::Finished;
    run.outputFiles = {vectors};
    store_->save(run);
    return true;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    qputenv("EMBEDLAB_WORKSPACE", dir_.filePath(QStringLiteral("workspace")).toLocal8Bit());
    store_ = std::make_unique<RunStore>(dir_.filePath(QStringLiteral("workspace")));
    // corpus.txt (800 lines) and topics/ (50 train, 24 test lines): small, the runs train in the
    // background of a window suite.
    const std::filesystem::path task =
        test::writeTwoTopicTask(dir_.path().toStdString(), {.corpusLines = 800, .trainLines = 50, .testLines = 24});
    QVERIFY(!task.empty());
    task_ = QString::fromStdString(task.string());
    QVERIFY(addRun(QStringLiteral("skip-gram"), Word2VecOptions::Arch::SkipGram, 3));
    QVERIFY(addRun(QStringLiteral("cbow"), Word2VecOptions::Arch::Cbow, 4));
  }

  void listsFinishedRunsAndRejectsBadInput() {
    ComparePanel panel;
    panel.setRunStore(store_.get());
    QCOMPARE(panel.modelList()->count(), 2);
    QVERIFY(panel.modelList()->item(0)->text().contains(QStringLiteral("(word2vec)")));
    QString error;
    const QString missing = dir_.filePath(QStringLiteral("no-such-folder"));
    QVERIFY(!panel.addTask(missing, &error));
    QVERIFY2(error.contains(QStringLiteral("no-such-folder")), qPrintable(error));
    const QString half = dir_.filePath(QStringLiteral("half-task"));
    QVERIFY(QDir().mkpath(half));
    QVERIFY(test::writeTextFile(half + QStringLiteral("/train.tsv"), "a\tb\n"));
    QVERIFY(!panel.addTask(half, &error));
    QVERIFY2(error.contains(QStringLiteral("half-task")) && error.contains(QStringLiteral("test.tsv")), qPrintable(error));
    QVERIFY(!panel.addModel(dir_.filePath(QStringLiteral("missing.vec")), &error));
    QVERIFY2(error.contains(QStringLiteral("missing.vec")), qPrintable(error));
    QVERIFY(!panel.addModel(half, &error));  // a folder without a model
    QVERIFY2(error.contains(QStringLiteral("half-task")), qPrintable(error));
    QCOMPARE(panel.taskList()->count(), 0);
    QVERIFY(!panel.runComparison());  // no task
    QVERIFY(!panel.statusText().isEmpty());
  }

  // Two runs and a task: the baseline and both runs in the table, bars and heat map drawn, and the
  // HTML report, CSV and PNG written.
  void comparesTwoRuns() {
    EvaluatePage page(new CurrentVectors(this));
    page.setRunStore(store_.get());
    ComparePanel& panel = *page.comparePanel();
    QCOMPARE(panel.modelList()->count(), 2);
    for (int i = 0; i < 2; ++i) panel.modelList()->item(i)->setCheckState(Qt::Checked);
    QVERIFY(panel.addTask(task_));
    QCOMPARE(panel.checkedTasks(), QStringList{QDir::cleanPath(task_)});
    QVERIFY(panel.runComparison());
    QVERIFY(panel.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Done")), qPrintable(panel.statusText()));
    QCOMPARE(panel.table()->rowCount(), 3);
    QCOMPARE(panel.table()->rows()[0].model, QStringLiteral("TF-IDF baseline"));
    for (const ComparisonRow& r : panel.table()->rows()) {
      QCOMPARE(r.task, QStringLiteral("topics"));
      QVERIFY2(r.accuracy >= 0.9, qPrintable(r.model + QStringLiteral(": ") + QString::number(r.accuracy)));
    }
    QCOMPARE(panel.chart()->categories(), QStringList{QStringLiteral("topics")});
    QCOMPARE(panel.heatmap()->rows(), 2);
    panel.selectRow(0);
    QVERIFY(panel.heatmap()->title().contains(QStringLiteral("TF-IDF")));

    const QString html = dir_.filePath(QStringLiteral("report.html"));
    QString error;
    QVERIFY2(panel.saveHtmlReport(html, &error), qPrintable(error));
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(text.trimmed().endsWith(QStringLiteral("</html>")));
    QCOMPARE(text.count(QStringLiteral("<svg")), text.count(QStringLiteral("</svg>")));
    QCOMPARE(text.count(QStringLiteral("<table")), text.count(QStringLiteral("</table>")));
    QCOMPARE(text.count(QStringLiteral("<svg")), 2 + 3);  // two bar charts, three confusion matrices
    QVERIFY(text.contains(QStringLiteral("skip-gram (word2vec)")) && text.contains(QStringLiteral("cbow (word2vec)")));
    QVERIFY(!text.contains(QStringLiteral("src=\"http")));  // self-contained
    QVERIFY(QDir(dir_.path()).entryList({QStringLiteral("report.html.*")}, QDir::Files | QDir::Hidden).isEmpty());

    QVERIFY2(panel.exportCsv(dir_.filePath(QStringLiteral("c.csv")), &error), qPrintable(error));
    QFile csv(dir_.filePath(QStringLiteral("c.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 4);
    QVERIFY2(panel.exportPng(dir_.filePath(QStringLiteral("c.png")), &error), qPrintable(error));
    QVERIFY(QFileInfo(dir_.filePath(QStringLiteral("c.png"))).size() > 0);
  }

  // The intrinsic table from the built-in sets, and the tiny BERT added as a model folder.
  void intrinsicAndAModelFolder() {
    ComparePanel panel;
    panel.setRunStore(store_.get());
    panel.modelList()->item(0)->setCheckState(Qt::Checked);
    QString error;
    QVERIFY2(panel.addModel(QString::fromStdString(test::fixturesDir() + "/bert-tiny"), &error), qPrintable(error));
    QCOMPARE(panel.checkedModelNames().size(), 2);
    QVERIFY(panel.checkedModelNames().contains(QStringLiteral("bert-tiny (bert)")));
    QVERIFY(panel.addTask(task_));
    panel.setBaseline(false);
    panel.setIntrinsic(true);
    QVERIFY(panel.runComparison());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Done")), qPrintable(panel.statusText()));
    QCOMPARE(panel.table()->rowCount(), 2);
    // BERT has no static vectors without a context corpus: only the run is in the intrinsic table.
    QCOMPARE(panel.intrinsicTable()->rowCount(), 1);
    QCOMPARE(panel.report().intrinsic.size(), size_t(1));
  }

  void cancelEndsTheRun() {
    ComparePanel panel;
    panel.setRunStore(store_.get());
    for (int i = 0; i < 2; ++i) panel.modelList()->item(i)->setCheckState(Qt::Checked);
    QVERIFY(panel.addTask(task_));
    QSignalSpy cancelled(panel.task(), &BackgroundTask::cancelled);
    QVERIFY(panel.runComparison());
    panel.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 60000);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(panel.lastRunWasCancelled());
    QVERIFY(panel.table()->rowCount() < 3);
    // And it runs again afterwards.
    QVERIFY(panel.runComparison());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
    QCOMPARE(panel.table()->rowCount(), 3);
  }

  void settingsKeepTheTasks() {
    const QString ini = dir_.filePath(QStringLiteral("settings.ini"));
    {
      ComparePanel panel;
      panel.setRunStore(store_.get());
      QVERIFY(panel.addTask(task_));
      QVERIFY(panel.addModel(QString::fromStdString(test::fixturesDir() + "/bert-tiny")));
      panel.setFinetune(true);
      QSettings s(ini, QSettings::IniFormat);
      panel.saveSettings(s);
    }
    ComparePanel panel;
    panel.setRunStore(store_.get());
    QSettings s(ini, QSettings::IniFormat);
    panel.restoreSettings(s);
    QCOMPARE(panel.checkedTasks(), QStringList{QDir::cleanPath(task_)});
    QCOMPARE(panel.checkedModelNames(), QStringList{QStringLiteral("bert-tiny (bert)")});
    QCOMPARE(panel.modelList()->count(), 3);
  }
};

QTEST_MAIN(TestEvaluateCompare)
#include "test_evaluate_compare.moc"
