// The map widget: 100k points render offscreen (paint time reported, not asserted), level of
// detail, hit-testing, zoom anchored at the cursor, pan and keys, click / Shift+click / rubber-band
// selection signals, labels that never overlap, isolate, and the PNG / SVG / TSV exports.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "ui/explore/LabelPlacer.h"
#include "ui/explore/MapWidget.h"

using embedlab::ui::LabelPlacer;
using embedlab::ui::MapWidget;

namespace {

// n points in a few Gaussian blobs (a t-SNE-like picture: dense cores, sparse edges).
std::vector<float> blobs(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> xy(size_t(n) * 2);
  for (int i = 0; i < n; ++i) {
    const int c = i % 7;
    xy[2 * i] = 10.0f * std::cos(c * 0.9f) + normal(rng) * (1.0f + c * 0.3f);
    xy[2 * i + 1] = 10.0f * std::sin(c * 0.9f) + normal(rng) * (1.0f + c * 0.3f);
  }
  return xy;
}

QStringList words(int n) {
  QStringList l;
  l.reserve(n);
  for (int i = 0; i < n; ++i) l << QStringLiteral("w%1").arg(i);
  return l;
}

// A 10 x 10 lattice with unit spacing: positions known exactly.
void lattice(MapWidget& w) {
  std::vector<float> xy;
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 10; ++x) {
      xy.push_back(float(x));
      xy.push_back(float(y));
    }
  w.setPoints(xy, words(100));
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, modifiers);
  QApplication::sendEvent(w, &e);
}

bool anyOverlap(const std::vector<QRectF>& rects) {
  for (size_t i = 0; i < rects.size(); ++i)
    for (size_t j = i + 1; j < rects.size(); ++j)
      if (rects[i].intersects(rects[j])) return true;
  return false;
}

}  // namespace

class TestMapWidget : public QObject {
  Q_OBJECT
 private slots:
  void hundredThousandPointsRender();
  void hitTesting();
  void zoomKeepsThePointUnderTheCursor();
  void panKeysAndHome();
  void clickAndShiftClickSelect();
  void rubberBandSelects();
  void labelsNeverOverlap();
  void labelPlacerRejectsOverlaps();
  void highlightAndLinks();
  void isolateShowsOnlyTheSelection();
  void animationKeepsSelection();
  void exportsWriteFiles();
  void emptyAndDegenerateMaps();
};

// Median layer time over a few repaints of slightly different views (the first paint of a widget
// also pays for font set-up and label measurement, so it is reported apart).
// Wall-clock and processor time are both reported: on a shared, loaded machine the wall clock
// mostly measures the other processes.
static QString medianFrameMs(MapWidget& w, int repeats = 7) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < repeats; ++i) {
    w.panBy(QPointF(i % 2 ? 1 : -1, 0));
    w.grab();
    ms.push_back(w.lastFrame().milliseconds);
    cpu.push_back(w.lastFrame().cpuMilliseconds);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return QStringLiteral("layer %1 ms wall, %2 ms cpu (medians of %3)")
      .arg(ms[ms.size() / 2], 0, 'f', 1)
      .arg(cpu[cpu.size() / 2], 0, 'f', 1)
      .arg(repeats);
}

