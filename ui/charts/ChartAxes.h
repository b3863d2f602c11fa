#pragma once
// Axes for live line charts whose data keep growing: the span of what is drawn, unit multiples
// that keep labels short ("12.5 millions"), round tick intervals, and ranges set so that Qt Charts
// never lays out an absurd number of tick labels (it allocates a label per tick, without limit).
// Also the house style of titles and axes shared by the stacked training charts.
#include <QString>
#include <algorithm>
#include <limits>
#include <vector>

class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QLogValueAxis;
class QValueAxis;

namespace embedlab::ui {

// Smallest and largest value seen; empty (invalid) until the first add().
struct AxisRange {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  void merge(const AxisRange& o) {
    lo = std::min(lo, o.lo);
    hi = std::max(hi, o.hi);
  }
  bool valid() const { return lo <= hi; }
};

// A unit multiple so that axis labels stay short: 12,500,000 words -> 12.5 (millions).
struct AxisScale {
  double factor = 1;
  QString suffix;
  bool operator==(const AxisScale& o) const { return factor == o.factor; }
};

class ChartAxes {
 public:
  // Thousands, millions or billions of a count; shortSuffix gives "k", "M", "G".
  static AxisScale countScale(double maxAbs, bool shortSuffix = false);
  // Seconds, minutes or hours for a time axis.
  static AxisScale timeScale(double maxSeconds);
  // A round tick interval (1, 2 or 5 times a power of ten) giving about `ticks` intervals.
  static double niceInterval(double span, int ticks);

  // [lo, hi] with round ticks (about `ticks` of them) and labels with just enough decimals.
  // Non-finite bounds leave the axis as it is; a range of a few ulps is padded like one value.
  static void setLinearRange(QValueAxis* axis, double lo, double hi, int ticks);
  // A log axis over whole powers of its base covering [lo, hi] (lo > 0): base 2 when the range
  // spans under ~2.5 decades (so a loss from 6 to 2 gets labels 2, 4, 8), base 10 beyond.
  static void setLogRange(QLogValueAxis* axis, double lo, double hi);

  // Stacked charts that share the x axis should start and end their plot areas at the same pixel
  // columns; their y axes differ in label width, so each chart's side margin absorbs the
  // difference. Settles after one round (labels do not depend on the margins). Pass only charts
  // that have been laid out.
  static void alignPlotAreas(const std::vector<QChart*>& charts);

  // Every chart's margin is kBaseMargin before alignment widens it.
  static constexpr int kBaseMargin = 4;
  static void styleChart(QChart* chart, const QString& title);
  static void styleAxis(QAbstractAxis* axis, const QString& title);
  static void hideLegendEntry(QChart* chart, QAbstractSeries* series);
};

}  // namespace embedlab::ui
