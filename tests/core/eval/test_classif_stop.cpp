// Stopping the logistic regression of a classification experiment (core/eval): a fit, the
// cross-validation that picks C and trainAndEvaluate all poll a StopToken, so that a cancelled
// comparison does not wait for a running fit. Outcomes and counts of fits are asserted, never
// wall time: a stop before the work runs no fit, a stop asked for after the first fit of the
// cross-validation ends it with that one fit done, and without a stop the result is the same as
// without a token.
#include <omp.h>

#include <QtTest>

#include <cstdint>
#include <string>
#include <vector>

#include "core/eval/Classification.h"
#include "core/eval/LogisticRegression.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

// Two overlapping classes in 8 dense features (deterministic LCG), so that fits take several
// L-BFGS iterations and cross-validation has something to choose.
FeatureMatrix makeData(int n, uint64_t seed, std::vector<int>& labels) {
  const int d = 8;
  FeatureMatrix x = FeatureMatrix::makeDense(n, d);
  uint64_t s = seed * 2862933555777941757ull + 3037000493ull;
  auto uniform = [&] {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(s >> 11) * 0x1.0p-53;
  };
  labels.clear();
  for (int i = 0; i < n; ++i) {
    const int y = i % 2;
    labels.push_back(y);
    for (int j = 0; j < d; ++j)
      x.values[static_cast<size_t>(i) * d + j] = static_cast<float>((j < 2 && y ? 0.8 : 0.0) + uniform() * 2.0 - 1.0);
  }
  return x;
}

}  // namespace

class TestClassifStop : public QObject {
  Q_OBJECT

  std::vector<int> labels_;
  FeatureMatrix x_;

 private slots:
  void initTestCase() {
    omp_set_num_threads(1);  // the fits are tiny: threads would only add waiting on a busy machine
    x_ = makeData(120, 7, labels_);
  }

  void fitStoppedBeforeItStarts() {
    StopToken token;
    token.requestStop();
    LogisticRegression model;
    const LogisticRegression::Report r = model.fit(x_, labels_, 2, false, &token);
    QVERIFY(r.stopped);
    QVERIFY(!r.converged);
    QCOMPARE(r.iterations, 0);
    QCOMPARE(r.evaluations, 0);

    StopToken idle;
    const LogisticRegression::Report full = model.fit(x_, labels_, 2, false, &idle);
    QVERIFY(!full.stopped);
    QVERIFY(full.converged);
    QVERIFY(full.iterations > 1);
  }

  void crossValidationStoppedBeforeRunsNoFit() {
    CrossValidationOptions options;
    int reports = 0;
    options.progress = [&](const Progress&) { ++reports; };
    StopToken token;
    token.requestStop();
    const CrossValidationResult r = crossValidate(x_, labels_, 2, options, &token);
    QVERIFY(r.stopped);
    QCOMPARE(r.fits, 0);
    QCOMPARE(reports, 0);
  }

  // The stop arrives after the first fit (from the progress sink, a known point): the next fit
  // sees it, and the run ends with one of the 5 x 5 fits done.
  void crossValidationStoppedWhileRunning() {
    CrossValidationOptions options;
    StopToken token;
    std::vector<Progress> seen;
    options.progress = [&](const Progress& p) {
      seen.push_back(p);
      token.requestStop();
    };
    const CrossValidationResult r = crossValidate(x_, labels_, 2, options, &token);
    QVERIFY(r.stopped);
    QCOMPARE(r.fits, 1);
    QCOMPARE(seen.size(), size_t(1));
    QCOMPARE(seen[0].phase, std::string("cross-validation"));
    QCOMPARE(seen[0].step, int64_t(1));
    QCOMPARE(seen[0].total, int64_t(options.folds * options.grid.size()));
    QVERIFY(r.fits < options.folds * static_cast<int>(options.grid.size()));
  }

  void crossValidationWithoutStopIsUnchanged() {
    CrossValidationOptions options;
    int64_t lastStep = 0;
    options.progress = [&](const Progress& p) { lastStep = p.step; };
    StopToken idle;
    const CrossValidationResult withToken = crossValidate(x_, labels_, 2, options, &idle);
    const CrossValidationResult without = crossValidate(x_, labels_, 2, CrossValidationOptions{});
    QVERIFY(!withToken.stopped);
    QCOMPARE(withToken.fits, 25);
    QCOMPARE(lastStep, int64_t(25));
    QCOMPARE(withToken.bestC, without.bestC);
    QVERIFY(withToken.accuracy == without.accuracy && withToken.logLoss == without.logLoss);
  }

  // trainAndEvaluate: a stop is an Error that says so (core/compare's convention), before any fit
  // or after the first cross-validation fit; a fixed C skips to the final fit, which stops too.
  void trainAndEvaluateStops() {
    std::vector<int> testLabels;
    const FeatureMatrix test = makeData(40, 8, testLabels);
    StopToken token;
    ClassificationOptions options;
    options.stop = &token;
    int fits = 0;
    options.cv.progress = [&](const Progress&) {
      ++fits;
      token.requestStop();
    };
    try {
      trainAndEvaluate(x_, labels_, test, testLabels, 2, 2, options);
      QFAIL("a stopped classification finished");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("stopped") != std::string::npos, e.what());
    }
    QCOMPARE(fits, 1);

    options.fixedC = 1.0;
    try {
      trainAndEvaluate(x_, labels_, test, testLabels, 2, 2, options);
      QFAIL("a stopped final fit finished");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("stopped during the final fit") != std::string::npos, e.what());
    }

    StopToken idle;
    options.stop = &idle;
    options.fixedC = 0;
    options.cv.progress = {};
    const ClassificationResult r = trainAndEvaluate(x_, labels_, test, testLabels, 2, 2, options);
    QVERIFY(!r.cv.stopped && r.fit.converged);
    QCOMPARE(r.cv.fits, 25);
  }
};

QTEST_APPLESS_MAIN(TestClassifStop)
#include "test_classif_stop.moc"
