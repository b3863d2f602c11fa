// Multinomial logistic regression: the gradient against finite differences (sparse and dense),
// convergence to optima found independently by bisection on 1-D problems (separable and not),
// the same weights at any thread count, and cross-validation's choice of C on clean and noisy data.
#include <omp.h>

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/eval/LogisticRegression.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

// Small deterministic generator (LCG) so that the data are the same on every platform.
struct Lcg {
  uint64_t state;
  explicit Lcg(uint64_t seed) : state(seed * 2862933555777941757ull + 3037000493ull) {}
  double uniform() {  // [0, 1)
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  }
  double normal() { return std::sqrt(-2.0 * std::log(1.0 - uniform())) * std::cos(6.283185307179586 * uniform()); }
};

FeatureMatrix denseFrom(const std::vector<std::vector<double>>& rows) {
  FeatureMatrix m = FeatureMatrix::makeDense(static_cast<int64_t>(rows.size()), static_cast<int64_t>(rows[0].size()));
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) m.values[r * rows[r].size() + c] = static_cast<float>(rows[r][c]);
  return m;
}

// The same matrix in CSR, zeros left out.
FeatureMatrix sparseFrom(const FeatureMatrix& d) {
  FeatureMatrix m;
  m.rows = d.rows;
  m.cols = d.cols;
  m.indptr.push_back(0);
  for (int64_t r = 0; r < d.rows; ++r) {
    for (int64_t c = 0; c < d.cols; ++c) {
      const float v = d.values[r * d.cols + c];
      if (v != 0) m.indices.push_back(static_cast<int32_t>(c)), m.values.push_back(v);
    }
    m.indptr.push_back(static_cast<int64_t>(m.values.size()));
  }
  return m;
}

FeatureMatrix randomSparseish(int rows, int cols, Lcg& rng) {
  std::vector<std::vector<double>> x(rows, std::vector<double>(cols, 0.0));
  for (auto& row : x)
    for (double& v : row) v = rng.uniform() < 0.4 ? rng.normal() : 0.0;
  return denseFrom(x);
}

// Binary logistic regression in the multinomial parametrisation: with 2 classes the scores differ
// by beta*x + beta0 where beta = w1 - w0, beta0 = b1 - b0, and at the optimum w0 = -w1, so
// ||W||^2 = beta^2 / 2. Objective: mean log(1 + exp(-t (beta x + beta0))) + beta^2 / (4 C n).
struct Binary1D {
  std::vector<double> x;
  std::vector<int> y;
  double c;
  double dBeta0(double beta, double beta0) const {
    double s = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double p = 1.0 / (1.0 + std::exp(-(beta * x[i] + beta0)));
      s += p - y[i];
    }
    return s / x.size();
  }
  double dBeta(double beta, double beta0) const {
    double s = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double p = 1.0 / (1.0 + std::exp(-(beta * x[i] + beta0)));
      s += (p - y[i]) * x[i];
    }
    return s / x.size() + beta / (2.0 * c * x.size());
  }
  // Both derivatives are increasing in their own variable (convexity): bisection.
  static double bisect(const std::function<double(double)>& f, double lo, double hi) {
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (lo + hi);
      (f(mid) > 0 ? hi : lo) = mid;
    }
    return 0.5 * (lo + hi);
  }
  double bestBeta0(double beta) const {
    return bisect([&](double b0) { return dBeta0(beta, b0); }, -50, 50);
  }
  // Profile derivative d/dbeta min_beta0 F = dF/dbeta at the best beta0 (envelope theorem).
  std::pair<double, double> solve() const {
    const double beta = bisect([&](double b) { return dBeta(b, bestBeta0(b)); }, -50, 50);
    return {beta, bestBeta0(beta)};
  }
};

}  // namespace

class TestLogReg : public QObject {
  Q_OBJECT
 private slots:
  void gradientMatchesFiniteDifferences_data();
  void gradientMatchesFiniteDifferences();
  void convergesToBisectionOptimum_data();
  void convergesToBisectionOptimum();
  void sameWeightsAtAnyThreadCount();
  void crossValidationPrefersLargerCOnCleanData();
  void stratifiedFoldsBalanceClasses();
  void badInput();
};

