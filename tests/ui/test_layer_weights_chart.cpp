// ELMo's layer-weights chart: the bars show softmax(s) and γ as they are set, live updates replace
// the values in place, and the history lines gain one point per epoch.
#include <QImage>
#include <QtTest>

#include <cmath>
#include <vector>

#include "ui/elmo/LayerWeightsChart.h"

using embedlab::ui::LayerWeightsChart;

class TestLayerWeightsChart : public QObject {
  Q_OBJECT
 private slots:
  void startsUniform();
  void softmaxIsStable();
  void valuesUpdateLive();
  void historyGrowsPerEpoch();
  void layerCountChangeRestarts();
  void paintsOffscreen();
};

void TestLayerWeightsChart::startsUniform() {
  LayerWeightsChart chart;
  QCOMPARE(chart.layerCount(), 3);
  const std::vector<double> bars = chart.barValues();
  QCOMPARE(bars.size(), size_t(4));
  for (int k = 0; k < 3; ++k) QVERIFY(std::abs(bars[size_t(k)] - 1.0 / 3.0) < 1e-12);
  QCOMPARE(bars[3], 1.0);
  QCOMPARE(chart.historyLength(), 0);
}

void TestLayerWeightsChart::softmaxIsStable() {
  const std::vector<double> w = LayerWeightsChart::softmax({0.0, 0.0, 0.0});
  for (double v : w) QVERIFY(std::abs(v - 1.0 / 3.0) < 1e-12);
  const std::vector<double> big = LayerWeightsChart::softmax({1000.0, 999.0, -1000.0});
  QVERIFY(std::isfinite(big[0]) && std::isfinite(big[1]));
  QVERIFY(std::abs(big[0] + big[1] + big[2] - 1.0) < 1e-12);
  QVERIFY(std::abs(big[0] / big[1] - std::exp(1.0)) < 1e-9);
  QVERIFY(big[2] < 1e-300);
}

void TestLayerWeightsChart::valuesUpdateLive() {
  LayerWeightsChart chart;
  chart.setWeights({0.2, 0.5, 0.3}, 1.4);
  std::vector<double> bars = chart.barValues();
  QCOMPARE(bars, (std::vector<double>{0.2, 0.5, 0.3, 1.4}));
  QCOMPARE(chart.gamma(), 1.4);
  // From raw scalars: the chart applies the softmax.
  chart.setScalars({std::log(1.0), std::log(2.0), std::log(5.0)}, 0.7);
  bars = chart.barValues();
  QVERIFY(std::abs(bars[0] - 0.125) < 1e-12);
  QVERIFY(std::abs(bars[1] - 0.25) < 1e-12);
  QVERIFY(std::abs(bars[2] - 0.625) < 1e-12);
  QCOMPARE(bars[3], 0.7);
  QCOMPARE(chart.historyLength(), 0);  // setting values is not an epoch
}

void TestLayerWeightsChart::historyGrowsPerEpoch() {
  LayerWeightsChart chart;
  const std::vector<std::vector<double>> epochs = {{0.34, 0.33, 0.33}, {0.2, 0.5, 0.3}, {0.1, 0.7, 0.2}};
  const double gammas[] = {1.0, 1.3, 2.6};
  for (int e = 0; e < 3; ++e) chart.appendEpoch(e + 1, epochs[size_t(e)], gammas[e]);
  QCOMPARE(chart.historyLength(), 3);
  for (int k = 0; k <= 3; ++k) QCOMPARE(chart.historyPointCount(k), 3);
  const auto layer1 = chart.history(1);
  QCOMPARE(layer1.size(), size_t(3));
  QCOMPARE(layer1[2].first, 3.0);
  QCOMPARE(layer1[2].second, 0.7);
  const auto gamma = chart.history(3);
  QCOMPARE(gamma[1].second, 1.3);
  // The bars show the last epoch.
  QCOMPARE(chart.barValues(), (std::vector<double>{0.1, 0.7, 0.2, 2.6}));
  QVERIFY(chart.history(4).empty());
  chart.clear();
  QCOMPARE(chart.historyLength(), 0);
  QCOMPARE(chart.historyPointCount(0), 0);
}

void TestLayerWeightsChart::layerCountChangeRestarts() {
  LayerWeightsChart chart;
  chart.appendEpoch(1, {0.2, 0.5, 0.3}, 1.0);
  chart.setWeights({0.5, 0.5}, 2.0);
  QCOMPARE(chart.layerCount(), 2);
  QCOMPARE(chart.historyLength(), 0);
  QCOMPARE(chart.barValues(), (std::vector<double>{0.5, 0.5, 2.0}));
  chart.appendEpoch(1, {0.4, 0.6}, 2.0);
  QCOMPARE(chart.historyPointCount(2), 1);
  chart.setWeights({}, 1.0);  // ignored
  QCOMPARE(chart.layerCount(), 2);
}

void TestLayerWeightsChart::paintsOffscreen() {
  LayerWeightsChart chart;
  chart.resize(700, 300);
  for (int e = 1; e <= 5; ++e) chart.appendEpoch(e, LayerWeightsChart::softmax({0.1 * e, 0.0, -0.1 * e}), 1.0 + 0.1 * e);
  QImage image(chart.size(), QImage::Format_ARGB32);
  image.fill(Qt::white);
  chart.render(&image);
  // Something other than the background was drawn.
  int nonWhite = 0;
  for (int y = 0; y < image.height(); y += 4)
    for (int x = 0; x < image.width(); x += 4)
      if (image.pixel(x, y) != qRgb(255, 255, 255)) ++nonWhite;
  QVERIFY(nonWhite > 100);
}

QTEST_MAIN(TestLayerWeightsChart)
#include "test_layer_weights_chart.moc"
