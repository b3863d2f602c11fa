#pragma once
// Live training charts (contract between the window and the charts; implemented in ui/charts/).
// Two stacked Qt Charts: loss (raw faint + debiased-EMA smoothed, per run) and learning rate /
// throughput. Several runs overlaid with a legend. What is drawn is downsampled, so a million
// points per run keep the window smooth.
#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <memory>

namespace embedlab::ui {

struct TrainingPoint {
  double step = 0;          // words (Word2Vec) or steps (BERT, ELMo)
  double seconds = 0;       // wall time since the run started, pauses excluded
  double loss = 0;
  double lr = 0;
  double itemsPerSec = 0;
};

class TrainingChart : public QWidget {
  Q_OBJECT
 public:
  enum class XAxis { Step, WallTime };

  explicit TrainingChart(QWidget* parent = nullptr);
  ~TrainingChart() override;

  // Runs are identified by an id; the name is what the legend shows.
  void addRun(const QString& runId, const QString& name);
  void renameRun(const QString& runId, const QString& name);
  void removeRun(const QString& runId);
  void clearRuns();
  bool hasRun(const QString& runId) const;

  // Appending is cheap (amortised O(1)); the view redraws at most ~20 times a second.
  void appendPoint(const QString& runId, const TrainingPoint& point);
  void setPoints(const QString& runId, const QVector<TrainingPoint>& points);
  const QVector<TrainingPoint>& points(const QString& runId) const;

  // Extra series of a model (e.g. BERT's MLM accuracy, ELMo's perplexity) on a third chart that
  // appears when the first extra point arrives.
  void appendExtra(const QString& runId, const QString& series, double step, double value);

  void setSmoothing(double weight);   // 0..0.999, TensorBoard's debiased EMA weight; default 0.6
  double smoothing() const;
  void setLogScale(bool on);
  void setXAxis(XAxis axis);

  bool exportPng(const QString& path) const;   // the charts as shown
  bool exportCsv(const QString& path) const;   // run,step,seconds,loss,smoothed,lr,items_per_sec

  // --- Additions beyond the first contract (all optional for callers). ---
  // Axis wording: what a step counts ("words" for Word2Vec) and what throughput counts.
  void setUnits(const QString& stepUnit, const QString& itemUnit);
  bool logScale() const;
  XAxis xAxis() const;
  QColor runColor(const QString& runId) const;     // the run's colour in every chart (for tables)
  QStringList runIds() const;                      // in the order they were added
  // A hidden run keeps its data and legend entry (greyed) but is drawn nowhere; clicking its
  // legend entry toggles this too.
  void setRunVisible(const QString& runId, bool visible);
  bool isRunVisible(const QString& runId) const;
  QString lastError() const;                       // why the last export failed
  // Draws pending changes now instead of waiting for the coalescing timer (tests, exports).
  void redrawNow();
  // Points currently drawn for a run's smoothed loss curve (<= kMaxDrawnPoints).
  int drawnPointCount(const QString& runId) const;
  bool extrasVisible() const;
  // What the hover tooltip shows at x (in steps or seconds, as the x axis): every run's nearest
  // point with its raw and smoothed loss. Rich text.
  QString hoverText(double x) const;

  static constexpr int kMaxDrawnPoints = 2000;     // per series
  static constexpr int kRedrawIntervalMs = 50;     // at most ~20 redraws a second

 signals:
  void smoothingChanged(double weight);

 protected:
  // Titles, axis names and legend entries follow a language switch (QEvent::LanguageChange).
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  struct Private;
  std::unique_ptr<Private> d_;
};

}  // namespace embedlab::ui
