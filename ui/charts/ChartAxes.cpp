#include "ui/charts/ChartAxes.h"

#include <QChart>
#include <QFont>
#include <QLegend>
#include <QLegendMarker>
#include <QLogValueAxis>
#include <QObject>
#include <QPen>
#include <QValueAxis>
#include <cmath>
#include <utility>

namespace embedlab::ui {

namespace {
// Axis bands are tick labels and titles: bounded, so a wild measurement cannot run away.
constexpr double kMaxBand = 160;
}  // namespace

AxisScale ChartAxes::countScale(double maxAbs, bool shortSuffix) {
  if (maxAbs >= 1e10) return {1e9, shortSuffix ? QStringLiteral("G") : QObject::tr("billions")};
  if (maxAbs >= 1e7) return {1e6, shortSuffix ? QStringLiteral("M") : QObject::tr("millions")};
  if (maxAbs >= 1e4) return {1e3, shortSuffix ? QStringLiteral("k") : QObject::tr("thousands")};
  return {1, QString()};
}

AxisScale ChartAxes::timeScale(double maxSeconds) {
  if (maxSeconds >= 3 * 3600.0) return {3600, QObject::tr("h")};
  if (maxSeconds >= 180.0) return {60, QObject::tr("min")};
  return {1, QObject::tr("s")};
}

double ChartAxes::niceInterval(double span, int ticks) {
  if (!(span > 0) || !std::isfinite(span)) return 1;
  const double raw = span / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  const double nice = r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10;
  return nice * mag;
}

void ChartAxes::setLinearRange(QValueAxis* axis, double lo, double hi, int ticks) {
  // A non-finite bound (an infinite throughput from a zero interval, say) would ask Qt Charts for
  // endless tick labels: it then allocates until the machine runs out of memory. Keep the axis.
  if (!std::isfinite(lo) || !std::isfinite(hi)) return;
  // A range of a few floating-point steps (a loss that has settled on one value) gives a tick
  // interval below the values' resolution: lo + k·interval then never moves and Qt Charts keeps
  // making labels forever. Such a range is one value, padded like an empty one.
  if (!(hi - lo > 1e-9 * std::max(std::abs(lo), std::abs(hi)))) {
    const double pad = std::abs(lo) > 0 ? std::abs(lo) * 0.1 : 1.0;
    lo -= pad;
    hi += pad;
  }
  const double interval = niceInterval(hi - lo, ticks);
  if (!((hi - lo) / interval < 1000)) {  // spans too wide for double's ticks: a few fixed ticks
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setTickCount(std::clamp(ticks + 1, 2, 12));
    axis->setRange(lo, hi);
    return;
  }
  if (axis->tickType() == QValueAxis::TicksDynamic && axis->tickInterval() == interval) {
    axis->setRange(lo, hi);   // the common live case: the range grows a little, same ticks
  } else {
    // Fixed ticks while the range changes: with the old interval still in force, a range that
    // grew 1000-fold would first lay out 1000 times too many tick labels.
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(lo, hi);
    axis->setTickAnchor(0);
    axis->setTickInterval(interval);
    axis->setTickType(QValueAxis::TicksDynamic);
  }
  const int decimals = interval >= 1 ? 0 : int(std::ceil(-std::log10(interval) - 1e-9));
  axis->setLabelFormat(QStringLiteral("%.%1f").arg(std::clamp(decimals, 0, 12)));
}

void ChartAxes::setLogRange(QLogValueAxis* axis, double lo, double hi) {
  // A log axis labels only powers of its base, so the range spans whole powers. A loss that
  // falls from 6 to 2 would get just the labels 1 and 10 in base 10: below ~2.5 decades,
  // base 2 labels it 2, 4, 8.
  const double base = hi / lo <= 256 ? 2.0 : 10.0;
  const double logBase = std::log(base);
  const double axisLo = std::pow(base, std::floor(std::log(lo) / logBase + 1e-9));
  double axisHi = std::pow(base, std::ceil(std::log(hi) / logBase - 1e-9));
  if (!(axisHi > axisLo)) axisHi = axisLo * base;
  if (axis->base() != base) {
    axis->setBase(base);
    axis->setMinorTickCount(base == 10 ? 8 : 1);
  }
  axis->setRange(axisLo, axisHi);
}

void ChartAxes::alignPlotAreas(const std::vector<QChart*>& charts) {
  double left = 0, right = 0;   // widest axis band on each side, beyond the base margin
  auto bands = [](QChart* c) {
    const QRectF plot = c->plotArea(), all = c->rect();
    const QMargins m = c->margins();
    return std::pair{std::clamp(plot.left() - all.left() - m.left(), 0.0, kMaxBand),
                     std::clamp(all.right() - plot.right() - m.right(), 0.0, kMaxBand)};
  };
  for (QChart* c : charts) {
    const auto [l, r] = bands(c);
    left = std::max(left, l);
    right = std::max(right, r);
  }
  for (QChart* c : charts) {
    const auto [l, r] = bands(c);
    QMargins m = c->margins();
    const QMargins want(kBaseMargin + int(std::lround(left - l)), m.top(), kBaseMargin + int(std::lround(right - r)),
                        m.bottom());
    if (want != m) c->setMargins(want);
  }
}

void ChartAxes::styleChart(QChart* chart, const QString& title) {
  chart->setTitle(title);
  QFont font = chart->titleFont();
  font.setBold(true);
  font.setPointSizeF(font.pointSizeF() + 1);
  chart->setTitleFont(font);
  chart->setAnimationOptions(QChart::NoAnimation);   // animations would replay on every redraw
  chart->setBackgroundRoundness(0);
  chart->setMargins(QMargins(kBaseMargin, kBaseMargin, kBaseMargin, kBaseMargin));
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->legend()->setShowToolTips(true);
  chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);   // a line, dashed where the series is
}

void ChartAxes::styleAxis(QAbstractAxis* axis, const QString& title) {
  axis->setTitleText(title);
  QFont font = axis->titleFont();
  font.setBold(false);
  axis->setTitleFont(font);
  axis->setGridLinePen(QPen(QColor(0xdd, 0xdd, 0xdd), 1));
  axis->setMinorGridLinePen(QPen(QColor(0xee, 0xee, 0xee), 1, Qt::DotLine));
  axis->setLinePen(QPen(QColor(0x99, 0x99, 0x99), 1));
}

void ChartAxes::hideLegendEntry(QChart* chart, QAbstractSeries* series) {
  for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
}

}  // namespace embedlab::ui
