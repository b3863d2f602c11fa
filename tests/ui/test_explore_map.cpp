// The map tab of the Explore page on a small EmbeddingSet with four planted clusters: rows chosen
// by frequency, search and neighbours; PCA through the page; t-SNE animates, runs to completion,
// pauses and cancels (also when the vectors change); a click lists the planted cluster mates as
// neighbours in the original space and links them on the map; k-means colouring finds the
// clusters; an invalid regular expression is a message, not a crash.
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <memory>
#include <random>

#include "core/embeddings/EmbeddingSet.h"
#include "ui/explore/MapPanel.h"
#include "ui/explore/MapWidget.h"
#include "ui/explore/ProjectionController.h"
#include "ui/pages/ExplorePage.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

using embedlab::EmbeddingSet;
using embedlab::ui::CurrentVectors;
using embedlab::ui::ExplorePage;
using embedlab::ui::MapPanel;
using embedlab::ui::MapWidget;
using Method = embedlab::ui::ProjectionController::Method;

namespace {

constexpr int kClusters = 4;
constexpr int kPerCluster = 50;
constexpr int kDim = 24;

// Words "a0".."a49", "b0".., "c0".., "d0"..: each letter one tight cluster around its own random
// direction. Counts decrease with the row (the set is frequency-sorted), interleaving the clusters.
std::shared_ptr<const EmbeddingSet> plantedSet() {
  std::vector<std::string> labels;
  for (int i = 0; i < kPerCluster; ++i)
    for (int c = 0; c < kClusters; ++c) labels.push_back(std::string(1, char('a' + c)) + std::to_string(i));
  auto set = std::make_shared<EmbeddingSet>(labels, kDim);
  std::mt19937_64 rng(42);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<std::vector<float>> centres(kClusters, std::vector<float>(kDim));
  for (auto& c : centres)
    for (float& v : c) v = normal(rng);
  set->counts().resize(labels.size());
  for (size_t r = 0; r < labels.size(); ++r) {
    const int c = labels[r][0] - 'a';
    for (int j = 0; j < kDim; ++j) set->row(int64_t(r))[j] = centres[c][j] + 0.15f * normal(rng);
    set->counts()[r] = int64_t(10000 - r);
  }
  return set;
}

QChar clusterOf(const QString& word) { return word.isEmpty() ? QChar() : word.front(); }

struct Fixture {
  CurrentVectors vectors;
  ExplorePage page{&vectors};
  MapPanel* panel() { return page.mapPanel(); }
  MapWidget* map() { return page.mapPanel()->map(); }
  bool load() {
    vectors.setVectors(plantedSet(), QStringLiteral("planted"));
    return QTest::qWaitFor([this] { return vectors.isReady(); }, 10000);
  }
  bool waitIdle(int ms = 20000) {
    return QTest::qWaitFor([this] { return !panel()->projection()->isRunning(); }, ms);
  }
};

}  // namespace

class TestExploreMap : public QObject {
  Q_OBJECT
 private slots:
  void pcaThroughThePage();
  void rowsByFrequencySearchAndNeighbours();
  void invalidRegexIsAMessage();
  void tsneAnimatesToCompletion();
  void tsnePausesAndCancels();
  void vectorsChangingCancels();
  void clickListsClusterMates();
  void kmeansColouringFindsClusters();
  void lookupsStillWork();
};

void TestExploreMap::pcaThroughThePage() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::All);
  f.panel()->setMethod(Method::Pca);
  f.panel()->setPcaComponents(0, 1);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QCOMPARE(f.map()->count(), kClusters * kPerCluster);
  QCOMPARE(f.panel()->mapRows().size(), size_t(kClusters * kPerCluster));
  QVERIFY2(f.panel()->status().contains(QStringLiteral("PC1")), qPrintable(f.panel()->status()));
  const auto& r = f.panel()->projection()->result();
  QVERIFY(r.varianceX >= r.varianceY && r.varianceY > 0 && r.varianceX + r.varianceY <= 1.0);
  // Other components, and an impossible choice is refused with a message.
  f.panel()->setPcaComponents(2, 1);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QVERIFY(f.panel()->status().contains(QStringLiteral("PC3")));
  f.panel()->setPcaComponents(1, 1);
  QVERIFY(!f.panel()->runProjection());
  QVERIFY(!f.panel()->message().isEmpty());
}

