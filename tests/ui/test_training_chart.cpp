// The live training charts: TensorBoard smoothing, min/max downsampling, a million points, log
// scale with non-positive losses, overlaid runs, PNG and CSV export. Offscreen, no timing asserts.
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QToolTip>
#include <QValueAxis>
#include <QtTest>
#include <cmath>
#include <limits>
#include <random>

#include "ui/charts/Downsampler.h"
#include "ui/charts/Smoother.h"
#include "ui/charts/StreamingDownsampler.h"
#include "ui/charts/TrainingChart.h"

using embedlab::ui::Downsampler;
using embedlab::ui::Smoother;
using embedlab::ui::StreamingDownsampler;
using embedlab::ui::TrainingChart;
using embedlab::ui::TrainingPoint;

namespace {

QChart* chartNamed(const TrainingChart& chart, const char* viewName) {
  auto* view = chart.findChild<QChartView*>(QString::fromLatin1(viewName));
  return view ? view->chart() : nullptr;
}

QLineSeries* seriesNamed(QChart* chart, const QString& objectName) {
  for (QAbstractSeries* s : chart->series())
    if (s->objectName() == objectName) return qobject_cast<QLineSeries*>(s);
  return nullptr;
}

int visibleLegendEntries(QChart* chart) {
  int n = 0;
  for (QLegendMarker* m : chart->legend()->markers()) n += m->isVisible() ? 1 : 0;
  return n;
}

TrainingPoint point(double step, double loss) {
  TrainingPoint p;
  p.step = step;
  p.seconds = step * 0.01;
  p.loss = loss;
  p.lr = 0.025 * (1 - step / 1e7);
  p.itemsPerSec = 1000 + step;
  return p;
}

QStringList csvLines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  QStringList lines = QString::fromUtf8(f.readAll()).split('\n');
  if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
  return lines;
}

}  // namespace

class TestTrainingChart : public QObject {
  Q_OBJECT
 private slots:
  void smootherWeightZeroIsIdentity();
  void smootherMatchesHandComputedValues();
  void smootherHighWeightAndClamping();
  void smootherSkipsNonFinite();
  void downsamplerKeepsAllWhenSmall();
  void downsamplerKeepsBucketExtremesAndEnds();
  void downsamplerSkipsNonFiniteAndHandlesFlatX();
  void streamingKeepsEverythingWhileSmall();
  void streamingKeepsSpikesEndsAndCap();
  void streamingDetectsNonMonotoneX();
  void millionPointsAreKeptButDrawnCapped();
  void nonMonotoneRunFallsBackToFullDownsampling();
  void redrawIsCoalescedByTimer();
  void smoothedSeriesFollowsWeight();
  void logScaleWithNonPositiveLosses();
  void wallTimeAxis();
  void settledAndInfiniteValuesDoNotExplodeTheAxes();
  void setPointsReplacesHistory();
  void severalRunsLegendRenameRemove();
  void extrasChartAppearsOnFirstExtra();
  void hoverTextShowsRunValues();
  void mouseOverPlotShowsTooltip();
  void exportPngOffscreen();
  void exportCsvMatchesSmoother();
  void exportToUnwritablePathFails();
};

void TestTrainingChart::smootherWeightZeroIsIdentity() {
  Smoother s(0.0);
  for (double x : {3.0, -1.0, 7.5, 0.0}) QCOMPARE(s.push(x), x);
}

void TestTrainingChart::smootherMatchesHandComputedValues() {
  // w = 0.6, x = 1, 2, 4:
  //   last1 = 0.4             debias 0.4    -> 1
  //   last2 = 0.24 + 0.8      debias 0.64   -> 1.04 / 0.64  = 1.625
  //   last3 = 0.624 + 1.6     debias 0.784  -> 2.224 / 0.784
  Smoother s;   // default weight 0.6
  QCOMPARE(s.weight(), 0.6);
  QVERIFY(std::abs(s.push(1) - 1.0) < 1e-12);
  QVERIFY(std::abs(s.push(2) - 1.625) < 1e-12);
  QVERIFY(std::abs(s.push(4) - 2.224 / 0.784) < 1e-12);
  QCOMPARE(s.count(), int64_t(3));
}

