#include "ui/elmo/LayerWeightsChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace embedlab::ui {

namespace {

// Layer colours shared by the bars and the lines (Tableau 10, as the training charts).
QColor layerColor(int k) {
  static const QColor colors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x59, 0xa1, 0x4f),
                                  QColor(0xb0, 0x7a, 0xa1), QColor(0x76, 0xb7, 0xb2), QColor(0xed, 0xc9, 0x48)};
  return colors[k % 6];
}
const QColor kGammaColor(0xe1, 0x57, 0x59);

QChart* makeChart() {
  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setBackgroundRoundness(0);
  chart->setMargins(QMargins(4, 4, 4, 4));
  QFont font = chart->titleFont();
  font.setBold(true);
  chart->setTitleFont(font);
  return chart;
}

void styleAxis(QValueAxis* axis) {
  axis->setGridLinePen(QPen(QColor(0xdd, 0xdd, 0xdd), 1));
  axis->setLinePen(QPen(QColor(0x99, 0x99, 0x99), 1));
  QFont font = axis->titleFont();
  font.setBold(false);
  axis->setTitleFont(font);
}

}  // namespace

std::vector<double> LayerWeightsChart::softmax(const std::vector<double>& s) {
  std::vector<double> w(s.size());
  if (s.empty()) return w;
  const double top = *std::max_element(s.begin(), s.end());  // subtract the max: exp never overflows
  double sum = 0;
  for (size_t i = 0; i < s.size(); ++i) sum += w[i] = std::exp(s[i] - top);
  for (double& v : w) v /= sum;
  return w;
}

LayerWeightsChart::LayerWeightsChart(QWidget* parent) : QWidget(parent) {
  barChart_ = makeChart();
  barChart_->legend()->hide();
  bars_ = new QBarSeries;
  barSet_ = new QBarSet(QString());
  barSet_->setColor(layerColor(0));
  barSet_->setBorderColor(layerColor(0));
  // γ is the last bar of the same set, drawn in its own colour as a "selected" bar: one centred
  // bar per category, and one value label each.
  barSet_->setSelectedColor(kGammaColor);
  bars_->append(barSet_);
  bars_->setBarWidth(0.6);
  bars_->setLabelsVisible(true);
  bars_->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
  bars_->setLabelsFormat(QStringLiteral("@value"));
  bars_->setLabelsPrecision(3);
  barChart_->addSeries(bars_);
  categories_ = new QBarCategoryAxis;
  barChart_->addAxis(categories_, Qt::AlignBottom);
  bars_->attachAxis(categories_);
  barAxis_ = new QValueAxis;
  styleAxis(barAxis_);
  barAxis_->setRange(0, 1);
  barAxis_->setLabelFormat(QStringLiteral("%.2f"));
  barChart_->addAxis(barAxis_, Qt::AlignLeft);
  bars_->attachAxis(barAxis_);
  barView_ = new QChartView(barChart_, this);
  barView_->setRenderHint(QPainter::Antialiasing);
  barView_->setMinimumSize(220, 200);

  historyChart_ = makeChart();
  historyChart_->legend()->setAlignment(Qt::AlignBottom);
  epochAxis_ = new QValueAxis;
  styleAxis(epochAxis_);
  epochAxis_->setLabelFormat(QStringLiteral("%d"));
  epochAxis_->setRange(0, 1);
  historyChart_->addAxis(epochAxis_, Qt::AlignBottom);
  valueAxis_ = new QValueAxis;
  styleAxis(valueAxis_);
  valueAxis_->setLabelFormat(QStringLiteral("%.2f"));
  valueAxis_->setRange(0, 1);
  historyChart_->addAxis(valueAxis_, Qt::AlignLeft);
  historyView_ = new QChartView(historyChart_, this);
  historyView_->setRenderHint(QPainter::Antialiasing);
  historyView_->setMinimumSize(260, 200);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(barView_, 2);
  layout->addWidget(historyView_, 3);

  ensureLayers(3);  // ELMo's three layers, uniform until a mix arrives
  retranslate();
}

void LayerWeightsChart::ensureLayers(int k) {
  k = std::max(k, 1);
  if (static_cast<int>(lines_.size()) == k + 1) return;
  // A different layer count is a different model: the history restarts.
  for (QLineSeries* s : lines_) {
    historyChart_->removeSeries(s);
    delete s;
  }
  lines_.clear();
  epochs_.clear();
  history_.clear();
  for (int i = 0; i <= k; ++i) {
    auto* s = new QLineSeries;
    QPen pen(i < k ? layerColor(i) : kGammaColor, 2);
    if (i == k) pen.setStyle(Qt::DashLine);
    s->setPen(pen);
    s->setPointsVisible(true);
    historyChart_->addSeries(s);
    s->attachAxis(epochAxis_);
    s->attachAxis(valueAxis_);
    lines_.push_back(s);
  }
  weights_.assign(size_t(k), 1.0 / k);
  gamma_ = 1;
  retranslate();
  updateBars();
  updateAxes();
}