void TestLogReg::gradientMatchesFiniteDifferences_data() {
  QTest::addColumn<bool>("sparse");
  QTest::newRow("dense") << false;
  QTest::newRow("sparse") << true;
}

void TestLogReg::gradientMatchesFiniteDifferences() {
  QFETCH(bool, sparse);
  Lcg rng(7);
  const int rows = 23, cols = 6, classes = 4;
  FeatureMatrix x = randomSparseish(rows, cols, rng);
  if (sparse) x = sparseFrom(x);
  const FeatureMatrix xt = x.transposed();
  std::vector<int> y(rows);
  for (int r = 0; r < rows; ++r) y[r] = r % classes;
  std::vector<double> theta((cols + 1) * classes);
  for (double& v : theta) v = rng.normal();
  const double c = 0.7;
  std::vector<double> grad, unused;
  LogisticRegression::lossAndGradient(x, xt, y, classes, c, theta, grad);
  const double h = 1e-6;
  for (size_t i = 0; i < theta.size(); ++i) {
    std::vector<double> tp = theta, tm = theta;
    tp[i] += h, tm[i] -= h;
    const double fp = LogisticRegression::lossAndGradient(x, xt, y, classes, c, tp, unused);
    const double fm = LogisticRegression::lossAndGradient(x, xt, y, classes, c, tm, unused);
    const double numeric = (fp - fm) / (2 * h);
    QVERIFY2(std::abs(numeric - grad[i]) <= 1e-7 * std::max(1.0, std::abs(numeric)),
             qPrintable(QString("param %1: analytic %2 numeric %3").arg(i).arg(grad[i]).arg(numeric)));
  }
}

void TestLogReg::convergesToBisectionOptimum_data() {
  QTest::addColumn<std::vector<double>>("x");
  QTest::addColumn<std::vector<int>>("y");
  QTest::addColumn<double>("c");
  QTest::newRow("separable C=1") << std::vector<double>{-2, -1, 1, 2, 3} << std::vector<int>{0, 0, 1, 1, 1} << 1.0;
  QTest::newRow("separable C=100") << std::vector<double>{-2, -1, 1, 2, 3} << std::vector<int>{0, 0, 1, 1, 1} << 100.0;
  QTest::newRow("overlapping C=1") << std::vector<double>{-2, -1, 0, 1, 2, 3, 0.5}
                                   << std::vector<int>{0, 0, 1, 0, 1, 1, 0} << 1.0;
  QTest::newRow("overlapping C=0.05") << std::vector<double>{-2, -1, 0, 1, 2, 3, 0.5}
                                      << std::vector<int>{0, 0, 1, 0, 1, 1, 0} << 0.05;
}

void TestLogReg::convergesToBisectionOptimum() {
  QFETCH(std::vector<double>, x);
  QFETCH(std::vector<int>, y);
  QFETCH(double, c);
  std::vector<std::vector<double>> rows;
  for (double v : x) rows.push_back({v});
  LogisticRegression::Options options;
  options.c = c;
  options.gradTol = 1e-9;
  options.fTol = 0;  // the gradient test alone, so that the weights are accurate
  LogisticRegression model(options);
  const LogisticRegression::Report report = model.fit(denseFrom(rows), y, 2);
  QVERIFY(report.converged);
  const std::vector<double>& t = model.parameters();  // w0 w1 b0 b1
  const auto [beta, beta0] = Binary1D{x, y, c}.solve();
  QVERIFY2(std::abs((t[1] - t[0]) - beta) < 1e-6, qPrintable(QString("beta %1 vs %2").arg(t[1] - t[0]).arg(beta)));
  QVERIFY2(std::abs((t[3] - t[2]) - beta0) < 1e-6, qPrintable(QString("beta0 %1 vs %2").arg(t[3] - t[2]).arg(beta0)));
  QVERIFY(std::abs(t[0] + t[1]) < 1e-6);  // the L2 term splits beta evenly
}