void TestMapWidget::hundredThousandPointsRender() {
  const int n = 100000;
  MapWidget w;
  w.resize(1000, 700);
  w.setPoints(blobs(n, 1), words(n));
  QElapsedTimer timer;
  timer.start();
  const QPixmap full = w.grab();
  const double firstGrab = double(timer.nsecsElapsed()) / 1e6;
  QVERIFY(!full.isNull());
  QCOMPARE(full.size(), QSize(1000, 700));
  const MapWidget::Frame first = w.lastFrame();
  qDebug("100k points, first paint: layer %.1f ms wall, %.1f ms cpu (grab %.1f ms)", first.milliseconds,
         first.cpuMilliseconds, firstGrab);
  const QString wholeMs = medianFrameMs(w);
  const MapWidget::Frame whole = w.lastFrame();
  QVERIFY(whole.drawnPoints > 1000);
  QVERIFY(whole.drawnPoints <= n);  // dense cores are thinned
  QVERIFY(!whole.labelRects.empty());
  qDebug("100k points, whole map: %s, %d points drawn, %d labels", qPrintable(wholeMs), whole.drawnPoints,
         int(whole.labelRects.size()));

  // Repaint of an unchanged view (hover) reuses the cached layer.
  timer.restart();
  w.grab();
  qDebug("100k points, cached repaint: grab %.1f ms", double(timer.nsecsElapsed()) / 1e6);

  w.zoomBy(8.0);
  const QString zoomedMs = medianFrameMs(w);
  const MapWidget::Frame zoomed = w.lastFrame();
  qDebug("100k points, zoomed x8: %s, %d points drawn", qPrintable(zoomedMs), zoomed.drawnPoints);
  QVERIFY(zoomed.drawnPoints < whole.drawnPoints);  // only the visible cells are painted

  // The densest view: everything zoomed out far (every cell tiny) still draws a bounded set.
  w.zoomBy(0.001);
  const QString outMs = medianFrameMs(w);
  qDebug("100k points, zoomed out to the limit: %s, %d points drawn", qPrintable(outMs), w.lastFrame().drawnPoints);
  QVERIFY(w.lastFrame().drawnPoints < n / 4);

  // Everything highlighted (a search matching every word): no thinning for highlighted points.
  w.resetView();
  std::vector<int> all(n);
  std::iota(all.begin(), all.end(), 0);
  w.setHighlight(all);
  const QString highlightMs = medianFrameMs(w, 3);
  qDebug("100k points, all highlighted: %s, %d points drawn", qPrintable(highlightMs), w.lastFrame().drawnPoints);
  QVERIFY(w.lastFrame().drawnPoints < n);  // so many highlighted points are thinned like the rest
  QVERIFY(int(w.lastFrame().labelRects.size()) <= w.options().maxLabels);
  // A few highlighted points are never thinned away.
  w.setHighlight({5, 6, 7, 99999});
  w.grab();
  QCOMPARE(w.lastFrame().highlightedPoints, 4);
}

void TestMapWidget::hitTesting() {
  MapWidget w;
  w.resize(400, 400);
  lattice(w);
  w.resetView();
  for (int i : {0, 9, 45, 90, 99}) {
    const QPointF p = w.pointPosition(i);
    QVERIFY(w.rect().contains(p.toPoint()));
    QCOMPARE(w.pointAt(p), i);
    QCOMPARE(w.pointAt(p + QPointF(2, -1)), i);  // within the hit radius
  }
  // Between two lattice points and far from any: nothing.
  const QPointF mid = (w.pointPosition(0) + w.pointPosition(1)) / 2 + QPointF(0, (w.pointPosition(0) - w.pointPosition(10)).y() / 2);
  QCOMPARE(w.pointAt(mid), -1);
  QCOMPARE(w.pointAt(QPointF(-50, -50)), -1);
  // The data <-> widget mapping round-trips.
  const QPointF d(3.25, 7.5);
  const QPointF back = w.mapToData(w.mapToWidget(d));
  QVERIFY(std::abs(back.x() - d.x()) < 1e-9 && std::abs(back.y() - d.y()) < 1e-9);
  // y points up: a larger y is drawn higher.
  QVERIFY(w.pointPosition(90).y() < w.pointPosition(0).y());
  // Rectangle query.
  const QRectF box = QRectF(w.pointPosition(0), w.pointPosition(22)).normalized().adjusted(-1, -1, 1, 1);
  QCOMPARE(w.pointsIn(box), (std::vector<int>{0, 1, 2, 10, 11, 12, 20, 21, 22}));
}

void TestMapWidget::zoomKeepsThePointUnderTheCursor() {
  MapWidget w;
  w.resize(500, 400);
  lattice(w);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  const QPointF cursor(123, 301);
  const QPointF under = w.mapToData(cursor);
  const double s0 = w.scale();
  QWheelEvent in(cursor, w.mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&w, &in);
  QVERIFY(w.scale() > s0 * 1.3);
  QPointF after = w.mapToWidget(under);
  QVERIFY2(std::abs(after.x() - cursor.x()) < 1e-6 && std::abs(after.y() - cursor.y()) < 1e-6,
           qPrintable(QStringLiteral("%1,%2").arg(after.x()).arg(after.y())));
  QWheelEvent out(cursor, w.mapToGlobal(cursor), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&w, &out);
  after = w.mapToWidget(under);
  QVERIFY(std::abs(after.x() - cursor.x()) < 1e-6 && std::abs(after.y() - cursor.y()) < 1e-6);
  // Zoom is bounded: a wild wheel cannot lose the map.
  for (int i = 0; i < 200; ++i) w.zoomBy(0.5, cursor);
  QVERIFY(w.scale() > 0 && std::isfinite(w.scale()));
  w.resetView();
  QCOMPARE(w.scale(), s0);
}