void TestExploreMap::rowsByFrequencySearchAndNeighbours() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::TopFrequent, QString(), 40);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QCOMPARE(f.map()->count(), 40);
  QCOMPARE(f.map()->label(0), QStringLiteral("a0"));  // the most frequent first
  f.panel()->setRows(MapPanel::Rows::SearchMatches, QStringLiteral("^B"), 1000);  // case-insensitive
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QCOMPARE(f.map()->count(), kPerCluster);
  for (int i = 0; i < f.map()->count(); ++i) QCOMPARE(clusterOf(f.map()->label(i)), QLatin1Char('b'));
  f.panel()->setRows(MapPanel::Rows::NeighboursOf, QStringLiteral("c7"), 12);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QCOMPARE(f.map()->count(), 12);
  QCOMPARE(f.map()->label(0), QStringLiteral("c7"));
  for (int i = 0; i < f.map()->count(); ++i) QCOMPARE(clusterOf(f.map()->label(i)), QLatin1Char('c'));
  f.panel()->setRows(MapPanel::Rows::NeighboursOf, QStringLiteral("zebra"), 12);
  QVERIFY(!f.panel()->runProjection());
  QVERIFY(f.panel()->message().contains(QStringLiteral("zebra")));
}

void TestExploreMap::invalidRegexIsAMessage() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::SearchMatches, QStringLiteral("(unclosed"), 100);
  QVERIFY(!f.panel()->runProjection());
  QVERIFY2(f.panel()->message().contains(QStringLiteral("Invalid")), qPrintable(f.panel()->message()));
  QCOMPARE(f.map()->count(), 0);
  f.panel()->setRows(MapPanel::Rows::All);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QVERIFY(!f.panel()->setSearch(QStringLiteral("[a-")));
  QVERIFY(f.panel()->message().contains(QStringLiteral("Invalid")));
  QVERIFY(f.map()->highlight().empty());
  QVERIFY(f.panel()->setSearch(QStringLiteral("^d(1|2)$")));
  QCOMPARE(f.map()->highlight().size(), size_t(2));
  QVERIFY(f.panel()->setSearch(QString()));
  QVERIFY(f.map()->highlight().empty());
}

void TestExploreMap::tsneAnimatesToCompletion() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::All);
  f.panel()->setMethod(Method::Tsne);
  f.panel()->setTsneSettings(15, 0, 400, 3);
  QSignalSpy progressed(f.panel()->projection(), &embedlab::ui::ProjectionController::progressed);
  QSignalSpy finished(f.panel()->projection(), &embedlab::ui::ProjectionController::finished);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle(30000));
  QCOMPARE(finished.count(), 1);
  const int n = kClusters * kPerCluster;
  QCOMPARE(f.map()->count(), n);
  QVERIFY2(f.panel()->status().contains(QStringLiteral("KL")), qPrintable(f.panel()->status()));
  QCOMPARE(f.panel()->projection()->result().iterations, 400);
  qDebug("t-SNE of %d points: %d animation updates, %.2f s", n, int(progressed.count()),
         f.panel()->projection()->result().seconds);
  // The planted clusters stay apart on the map: each point's nearest map neighbour is a mate.
  const std::vector<float>& xy = f.map()->coordinates();
  int agree = 0;
  for (int i = 0; i < n; ++i) {
    int best = -1;
    double bestD = INFINITY;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];
      if (dx * dx + dy * dy < bestD) {
        bestD = dx * dx + dy * dy;
        best = j;
      }
    }
    agree += clusterOf(f.map()->label(i)) == clusterOf(f.map()->label(best));
  }
  QVERIFY2(agree >= n * 98 / 100, qPrintable(QString::number(agree)));
}