void TestLogReg::sameWeightsAtAnyThreadCount() {
  Lcg rng(11);
  const int rows = 300, cols = 40, classes = 5;
  FeatureMatrix x = sparseFrom(randomSparseish(rows, cols, rng));
  std::vector<int> y(rows);
  for (int r = 0; r < rows; ++r) y[r] = static_cast<int>(rng.uniform() * classes);
  std::vector<std::vector<double>> weights;
  for (int threads : {1, 2, 3}) {
    omp_set_num_threads(threads);
    LogisticRegression model;
    model.fit(x, y, classes);
    weights.push_back(model.parameters());
  }
  omp_set_num_threads(omp_get_num_procs());
  QVERIFY(weights[0] == weights[1]);
  QVERIFY(weights[0] == weights[2]);
}

void TestLogReg::crossValidationPrefersLargerCOnCleanData() {
  // Clean: the label is the sign of feature 0, 10 noise features. Noisy: the same with 35% of
  // the labels flipped and 60 noise features, so that a weak penalty fits the noise.
  auto make = [](double flip, int noiseFeatures, int n, uint64_t seed, std::vector<int>& y) {
    Lcg rng(seed);
    std::vector<std::vector<double>> rows;
    y.clear();
    for (int i = 0; i < n; ++i) {
      const int label = i % 2;
      std::vector<double> row{(label ? 1.0 : -1.0) * (0.5 + rng.uniform())};
      for (int j = 0; j < noiseFeatures; ++j) row.push_back(rng.normal());
      rows.push_back(row);
      y.push_back(rng.uniform() < flip ? 1 - label : label);
    }
    return denseFrom(rows);
  };
  CrossValidationOptions options;
  std::vector<int> yClean, yNoisy;
  const FeatureMatrix clean = make(0.0, 10, 200, 1, yClean);
  const FeatureMatrix noisy = make(0.35, 60, 100, 2, yNoisy);
  const CrossValidationResult a = crossValidate(clean, yClean, 2, options);
  const CrossValidationResult b = crossValidate(noisy, yNoisy, 2, options);
  qInfo("clean: C %g, noisy: C %g", a.bestC, b.bestC);
  QCOMPARE(a.accuracy.back(), 1.0);
  QVERIFY(a.bestC > b.bestC);
  // Deterministic: the same choice and scores on a second run.
  const CrossValidationResult again = crossValidate(noisy, yNoisy, 2, options);
  QCOMPARE(again.bestC, b.bestC);
  QVERIFY(again.accuracy == b.accuracy && again.logLoss == b.logLoss);
}

void TestLogReg::stratifiedFoldsBalanceClasses() {
  std::vector<int> y;
  for (int i = 0; i < 103; ++i) y.push_back(i < 80 ? 0 : (i < 100 ? 1 : 2));
  const std::vector<int> fold = stratifiedFolds(y, 3, 5, 42);
  std::vector<std::vector<int>> count(5, std::vector<int>(3, 0));
  for (size_t i = 0; i < y.size(); ++i) ++count[fold[i]][y[i]];
  for (int f = 0; f < 5; ++f) {
    QCOMPARE(count[f][0], 16);
    QCOMPARE(count[f][1], 4);
  }
  QVERIFY(fold == stratifiedFolds(y, 3, 5, 42));
  QVERIFY(fold != stratifiedFolds(y, 3, 5, 43));
}

void TestLogReg::badInput() {
  FeatureMatrix x = denseFrom({{1.0}, {2.0}});
  LogisticRegression model;
  QVERIFY_THROWS_EXCEPTION(Error, model.fit(x, {0}, 2));        // labels do not match the rows
  QVERIFY_THROWS_EXCEPTION(Error, model.fit(x, {0, 2}, 2));     // label out of range
  model.fit(x, {0, 1}, 2);
  QVERIFY_THROWS_EXCEPTION(Error, model.predict(denseFrom({{1.0, 2.0}})));  // wrong width
}

QTEST_APPLESS_MAIN(TestLogReg)
#include "test_logreg.moc"