void TestTrainingChart::smootherHighWeightAndClamping() {
  // w = 0.999, x = 10, 0: last1 = 0.01, last2 = 0.00999; debias 1 - 0.998001 = 0.001999.
  Smoother s(0.999);
  QVERIFY(std::abs(s.push(10) - 10.0) < 1e-9);
  QVERIFY(std::abs(s.push(0) - 0.00999 / 0.001999) < 1e-9);
  QCOMPARE(Smoother(1.0).weight(), 0.999);
  QCOMPARE(Smoother(-2.0).weight(), 0.0);
  QCOMPARE(Smoother(std::numeric_limits<double>::quiet_NaN()).weight(), Smoother::kDefaultWeight);
  // A long run stays finite (w^n underflows to 0, the debias term to 1).
  Smoother longRun(0.999);
  double last = 0;
  for (int i = 0; i < 200000; ++i) last = longRun.push(2.0);
  QVERIFY(std::abs(last - 2.0) < 1e-9);
}

void TestTrainingChart::smootherSkipsNonFinite() {
  Smoother s(0.6);
  s.push(1);
  QVERIFY(std::isnan(s.push(std::numeric_limits<double>::quiet_NaN())));
  QVERIFY(std::abs(s.push(2) - 1.625) < 1e-12);   // as if the NaN had not been there
}

void TestTrainingChart::downsamplerKeepsAllWhenSmall() {
  std::vector<double> y = {5, 4, 3, 2, 1};
  auto idx = Downsampler::select(5, 2000, [](int64_t i) { return double(i); }, [&](int64_t i) { return y[i]; });
  QCOMPARE(idx.size(), size_t(5));
  for (int64_t i = 0; i < 5; ++i) QCOMPARE(idx[size_t(i)], i);
}

void TestTrainingChart::downsamplerKeepsBucketExtremesAndEnds() {
  const int64_t n = 100003;
  const int64_t cap = 500;
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::vector<double> x(static_cast<size_t>(n)), y(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    x[size_t(i)] = 3.0 + 0.5 * double(i);
    y[size_t(i)] = 5.0 / (1 + i * 1e-3) + 0.3 * noise(rng);
  }
  y[777] = 100;    // a spike that striding would miss
  y[54321] = -50;  // and a dip
  auto xOf = [&](int64_t i) { return x[size_t(i)]; };
  auto yOf = [&](int64_t i) { return y[size_t(i)]; };
  const std::vector<int64_t> idx = Downsampler::select(n, cap, xOf, yOf);
  QVERIFY(idx.size() <= size_t(cap));
  QVERIFY(idx.size() >= size_t(cap) - 4);   // buckets are all populated here
  QCOMPARE(idx.front(), int64_t(0));
  QCOMPARE(idx.back(), n - 1);
  QVERIFY(std::is_sorted(idx.begin(), idx.end()));
  QVERIFY(std::find(idx.begin(), idx.end(), 777) != idx.end());
  QVERIFY(std::find(idx.begin(), idx.end(), 54321) != idx.end());

  // Every bucket's min and max (by the downsampler's own bucket rule) are among the kept points.
  const int64_t buckets = Downsampler::bucketCount(cap);
  const double x0 = x.front(), width = x.back() - x.front();
  std::vector<int64_t> minI(size_t(buckets), -1), maxI(size_t(buckets), -1);
  for (int64_t i = 0; i < n; ++i) {
    int64_t b = std::clamp<int64_t>(int64_t((x[size_t(i)] - x0) * double(buckets) / width), 0, buckets - 1);
    int64_t& lo = minI[size_t(b)];
    int64_t& hi = maxI[size_t(b)];
    if (lo < 0 || y[size_t(i)] < y[size_t(lo)]) lo = i;
    if (hi < 0 || y[size_t(i)] > y[size_t(hi)]) hi = i;
  }
  for (int64_t b = 0; b < buckets; ++b) {
    QVERIFY(std::binary_search(idx.begin(), idx.end(), minI[size_t(b)]));
    QVERIFY(std::binary_search(idx.begin(), idx.end(), maxI[size_t(b)]));
  }
}

