#include "ui/evaluate/ComparisonChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCursor>
#include <QEvent>
#include <QLegend>
#include <QToolTip>
#include <QValueAxis>

#include "ui/evaluate/ComparisonTable.h"

namespace embedlab::ui {

ComparisonChart::ComparisonChart(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumSize(300, 220);
  auto* c = new QChart;
  c->setMargins(QMargins(4, 4, 4, 4));
  c->legend()->setAlignment(Qt::AlignBottom);
  series_ = new QBarSeries(c);
  series_->setLabelsVisible(true);
  series_->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
  series_->setLabelsFormat(QStringLiteral("@value"));
  series_->setLabelsPrecision(3);
  c->addSeries(series_);
  tasks_ = new QBarCategoryAxis(c);
  values_ = new QValueAxis(c);
  values_->setRange(0, 1.05);
  values_->setTickCount(6);
  values_->setLabelFormat(QStringLiteral("%.1f"));
  c->addAxis(tasks_, Qt::AlignBottom);
  c->addAxis(values_, Qt::AlignLeft);
  series_->attachAxis(tasks_);
  series_->attachAxis(values_);
  setChart(c);
  connect(series_, &QBarSeries::hovered, this, [this](bool on, int index, QBarSet* set) {
    if (!on || !set) {
      QToolTip::hideText();
      return;
    }
    const QStringList tasks = categories();
    if (index < 0 || index >= tasks.size()) return;
    QToolTip::showText(QCursor::pos(),
                       QStringLiteral("<b>%1</b> · %2<br>%3 = %4")
                           .arg(set->label().toHtmlEscaped(), tasks[index].toHtmlEscaped(),
                                metric_ == Metric::Accuracy ? tr("accuracy") : tr("macro-F1"),
                                QString::number(set->at(index), 'f', 4)),
                       this);
  });
  retranslate();
}

void ComparisonChart::setTable(ComparisonTable* table) {
  if (table_) disconnect(table_, nullptr, this, nullptr);
  table_ = table;
  if (table_) {
    connect(table_, &QAbstractItemModel::modelReset, this, &ComparisonChart::rebuild);
    connect(table_, &QAbstractItemModel::rowsInserted, this, &ComparisonChart::rebuild);
    connect(table_, &QAbstractItemModel::rowsRemoved, this, &ComparisonChart::rebuild);
    connect(table_, &QAbstractItemModel::dataChanged, this, &ComparisonChart::rebuild);
  }
  rebuild();
}

void ComparisonChart::setMetric(Metric metric) {
  if (metric == metric_) return;
  metric_ = metric;
  rebuild();
}

QStringList ComparisonChart::categories() const { return tasks_->categories(); }

double ComparisonChart::value(const QString& model, const QString& task) const {
  const int t = static_cast<int>(categories().indexOf(task));
  if (t < 0) return 0;
  for (QBarSet* set : series_->barSets())
    if (set->label() == model) return t < set->count() ? set->at(t) : 0.0;
  return 0;
}

// Rebuilt from scratch on every change: a comparison holds a handful of models and tasks.
void ComparisonChart::rebuild() {
  series_->clear();
  tasks_->clear();
  if (table_ && table_->rowCount() > 0) {
    const QStringList tasks = table_->tasks();
    tasks_->append(tasks);
    for (const QString& model : table_->models()) {
      auto* set = new QBarSet(model);
      for (const QString& task : tasks) {
        const ComparisonRow* row = table_->row(table_->find(model, task));
        *set << (row ? (metric_ == Metric::Accuracy ? row->accuracy : row->macroF1) : 0.0);
      }
      series_->append(set);
    }
  }
  retranslate();
}

void ComparisonChart::retranslate() {
  chart()->setTitle(metric_ == Metric::Accuracy ? tr("Accuracy by task and model") : tr("Macro-F1 by task and model"));
  values_->setTitleText(metric_ == Metric::Accuracy ? tr("accuracy") : tr("macro-F1"));
}

void ComparisonChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QChartView::changeEvent(event);
}

}  // namespace embedlab::ui
