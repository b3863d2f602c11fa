#pragma once
// Train: the model (from the registry) and its form, Start / Pause / Resume / Stop, progress with
// throughput and ETA, the live charts, and the table of runs (select, compare, rename, delete, and
// continue a stopped run from its checkpoint).
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <future>
#include <memory>

#include "core/train/TrainingJob.h"
#include "ui/runs/RunRecord.h"

class QAction;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSettings;
class QSlider;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace embedlab {
class EmbeddingSet;
}

namespace embedlab::ui {

class ModelOptionsForm;
class RunStore;
class RunTableModel;
class TrainingChart;
class TrainingWorker;
struct ModelDescriptor;
struct ProgressUpdate;


class TrainPage : public QWidget {
  Q_OBJECT
 public:
  TrainPage(RunStore* store, RunTableModel* runs, QWidget* parent = nullptr);
  ~TrainPage() override;

  void setCorpusFiles(const QStringList& files) { corpusFiles_ = files; }

  // Validates and starts; false (with the message shown on the page) when it cannot start.
  bool startTraining();
  void pauseTraining();
  void resumeTraining();
  void togglePause();
  void stopTraining();
  // A stopped run whose job left a checkpoint in its folder: true when it can be continued, else
  // false with the reason in `why` (translated).
  bool canContinueRun(const QString& id, QString* why = nullptr) const;
  // Makes the run's job again in the SAME folder from its recorded settings and corpus files, so
  // that it continues from the checkpoint, and starts it as Start does (live chart, status at the
  // end). False (with the message shown on the page) when it cannot start; a checkpoint that does
  // not match fails the job with a message naming the checkpoint, and the run stays stopped.
  bool continueRun(const QString& id);
  // Stops a running job and waits for it (closing the window); the run is saved as stopped.
  void shutdown();

  bool isTraining() const;
  bool isPaused() const;
  QString currentRunId() const { return currentRunId_; }   // running, or the last one started
  QString selectedRunId() const;
  void selectRun(const QString& id);
  // Asks for confirmation when `confirm`; false when nothing was deleted.
  bool deleteRun(const QString& id, bool confirm = true);

  // Vectors a run produced in this session (kept in memory), or null.
  std::shared_ptr<const EmbeddingSet> liveEmbeddings(const QString& runId) const;

  bool setModel(const QString& id);
  QString modelId() const;
  ModelOptionsForm* currentForm() const;
  TrainingChart* chart() const { return chart_; }
  TrainingWorker* worker() const { return worker_; }
  QTableView* runTable() const { return table_; }
  // The run table's context menu (Continue run, Compare, Rename, Delete), for the selected runs.
  QMenu* runMenu() const { return runMenu_; }
  QAction* continueRunAction() const { return continueAction_; }
  QString lastError() const { return error_; }

  bool exportChartPng(const QString& path);
  bool exportChartCsv(const QString& path);

  void saveSettings(QSettings& settings) const;
  void restoreSettings(const QSettings& settings);

 public slots:
  void exportPngInteractive();
  void exportCsvInteractive();
  void deleteSelectedRuns();
  void continueSelectedRun();

 signals:
  void trainingStateChanged(bool running, bool paused);
  void runFinished(const QString& runId, int status);
  void selectedRunChanged(const QString& runId);
  void statusMessage(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void onModelChanged(int index);
  void onProgress(const QVector<ProgressUpdate>& updates);
  void onFinished(int status, const QString& message, const QStringList& outputFiles);
  void updateButtons();
  // What Start and Continue share once the run's record is saved as running: select it, chart it,
  // hand the job to the worker.
  void launch(const QString& runId, std::unique_ptr<TrainingJob> job);
  void showError(const QString& message);
  // The status lines are kept as functions so that a language switch re-renders them.
  void setPhase(std::function<QString()> text);
  void setSpeed(std::function<QString()> text);
  void clearError();
  void syncChart();
  // The chart's axes name what the shown model counts ("words" for Word2Vec).
  void applyChartUnits();
  const ModelDescriptor* currentDescriptor() const;
  // A stopped run's vectors (what was learned so far) go to its output file, in the background
  // unless the window is closing; the record then lists the file.
  void saveStoppedVectors(RunRecord& run, std::shared_ptr<const EmbeddingSet> vectors, const QString& path);
  void finishPendingSave();

  RunStore* store_;
  RunTableModel* runs_;
  TrainingWorker* worker_;
  QStringList corpusFiles_;
  QString currentRunId_;
  QString error_;
  QSet<QString> chartRuns_;
  QHash<QString, std::shared_ptr<const EmbeddingSet>> liveEmbeddings_;
  bool shuttingDown_ = false;
  // The running job continues a stopped run: its wall times start from zero, the run's from where
  // it stopped (seconds added to each point); when it fails the run stays stopped, its checkpoint
  // kept, so that it can be continued once the cause is fixed.
  struct Continuation {
    bool active = false;
    double secondsOffset = 0;
    RunRecord::Status statusBefore = RunRecord::Status::Stopped;
    QString messageBefore;
  } continuation_;
  struct PendingSave {
    QString runId, path, jobMessage;
    std::future<QString> error;  // empty string: saved
  } pendingSave_;

  // Left column.
  QGroupBox* modelBox_;
  QLabel* modelLabel_;
  QComboBox* modelCombo_;
  QLabel* modelDescription_;
  QStackedWidget* forms_;
  QPushButton* defaults_;
  QGroupBox* runBox_;
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* stop_;
  QProgressBar* progress_;
  QLabel* phase_;
  QLabel* speed_;
  QLabel* eta_;
  QLabel* errorLabel_;
  std::function<QString()> phaseText_;
  std::function<QString()> speedText_;
  // Right column.
  QLabel* smoothingLabel_;
  QSlider* smoothing_;
  QLabel* smoothingValue_;
  QCheckBox* logY_;
  QLabel* xAxisLabel_;
  QComboBox* xAxis_;
  QPushButton* exportPng_;
  QPushButton* exportCsv_;
  TrainingChart* chart_;
  QGroupBox* runsBox_;
  QTableView* table_;
  QPushButton* compare_;
  QPushButton* rename_;
  QPushButton* delete_;
  QPushButton* continue_;
  QMenu* runMenu_;
  QAction* continueAction_;
  QAction* compareAction_;
  QAction* renameAction_;
  QAction* deleteAction_;
  QSplitter* splitter_;
  QSplitter* rightSplitter_;
};

}  // namespace embedlab::ui