void TestTrainingChart::downsamplerSkipsNonFiniteAndHandlesFlatX() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> y(10000, 1.0);
  y[0] = nan;
  y[5000] = std::numeric_limits<double>::infinity();
  y[9999] = nan;
  // All x equal: buckets by index instead of by x, still capped, never a non-finite point.
  auto idx = Downsampler::select(10000, 100, [](int64_t) { return 42.0; }, [&](int64_t i) { return y[size_t(i)]; });
  QVERIFY(!idx.empty());
  QVERIFY(idx.size() <= 100);
  QCOMPARE(idx.front(), int64_t(1));
  QCOMPARE(idx.back(), int64_t(9998));
  for (int64_t i : idx) QVERIFY(std::isfinite(y[size_t(i)]));
  // Nothing drawable -> nothing drawn.
  QVERIFY(Downsampler::select(3, 100, [](int64_t) { return 0.0; }, [&](int64_t) { return nan; }).empty());
  QVERIFY(Downsampler::select(0, 100, [](int64_t) { return 0.0; }, [](int64_t) { return 0.0; }).empty());
}

void TestTrainingChart::streamingKeepsEverythingWhileSmall() {
  StreamingDownsampler ds(100);
  std::vector<StreamingDownsampler::Sample> out;
  ds.samples(out);
  QVERIFY(out.empty());
  for (int i = 0; i < 100; ++i) ds.append(i, i * 2.0, std::sin(i));
  ds.append(100, 201, std::numeric_limits<double>::quiet_NaN());   // never drawn
  ds.samples(out);
  QCOMPARE(out.size(), size_t(100));
  for (int i = 0; i < 100; ++i) {
    QCOMPARE(out[size_t(i)].index, int64_t(i));
    QCOMPARE(out[size_t(i)].y, std::sin(i));
  }
  ds.clear();
  ds.samples(out);
  QVERIFY(out.empty());
}

void TestTrainingChart::streamingKeepsSpikesEndsAndCap() {
  // Spikes and dips far apart (more than two bucket widths at the end), each the extreme of its
  // bucket whatever merges happened on the way: all must survive. Uneven x steps on purpose.
  const int64_t cap = 400, n = 300000;
  StreamingDownsampler ds(cap);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> noise(-1, 1), dx(0.5, 1.5);
  std::vector<int64_t> spikes;
  for (int64_t i = 5000; i < n; i += 10007) spikes.push_back(i);
  double x = 10;
  std::vector<StreamingDownsampler::Sample> out;
  for (int64_t i = 0; i < n; ++i) {
    const bool spike = std::binary_search(spikes.begin(), spikes.end(), i);
    const double y = spike ? ((i / 10007) % 2 ? 100.0 + double(i) * 1e-4 : -100.0 - double(i) * 1e-4) : noise(rng);
    ds.append(i, x, y);
    x += dx(rng);
    if (i % 50000 == 0) {   // reading in between does not disturb the stream
      ds.samples(out);
      QVERIFY(out.size() <= size_t(cap));
    }
  }
  QVERIFY(ds.monotone());
  ds.samples(out);
  QVERIFY(out.size() <= size_t(cap));
  QVERIFY(out.size() >= size_t(cap) / 2 - 2);   // between half and all of the buckets are in use
  QCOMPARE(out.front().index, int64_t(0));
  QCOMPARE(out.back().index, n - 1);
  for (size_t i = 1; i < out.size(); ++i) QVERIFY(out[i].index > out[i - 1].index);
  for (int64_t sp : spikes) {
    const bool kept = std::any_of(out.begin(), out.end(), [sp](const auto& s) { return s.index == sp; });
    QVERIFY2(kept, qPrintable(QString::number(sp)));
  }
}

void TestTrainingChart::streamingDetectsNonMonotoneX() {
  StreamingDownsampler ds(100);
  ds.append(0, 5, 1);
  ds.append(1, 6, 1);
  QVERIFY(ds.monotone());
  ds.append(2, 5.5, 1);
  QVERIFY(!ds.monotone());
  // Constant x beyond the cap cannot be bucketed by x either.
  StreamingDownsampler flat(100);
  for (int i = 0; i < 200; ++i) flat.append(i, 1.0, i);
  QVERIFY(!flat.monotone());
  // A jump by 1e300 merges buckets until it fits, without overflow.
  StreamingDownsampler jump(100);
  for (int i = 0; i < 200; ++i) jump.append(i, i, i);
  jump.append(200, 1e300, 1);
  QVERIFY(jump.monotone());
  std::vector<StreamingDownsampler::Sample> out;
  jump.samples(out);
  QVERIFY(out.size() <= 100);
  QCOMPARE(out.back().x, 1e300);
  // An x range wider than the largest double: flagged (the chart then buckets by index).
  const double big = std::numeric_limits<double>::max();
  StreamingDownsampler huge(100);
  for (int i = 0; i < 200; ++i) huge.append(i, -big + i * 1e300, i);
  QVERIFY(huge.monotone());
  huge.append(200, big, 1);
  QVERIFY(!huge.monotone());
}