void LayerWeightsChart::setWeights(const std::vector<double>& weights, double gamma) {
  if (weights.empty()) return;
  ensureLayers(static_cast<int>(weights.size()));
  weights_ = weights;
  gamma_ = gamma;
  updateBars();
  updateAxes();
}

void LayerWeightsChart::setScalars(const std::vector<double>& s, double gamma) { setWeights(softmax(s), gamma); }

void LayerWeightsChart::appendEpoch(double epoch, const std::vector<double>& weights, double gamma) {
  if (weights.empty()) return;
  setWeights(weights, gamma);
  epochs_.push_back(epoch);
  std::vector<double> row = weights;
  row.push_back(gamma);
  history_.push_back(row);
  for (size_t i = 0; i < lines_.size(); ++i) lines_[i]->append(epoch, row[i]);
  updateAxes();
}

void LayerWeightsChart::clear() {
  const int k = layerCount();
  for (QLineSeries* s : lines_) s->clear();
  epochs_.clear();
  history_.clear();
  weights_.assign(size_t(std::max(k, 1)), 1.0 / std::max(k, 1));
  gamma_ = 1;
  updateBars();
  updateAxes();
}

std::vector<std::pair<double, double>> LayerWeightsChart::history(int k) const {
  std::vector<std::pair<double, double>> out;
  if (k < 0 || k > layerCount()) return out;
  for (size_t e = 0; e < epochs_.size(); ++e) out.emplace_back(epochs_[e], history_[e][size_t(k)]);
  return out;
}

std::vector<double> LayerWeightsChart::barValues() const {
  std::vector<double> v;
  const int k = layerCount();
  for (int i = 0; i <= k && i < barSet_->count(); ++i) v.push_back(barSet_->at(i));
  return v;
}

int LayerWeightsChart::historyPointCount(int k) const {
  if (k < 0 || k >= static_cast<int>(lines_.size())) return 0;
  return static_cast<int>(lines_[size_t(k)]->count());
}

void LayerWeightsChart::updateBars() {
  const int k = layerCount();
  QList<qreal> values;
  for (int i = 0; i < k; ++i) values << weights_[size_t(i)];
  values << gamma_;
  if (barSet_->count() == values.size()) {
    for (int i = 0; i < values.size(); ++i) barSet_->replace(i, values[i]);  // live: no relayout
  } else {
    barSet_->remove(0, barSet_->count());
    barSet_->append(values);
  }
  barSet_->deselectAllBars();
  barSet_->selectBar(k);
}

void LayerWeightsChart::updateAxes() {
  // Weights live in [0, 1]; γ may grow past 1, and the axis grows with it.
  double top = 1;
  top = std::max(top, gamma_);
  for (const auto& row : history_) top = std::max(top, row.back());
  if (std::isfinite(top)) {
    top = std::ceil(top * 10.0 * 1.05) / 10.0;
    barAxis_->setRange(std::min(0.0, gamma_), top);
    valueAxis_->setRange(0, top);
  }
  const double lastEpoch = epochs_.empty() ? 1 : std::max(1.0, epochs_.back());
  const double firstEpoch = epochs_.empty() ? 0 : std::min(0.0, epochs_.front());
  epochAxis_->setRange(firstEpoch, lastEpoch);
  // Whole epochs only: ticks every 1, 2, 5, 10, ... epochs, about ten of them at most.
  double interval = 1;
  for (double decade = 1; interval == 1 && (lastEpoch - firstEpoch) / decade > 10; decade *= 10)
    for (double m : {2.0, 5.0, 10.0})
      if ((lastEpoch - firstEpoch) / (m * decade) <= 10) {
        interval = m * decade;
        break;
      }
  epochAxis_->setTickType(QValueAxis::TicksDynamic);
  epochAxis_->setTickAnchor(0);
  epochAxis_->setTickInterval(interval);
}

void LayerWeightsChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void LayerWeightsChart::retranslate() {
  const int k = layerCount();
  barChart_->setTitle(tr("Layer weights softmax(s) and γ"));
  historyChart_->setTitle(tr("Weights over the epochs"));
  QStringList names, shortNames;
  for (int i = 0; i < k; ++i) {
    names << tr("Layer %1").arg(i);
    shortNames << tr("L%1", "short for layer N under a bar").arg(i);
  }
  names << tr("γ");
  shortNames << tr("γ");
  categories_->setCategories(shortNames);  // under narrow bars; the lines' legend has the long names
  barSet_->setLabel(tr("weight"));
  for (size_t i = 0; i < lines_.size(); ++i) lines_[i]->setName(names.value(int(i)));
  barAxis_->setTitleText(tr("value"));
  categories_->setTitleText(tr("layer"));
  epochAxis_->setTitleText(tr("epoch"));
  valueAxis_->setTitleText(tr("value"));
}

}  // namespace embedlab::ui
