// The attention heat map: cells map to the right matrix entries, the hover text names the two
// tokens and the value, the mean over heads and layers is the mean, and it paints offscreen.
#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <vector>

#include "ui/bert/AttentionHeatmap.h"

using embedlab::ui::AttentionHeatmap;

namespace {

// weights[l][h][i][j] = a value that tells where it came from: l, h, i, j can be read back.
std::vector<float> codedWeights(int L, int H, int T) {
  std::vector<float> w(size_t(L) * H * T * T);
  for (int l = 0; l < L; ++l)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j)
          w[((size_t(l) * H + h) * T + i) * T + j] = float(l * 1000 + h * 100 + i * 10 + j) / 4000.0f;
  return w;
}

const QStringList kTokens = {QStringLiteral("[CLS]"), QStringLiteral("the"), QStringLiteral("bank"),
                             QStringLiteral("##s"), QStringLiteral("[SEP]")};

}  // namespace

class TestAttentionHeatmap : public QObject {
  Q_OBJECT
 private slots:
  void rejectsMismatchedSizes();
  void cellsMapToMatrixEntries();
  void hoverTextNamesTokensAndValue();
  void meanOverHeadsAndLayers();
  void selectionClampsAndSignals();
  void paintsOffscreen();
  void singleMatrixAndRamp();
};

void TestAttentionHeatmap::rejectsMismatchedSizes() {
  AttentionHeatmap map;
  QVERIFY(!map.setAttention(kTokens, 2, 3, std::vector<float>(10)));
  QVERIFY(!map.setAttention(kTokens, 0, 3, {}));
  QCOMPARE(map.tokenCount(), 0);
  QVERIFY(map.setAttention(kTokens, 2, 3, codedWeights(2, 3, 5)));
  QCOMPARE(map.tokenCount(), 5);
  QCOMPARE(map.layerCount(), 2);
  QCOMPARE(map.headCount(), 3);
}

void TestAttentionHeatmap::cellsMapToMatrixEntries() {
  AttentionHeatmap map;
  map.resize(400, 360);
  const int L = 2, H = 3, T = 5;
  QVERIFY(map.setAttention(kTokens, L, H, codedWeights(L, H, T)));
  map.setLayer(1);
  map.setHead(2);
  for (int i = 0; i < T; ++i)
    for (int j = 0; j < T; ++j) {
      const QRect r = map.cellRect(i, j);
      QVERIFY(r.isValid());
      QCOMPARE(r.width(), r.height());  // square cells
      // The centre of a cell's rectangle maps back to that cell: row = from, column = to.
      QCOMPARE(map.cellAt(r.center()), QPoint(i, j));
      QCOMPARE(map.value(i, j), float(1 * 1000 + 2 * 100 + i * 10 + j) / 4000.0f);
    }
  // Columns advance to the right and rows downwards.
  QVERIFY(map.cellRect(0, 1).left() > map.cellRect(0, 0).left());
  QVERIFY(map.cellRect(1, 0).top() > map.cellRect(0, 0).top());
  // Outside the matrix: no cell.
  QCOMPARE(map.cellAt(QPoint(1, 1)), QPoint(-1, -1));
  const QRect last = map.cellRect(T - 1, T - 1);
  QCOMPARE(map.cellAt(last.bottomRight() + QPoint(2, 2)), QPoint(-1, -1));
  QVERIFY(!map.cellRect(T, 0).isValid());
  QVERIFY(std::isnan(map.value(-1, 0)));
}