void TestTrainingChart::nonMonotoneRunFallsBackToFullDownsampling() {
  TrainingChart chart;
  QVector<TrainingPoint> pts;
  for (int i = 0; i < 5000; ++i) pts.push_back(point(i % 2500, 1.0 + (i % 2500 == 1234 ? 50 : 0)));   // x restarts
  chart.setPoints("r", pts);
  chart.redrawNow();
  QVERIFY(chart.drawnPointCount("r") <= TrainingChart::kMaxDrawnPoints);
  QLineSeries* raw = seriesNamed(chartNamed(chart, "lossChartView"), "loss-raw:r");
  double maxY = 0;
  for (const QPointF& p : raw->points()) maxY = std::max(maxY, p.y());
  QCOMPARE(maxY, 51.0);
}

void TestTrainingChart::millionPointsAreKeptButDrawnCapped() {
  TrainingChart chart;
  chart.resize(1000, 700);
  chart.addRun("big", "big run");
  const int n = 1000000;
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < n; ++i) chart.appendPoint("big", point(double(i) * 64, 6.0 / (1 + i * 1e-4) + (i % 7) * 0.01));
  const qint64 appendMs = timer.elapsed();
  timer.restart();
  chart.redrawNow();
  const qint64 redrawMs = timer.elapsed();
  // The live case: a few more points on top of the million, then the timer's redraw.
  timer.restart();
  for (int i = n; i < n + 10; ++i) chart.appendPoint("big", point(double(i) * 64, 1.0));
  chart.redrawNow();
  const qint64 liveMs = timer.elapsed();
  timer.restart();
  QVERIFY(!chart.grab().isNull());   // first paint, with the layout
  const qint64 firstPaintMs = timer.elapsed();
  timer.restart();
  QVERIFY(!chart.grab().isNull());   // painting what is drawn: ~4 x 2,000 points
  const qint64 paintMs = timer.elapsed();
  qInfo("first paint (with layout): %lld ms", firstPaintMs);
  qInfo("appending 1e6 points: %lld ms, one redraw: %lld ms, 10 more points + redraw: %lld ms, paint: %lld ms",
        appendMs, redrawMs, liveMs, paintMs);

  QCOMPARE(chart.points("big").size(), qsizetype(n + 10));
  QVERIFY(chart.drawnPointCount("big") > 100);
  QVERIFY(chart.drawnPointCount("big") <= TrainingChart::kMaxDrawnPoints);
  for (const char* view : {"lossChartView", "rateChartView"}) {
    QChart* c = chartNamed(chart, view);
    QVERIFY(c);
    for (QAbstractSeries* s : c->series()) {
      auto* line = qobject_cast<QLineSeries*>(s);
      QVERIFY(line);
      QVERIFY2(line->count() <= TrainingChart::kMaxDrawnPoints, qPrintable(line->objectName()));
    }
  }
  // The last point is drawn, so the live end of the curve is always visible.
  QLineSeries* raw = seriesNamed(chartNamed(chart, "lossChartView"), "loss-raw:big");
  QVERIFY(raw);
  QCOMPARE(raw->at(raw->count() - 1).y(), chart.points("big").last().loss);
}

void TestTrainingChart::redrawIsCoalescedByTimer() {
  TrainingChart chart;
  chart.addRun("r", "r");
  for (int i = 0; i < 100; ++i) chart.appendPoint("r", point(i, 1.0 + i));
  // appendPoint only marks the run dirty; the timer draws.
  QCOMPARE(chart.drawnPointCount("r"), 0);
  QTRY_COMPARE_WITH_TIMEOUT(chart.drawnPointCount("r"), 100, 2000);
}

