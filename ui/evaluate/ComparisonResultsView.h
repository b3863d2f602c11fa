#pragma once
// The results half that the Evaluate page's Classification and Compare panels share: the
// comparison table (one row per model and task), the grouped bars of accuracy or macro-F1, the
// confusion heat map of the selected row, and under them the Chart: choice with the CSV… and PNG…
// exports. A panel only feeds rows into table(); what it has of its own (Compare's intrinsic table
// and HTML report, Classification's Clear) goes in through addBelowTable() and addButton().
#include <QString>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace embedlab::ui {

class ComparisonChart;
class ComparisonTable;
class ConfusionHeatmap;

class ComparisonResultsView : public QWidget {
  Q_OBJECT
 public:
  enum class Layout {
    ChartUnderTable,      // [table over chart | heat map]; the PNG holds all three
    ChartBesideHeatmap,   // [table (and what is added below it) | chart | heat map]; the PNG the two charts
  };
  struct Options {
    Layout layout = Layout::ChartBesideHeatmap;
    QString fileStem = QStringLiteral("comparison");  // the export dialogs offer <stem>.csv and <stem>.png
  };

  explicit ComparisonResultsView(Options options, QWidget* parent = nullptr);

  ComparisonTable* table() const { return table_; }
  QTableView* tableView() const { return view_; }
  ComparisonChart* chart() const { return chart_; }
  ConfusionHeatmap* heatmap() const { return heatmap_; }

  // Under the table, in the same splitter (a quarter of the height the table has).
  void addBelowTable(QWidget* widget);
  // At the end of the bottom row, after PNG….
  void addButton(QWidget* button);

  // Selects the row and shows its confusion matrix.
  void selectRow(int row);
  // 0: accuracy, 1: macro-F1 (the index a panel keeps in its settings).
  int metricIndex() const;
  void setMetricIndex(int index);
  // While a panel's run is still adding rows, its exports would catch half a result: off.
  void setBusy(bool busy);

  bool exportCsv(const QString& path, QString* error = nullptr) const;
  bool exportPng(const QString& path, QString* error = nullptr);

 signals:
  void exported(const QString& message);     // for the status bar: where the file went
  void exportFailed(const QString& error);
  // The rows or the selection changed (the heat map follows already): a panel's buttons may too.
  void changed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void showSelectedRow();
  void updateButtons();
  void exportInteractive(bool png);  // asks where, writes, and says how it went

  Options options_;
  ComparisonTable* table_;
  QTableView* view_;
  ComparisonChart* chart_;
  ConfusionHeatmap* heatmap_;
  QSplitter* tables_;        // the table's vertical splitter
  QWidget* pngSource_;       // what exportPng renders
  QLabel* metricLabel_;
  QComboBox* metric_;
  QPushButton* exportCsv_;
  QPushButton* exportPng_;
  QHBoxLayout* bottom_;
  bool busy_ = false;
};

}  // namespace embedlab::ui