void TestExploreMap::tsnePausesAndCancels() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::All);
  f.panel()->setMethod(Method::Tsne);
  f.panel()->setTsneSettings(15, 0, 100000, 1);  // far longer than the test waits
  auto* projection = f.panel()->projection();
  QSignalSpy cancelled(projection, &embedlab::ui::ProjectionController::cancelled);
  QVERIFY(f.panel()->runProjection());
  QTRY_VERIFY_WITH_TIMEOUT(projection->latest().iteration > 0, 10000);
  QTRY_COMPARE_WITH_TIMEOUT(f.map()->count(), kClusters * kPerCluster, 5000);  // the map animates
  projection->setPaused(true);
  QTest::qWait(200);  // a snapshot already on its way may still arrive
  const int frozen = projection->latest().iteration;
  QTest::qWait(300);
  QCOMPARE(projection->latest().iteration, frozen);
  QVERIFY(projection->isRunning());
  projection->setPaused(false);
  QTRY_VERIFY_WITH_TIMEOUT(projection->latest().iteration > frozen, 10000);
  projection->cancel();
  QVERIFY(f.waitIdle(5000));
  QCOMPARE(cancelled.count(), 1);
  QVERIFY(f.panel()->status().contains(QStringLiteral("Stopped")));
  QCOMPARE(f.map()->count(), kClusters * kPerCluster);  // the map keeps what it reached
  // Re-run replaces a running projection: only the new one reports.
  f.panel()->setTsneSettings(15, 0, 100000, 2);
  QVERIFY(f.panel()->runProjection());
  f.panel()->setMethod(Method::Pca);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle(10000));
  QVERIFY(f.panel()->status().contains(QStringLiteral("PC1")));
}

void TestExploreMap::vectorsChangingCancels() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::All);
  f.panel()->setMethod(Method::Tsne);
  f.panel()->setTsneSettings(15, 0, 100000, 1);
  QVERIFY(f.panel()->runProjection());
  QTRY_VERIFY_WITH_TIMEOUT(f.map()->count() > 0, 10000);
  f.vectors.clear();
  QVERIFY(f.waitIdle(5000));
  QCOMPARE(f.map()->count(), 0);
  // And a page closed in the middle of a run joins its worker without hanging.
  {
    Fixture g;
    QVERIFY(g.load());
    g.panel()->setRows(MapPanel::Rows::All);
    g.panel()->setMethod(Method::Tsne);
    g.panel()->setTsneSettings(15, 0, 100000, 1);
    QVERIFY(g.panel()->runProjection());
    QTRY_VERIFY_WITH_TIMEOUT(g.panel()->projection()->latest().iteration > 0, 10000);
  }
}

