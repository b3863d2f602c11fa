#pragma once
// The Compare part of the Evaluate page (issue 7): pick models — the workspace's finished runs of
// any kind (Word2Vec vectors, BERT and ELMo model folders) and models added by hand (a model
// folder or a vectors file) — and task folders (train.tsv / test.tsv), run the comparison of
// core/compare's ReportRunner on a worker thread (progress, Cancel; rows appear as they finish),
// and read it as the comparison table, grouped bars (accuracy or macro-F1), the confusion heat map
// of the selected row and the intrinsic table (built-in analogy and similarity sets). The result
// exports as CSV, PNG, and one self-contained HTML report (core/eval/HtmlReport, written atomically).
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/compare/ModelSource.h"
#include "core/eval/HtmlReport.h"

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QSettings;
class QTableView;
class QTableWidget;

namespace embedlab::ui {

class BackgroundTask;
class ComparisonChart;
class ComparisonResultsView;
class ComparisonTable;
class ConfusionHeatmap;
class RunStore;

class ComparePanel : public QWidget {
  Q_OBJECT
 public:
  explicit ComparePanel(QWidget* parent = nullptr);
  ~ComparePanel() override;

  // Where the runs are listed from (not owned). Without one, the workspace of RunStore() is used.
  void setRunStore(const RunStore* store);
  // Lists the finished runs again (models added by hand stay, with their check marks).
  void refreshRuns();

  // A model folder (BERT / ELMo / a Word2Vec run) or a vectors file, added checked. False with the
  // reason (naming the path) in `error` when it is none of these.
  bool addModel(const QString& path, QString* error = nullptr);
  // A folder with train.tsv(.gz) and test.tsv(.gz), added checked; false with the reason.
  bool addTask(const QString& dir, QString* error = nullptr);
  QListWidget* modelList() const { return models_; }
  QListWidget* taskList() const { return tasks_; }
  QStringList checkedModelNames() const;
  QStringList checkedTasks() const;

  void setBaseline(bool on);
  void setFinetune(bool on);
  void setIntrinsic(bool on);  // the built-in analogy and similarity sets
  void setContextCorpus(const QString& path);

  // Starts the comparison of the checked models on the checked tasks; false (with the reason in
  // statusText()) when it cannot start.
  bool runComparison();
  void cancel();
  bool isRunning() const;
  QString statusText() const { return statusText_; }
  bool lastRunWasCancelled() const { return cancelled_; }

  ComparisonResultsView* results() const { return results_; }
  ComparisonTable* table() const;
  QTableView* tableView() const;
  ComparisonChart* chart() const;
  ConfusionHeatmap* heatmap() const;
  QTableWidget* intrinsicTable() const { return intrinsic_; }
  BackgroundTask* task() const { return task_; }
  // What the HTML report holds: the rows finished so far (also after a cancel).
  ReportData report() const;
  void selectRow(int row);

  bool exportCsv(const QString& path, QString* error = nullptr) const;
  bool exportPng(const QString& path, QString* error = nullptr);
  bool saveHtmlReport(const QString& path, QString* error = nullptr) const;

  void saveSettings(QSettings& s) const;
  void restoreSettings(const QSettings& s);

 signals:
  void statusMessage(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void retranslate();
  void updateState();
  void setStatus(const QString& text, bool error);
  void showIntrinsic();
  void takeArrivedRows();
  QListWidgetItem* addModelItem(const ModelSource& model, const QString& label, bool fromRun, bool checked);
  void addModelInteractive(bool folder);
  void addTaskInteractive();
  void removeSelected(QListWidget* list);
  void saveHtmlInteractive();
  std::vector<ModelSource> checkedModels() const;

  const RunStore* store_ = nullptr;
  std::unique_ptr<RunStore> ownStore_;
  BackgroundTask* task_;
  ComparisonResultsView* results_;
  ComparisonTable* table_;  // results_'s
  QGroupBox* modelsBox_;
  QListWidget* models_;
  QPushButton* addFolder_;
  QPushButton* addFile_;
  QPushButton* refresh_;
  QPushButton* removeModel_;
  QGroupBox* tasksBox_;
  QListWidget* tasks_;
  QPushButton* addTask_;
  QPushButton* removeTask_;
  QGroupBox* optionsBox_;
  QCheckBox* baseline_;
  QCheckBox* finetune_;
  QCheckBox* intrinsicOn_;
  QLabel* contextLabel_;
  QLineEdit* context_;
  QPushButton* contextBrowse_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QTableWidget* intrinsic_;
  QPushButton* saveHtml_;
  QString statusText_;
  bool statusIsError_ = false;
  bool cancelled_ = false;
  bool runsListed_ = false;

  // The report being built. The worker puts finished rows in the inbox under its mutex and posts
  // a call (capturing nothing but `this`) that moves them here; the rows themselves never ride in
  // Qt's event queue, whose locking ThreadSanitizer cannot see.
  struct Inbox {
    std::mutex mutex;
    std::vector<std::pair<quint64, ReportClassificationRow>> classification;  // (generation, row)
    std::vector<std::pair<quint64, ReportIntrinsicRow>> intrinsic;
  };
  std::shared_ptr<Inbox> inbox_;
  std::vector<ReportClassificationRow> rows_;
  std::vector<ReportIntrinsicRow> intrinsicRows_;
  QStringList reportTasks_, reportModels_;
  quint64 generation_ = 0;  // rows of an older run are dropped
  std::shared_ptr<std::mutex> phaseMutex_;
  std::shared_ptr<QString> phase_;  // the stage in progress, written by the worker
};

}  // namespace embedlab::ui
