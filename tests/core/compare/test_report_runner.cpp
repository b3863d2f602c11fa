// ReportRunner (core/compare) on a generated two-topic task: TF-IDF, word vectors trained here and
// the tiny BERT fixture (frozen, and fine-tuned) side by side, with the same split for every row;
// the intrinsic table from a similarity set; progress that only moves forward and ends at the
// total; a stop that ends the run early with the rows done so far; bad models and task folders
// named in their errors.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "core/compare/ModelSource.h"
#include "core/compare/ReportRunner.h"
#include "core/eval/HtmlReport.h"
#include "core/models/word2vec/Word2Vec.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"
#include "support/TextFile.h"
#include "support/TwoTopicTask.h"

using namespace embedlab;
namespace fs = std::filesystem;

class TestReportRunner : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  fs::path root_, task_, vectors_, context_;

  ReportRunnerOptions baseOptions() const {
    ReportRunnerOptions o;
    o.tasks = {task_.string()};
    o.base.classification.cv.folds = 3;
    o.base.threads = 1;
    return o;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    root_ = dir_.path().toStdString();
    // corpus.txt (3000 lines), topics/ (120 train, 60 test lines) and context.txt (80 lines).
    task_ = test::writeTwoTopicTask(root_, {.contextLines = 80});
    QVERIFY(!task_.empty());
    QVERIFY(test::writeTextFile(root_ / "pairs.txt", test::kTwoTopicPairs));

    Word2VecOptions w;
    w.corpusFiles = {(root_ / "corpus.txt").string()};
    w.dim = 16;
    w.epochs = 3;
    w.minCount = 1;
    w.threads = 1;
    w.seed = 3;
    vectors_ = root_ / "vectors.vec";
    w.outputPath = vectors_.string();
    Word2VecJob job(w);
    StopToken token;
    const JobResult r = job.run({}, token);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    QVERIFY(fs::exists(vectors_));
  }

  void resolvesModels() {
    const ModelSource v = ModelSource::resolve(vectors_.string());
    QCOMPARE(v.kind, std::string("word2vec"));
    QCOMPARE(v.name, std::string("vectors.vec (word2vec)"));
    const ModelSource b = ModelSource::resolve(test::fixturesDir() + "/bert-tiny");
    QCOMPARE(b.kind, std::string("bert"));
    QCOMPARE(b.spec(), "bert:" + test::fixturesDir() + "/bert-tiny");
    // A folder holding vectors.vec is a Word2Vec run.
    fs::create_directory(root_ / "run");
    fs::copy_file(vectors_, root_ / "run" / "vectors.vec");
    QCOMPARE(ModelSource::resolve((root_ / "run").string()).kind, std::string("word2vec"));
  }

  void badInputNamesThePath() {
    const std::string missing = (root_ / "missing.vec").string();
    try {
      ModelSource::resolve(missing);
      QFAIL("a missing model resolved");
    } catch (const UsageError& e) {
      QVERIFY(std::string(e.what()).find(missing) != std::string::npos);
    }
    const fs::path empty = root_ / "empty-folder";
    fs::create_directory(empty);
    QVERIFY_THROWS_EXCEPTION(UsageError, ModelSource::resolve(empty.string()));
    // A task folder without test.tsv: the error names the folder's file.
    const fs::path half = root_ / "half-task";
    fs::create_directory(half);
    fs::copy_file(task_ / "train.tsv", half / "train.tsv");
    ReportRunnerOptions o = baseOptions();
    o.tasks = {half.string()};
    try {
      ReportRunner(o).run(CompareContext{});
      QFAIL("a task without test.tsv ran");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("half-task") != std::string::npos, e.what());
    }
  }

  // Every row on the same split, progress forward only and ending at the total, the rows handed
  // out as they finish, the intrinsic rows, and a report that renders.
  void comparesEveryModel() {
    ReportRunnerOptions o = baseOptions();
    o.models = {ModelSource::resolve(vectors_.string()), ModelSource::resolve(test::fixturesDir() + "/bert-tiny")};
    o.finetune = true;
    o.similarity = SimilarityBenchmark::load((root_ / "pairs.txt").string());
    o.contextCorpus = (root_ / "context.txt").string();
    const ReportRunner runner(o);
    QCOMPARE(runner.jobs(), 4 + 2);  // baseline, vectors, BERT frozen and fine-tuned; two intrinsic rows

    std::vector<Progress> progress;
    std::vector<std::string> handed, notes;
    CompareContext ctx;
    ctx.onNote = [&](const std::string& m) { notes.push_back(m); };
    const ReportOutcome out = runner.run(
        ctx, [&](const Progress& p) { progress.push_back(p); },
        [&](const ReportClassificationRow& r) { handed.push_back(r.model); });
    QVERIFY(!out.stopped);
    const auto& rows = out.report.classification;
    QCOMPARE(rows.size(), size_t(4));
    QCOMPARE(handed.size(), size_t(4));
    QCOMPARE(rows[0].model, std::string("TF-IDF baseline"));
    QCOMPARE(rows[1].model, std::string("vectors.vec (word2vec)"));
    QCOMPARE(rows[2].model, std::string("bert-tiny (bert)"));
    QCOMPARE(rows[3].model, std::string("bert-tiny (bert) fine-tuned"));
    for (const auto& r : rows) {
      QCOMPARE(r.task, std::string("topics"));
      QCOMPARE(r.labels, std::vector<std::string>({"land", "sea"}));
      int64_t total = 0;
      for (const auto& row : r.metrics.confusion)
        for (int64_t c : row) total += c;
      QCOMPARE(total, int64_t(60));  // the same test split for every model
      QVERIFY(r.trainSeconds >= 0 && r.inferenceSeconds >= 0);
    }
    QVERIFY2(rows[0].metrics.accuracy >= 0.95, std::to_string(rows[0].metrics.accuracy).c_str());
    QVERIFY2(rows[1].metrics.accuracy >= 0.9, std::to_string(rows[1].metrics.accuracy).c_str());
    QVERIFY(rows[2].features.find("frozen BERT") != std::string::npos);
    QVERIFY(std::find(notes.begin(), notes.end(), "classifying topics with TF-IDF baseline") != notes.end());

    QCOMPARE(out.report.intrinsic.size(), size_t(2));
    QCOMPARE(out.report.intrinsic[0].model, std::string("vectors.vec (word2vec)"));
    QVERIFY(out.report.intrinsic[0].hasSimilarity && !out.report.intrinsic[0].hasAnalogy);
    QCOMPARE(out.report.intrinsic[0].pairs, int64_t(4));

    QVERIFY(!progress.empty());
    for (size_t i = 1; i < progress.size(); ++i) {
      QVERIFY(progress[i].step >= progress[i - 1].step);
      QCOMPARE(progress[i].total, progress[0].total);
    }
    QCOMPARE(progress.back().step, progress.back().total);
    QCOMPARE(progress.back().total, int64_t(6000));

    const std::string html = renderHtmlReport(out.report);
    QVERIFY(html.rfind("<!DOCTYPE html>", 0) == 0);
    QVERIFY(html.find("bert-tiny (bert) fine-tuned") != std::string::npos);
  }

  // A stop asked for while the second row is being made: the run returns soon after, stopped,
  // with the first row only. A token stopped from the start gives no row at all.
  void stopEndsTheRun() {
    ReportRunnerOptions o = baseOptions();
    o.models = {ModelSource::resolve(vectors_.string()), ModelSource::resolve(test::fixturesDir() + "/bert-tiny")};
    StopToken token;
    CompareContext ctx;
    ctx.stop = &token;
    int rowsHanded = 0;
    const ReportOutcome out = ReportRunner(o).run(
        ctx, [&](const Progress& p) {
          if (p.step >= 1000) token.requestStop();  // the first job is done
        },
        [&](const ReportClassificationRow&) { ++rowsHanded; });
    QVERIFY(out.stopped);
    QVERIFY2(out.report.classification.size() < 3, std::to_string(out.report.classification.size()).c_str());
    QCOMPARE(static_cast<size_t>(rowsHanded), out.report.classification.size());

    StopToken stopped;
    stopped.requestStop();
    ctx.stop = &stopped;
    const ReportOutcome none = ReportRunner(o).run(ctx);
    QVERIFY(none.stopped);
    QVERIFY(none.report.classification.empty());
  }
};

QTEST_APPLESS_MAIN(TestReportRunner)
#include "test_report_runner.moc"