void TestExploreMap::clickListsClusterMates() {
  Fixture f;
  QVERIFY(f.load());
  f.page.resize(1100, 750);
  f.page.showMap();
  f.page.show();
  QVERIFY(QTest::qWaitForWindowExposed(&f.page));
  f.panel()->setRows(MapPanel::Rows::All);
  f.panel()->setMethod(Method::Pca);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QCOMPARE(f.map()->count(), kClusters * kPerCluster);
  f.panel()->setNeighbourCount(10);
  // A real click on the point of "c7".
  int point = -1;
  for (int i = 0; i < f.map()->count(); ++i)
    if (f.map()->label(i) == QStringLiteral("c7")) point = i;
  QVERIFY(point >= 0);
  f.map()->centerOn(point);
  QTest::mouseClick(f.map(), Qt::LeftButton, Qt::NoModifier, f.map()->pointPosition(point).toPoint());
  QTableWidget* table = f.panel()->neighboursTable();
  QCOMPARE(table->rowCount(), 10);
  // Stacked points: the click may land on a mate of c7; all neighbours are mates either way.
  const QChar cluster = clusterOf(f.map()->label(f.map()->currentPoint()));
  QCOMPARE(cluster, QLatin1Char('c'));
  for (int r = 0; r < table->rowCount(); ++r) {
    QCOMPARE(clusterOf(table->item(r, 1)->text()), QLatin1Char('c'));
    QVERIFY(table->item(r, 2)->text().toDouble() > 0.9);
  }
  QCOMPARE(f.map()->linkTargets().size(), size_t(10));  // all are on the map, linked
  // k adjustable: the table follows.
  f.panel()->setNeighbourCount(25);
  QCOMPARE(table->rowCount(), 25);
  QVERIFY(f.panel()->selectWord(QStringLiteral("a3")));
  for (int r = 0; r < table->rowCount(); ++r) QCOMPARE(clusterOf(table->item(r, 1)->text()), QLatin1Char('a'));
  QVERIFY(!f.panel()->selectWord(QStringLiteral("zebra")));
  // A click on empty space clears the list and the links.
  f.map()->clickPoint(-1);
  QCOMPARE(table->rowCount(), 0);
  QVERIFY(f.map()->linkTargets().empty());
}

void TestExploreMap::kmeansColouringFindsClusters() {
  Fixture f;
  QVERIFY(f.load());
  f.panel()->setRows(MapPanel::Rows::All);
  f.panel()->setMethod(Method::Pca);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QVERIFY(f.panel()->setColoring(MapPanel::Coloring::Clusters, kClusters));
  QTRY_COMPARE_WITH_TIMEOUT(f.map()->clusters().size(), size_t(kClusters * kPerCluster), 10000);
  QCOMPARE(f.map()->colorMode(), MapWidget::ColorMode::Cluster);
  // The found clusters are the planted ones (up to their numbering).
  std::map<int, QChar> letterOf;
  std::map<QChar, int> clusterOfLetter;
  for (int i = 0; i < f.map()->count(); ++i) {
    const int c = f.map()->clusters()[i];
    const QChar l = clusterOf(f.map()->label(i));
    QVERIFY(letterOf.emplace(c, l).first->second == l);
    QVERIFY(clusterOfLetter.emplace(l, c).first->second == c);
  }
  QCOMPARE(int(letterOf.size()), kClusters);
  QVERIFY(f.panel()->setColoring(MapPanel::Coloring::Rank));
  QCOMPARE(f.map()->colorMode(), MapWidget::ColorMode::Rank);
  // A new map is clustered again when the colouring is by cluster.
  QVERIFY(f.panel()->setColoring(MapPanel::Coloring::Clusters, 2));
  f.panel()->setRows(MapPanel::Rows::SearchMatches, QStringLiteral("^(a|b)"), 1000);
  QVERIFY(f.panel()->runProjection());
  QVERIFY(f.waitIdle());
  QTRY_COMPARE_WITH_TIMEOUT(f.map()->clusters().size(), size_t(2 * kPerCluster), 10000);
}

void TestExploreMap::lookupsStillWork() {
  Fixture f;
  QVERIFY(f.load());
  QVERIFY(f.page.findNeighbours(QStringLiteral("b2"), 5));
  QCOMPARE(f.page.neighboursTable()->rowCount(), 5);
  for (int r = 0; r < 5; ++r) QCOMPARE(clusterOf(f.page.neighboursTable()->item(r, 1)->text()), QLatin1Char('b'));
  QVERIFY(f.page.solveAnalogy(QStringLiteral("a1"), QStringLiteral("b1"), QStringLiteral("a2"), 3));
  QCOMPARE(f.page.analogyTable()->rowCount(), 3);
}

QTEST_MAIN(TestExploreMap)
#include "test_explore_map.moc"
