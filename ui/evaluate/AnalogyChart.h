#pragma once
// Per-section analogy accuracy as horizontal bars (Qt Charts), sections top-down in file order and
// the total at the bottom in its own colour. Hovering a bar shows its counts.
#include <QChartView>
#include <QStringList>

#include <optional>

#include "ui/evaluate/EvaluationResult.h"

class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QValueAxis;

namespace embedlab::ui {

class AnalogyChart : public QChartView {
  Q_OBJECT
 public:
  explicit AnalogyChart(QWidget* parent = nullptr);

  void setResult(const EvaluationResult::Analogy& result);
  void clear();
  bool hasResult() const { return result_.has_value(); }

  QHorizontalBarSeries* series() const { return series_; }
  QBarSet* barSet() const { return set_; }
  // Bars in logical order, top-down: bar i < number of sections is that section, the last bar is
  // the total. Values are accuracies in percent, as drawn.
  int barCount() const;
  double barValue(int bar) const;
  QString barLabel(int bar) const;   // section name, or the translated "total"
  QString barToolTip(int bar) const;  // what hovering the bar shows

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  void retranslate();
  int setIndex(int bar) const;

  QHorizontalBarSeries* series_;
  QBarSet* set_;
  QBarCategoryAxis* categories_;
  QValueAxis* values_;
  std::optional<EvaluationResult::Analogy> result_;
};

}  // namespace embedlab::ui