void TestTrainingChart::smoothedSeriesFollowsWeight() {
  TrainingChart chart;
  QSignalSpy spy(&chart, &TrainingChart::smoothingChanged);
  QCOMPARE(chart.smoothing(), 0.6);
  std::vector<double> losses = {4, 1, 3, 2, 5};
  for (size_t i = 0; i < losses.size(); ++i) chart.appendPoint("r", point(double(i), losses[i]));
  chart.redrawNow();
  QLineSeries* smooth = seriesNamed(chartNamed(chart, "lossChartView"), "loss:r");
  QVERIFY(smooth);
  Smoother ref(0.6);
  for (int i = 0; i < smooth->count(); ++i) QVERIFY(std::abs(smooth->at(i).y() - ref.push(losses[size_t(i)])) < 1e-12);

  chart.setSmoothing(0);   // recomputed over all points: the smoothed curve is the raw one
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toDouble(), 0.0);
  chart.redrawNow();
  for (int i = 0; i < smooth->count(); ++i) QCOMPARE(smooth->at(i).y(), losses[size_t(i)]);
  chart.setSmoothing(0);   // unchanged: no signal
  QCOMPARE(spy.count(), 1);
  chart.setSmoothing(5);   // clamped
  QCOMPARE(chart.smoothing(), 0.999);
}

void TestTrainingChart::logScaleWithNonPositiveLosses() {
  TrainingChart chart;
  chart.resize(800, 600);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> losses = {2.0, 0.0, -1.0, nan, 0.5, 1e-3, -std::numeric_limits<double>::infinity(), 3};
  for (size_t i = 0; i < losses.size(); ++i) chart.appendPoint("r", point(double(i), losses[i]));
  chart.setLogScale(true);
  QVERIFY(chart.logScale());
  chart.redrawNow();
  QChart* c = chartNamed(chart, "lossChartView");
  for (const char* name : {"loss-raw:r", "loss:r"}) {
    QLineSeries* s = seriesNamed(c, name);
    QVERIFY(s);
    QVERIFY(s->count() > 0);
    for (const QPointF& p : s->points()) QVERIFY2(p.y() > 0 && std::isfinite(p.y()), name);
  }
  QVERIFY(!chart.grab().isNull());
  // Another run added while in log scale, then back to linear: the real values return.
  chart.appendPoint("s", point(0, -5));
  chart.redrawNow();
  chart.setLogScale(false);
  chart.redrawNow();
  QCOMPARE(seriesNamed(c, "loss-raw:s")->at(0).y(), -5.0);
  QVERIFY(!chart.grab().isNull());
}

// A loss that settles on one value (successive values one floating-point step apart) and an
// infinite throughput must leave the axes with a sane number of ticks: Qt Charts otherwise
// creates tick labels until memory runs out (seen as a hang in the window test).
void TestTrainingChart::settledAndInfiniteValuesDoNotExplodeTheAxes() {
  TrainingChart chart;
  chart.resize(800, 600);
  chart.addRun("r", "settled");
  const double v = 1.7043718763756919;
  for (int i = 0; i < 20; ++i) {
    TrainingPoint p = point(double(i) * 100, i % 2 ? v : std::nextafter(v, 2.0));
    p.lr = 0.025;
    p.itemsPerSec = i == 5 ? std::numeric_limits<double>::infinity() : 1e6;
    chart.appendPoint("r", p);
  }
  chart.redrawNow();
  QVERIFY(!chart.grab().isNull());  // the layout (and its tick labels) happens here
  for (QChartView* view : chart.findChildren<QChartView*>())
    for (QAbstractAxis* axis : view->chart()->axes()) {
      auto* value = qobject_cast<QValueAxis*>(axis);
      if (!value) continue;
      QVERIFY(std::isfinite(value->min()) && std::isfinite(value->max()));
      if (value->tickType() == QValueAxis::TicksDynamic)
        QVERIFY2((value->max() - value->min()) / value->tickInterval() < 1000,
                 qPrintable(QStringLiteral("%1 .. %2 every %3").arg(value->min()).arg(value->max()).arg(value->tickInterval())));
    }
}

