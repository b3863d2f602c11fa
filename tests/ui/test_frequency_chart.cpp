// The Data page's word-frequency chart: rank vs count on log-log axes, downsampled evenly in
// log-rank, with a PNG export that works offscreen.
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "ui/charts/FrequencyChart.h"

using embedlab::ui::FrequencyChart;

namespace {

QLineSeries* corpusSeries(const FrequencyChart& chart) {
  auto* view = chart.findChild<QChartView*>();
  if (!view) return nullptr;
  for (QAbstractSeries* s : view->chart()->series())
    if (s->name() == QStringLiteral("corpus")) return qobject_cast<QLineSeries*>(s);
  return nullptr;
}

// count(r) = C / r^1.05, the shape of word counts in natural text.
std::vector<int64_t> zipf(int64_t n, double top) {
  std::vector<int64_t> counts;
  for (int64_t r = 1; r <= n; ++r) counts.push_back(std::max<int64_t>(1, std::llround(top / std::pow(double(r), 1.05))));
  return counts;
}

}  // namespace

class TestFrequencyChart : public QObject {
  Q_OBJECT
 private slots:
  void sampleRanksSmallIsEveryRank();
  void sampleRanksLargeIsLogSpacedAndCapped();
  void zipfDistributionIsDrawnLogLog();
  void zerosAndEmptyInput();
  void exportPngOffscreen();
};

void TestFrequencyChart::sampleRanksSmallIsEveryRank() {
  const std::vector<int64_t> r = FrequencyChart::sampleRanks(10);
  QCOMPARE(r.size(), size_t(10));
  for (int64_t i = 0; i < 10; ++i) QCOMPARE(r[size_t(i)], i + 1);
  QVERIFY(FrequencyChart::sampleRanks(0).empty());
}

void TestFrequencyChart::sampleRanksLargeIsLogSpacedAndCapped() {
  const int64_t n = 3000000;
  const std::vector<int64_t> r = FrequencyChart::sampleRanks(n, 2000);
  QVERIFY(r.size() <= 2000);
  QVERIFY(r.size() > 1500);   // only the head's repeated small ranks are merged
  QCOMPARE(r.front(), int64_t(1));
  QCOMPARE(r.back(), n);
  for (size_t i = 1; i < r.size(); ++i) QVERIFY(r[i] > r[i - 1]);
  // The head is dense: ranks 1..10 are all there (a linear stride would keep only rank 1).
  for (int64_t k = 1; k <= 10; ++k) QVERIFY(std::binary_search(r.begin(), r.end(), k));
  // Evenly spread in log-rank: each decade above the head holds about the same number of ranks.
  auto inDecade = [&](double lo) {
    return std::count_if(r.begin(), r.end(), [lo](int64_t v) { return v >= lo && v < lo * 10; });
  };
  const auto d3 = inDecade(1e3), d5 = inDecade(1e5);
  QVERIFY2(std::abs(d3 - d5) <= 2, qPrintable(QStringLiteral("%1 vs %2").arg(d3).arg(d5)));

  for (int64_t size : {2001LL, 2500LL, 10000LL, 123457LL, 10000000LL}) {
    const std::vector<int64_t> s = FrequencyChart::sampleRanks(size, 2000);
    QVERIFY(s.size() <= 2000 && s.size() >= 1990);
    QCOMPARE(s.front(), int64_t(1));
    QCOMPARE(s.back(), size);
    for (size_t i = 1; i < s.size(); ++i) QVERIFY(s[i] > s[i - 1]);
  }
}

void TestFrequencyChart::zipfDistributionIsDrawnLogLog() {
  FrequencyChart chart;
  const std::vector<int64_t> counts = zipf(200000, 1e6);
  chart.setCounts(counts);
  QCOMPARE(chart.rankCount(), int64_t(200000));
  QVERIFY(chart.drawnPointCount() <= FrequencyChart::kMaxDrawnPoints);
  QVERIFY(chart.drawnPointCount() > 1000);
  QLineSeries* s = corpusSeries(chart);
  QVERIFY(s);
  QCOMPARE(s->at(0), QPointF(1, double(counts[0])));
  QCOMPARE(s->at(s->count() - 1), QPointF(200000, double(counts.back())));
  for (const QPointF& p : s->points()) QCOMPARE(p.y(), double(counts[size_t(p.x()) - 1]));
  // Both axes are logarithmic and hold every drawn point.
  const QList<QAbstractAxis*> axes = s->attachedAxes();
  QCOMPARE(axes.size(), 2);
  for (QAbstractAxis* a : axes) {
    auto* log = qobject_cast<QLogValueAxis*>(a);
    QVERIFY(log);
    QVERIFY(!log->titleText().isEmpty());
    const bool isX = a->orientation() == Qt::Horizontal;
    for (const QPointF& p : s->points()) {
      const double v = isX ? p.x() : p.y();
      QVERIFY(v >= log->min() && v <= log->max());
    }
  }
  // Another corpus replaces the curve.
  chart.setCounts(zipf(50, 1000));
  QCOMPARE(chart.drawnPointCount(), 50);
}

void TestFrequencyChart::zerosAndEmptyInput() {
  FrequencyChart chart;
  chart.setCounts({100, 50, 10, 0, 0});   // a log axis cannot show zero: trailing zeros dropped
  QCOMPARE(chart.rankCount(), int64_t(3));
  QCOMPARE(chart.drawnPointCount(), 3);
  chart.setCounts({});
  QCOMPARE(chart.drawnPointCount(), 0);
  chart.setCounts({0, 0});
  QCOMPARE(chart.drawnPointCount(), 0);
  chart.setCounts({7});   // a one-word corpus
  QCOMPARE(chart.drawnPointCount(), 1);
  QVERIFY(!chart.grab().isNull());
}

void TestFrequencyChart::exportPngOffscreen() {
  QTemporaryDir dir;
  FrequencyChart chart;
  chart.resize(640, 420);
  chart.setCounts(zipf(100000, 5e5));
  const QString path = dir.filePath("freq.png");
  QVERIFY2(chart.exportPng(path), qPrintable(chart.lastError()));
  QImage image(path);
  QVERIFY(!image.isNull());
  QCOMPARE(image.size(), QSize(640, 420) * chart.devicePixelRatioF());
  QVERIFY(!chart.exportPng("/nonexistent-dir/freq.png"));
  QVERIFY(chart.lastError().contains("nonexistent-dir"));
}

QTEST_MAIN(TestFrequencyChart)
#include "test_frequency_chart.moc"
