// A stop of the comparison (ReportRunner) while the logistic regression of a row is being
// cross-validated: the token reaches the cross-validation and its fits, so the run ends there
// with the same outcome as any other stop (`stopped`, no row for the unfinished job) instead of
// waiting for the remaining fits. Asserts the outcome and how many fits ran, never wall time.
#include <omp.h>

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/compare/ReportRunner.h"

using namespace embedlab;
namespace fs = std::filesystem;

class TestReportRunnerStop : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  fs::path task_;

  ReportRunnerOptions options(int& fits) const {
    ReportRunnerOptions o;
    o.tasks = {task_.string()};  // the TF-IDF baseline only: no model to load
    o.base.classification.cv.folds = 3;
    o.base.threads = 1;
    o.base.classification.cv.progress = [&fits](const Progress&) { ++fits; };
    return o;
  }

 private slots:
  void initTestCase() {
    omp_set_num_threads(1);  // the fits are tiny: threads would only add waiting on a busy machine
    QVERIFY(dir_.isValid());
    task_ = fs::path(dir_.path().toStdString()) / "weather";
    fs::create_directory(task_);
    const char* wet[] = {"rain", "cloud", "storm", "drizzle", "umbrella", "puddle"};
    const char* dry[] = {"sun", "heat", "desert", "drought", "sunscreen", "dust"};
    const char* filler[] = {"the", "a", "today", "again", "outside", "very"};
    for (const char* name : {"train.tsv", "test.tsv"}) {
      std::ofstream out(task_ / name, std::ios::binary);
      const int lines = std::string(name) == "train.tsv" ? 60 : 20;
      for (int i = 0; i < lines; ++i) {
        const bool isWet = i % 2 == 0;
        out << (isWet ? "wet\t" : "dry\t");
        for (int w = 0; w < 6; ++w)
          out << (w % 2 ? filler[(i + w) % 6] : (isWet ? wet : dry)[(i * 7 + w) % 6]) << (w < 5 ? " " : "\n");
      }
      QVERIFY(out.good());
    }
  }

  void withoutStopEveryFitRuns() {
    int fits = 0;
    const ReportOutcome out = ReportRunner(options(fits)).run(CompareContext{});
    QVERIFY(!out.stopped);
    QCOMPARE(out.report.classification.size(), size_t(1));
    QCOMPARE(fits, 3 * 5);  // folds x grid values
  }

  // The stop is asked for after the first fit of the cross-validation (from its progress, a known
  // point): the next fit sees it and the run ends, stopped, without the row.
  void stopWhileCrossValidating() {
    int fits = 0;
    ReportRunnerOptions o = options(fits);
    StopToken token;
    o.base.classification.cv.progress = [&](const Progress&) {
      ++fits;
      token.requestStop();
    };
    CompareContext ctx;
    ctx.stop = &token;
    int rowsHanded = 0;
    const ReportOutcome out =
        ReportRunner(o).run(ctx, {}, [&](const ReportClassificationRow&) { ++rowsHanded; });
    QVERIFY(out.stopped);
    QVERIFY(out.report.classification.empty());
    QCOMPARE(rowsHanded, 0);
    QCOMPARE(fits, 1);
  }
};

QTEST_APPLESS_MAIN(TestReportRunnerStop)
#include "test_report_runner_stop.moc"