void TestTrainingChart::wallTimeAxis() {
  TrainingChart chart;
  for (int i = 0; i < 10; ++i) chart.appendPoint("r", point(i * 100, 1.0));
  chart.setXAxis(TrainingChart::XAxis::WallTime);
  QCOMPARE(chart.xAxis(), TrainingChart::XAxis::WallTime);
  chart.redrawNow();
  QLineSeries* s = seriesNamed(chartNamed(chart, "lossChartView"), "loss:r");
  QVERIFY(s);
  QCOMPARE(s->count(), 10);
  QCOMPARE(s->at(9).x(), 9.0);   // seconds (step * 0.01)
  chart.setXAxis(TrainingChart::XAxis::Step);
  chart.redrawNow();
  QCOMPARE(s->at(9).x(), 900.0);
}

void TestTrainingChart::setPointsReplacesHistory() {
  // A run restored from the workspace: its whole history at once, then live points on top.
  TrainingChart chart;
  chart.addRun("r", "restored");
  chart.appendPoint("r", point(0, 99));
  QVector<TrainingPoint> history;
  Smoother ref(0.6);
  std::vector<double> expected;
  for (int i = 0; i < 5000; ++i) {
    history.push_back(point(i * 10, 2.0 + std::sin(i * 0.01)));
    expected.push_back(ref.push(history.back().loss));
  }
  chart.setPoints("r", history);
  QCOMPARE(chart.points("r").size(), qsizetype(5000));
  chart.appendPoint("r", point(50000, 1.0));
  expected.push_back(ref.push(1.0));
  chart.redrawNow();
  QLineSeries* smooth = seriesNamed(chartNamed(chart, "lossChartView"), "loss:r");
  QVERIFY(smooth->count() <= TrainingChart::kMaxDrawnPoints);
  QCOMPARE(smooth->at(0).y(), expected.front());
  QVERIFY(std::abs(smooth->at(smooth->count() - 1).y() - expected.back()) < 1e-12);
  // The old point (loss 99) is gone from what is drawn.
  for (const QPointF& p : seriesNamed(chartNamed(chart, "lossChartView"), "loss-raw:r")->points()) QVERIFY(p.y() < 10);
  // Extras follow the x axis: in wall-time mode they sit at the time of their step.
  chart.appendExtra("r", "acc", 1000, 0.5);
  chart.setXAxis(TrainingChart::XAxis::WallTime);
  chart.redrawNow();
  QLineSeries* acc = seriesNamed(chartNamed(chart, "extraChartView"), "extra:r:acc");
  QVERIFY(acc);
  QCOMPARE(acc->count(), 1);
  // The time of the loss point at step 1000 is 10 s; this run lasts 500 s, so the axis is in minutes.
  QCOMPARE(acc->at(0).x(), 10.0 / 60);
}

void TestTrainingChart::severalRunsLegendRenameRemove() {
  TrainingChart chart;
  chart.show();   // legend markers report visible only inside a shown chart
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
  chart.addRun("a", "alpha");
  chart.addRun("b", "beta");
  chart.addRun("c", "gamma");
  for (const QString id : {"a", "b", "c"})
    for (int i = 0; i < 50; ++i) chart.appendPoint(id, point(i, 1.0 + i % 5));
  chart.redrawNow();
  QChart* loss = chartNamed(chart, "lossChartView");
  QTRY_COMPARE(visibleLegendEntries(loss), 3);   // one entry per run; raw curves are not listed
  QCOMPARE(chart.runIds(), QStringList({"a", "b", "c"}));
  QVERIFY(chart.runColor("a") != chart.runColor("b"));
  QVERIFY(chart.runColor("b") != chart.runColor("c"));
  QCOMPARE(seriesNamed(loss, "loss:a")->pen().color(), chart.runColor("a"));
  // The raw curve is the same colour, faint.
  const QColor raw = seriesNamed(loss, "loss-raw:a")->pen().color();
  QCOMPARE(raw.rgb(), chart.runColor("a").rgb());
  QVERIFY(raw.alphaF() < 0.4);

  chart.renameRun("b", "beta 2");
  QCOMPARE(seriesNamed(loss, "loss:b")->name(), QString("beta 2"));
  const QColor gamma = chart.runColor("c");
  chart.removeRun("b");
  QVERIFY(!chart.hasRun("b"));
  QTRY_COMPARE(visibleLegendEntries(loss), 2);
  QCOMPARE(chart.runColor("c"), gamma);   // colours do not shift when another run goes
  QVERIFY(chart.points("b").isEmpty());
  chart.addRun("d", "delta");             // takes the free colour
  QVERIFY(chart.runColor("d") != chart.runColor("a") && chart.runColor("d") != gamma);
  // Hiding a run (a click on its legend entry) keeps its entry but draws it nowhere.
  chart.setRunVisible("a", false);
  QVERIFY(!chart.isRunVisible("a"));
  QVERIFY(!seriesNamed(loss, "loss:a")->isVisible());
  QVERIFY(!seriesNamed(loss, "loss-raw:a")->isVisible());
  QVERIFY(!chart.hoverText(10).contains("alpha"));
  QTRY_COMPARE(visibleLegendEntries(loss), 3);
  chart.setRunVisible("a", true);
  QVERIFY(seriesNamed(loss, "loss-raw:a")->isVisible());
  QTRY_COMPARE(visibleLegendEntries(loss), 3);   // the raw curve's entry stays hidden
  QCOMPARE(visibleLegendEntries(chartNamed(chart, "rateChartView")), 2);   // the two style keys
  // The legend entry itself toggles the run.
  QLegendMarker* gammaEntry = loss->legend()->markers(seriesNamed(loss, "loss:c")).value(0);
  QVERIFY(gammaEntry);
  emit gammaEntry->clicked();
  QVERIFY(!chart.isRunVisible("c"));
  emit gammaEntry->clicked();
  QVERIFY(chart.isRunVisible("c"));
  chart.addRun("a", "alpha again");       // an existing id: renamed, not duplicated
  QCOMPARE(chart.runIds().size(), 3);
  chart.clearRuns();
  chart.redrawNow();
  QTRY_COMPARE(visibleLegendEntries(loss), 0);
  QVERIFY(chart.runIds().isEmpty());
}