void TestMapWidget::panKeysAndHome() {
  MapWidget w;
  w.resize(400, 300);
  lattice(w);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  const QPointF p0 = w.pointPosition(55);
  const double s0 = w.scale();
  // Drag pans by the mouse movement.
  sendMouse(&w, QEvent::MouseButtonPress, QPointF(100, 100), Qt::LeftButton, Qt::LeftButton);
  sendMouse(&w, QEvent::MouseMove, QPointF(130, 90), Qt::NoButton, Qt::LeftButton);
  sendMouse(&w, QEvent::MouseButtonRelease, QPointF(130, 90), Qt::LeftButton, Qt::NoButton);
  QPointF p1 = w.pointPosition(55);
  QVERIFY(std::abs(p1.x() - p0.x() - 30) < 1e-6 && std::abs(p1.y() - p0.y() + 10) < 1e-6);
  QTest::keyClick(&w, Qt::Key_Home);
  QVERIFY((w.pointPosition(55) - p0).manhattanLength() < 1e-6);
  QTest::keyClick(&w, Qt::Key_Left);
  QVERIFY(w.pointPosition(55).x() > p0.x());
  QTest::keyClick(&w, Qt::Key_Up);
  QVERIFY(w.pointPosition(55).y() > p0.y());
  QTest::keyClick(&w, Qt::Key_Plus);
  QVERIFY(w.scale() > s0);
  QTest::keyClick(&w, Qt::Key_Minus);
  QTest::keyClick(&w, Qt::Key_Minus);
  QVERIFY(w.scale() < s0);
  QTest::keyClick(&w, Qt::Key_Home);
  QCOMPARE(w.scale(), s0);
}

void TestMapWidget::clickAndShiftClickSelect() {
  MapWidget w;
  w.resize(400, 400);
  lattice(w);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QSignalSpy clicked(&w, &MapWidget::pointClicked);
  QSignalSpy changed(&w, &MapWidget::selectionChanged);
  QTest::mouseClick(&w, Qt::LeftButton, Qt::NoModifier, w.pointPosition(37).toPoint());
  QCOMPARE(clicked.count(), 1);
  QCOMPARE(clicked.at(0).at(0).toInt(), 37);
  QCOMPARE(w.currentPoint(), 37);
  QCOMPARE(w.selection(), std::vector<int>{37});
  QCOMPARE(changed.count(), 1);
  QTest::mouseClick(&w, Qt::LeftButton, Qt::ShiftModifier, w.pointPosition(12).toPoint());
  QCOMPARE(w.selection(), (std::vector<int>{12, 37}));
  QCOMPARE(clicked.count(), 1);  // Shift+click extends the selection, it does not re-anchor
  QTest::mouseClick(&w, Qt::LeftButton, Qt::ShiftModifier, w.pointPosition(37).toPoint());
  QCOMPARE(w.selection(), std::vector<int>{12});
  // A click on empty space clears.
  QTest::mouseClick(&w, Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));
  QCOMPARE(clicked.last().at(0).toInt(), -1);
  QVERIFY(w.selection().empty());
  QCOMPARE(w.currentPoint(), -1);
  // The programmatic click does the same as the mouse.
  w.clickPoint(5);
  QCOMPARE(clicked.last().at(0).toInt(), 5);
  QTest::keyClick(&w, Qt::Key_Escape);
  QVERIFY(w.selection().empty());
}

