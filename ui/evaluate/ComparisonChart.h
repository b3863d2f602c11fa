#pragma once
// The model comparison as grouped bars (Qt Charts): one group per task, one bar set (colour) per
// model, showing accuracy or macro-F1. Follows a ComparisonTable as its rows change.
#include <QChartView>
#include <QPointer>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;

namespace embedlab::ui {

class ComparisonTable;

class ComparisonChart : public QChartView {
  Q_OBJECT
 public:
  enum class Metric { Accuracy, MacroF1 };

  explicit ComparisonChart(QWidget* parent = nullptr);

  void setTable(ComparisonTable* table);
  void setMetric(Metric metric);
  Metric shownMetric() const { return metric_; }  // not metric(): QWidget::metric(PaintDeviceMetric) is virtual

  QBarSeries* series() const { return series_; }
  QStringList categories() const;  // the tasks, in table order
  // Value drawn for a model on a task (0 when that row does not exist).
  double value(const QString& model, const QString& task) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  void retranslate();

  QPointer<ComparisonTable> table_;
  QBarSeries* series_;
  QBarCategoryAxis* tasks_;
  QValueAxis* values_;
  Metric metric_ = Metric::Accuracy;
};

}  // namespace embedlab::ui