void TestTrainingChart::extrasChartAppearsOnFirstExtra() {
  TrainingChart chart;
  chart.addRun("r", "bert");
  QVERIFY(!chart.extrasVisible());
  chart.appendExtra("r", "mlm accuracy", 10, 0.1);
  chart.appendExtra("r", "mlm accuracy", 20, 0.2);
  chart.appendExtra("r", "perplexity", 20, 55);
  QVERIFY(chart.extrasVisible());
  chart.redrawNow();
  QChart* extras = chartNamed(chart, "extraChartView");
  QVERIFY(extras);
  QCOMPARE(extras->series().size(), 2);
  QCOMPARE(seriesNamed(extras, "extra:r:mlm accuracy")->count(), 2);
  chart.removeRun("r");
  QVERIFY(!chart.extrasVisible());
}

void TestTrainingChart::hoverTextShowsRunValues() {
  TrainingChart chart;
  chart.addRun("a", "alpha");
  chart.addRun("b", "beta");
  chart.appendPoint("a", point(100, 2.5));
  chart.appendPoint("a", point(200, 1.5));
  chart.appendPoint("b", point(150, 7.25));
  QVERIFY(chart.hoverText(190).isEmpty() == false);
  const QString text = chart.hoverText(190);
  QVERIFY2(text.contains("alpha") && text.contains("beta"), qPrintable(text));
  QVERIFY2(text.contains("1.5"), qPrintable(text));    // alpha's nearest raw point (step 200)
  QVERIFY2(text.contains("7.25"), qPrintable(text));   // beta's only point
  Smoother ref(0.6);
  ref.push(2.5);
  QVERIFY2(text.contains(QString::number(ref.push(1.5), 'g', 5)), qPrintable(text));   // smoothed
  QVERIFY(TrainingChart().hoverText(0).isEmpty());

  // Extras of the run are listed under it, nearest by step.
  chart.appendExtra("a", "accuracy", 100, 0.25);
  chart.appendExtra("a", "accuracy", 200, 0.75);
  const QString withExtras = chart.hoverText(190);
  QVERIFY2(withExtras.contains("accuracy") && withExtras.contains("0.75"), qPrintable(withExtras));
}