void TestMapWidget::rubberBandSelects() {
  MapWidget w;
  w.resize(400, 400);
  lattice(w);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QSignalSpy changed(&w, &MapWidget::selectionChanged);
  const QPointF a = w.pointPosition(0) + QPointF(-3, 3), b = w.pointPosition(22) + QPointF(3, -3);
  sendMouse(&w, QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
  sendMouse(&w, QEvent::MouseMove, (a + b) / 2, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
  sendMouse(&w, QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
  const double scale = w.scale();
  sendMouse(&w, QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
  QCOMPARE(changed.count(), 1);
  QCOMPARE(w.selection(), (std::vector<int>{0, 1, 2, 10, 11, 12, 20, 21, 22}));
  QCOMPARE(w.scale(), scale);  // a rubber band does not pan
}

void TestMapWidget::labelsNeverOverlap() {
  for (int n : {300, 20000}) {
    MapWidget w;
    w.resize(700, 500);
    w.setPoints(blobs(n, 7), words(n));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    for (double zoom : {1.0, 3.0, 10.0}) {
      w.resetView();
      w.zoomBy(zoom);
      w.grab();
      const auto& frame = w.lastFrame();
      if (zoom == 1.0) QVERIFY(!frame.labelRects.empty());
      QVERIFY(int(frame.labelRects.size()) <= w.options().maxLabels);
      QVERIFY2(!anyOverlap(frame.labelRects), qPrintable(QStringLiteral("n=%1 zoom=%2").arg(n).arg(zoom)));
      for (const QRectF& r : frame.labelRects) QVERIFY(QRectF(w.rect()).contains(r));
    }
    // The most important point (rank 0) is labelled in the whole view.
    w.resetView();
    w.grab();
    const auto& labelled = w.lastFrame().labelled;
    QVERIFY(std::find(labelled.begin(), labelled.end(), 0) != labelled.end());
  }
}

void TestMapWidget::labelPlacerRejectsOverlaps() {
  LabelPlacer placer(QRectF(0, 0, 200, 100), 16);
  QRectF r;
  QVERIFY(placer.place(QPointF(50, 50), QSizeF(40, 12), 3, &r));
  QCOMPARE(r, QRectF(53, 44, 40, 12));  // right of the point first
  QVERIFY(placer.place(QPointF(50, 50), QSizeF(40, 12), 3, &r));
  QCOMPARE(r, QRectF(7, 44, 40, 12));  // then left
  QVERIFY(!placer.place(QPointF(50, 50), QSizeF(40, 12), 3, &r));  // above and below overlap those
  QCOMPARE(placer.placed().size(), size_t(2));
  // Right and left blocked (or outside the bounds): above, then below.
  LabelPlacer other(QRectF(0, 0, 200, 100), 16);
  other.reserve(QRectF(150, 0, 50, 100));
  QVERIFY(!other.isFree(QRectF(160, 10, 5, 5)));
  QVERIFY(other.place(QPointF(145, 50), QSizeF(40, 12), 3, &r));
  QCOMPARE(r, QRectF(102, 44, 40, 12));  // left: the right side is reserved
  QVERIFY(other.place(QPointF(20, 50), QSizeF(60, 12), 3, &r));
  QCOMPARE(r, QRectF(23, 44, 60, 12));
  QVERIFY(other.place(QPointF(100, 90), QSizeF(30, 12), 3, &r));  // right free
  QVERIFY(other.place(QPointF(80, 20), QSizeF(140, 12), 3, &r));  // too wide for right or left
  QCOMPARE(r, QRectF(10, 5, 140, 12));                             // so above
  QVERIFY(!anyOverlap(other.placed()));
  for (const QRectF& p : other.placed()) QVERIFY(QRectF(0, 0, 200, 100).contains(p));
}

void TestMapWidget::highlightAndLinks() {
  MapWidget w;
  w.resize(400, 400);
  lattice(w);
  w.setHighlight({93, 93, 97, 500, -1});  // top row: clear of the legend in the bottom-left corner
  QCOMPARE(w.highlight(), (std::vector<int>{93, 97}));
  w.setLinks(44, {45, 54, 200});
  QCOMPARE(w.linkTargets(), (std::vector<int>{45, 54}));
  w.grab();
  // Highlighted and linked points are drawn and labelled first.
  const auto& labelled = w.lastFrame().labelled;
  for (int p : {93, 97, 45, 54}) QVERIFY(std::find(labelled.begin(), labelled.end(), p) != labelled.end());
  w.setLinks(-1, {1});
  QVERIFY(w.linkTargets().empty());
  w.setColorMode(MapWidget::ColorMode::Cluster);
  std::vector<int> clusters(100);
  for (int i = 0; i < 100; ++i) clusters[i] = i % 3;
  w.setClusters(clusters);
  QCOMPARE(w.clusters().size(), size_t(100));
  w.setClusters({1, 2});  // wrong size: ignored
  QVERIFY(w.clusters().empty());
  QVERIFY(!w.grab().isNull());
}

void TestMapWidget::isolateShowsOnlyTheSelection() {
  MapWidget w;
  w.resize(400, 400);
  lattice(w);
  w.setSelection({11, 12, 88});
  w.setIsolated(true);
  QVERIFY(w.isShown(11) && w.isShown(88));
  QVERIFY(!w.isShown(0) && !w.isShown(50));
  w.grab();
  QCOMPARE(w.lastFrame().drawnPoints, 3);
  // Hidden points cannot be hovered or clicked.
  QCOMPARE(w.pointAt(w.pointPosition(50)), -1);
  QCOMPARE(w.pointAt(w.pointPosition(12)), 12);
  // The fitted view frames what is shown.
  QVERIFY(QRectF(w.rect()).contains(w.pointPosition(11)) && QRectF(w.rect()).contains(w.pointPosition(88)));
  QTemporaryDir dir;
  const QString tsv = dir.filePath(QStringLiteral("isolated.tsv"));
  QVERIFY(w.exportTsv(tsv));
  QFile f(tsv);
  QVERIFY(f.open(QIODevice::ReadOnly));
  QCOMPARE(f.readAll().count('\n'), 3);
  w.setIsolated(false);
  QVERIFY(w.isShown(0));
  // Isolate with nothing selected shows everything rather than an empty map.
  w.setSelection({});
  w.setIsolated(true);
  QVERIFY(w.isShown(0));
}

void TestMapWidget::animationKeepsSelection() {
  MapWidget w;
  w.resize(400, 400);
  lattice(w);
  w.clickPoint(33);
  std::vector<float> xy = w.coordinates();
  for (float& v : xy) v *= 3.0f;
  w.setCoordinates(xy);
  QCOMPARE(w.currentPoint(), 33);
  QCOMPARE(w.selection(), std::vector<int>{33});
  QVERIFY(QRectF(w.rect()).contains(w.pointPosition(99)));  // the view follows the growing map
  w.zoomBy(2.0);
  const double s = w.scale();
  for (float& v : xy) v *= 2.0f;
  w.setCoordinates(xy);
  QCOMPARE(w.scale(), s);  // until the person moves the view
  w.setCoordinates({1, 2, 3});  // a different size: ignored
  QCOMPARE(w.count(), 100);
}

void TestMapWidget::exportsWriteFiles() {
  QTemporaryDir dir;
  MapWidget w;
  w.resize(320, 240);
  const int n = 2000;
  QStringList labels = words(n);
  labels[3] = QStringLiteral("a<b>&\"c\"");  // must be escaped in the SVG
  labels[4] = QStringLiteral("tab\there");
  w.setPoints(blobs(n, 3), labels);
  w.setHighlight({1, 2, 3});
  w.setLinks(1, {2, 3});

  const QString png = dir.filePath(QStringLiteral("map.png"));
  QString error;
  QVERIFY2(w.exportPng(png, &error), qPrintable(error));
  const QImage image(png);
  QCOMPARE(image.size(), QSize(320, 240));

  const QString svg = dir.filePath(QStringLiteral("map.svg"));
  QVERIFY2(w.exportSvg(svg, &error), qPrintable(error));
  QFile sf(svg);
  QVERIFY(sf.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&sf);
  int elements = 0;
  bool sawSvg = false;
  while (!xml.atEnd()) {
    if (xml.readNext() == QXmlStreamReader::StartElement) {
      ++elements;
      sawSvg = sawSvg || xml.name() == QLatin1String("svg");
    }
  }
  QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
  QVERIFY(sawSvg);
  QVERIFY(elements > 10);

  const QString tsv = dir.filePath(QStringLiteral("map.tsv"));
  QVERIFY2(w.exportTsv(tsv, &error), qPrintable(error));
  QFile tf(tsv);
  QVERIFY(tf.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = tf.readAll().split('\n');
  QCOMPARE(lines.size(), n + 1);  // the last line is empty
  const QList<QByteArray> first = lines[0].split('\t');
  QCOMPARE(first.size(), 3);
  QCOMPARE(first[0], QByteArray("w0"));
  QCOMPARE(first[1].toFloat(), w.coordinates()[0]);
  QCOMPARE(first[2].toFloat(), w.coordinates()[1]);
  QCOMPARE(lines[4].split('\t').size(), 3);  // a tab inside a word does not add a column

  // An unwritable path fails with a message naming it.
  const QString bad = dir.filePath(QStringLiteral("missing/dir/map.png"));
  QVERIFY(!w.exportPng(bad, &error));
  QVERIFY(error.contains(QStringLiteral("map.png")));
}

void TestMapWidget::emptyAndDegenerateMaps() {
  MapWidget w;
  w.resize(200, 150);
  QVERIFY(!w.grab().isNull());  // no points: a hint, no crash
  QCOMPARE(w.pointAt(QPointF(100, 75)), -1);
  w.setPoints({5, 5}, {QStringLiteral("one")});
  QVERIFY(!w.grab().isNull());
  QCOMPARE(w.pointAt(QPointF(100, 75)), 0);  // a single point sits in the middle
  w.setPoints({1, 1, 1, 1, NAN, 2, 3, INFINITY}, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
  QVERIFY(!w.grab().isNull());  // identical and non-finite points
  w.zoomBy(1e9);
  w.zoomBy(1e-9);
  QVERIFY(std::isfinite(w.scale()));
  QVERIFY(!w.grab().isNull());
  w.clear();
  QCOMPARE(w.count(), 0);
}

QTEST_MAIN(TestMapWidget)
#include "test_map_widget.moc"
