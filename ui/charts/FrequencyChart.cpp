#include "ui/charts/FrequencyChart.h"

#include <QEvent>

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/charts/ChartExport.h"
#include "ui/charts/HoverChartView.h"

namespace embedlab::ui {

namespace {

void styleAxis(QLogValueAxis* axis, const QString& title) {
  axis->setTitleText(title);
  QFont font = axis->titleFont();
  font.setBold(false);
  axis->setTitleFont(font);
  axis->setBase(10);
  axis->setLabelFormat(QStringLiteral("%g"));
  axis->setMinorTickCount(8);
  axis->setGridLinePen(QPen(QColor(0xdd, 0xdd, 0xdd), 1));
  axis->setMinorGridLinePen(QPen(QColor(0xf0, 0xf0, 0xf0), 1));
  axis->setLinePen(QPen(QColor(0x99, 0x99, 0x99), 1));
}

double decadeBelow(double v) { return std::pow(10.0, std::floor(std::log10(v))); }
double decadeAbove(double v) { return std::pow(10.0, std::ceil(std::log10(v))); }

}  // namespace

std::vector<int64_t> FrequencyChart::sampleRanks(int64_t n, int maxPoints) {
  std::vector<int64_t> ranks;
  if (n <= 0) return ranks;
  maxPoints = std::max(maxPoints, 2);
  if (n <= maxPoints) {
    ranks.resize(size_t(n));
    for (int64_t r = 1; r <= n; ++r) ranks[size_t(r - 1)] = r;
    return ranks;
  }
  // Log spacing repeats small ranks (rank 1, 1, 1, 2, 2, ...), so the head is taken whole: ranks
  // 1..k-1 one by one, then the remaining points log-spaced from k to n, with k the first rank
  // where the log step is at least one whole rank.
  const auto stepAt = [n](int64_t k, int64_t m) { return std::exp(std::log(double(n) / double(k)) / double(m - 1)); };
  int64_t k = 1;
  while (k < n && maxPoints - (k - 1) > 2 && double(k) * (stepAt(k, maxPoints - (k - 1)) - 1) < 1) ++k;
  const int64_t m = maxPoints - (k - 1);
  ranks.reserve(size_t(maxPoints));
  for (int64_t r = 1; r < k; ++r) ranks.push_back(r);
  const double logK = std::log(double(k)), logN = std::log(double(n));
  for (int64_t i = 0; i < m; ++i) {
    int64_t r = std::llround(std::exp(logK + (logN - logK) * double(i) / double(m - 1)));
    r = std::clamp<int64_t>(r, 1, n);
    if (ranks.empty() || r > ranks.back()) ranks.push_back(r);
  }
  if (ranks.back() != n) ranks.push_back(n);   // rounding can only fall short at the very end
  return ranks;
}

FrequencyChart::FrequencyChart(QWidget* parent) : QWidget(parent) {
  chart_ = new QChart;
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->setBackgroundRoundness(0);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  QFont font = chart_->titleFont();
  font.setBold(true);
  font.setPointSizeF(font.pointSizeF() + 1);
  chart_->setTitleFont(font);
  setTitle(tr("Word frequencies"));

  rankAxis_ = new QLogValueAxis;
  styleAxis(rankAxis_, tr("rank (log scale)"));
  countAxis_ = new QLogValueAxis;
  styleAxis(countAxis_, tr("count (log scale)"));
  chart_->addAxis(rankAxis_, Qt::AlignBottom);
  chart_->addAxis(countAxis_, Qt::AlignLeft);

  zipf_ = new QLineSeries(chart_);
  zipf_->setName(tr("Zipf: count(1) / rank"));
  zipf_->setPen(QPen(QColor(0x99, 0x99, 0x99), 1.5, Qt::DashLine));
  series_ = new QLineSeries(chart_);
  series_->setName(tr("corpus"));
  series_->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
  for (QLineSeries* s : {zipf_, series_}) {
    chart_->addSeries(s);
    s->attachAxis(rankAxis_);
    s->attachAxis(countAxis_);
  }
  rankAxis_->setRange(1, 10);
  countAxis_->setRange(1, 10);

  view_ = new HoverChartView(chart_, this);
  view_->setMinimumSize(320, 220);
  connect(view_, &HoverChartView::hovered, this, [this](QPointF value, QPoint globalPos) {
    if (ranks_ == 0) return;
    // The nearest drawn point in log-rank: what the eye sees under the crosshair.
    const QList<QPointF> pts = series_->points();
    if (pts.isEmpty()) return;
    const double target = std::log(std::max(value.x(), 1.0));
    auto best = std::min_element(pts.begin(), pts.end(), [target](const QPointF& a, const QPointF& b) {
      return std::abs(std::log(a.x()) - target) < std::abs(std::log(b.x()) - target);
    });
    QToolTip::showText(globalPos + QPoint(14, 10),
                       tr("rank %1: count %2").arg(qint64(best->x())).arg(qint64(best->y())), view_);
  });
  connect(view_, &HoverChartView::hoverLeft, this, [] { QToolTip::hideText(); });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
}

void FrequencyChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void FrequencyChart::retranslate() {
  setTitle(tr("Word frequencies"));
  rankAxis_->setTitleText(tr("rank (log scale)"));
  countAxis_->setTitleText(tr("count (log scale)"));
  zipf_->setName(tr("Zipf: count(1) / rank"));
  series_->setName(tr("corpus"));
}

void FrequencyChart::setTitle(const QString& title) { chart_->setTitle(title); }

void FrequencyChart::setCounts(const std::vector<int64_t>& counts) {
  // Ranks with a positive count: a sorted list ends with its zeros, if any.
  int64_t n = int64_t(counts.size());
  while (n > 0 && counts[size_t(n - 1)] <= 0) --n;
  ranks_ = n;
  QList<QPointF> pts, ref;
  if (n > 0) {
    const std::vector<int64_t> ranks = sampleRanks(n);
    pts.reserve(qsizetype(ranks.size()));
    int64_t maxCount = 1, minCount = counts[0] > 0 ? counts[0] : 1;
    for (int64_t r : ranks) {
      const int64_t c = counts[size_t(r - 1)];
      if (c <= 0) continue;   // an unsorted input may hide zeros in the middle
      pts.append(QPointF(double(r), double(c)));
      maxCount = std::max(maxCount, c);
      minCount = std::min(minCount, c);
    }
    const double top = double(counts[0] > 0 ? counts[0] : maxCount);
    // The reference line stops where it would leave the axis range.
    const double lastRank = std::min(double(n), top / std::max(1.0, double(minCount) / 2));
    ref = {QPointF(1, top), QPointF(std::max(lastRank, 1.0), top / std::max(lastRank, 1.0))};
    rankAxis_->setRange(1, std::max(10.0, decadeAbove(double(n))));
    countAxis_->setRange(std::max(decadeBelow(double(minCount)) / (minCount < 2 ? 10.0 : 1.0), 0.1),
                         std::max(10.0, decadeAbove(double(maxCount) * 1.01)));
  } else {
    rankAxis_->setRange(1, 10);
    countAxis_->setRange(1, 10);
  }
  series_->replace(pts);
  zipf_->replace(ref);
}

int FrequencyChart::drawnPointCount() const { return int(series_->count()); }

bool FrequencyChart::exportPng(const QString& path) const {
  const QImage image = ChartExport::renderWidget(const_cast<FrequencyChart*>(this));
  return ChartExport::writePng(image, path, &lastError_);
}

}  // namespace embedlab::ui