void TestTrainingChart::mouseOverPlotShowsTooltip() {
  TrainingChart chart;
  chart.resize(900, 700);
  chart.addRun("a", "alpha");
  for (int i = 0; i < 100; ++i) chart.appendPoint("a", point(i * 10, 3.0 - i * 0.01));
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
  chart.redrawNow();
  auto* view = chart.findChild<QChartView*>("lossChartView");
  QVERIFY(view);
  const QRectF plot = view->chart()->plotArea();
  const QPoint inside = view->mapFromScene(view->chart()->mapToScene(plot.center()));
  QTest::mouseMove(view->viewport(), inside);
  QTRY_VERIFY(QToolTip::text().contains("alpha"));
  QVERIFY(QToolTip::text().contains("loss"));
  // Outside the plot area the tooltip goes away.
  QTest::mouseMove(view->viewport(), QPoint(2, 2));
  QTRY_VERIFY(QToolTip::text().isEmpty() || !QToolTip::isVisible());
}

void TestTrainingChart::exportPngOffscreen() {
  QTemporaryDir dir;
  TrainingChart chart;
  chart.resize(900, 700);
  chart.addRun("a", "alpha");
  chart.addRun("b", "beta");
  for (int i = 0; i < 3000; ++i) {
    chart.appendPoint("a", point(i * 10, 5.0 / (1 + i * 0.01) + 0.2 * std::sin(i)));
    chart.appendPoint("b", point(i * 10, 4.0 / (1 + i * 0.005) + 0.2 * std::cos(i * 1.3)));
  }
  const QString path = dir.filePath("charts.png");
  QVERIFY2(chart.exportPng(path), qPrintable(chart.lastError()));
  QImage image(path);
  QVERIFY(!image.isNull());
  QCOMPARE(image.size(), QSize(900, 700) * chart.devicePixelRatioF());
  // Something was drawn in the runs' colours, not just a blank widget.
  const QRgb blue = chart.runColor("a").rgb();
  bool found = false;
  for (int y = 0; y < image.height() && !found; y += 1)
    for (int x = 0; x < image.width() && !found; ++x) found = image.pixel(x, y) == blue;
  QVERIFY(found);
  if (qEnvironmentVariableIsSet("EMBEDLAB_CHART_PNG")) chart.exportPng(qEnvironmentVariable("EMBEDLAB_CHART_PNG"));
}

void TestTrainingChart::exportCsvMatchesSmoother() {
  QTemporaryDir dir;
  TrainingChart chart;
  chart.setSmoothing(0.9);
  chart.addRun("a", "alpha, the first");   // a comma: the field is quoted
  chart.addRun("b", "beta");
  std::vector<double> la, lb;
  for (int i = 0; i < 500; ++i) {
    la.push_back(3.0 + std::sin(i * 0.3));
    lb.push_back(2.0 + std::cos(i * 0.7));
    chart.appendPoint("a", point(i, la.back()));
    chart.appendPoint("b", point(i, lb.back()));
  }
  const QString path = dir.filePath("runs.csv");
  QVERIFY2(chart.exportCsv(path), qPrintable(chart.lastError()));
  const QStringList lines = csvLines(path);
  QCOMPARE(lines.size(), 1 + 1000);
  QCOMPARE(lines[0], QString("run,step,seconds,loss,smoothed,lr,items_per_sec"));
  QVERIFY(lines[1].startsWith("\"alpha, the first\","));
  Smoother sa(0.9), sb(0.9);
  for (int row = 1; row <= 1000; ++row) {
    QStringList f = lines[row].split(',');
    const bool isA = row <= 500;
    if (isA) f = QStringList{"alpha"} + f.mid(2);   // the quoted name contains one comma
    QCOMPARE(f.size(), 7);
    const int i = (row - 1) % 500;
    QCOMPARE(f[1].toDouble(), double(i));
    QCOMPARE(f[3].toDouble(), isA ? la[size_t(i)] : lb[size_t(i)]);   // shortest round-trip text
    const double expected = isA ? sa.push(la[size_t(i)]) : sb.push(lb[size_t(i)]);
    QCOMPARE(f[4].toDouble(), expected);
  }
}

void TestTrainingChart::exportToUnwritablePathFails() {
  TrainingChart chart;
  chart.appendPoint("r", point(0, 1));
  QVERIFY(!chart.exportCsv("/nonexistent-dir/x/runs.csv"));
  QVERIFY(chart.lastError().contains("nonexistent-dir"));
  QVERIFY(!chart.exportPng("/nonexistent-dir/x/charts.png"));
  QVERIFY(!chart.lastError().isEmpty());
}

QTEST_MAIN(TestTrainingChart)
#include "test_training_chart.moc"
