#include "ui/evaluate/ComparisonResultsView.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

#include "ui/charts/ChartExport.h"
#include "ui/evaluate/ComparisonChart.h"
#include "ui/evaluate/ComparisonTable.h"
#include "ui/evaluate/ConfusionHeatmap.h"

namespace embedlab::ui {

// The texts keep the translation context of the panel they came from (ComparePanel, the panel
// with the most of them), so that the zh_CN catalogue translates them as before; lupdate reads
// these calls as written, which is why each names its context itself.

ComparisonResultsView::ComparisonResultsView(Options options, QWidget* parent)
    : QWidget(parent), options_(std::move(options)) {
  table_ = new ComparisonTable(this);
  view_ = new QTableView(this);
  view_->setModel(table_);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->verticalHeader()->hide();
  view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setSectionResizeMode(ComparisonTable::ModelColumn, QHeaderView::Stretch);
  chart_ = new ComparisonChart(this);
  chart_->setTable(table_);
  heatmap_ = new ConfusionHeatmap(this);

  tables_ = new QSplitter(Qt::Vertical, this);
  tables_->setChildrenCollapsible(false);
  tables_->addWidget(view_);
  auto* main = new QSplitter(Qt::Horizontal, this);
  main->setChildrenCollapsible(false);
  if (options_.layout == Layout::ChartUnderTable) {
    tables_->addWidget(chart_);
    tables_->setStretchFactor(0, 1);
    tables_->setStretchFactor(1, 2);
    main->addWidget(tables_);
    main->addWidget(heatmap_);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    pngSource_ = main;
  } else {
    tables_->setStretchFactor(0, 3);
    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->setChildrenCollapsible(false);
    charts->addWidget(chart_);
    charts->addWidget(heatmap_);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    main->addWidget(tables_);
    main->addWidget(charts);
    main->setStretchFactor(0, 2);
    main->setStretchFactor(1, 3);
    pngSource_ = charts;
  }

  metricLabel_ = new QLabel(this);
  metric_ = new QComboBox(this);
  metric_->addItem(QString());
  metric_->addItem(QString());
  exportCsv_ = new QPushButton(this);
  exportPng_ = new QPushButton(this);
  bottom_ = new QHBoxLayout;
  bottom_->addWidget(metricLabel_);
  bottom_->addWidget(metric_);
  bottom_->addStretch();
  bottom_->addWidget(exportCsv_);
  bottom_->addWidget(exportPng_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(main, 1);
  layout->addLayout(bottom_);

  connect(metric_, &QComboBox::currentIndexChanged, this, [this](int i) {
    chart_->setMetric(i == 1 ? ComparisonChart::Metric::MacroF1 : ComparisonChart::Metric::Accuracy);
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ComparisonResultsView::showSelectedRow);
  // A replaced row (same model and task) may be the one shown; a cleared table shows none.
  connect(table_, &QAbstractItemModel::modelReset, this, &ComparisonResultsView::showSelectedRow);
  connect(table_, &QAbstractItemModel::dataChanged, this, &ComparisonResultsView::showSelectedRow);
  connect(table_, &QAbstractItemModel::rowsInserted, this, &ComparisonResultsView::updateButtons);
  connect(table_, &QAbstractItemModel::rowsRemoved, this, &ComparisonResultsView::updateButtons);
  connect(exportCsv_, &QPushButton::clicked, this, [this] { exportInteractive(false); });
  connect(exportPng_, &QPushButton::clicked, this, [this] { exportInteractive(true); });
  retranslate();
}

void ComparisonResultsView::retranslate() {
  metricLabel_->setText(QCoreApplication::translate("embedlab::ui::ComparePanel", "Chart:"));
  metric_->setItemText(0, QCoreApplication::translate("embedlab::ui::ComparePanel", "Accuracy"));
  metric_->setItemText(1, QCoreApplication::translate("embedlab::ui::ComparePanel", "Macro-F1"));
  exportCsv_->setText(QCoreApplication::translate("embedlab::ui::ComparePanel", "CSV…"));
  exportCsv_->setToolTip(QCoreApplication::translate("embedlab::ui::ComparePanel", "Save the comparison table as CSV"));
  exportPng_->setText(QCoreApplication::translate("embedlab::ui::ComparePanel", "PNG…"));
  exportPng_->setToolTip(
      options_.layout == Layout::ChartUnderTable
          ? QCoreApplication::translate("embedlab::ui::ClassificationPanel", "Save the chart and the heat map as a PNG image")
          : QCoreApplication::translate("embedlab::ui::ComparePanel", "Save the bar chart and the heat map as a PNG image"));
  updateButtons();
}

void ComparisonResultsView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ComparisonResultsView::addBelowTable(QWidget* widget) {
  const int at = tables_->indexOf(view_) + 1;
  tables_->insertWidget(at, widget);
  tables_->setStretchFactor(at, 1);
  setTabOrder(view_, widget);
}

void ComparisonResultsView::addButton(QWidget* button) { bottom_->addWidget(button); }

int ComparisonResultsView::metricIndex() const { return metric_->currentIndex(); }
void ComparisonResultsView::setMetricIndex(int index) { metric_->setCurrentIndex(std::clamp(index, 0, 1)); }

void ComparisonResultsView::setBusy(bool busy) {
  busy_ = busy;
  updateButtons();
}

void ComparisonResultsView::updateButtons() {
  const bool haveRows = table_->rowCount() > 0;
  exportCsv_->setEnabled(haveRows && !busy_);
  exportPng_->setEnabled(haveRows && !busy_);
}

void ComparisonResultsView::selectRow(int row) {
  if (row < 0 || row >= table_->rowCount()) return;
  view_->selectionModel()->select(table_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->selectionModel()->setCurrentIndex(table_->index(row, 0), QItemSelectionModel::NoUpdate);
  showSelectedRow();
}

void ComparisonResultsView::showSelectedRow() {
  const QModelIndexList rows = view_->selectionModel()->selectedRows();
  const ComparisonRow* r = rows.isEmpty() ? nullptr : table_->row(rows.front().row());
  if (!r) heatmap_->clear();
  else heatmap_->setMatrix(r->labels, r->confusion, QStringLiteral("%1 · %2").arg(r->model, r->task));
  updateButtons();
  emit changed();
}

bool ComparisonResultsView::exportCsv(const QString& path, QString* error) const {
  return ChartExport::writeText(path, table_->toCsv(), error);
}

bool ComparisonResultsView::exportPng(const QString& path, QString* error) {
  return ChartExport::writePng(ChartExport::renderWidget(pngSource_), path, error);
}

void ComparisonResultsView::exportInteractive(bool png) {
  const QString title = png ? QCoreApplication::translate("embedlab::ui::ComparePanel", "Export the comparison charts as PNG")
                            : QCoreApplication::translate("embedlab::ui::ComparePanel", "Export the comparison as CSV");
  const QString filter = png ? QCoreApplication::translate("embedlab::ui::ComparePanel", "PNG images (*.png)")
                             : QCoreApplication::translate("embedlab::ui::ComparePanel", "CSV files (*.csv)");
  const QString path =
      QFileDialog::getSaveFileName(this, title, options_.fileStem + (png ? QStringLiteral(".png") : QStringLiteral(".csv")), filter);
  if (path.isEmpty()) return;
  QString error;
  if (!(png ? exportPng(path, &error) : exportCsv(path, &error))) {
    emit exportFailed(error);
    return;
  }
  emit exported((png ? QCoreApplication::translate("embedlab::ui::ComparePanel", "Charts saved to %1")
                     : QCoreApplication::translate("embedlab::ui::ComparePanel", "Comparison saved to %1"))
                    .arg(path));
}

}  // namespace embedlab::ui