void TestAttentionHeatmap::hoverTextNamesTokensAndValue() {
  AttentionHeatmap map;
  map.resize(400, 360);
  QVERIFY(map.setAttention(kTokens, 1, 1, codedWeights(1, 1, 5)));
  const QString text = map.hoverText(2, 3);
  QVERIFY2(text.startsWith(QStringLiteral("bank → ##s: ")), qPrintable(text));
  QVERIFY2(text.endsWith(QLocale().toString(23.0 / 4000.0, 'f', 3)), qPrintable(text));
  QVERIFY(map.hoverText(7, 0).isEmpty());

  // Moving the mouse over a cell selects it for highlighting and reports it; leaving clears it.
  QSignalSpy hovered(&map, &AttentionHeatmap::cellHovered);
  const QPointF at = map.cellRect(4, 1).center();
  QMouseEvent move(QEvent::MouseMove, at, map.mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
  QApplication::sendEvent(&map, &move);
  QCOMPARE(map.hoveredCell(), QPoint(4, 1));
  QCOMPARE(hovered.count(), 1);
  QCOMPARE(hovered.last().at(0).toInt(), 4);
  QCOMPARE(hovered.last().at(1).toInt(), 1);
  QEvent leave(QEvent::Leave);
  QApplication::sendEvent(&map, &leave);
  QCOMPARE(map.hoveredCell(), QPoint(-1, -1));
  QCOMPARE(hovered.count(), 2);
}

void TestAttentionHeatmap::meanOverHeadsAndLayers() {
  AttentionHeatmap map;
  const int L = 3, H = 4, T = 5;
  std::vector<float> w = codedWeights(L, H, T);
  QVERIFY(map.setAttention(kTokens, L, H, w));
  auto at = [&](int l, int h, int i, int j) { return double(w[((size_t(l) * H + h) * T + i) * T + j]); };

  map.setLayer(1);
  map.setHead(AttentionHeatmap::kMean);
  for (int i = 0; i < T; ++i)
    for (int j = 0; j < T; ++j) {
      double s = 0;
      for (int h = 0; h < H; ++h) s += at(1, h, i, j);
      QVERIFY(std::abs(map.value(i, j) - s / H) < 1e-6);
    }

  map.setLayer(AttentionHeatmap::kMean);
  map.setHead(2);
  for (int i = 0; i < T; ++i)
    for (int j = 0; j < T; ++j) {
      double s = 0;
      for (int l = 0; l < L; ++l) s += at(l, 2, i, j);
      QVERIFY(std::abs(map.value(i, j) - s / L) < 1e-6);
    }

  map.setHead(AttentionHeatmap::kMean);
  double total = 0, shown = 0;
  for (int l = 0; l < L; ++l)
    for (int h = 0; h < H; ++h) total += at(l, h, 3, 1);
  shown = map.value(3, 1);
  QVERIFY(std::abs(shown - total / (L * H)) < 1e-6);

  // Rows of probabilities stay rows of probabilities under the mean.
  std::vector<float> probs(size_t(L) * H * T * T);
  for (size_t r = 0; r < probs.size() / T; ++r) {
    double s = 0;
    for (int j = 0; j < T; ++j) s += probs[r * T + j] = float(1 + (r * 7 + j * 3) % 5);
    for (int j = 0; j < T; ++j) probs[r * T + j] = float(probs[r * T + j] / s);
  }
  QVERIFY(map.setAttention(kTokens, L, H, probs));
  for (int i = 0; i < T; ++i) {
    double s = 0;
    for (int j = 0; j < T; ++j) s += map.value(i, j);
    QVERIFY(std::abs(s - 1.0) < 1e-5);
  }
}

void TestAttentionHeatmap::selectionClampsAndSignals() {
  AttentionHeatmap map;
  QVERIFY(map.setAttention(kTokens, 2, 2, codedWeights(2, 2, 5)));
  QSignalSpy changed(&map, &AttentionHeatmap::selectionChanged);
  map.setLayer(7);
  QCOMPARE(map.layer(), 1);
  map.setHead(-5);
  QCOMPARE(map.head(), int(AttentionHeatmap::kMean));
  QCOMPARE(changed.count(), 1);  // the head was already the mean
  // New data with fewer layers keeps a valid selection.
  QVERIFY(map.setAttention(kTokens, 1, 2, codedWeights(1, 2, 5)));
  QCOMPARE(map.layer(), 0);
  map.clear();
  QCOMPARE(map.tokenCount(), 0);
  QVERIFY(map.displayed().empty());
}

void TestAttentionHeatmap::paintsOffscreen() {
  AttentionHeatmap map;
  map.resize(420, 380);
  map.setTitle(QStringLiteral("Layer 1, head 2"));
  QVERIFY(map.setAttention(kTokens, 1, 1, codedWeights(1, 1, 5)));
  QImage image(map.size(), QImage::Format_ARGB32);
  image.fill(Qt::transparent);
  map.render(&image);
  // The lowest value (0,0) is drawn in the ramp's light end, the highest (4,4) in its dark end.
  // (Corners, not centres: large cells have their value written in the middle.)
  const QColor low = image.pixelColor(map.cellRect(0, 0).topLeft() + QPoint(2, 2));
  const QColor high = image.pixelColor(map.cellRect(4, 4).topLeft() + QPoint(2, 2));
  QVERIFY2(low.lightness() > high.lightness(), qPrintable(QStringLiteral("%1 vs %2").arg(low.name(), high.name())));
  QCOMPARE(low.rgb(), AttentionHeatmap::rampColor(AttentionHeatmap::Ramp::Sequential, 0.0).rgb());

  // Empty and tiny sizes paint without trouble too.
  AttentionHeatmap empty;
  empty.resize(50, 40);
  QImage small(empty.size(), QImage::Format_ARGB32);
  empty.render(&small);
  QVERIFY(empty.setAttention(kTokens, 1, 1, codedWeights(1, 1, 5)));
  empty.render(&small);
}

void TestAttentionHeatmap::singleMatrixAndRamp() {
  AttentionHeatmap map;
  map.setRamp(AttentionHeatmap::Ramp::Diverging);
  map.setValueRange(-1, 1);
  std::vector<float> m(25, 0.0f);
  for (int i = 0; i < 5; ++i) m[size_t(i) * 5 + size_t(i)] = 1.0f;
  m[1] = -0.5f;
  QVERIFY(map.setMatrix(kTokens, m));
  QCOMPARE(map.layerCount(), 1);
  QCOMPARE(map.value(0, 1), -0.5f);
  QVERIFY(!map.setMatrix(kTokens, std::vector<float>(24)));
  // The diverging ramp is white in the middle and saturated at both ends.
  const QColor mid = AttentionHeatmap::rampColor(AttentionHeatmap::Ramp::Diverging, 0.5);
  QVERIFY(mid.lightness() > 230);
  QVERIFY(AttentionHeatmap::rampColor(AttentionHeatmap::Ramp::Diverging, 0.0).blue() >
          AttentionHeatmap::rampColor(AttentionHeatmap::Ramp::Diverging, 0.0).red());
  QVERIFY(AttentionHeatmap::rampColor(AttentionHeatmap::Ramp::Diverging, 1.0).red() >
          AttentionHeatmap::rampColor(AttentionHeatmap::Ramp::Diverging, 1.0).blue());
}

QTEST_MAIN(TestAttentionHeatmap)
#include "test_attention_heatmap.moc"
