// core/project/KMeans: planted clusters are found, results do not depend on the thread count,
// k-means++ with restarts, degenerate inputs (k = n, duplicate rows), bad options, cancellation.
#include <QtTest>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "core/project/KMeans.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

// `clusters` tight blobs around random directions (cosine geometry: the clusters differ in
// direction, not only in length).
std::vector<float> planted(int n, int d, int clusters, double noise, uint64_t seed, std::vector<int>& labels) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> centres(clusters, std::vector<double>(d));
  for (auto& c : centres)
    for (double& v : c) v = normal(rng);
  std::vector<float> x(size_t(n) * d);
  labels.resize(n);
  for (int i = 0; i < n; ++i) {
    const int c = (i * 7) % clusters;  // interleaved, so row order says nothing
    labels[i] = c;
    const double length = 0.5 + (i % 5);  // lengths vary: normalisation must not care
    for (int j = 0; j < d; ++j) x[size_t(i) * d + j] = float(length * (centres[c][j] + noise * normal(rng)));
  }
  return x;
}

// Every found cluster holds rows of one planted cluster, and every planted one is a found one.
bool samePartition(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.size() != b.size()) return false;
  std::map<int, int> ab, ba;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto ia = ab.emplace(a[i], b[i]).first;
    const auto ib = ba.emplace(b[i], a[i]).first;
    if (ia->second != b[i] || ib->second != a[i]) return false;
  }
  return true;
}

}  // namespace

class TestKMeans : public QObject {
  Q_OBJECT
 private slots:
  void findsPlantedClusters();
  void sameResultAtAnyThreadCount();
  void restartsNeverWorsenInertia();
  void degenerateInputs();
  void badOptionsThrow();
  void cancellation();
};

void TestKMeans::findsPlantedClusters() {
  std::vector<int> truth;
  const int n = 600, d = 24, k = 5;
  const std::vector<float> x = planted(n, d, k, 0.15, 3, truth);
  KMeansOptions o;
  o.k = k;
  o.restarts = 3;
  o.seed = 11;
  const KMeansResult r = KMeans(o).fit(x.data(), n, d);
  QCOMPARE(r.labels.size(), size_t(n));
  QVERIFY(!r.cancelled);
  QVERIFY(r.converged);
  QVERIFY(samePartition(r.labels, truth));
  QCOMPARE(r.centroids.size(), size_t(k) * d);
  int64_t total = 0;
  for (int64_t s : r.sizes) total += s;
  QCOMPARE(total, int64_t(n));
  // Centres of normalised rows are close to unit length when clusters are tight.
  for (int j = 0; j < k; ++j) {
    double s = 0;
    for (int t = 0; t < d; ++t) s += double(r.centroids[size_t(j) * d + t]) * r.centroids[size_t(j) * d + t];
    QVERIFY(std::sqrt(s) > 0.9 && std::sqrt(s) <= 1.0001);
  }
}

void TestKMeans::sameResultAtAnyThreadCount() {
  std::vector<int> truth;
  const int n = 1500, d = 16;
  const std::vector<float> x = planted(n, d, 8, 0.8, 5, truth);  // overlapping: a real tie-break test
  KMeansOptions o;
  o.k = 8;
  o.seed = 2;
  o.threads = 1;
  const KMeansResult one = KMeans(o).fit(x.data(), n, d);
  o.threads = 2;
  const KMeansResult two = KMeans(o).fit(x.data(), n, d);
  QCOMPARE(one.labels, two.labels);
  QCOMPARE(one.centroids, two.centroids);
  QCOMPARE(one.inertia, two.inertia);
  o.seed = 3;
  const KMeansResult other = KMeans(o).fit(x.data(), n, d);
  QCOMPARE(other.labels.size(), size_t(n));
}

void TestKMeans::restartsNeverWorsenInertia() {
  std::vector<int> truth;
  const int n = 800, d = 10;
  const std::vector<float> x = planted(n, d, 12, 0.6, 9, truth);
  KMeansOptions o;
  o.k = 12;
  o.seed = 4;
  const double single = KMeans(o).fit(x.data(), n, d).inertia;
  o.restarts = 4;
  const double best = KMeans(o).fit(x.data(), n, d).inertia;  // restart 0 is the single run
  QVERIFY(best <= single);
}

void TestKMeans::degenerateInputs() {
  // k = n: every row its own cluster, inertia 0.
  std::vector<float> x = {1, 0, 0, 1, -1, 0, 0, -1};
  KMeansOptions o;
  o.k = 4;
  o.normalize = false;
  KMeansResult r = KMeans(o).fit(x.data(), 4, 2);
  QCOMPARE(std::set<int>(r.labels.begin(), r.labels.end()).size(), size_t(4));
  QCOMPARE(r.inertia, 0.0);
  // Fewer distinct rows than k, and zero rows: no crash, every label valid.
  std::vector<float> dup(20 * 3, 1.0f);
  for (int t = 0; t < 3; ++t) dup[t] = 0;
  o.k = 5;
  o.normalize = true;
  r = KMeans(o).fit(dup.data(), 20, 3);
  QCOMPARE(r.labels.size(), size_t(20));
  for (int l : r.labels) QVERIFY(l >= 0 && l < 5);
  // k = 1: the mean.
  o.k = 1;
  o.normalize = false;
  r = KMeans(o).fit(x.data(), 4, 2);
  QCOMPARE(r.centroids[0], 0.0f);
  QCOMPARE(r.centroids[1], 0.0f);
}

void TestKMeans::badOptionsThrow() {
  std::vector<float> x(10 * 2, 1.0f);
  KMeansOptions o;
  o.k = 0;
  QVERIFY_THROWS_EXCEPTION(UsageError, KMeans(o).fit(x.data(), 10, 2));
  o.k = 11;
  QVERIFY_THROWS_EXCEPTION(UsageError, KMeans(o).fit(x.data(), 10, 2));
  o.k = 2;
  QVERIFY_THROWS_EXCEPTION(UsageError, KMeans(o).fit(x.data(), 0, 2));
  QVERIFY_THROWS_EXCEPTION(UsageError, KMeans(o).fit(x.data(), 10, 0));
  x[3] = std::nanf("");
  QVERIFY_THROWS_EXCEPTION(UsageError, KMeans(o).fit(x.data(), 10, 2));
  try {
    KMeans(o).fit(x.data(), 10, 2);
  } catch (const UsageError& e) {
    QVERIFY(QString::fromStdString(e.what()).contains(QStringLiteral("non-finite")));
  }
}

void TestKMeans::cancellation() {
  std::vector<int> truth;
  const std::vector<float> x = planted(300, 8, 3, 0.2, 1, truth);
  StopToken stop;
  stop.requestStop();
  KMeansOptions o;
  o.k = 3;
  const KMeansResult r = KMeans(o).fit(x.data(), 300, 8, &stop);
  QVERIFY(r.cancelled);
  QVERIFY(r.labels.empty());
}

QTEST_APPLESS_MAIN(TestKMeans)
#include "test_kmeans.moc"
