#pragma once
// What TrainingChart keeps of one run: its points, the smoothed loss over all of them, streaming
// downsamplers of what is drawn, the running extremes that choose axis units and the log floor,
// and the chart series it owns in each chart. (Not the window's run records: those describe a
// run on disk; this is only its picture.)
#include <QColor>
#include <QString>
#include <QVector>
#include <limits>
#include <memory>
#include <vector>

#include "ui/charts/ChartAxes.h"
#include "ui/charts/Smoother.h"
#include "ui/charts/StreamingDownsampler.h"
#include "ui/charts/TrainingChart.h"

class QLineSeries;

namespace embedlab::ui {

// A model-specific series (BERT's MLM accuracy, ELMo's perplexity), logged by step.
struct TrainingExtraSeries {
  QString name;
  std::vector<double> step, value;
  QLineSeries* series = nullptr;
  bool dirty = true;
  AxisRange x, y;
};

struct TrainingRunSeries {
  QString id, name;
  int colorIndex = 0;
  QColor color;
  QVector<TrainingPoint> points;
  std::vector<double> smoothed;   // smoothed[i] belongs to points[i]; over all points, never downsampled
  Smoother smoother;
  // What to draw of each series, maintained as points arrive (x in steps or seconds, unscaled).
  StreamingDownsampler rawDs{TrainingChart::kMaxDrawnPoints}, smoothDs{TrainingChart::kMaxDrawnPoints},
      lrDs{TrainingChart::kMaxDrawnPoints}, ipsDs{TrainingChart::kMaxDrawnPoints};
  double minPositiveLoss = std::numeric_limits<double>::infinity();  // of raw and smoothed: the floor for a log axis
  double maxStep = -std::numeric_limits<double>::infinity();
  double maxSeconds = -std::numeric_limits<double>::infinity();
  double maxItemsPerSec = -std::numeric_limits<double>::infinity();
  QLineSeries* raw = nullptr;
  QLineSeries* smooth = nullptr;
  QLineSeries* lr = nullptr;
  QLineSeries* ips = nullptr;
  std::vector<std::unique_ptr<TrainingExtraSeries>> extras;
  bool dirty = true;
  bool visible = true;                    // hidden from the legend: drawn nowhere, not in the axes
  AxisRange x, loss, lrRange, ipsRange;   // of what is drawn, for the axes

  // Point p with smoothed loss s arrived: update the extremes.
  void track(const TrainingPoint& p, double s);
  // Hands point i to the downsamplers, at its step or (byTime) its wall time.
  void feed(qsizetype i, bool byTime);
  // Everything derived from the points, from scratch: O(n), for a new weight, axis or data.
  void recompute(double weight, bool byTime);

  // The colour of the run in palette slot `index` (Tableau 10, then golden-angle hues).
  static QColor colorForIndex(int index);
};

}  // namespace embedlab::ui
