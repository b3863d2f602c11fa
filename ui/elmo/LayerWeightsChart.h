#pragma once
// ELMo's learned scalar mix on screen (Qt Charts): a bar chart of the layer weights softmax(s)
// (one bar per biLM layer, three for ELMo) and the scale γ, replaced in place as the mix trains,
// and beside it the history of the same values over the epochs as lines.
// Plain numbers in, no model types: the page feeds it from the mix trainer's per-epoch callback.
#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QLineSeries;
class QBarSeries;
class QValueAxis;

namespace embedlab::ui {

class LayerWeightsChart : public QWidget {
  Q_OBJECT
 public:
  explicit LayerWeightsChart(QWidget* parent = nullptr);

  // The current mix: weights = softmax(s) (K values that sum to 1) and γ. The number of layers
  // may change between calls (the bars and lines follow).
  void setWeights(const std::vector<double>& weights, double gamma);
  // The same from the raw scalars s.
  void setScalars(const std::vector<double>& s, double gamma);
  // Appends one point per series to the history (x = epoch) and shows it on the bars.
  void appendEpoch(double epoch, const std::vector<double>& weights, double gamma);
  void clear();  // no bars, no history

  int layerCount() const { return static_cast<int>(weights_.size()); }
  const std::vector<double>& weights() const { return weights_; }
  double gamma() const { return gamma_; }
  int historyLength() const { return static_cast<int>(epochs_.size()); }
  // History of layer k (k = layerCount() for γ) as (epoch, value) pairs.
  std::vector<std::pair<double, double>> history(int k) const;

  // What the bars show now (K weights then γ), read back from the chart series, for tests.
  std::vector<double> barValues() const;
  // Points of the history line of layer k (k = layerCount(): γ), read back from the chart.
  int historyPointCount(int k) const;

  static std::vector<double> softmax(const std::vector<double>& s);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void ensureLayers(int k);
  void updateBars();
  void updateAxes();
  void retranslate();

  QChart* barChart_ = nullptr;
  QChartView* barView_ = nullptr;
  QBarSeries* bars_ = nullptr;
  QBarSet* barSet_ = nullptr;      // K weights, then γ
  QBarCategoryAxis* categories_ = nullptr;
  QValueAxis* barAxis_ = nullptr;

  QChart* historyChart_ = nullptr;
  QChartView* historyView_ = nullptr;
  std::vector<QLineSeries*> lines_;  // K layers, then γ
  QValueAxis* epochAxis_ = nullptr;
  QValueAxis* valueAxis_ = nullptr;

  std::vector<double> weights_;
  double gamma_ = 1;
  std::vector<double> epochs_;
  std::vector<std::vector<double>> history_;  // per epoch: K weights then γ
};

}  // namespace embedlab::ui
