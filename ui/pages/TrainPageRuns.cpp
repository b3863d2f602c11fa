// The Train page's run list: selecting runs, continuing a stopped one from its checkpoint,
// deleting, which runs the chart overlays, and the save of the vectors after a Stop. Part of
// TrainPage (TrainPage.cpp builds the page and drives training); kept apart so that each file
// reads as one subject.
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QMetaObject>
#include <QTableView>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "ui/charts/TrainingChart.h"
#include "ui/models/ModelRegistry.h"
#include "ui/pages/TrainPage.h"
#include "ui/runs/RunCheckpoint.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"

namespace embedlab::ui {

bool TrainPage::canContinueRun(const QString& id, QString* why) const {
  auto no = [why](const QString& reason) {
    if (why) *why = reason;
    return false;
  };
  const RunRecord* run = runs_->run(id);
  if (!run) return no(tr("No run is selected."));
  if (isTraining()) return no(tr("A run is training: stop it or wait for it to end first."));
  if (run->status != RunRecord::Status::Stopped) return no(tr("Run \"%1\" was not stopped: only a stopped run can be continued.").arg(run->name));
  const QString checkpoint = runCheckpointPath(*store_, *run);
  if (checkpoint.isEmpty() || !QFileInfo::exists(checkpoint))
    return no(tr("Run \"%1\" has no checkpoint to continue from (%2).").arg(run->name, checkpoint.isEmpty() ? tr("unknown model") : checkpoint));
  if (why) why->clear();
  return true;
}

bool TrainPage::continueRun(const QString& id) {
  clearError();
  QString why;
  if (!canContinueRun(id, &why)) {
    showError(why);
    return false;
  }
  finishPendingSave();  // the vectors saved after Stop are written before the job writes its own
  RunRecord run = *runs_->run(id);
  const ModelDescriptor* model = ModelRegistry::builtin().find(run.modelType);
  if (!model) return false;  // canContinueRun found its checkpoint, so the model is known
  if (run.corpusFiles.isEmpty()) {
    showError(tr("Run \"%1\" has no recorded corpus files: it cannot be continued.").arg(run.name));
    return false;
  }
  // The job would fail on a missing file too, but later and without saying which run it was.
  for (const QString& f : run.corpusFiles) {
    if (!QFileInfo(f).isFile()) {
      showError(tr("Cannot continue run \"%1\": its corpus file %2 is gone (or is not a file). "
                   "Put it back where it was to continue from the checkpoint.").arg(run.name, f));
      return false;
    }
  }
  std::unique_ptr<TrainingJob> job;
  try {
    // The same folder and output path as the first start: the job finds its checkpoint there.
    job = model->createJob(run.hyperparameters, run.corpusFiles, store_->runDir(run.id) + QLatin1Char('/') + model->outputFileName);
  } catch (const std::exception& e) {
    showError(tr("Cannot continue run \"%1\": its recorded settings are not valid: %2").arg(run.name, QString::fromUtf8(e.what())));
    return false;
  }
  continuation_.active = true;
  continuation_.secondsOffset = run.history.isEmpty() ? run.trainSeconds : run.history.back().seconds;
  continuation_.statusBefore = run.status;
  continuation_.messageBefore = run.message;
  run.status = RunRecord::Status::Running;
  run.message.clear();
  try {
    runs_->upsert(run);
  } catch (const std::exception& e) {
    continuation_ = {};
    showError(tr("Cannot save the run: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  liveEmbeddings_.remove(run.id);  // the vectors of the stop are about to change
  launch(run.id, std::move(job));
  emit statusMessage(tr("Continuing %1 from its checkpoint…").arg(run.name));
  return true;
}

void TrainPage::continueSelectedRun() {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  if (rows.size() != 1) return;
  continueRun(rows.front().data(Qt::UserRole).toString());
}

QString TrainPage::selectedRunId() const {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return QString();
  return rows.front().data(Qt::UserRole).toString();
}

void TrainPage::selectRun(const QString& id) {
  const int row = runs_->rowOf(id);
  if (row < 0) return;
  table_->selectionModel()->select(runs_->index(row, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  table_->selectionModel()->setCurrentIndex(runs_->index(row, 0), QItemSelectionModel::NoUpdate);
  table_->scrollTo(runs_->index(row, 0));
}

// The chart shows the selected run, the runs ticked for comparison and the running one.
void TrainPage::syncChart() {
  QSet<QString> wanted;
  for (const QString& id : runs_->overlaidRuns()) wanted.insert(id);
  for (const QModelIndex& r : table_->selectionModel()->selectedRows()) wanted.insert(r.data(Qt::UserRole).toString());
  if (isTraining() && !currentRunId_.isEmpty()) wanted.insert(currentRunId_);
  for (const QString& id : QSet<QString>(chartRuns_)) {
    if (!wanted.contains(id) || !runs_->run(id)) {
      chart_->removeRun(id);
      chartRuns_.remove(id);
    }
  }
  for (const RunRecord& r : runs_->runs()) {
    if (!wanted.contains(r.id) || chartRuns_.contains(r.id)) continue;
    chart_->addRun(r.id, r.name);
    chart_->setPoints(r.id, r.history);
    chartRuns_.insert(r.id);
  }
}

bool TrainPage::deleteRun(const QString& id, bool confirm) {
  const RunRecord* run = runs_->run(id);
  if (!run) return false;
  if (isTraining() && id == currentRunId_) {
    showError(tr("Run \"%1\" is training: stop it before deleting it.").arg(run->name));
    return false;
  }
  if (confirm &&
      QMessageBox::question(this, tr("Delete run"),
                            tr("Delete run \"%1\" and all its files?\nThis cannot be undone.").arg(run->name),
                            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
    return false;
  return runs_->remove(id);
}

void TrainPage::deleteSelectedRuns() {
  QStringList ids;
  for (const QModelIndex& r : table_->selectionModel()->selectedRows()) ids << r.data(Qt::UserRole).toString();
  if (ids.isEmpty()) return;
  if (ids.size() == 1) {
    deleteRun(ids.front(), true);
    return;
  }
  if (QMessageBox::question(this, tr("Delete runs"),
                            tr("Delete %n run(s) and all their files?\nThis cannot be undone.", nullptr,
                               static_cast<int>(ids.size())),
                            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
    return;
  for (const QString& id : ids) deleteRun(id, false);
}

void TrainPage::saveStoppedVectors(RunRecord& run, std::shared_ptr<const EmbeddingSet> vectors, const QString& path) {
  finishPendingSave();  // one save at a time, in order
  const std::string file = QFile::encodeName(path).toStdString();
  const QString jobMessage = run.message;
  if (shuttingDown_) {  // the window is closing: save now, the record is written right after
    try {
      saveWordVectors(*vectors, file);
      run.outputFiles << path;
      run.message = tr("stopped (vectors saved): %1").arg(jobMessage);
    } catch (const std::exception& e) {
      run.message = tr("stopped; the vectors could not be saved: %1").arg(QString::fromUtf8(e.what()));
    }
    return;
  }
  run.message = tr("stopped (saving the vectors…): %1").arg(jobMessage);
  pendingSave_.runId = run.id;
  pendingSave_.path = path;
  pendingSave_.jobMessage = jobMessage;
  // saveWordVectors writes atomically, so a crash mid-way leaves no half file behind.
  pendingSave_.error = std::async(std::launch::async, [this, vectors, file]() -> QString {
    QString error;
    try {
      saveWordVectors(*vectors, file);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(this, [this] { finishPendingSave(); }, Qt::QueuedConnection);
    return error;
  });
}

// Waits for the save in progress, if any (it is short: the thread only has to return), and
// records its outcome in the run.
void TrainPage::finishPendingSave() {
  if (!pendingSave_.error.valid()) return;
  const QString error = pendingSave_.error.get();
  const RunRecord* existing = runs_->run(pendingSave_.runId);
  if (!existing) {  // deleted meanwhile: do not leave its vectors behind
    if (error.isEmpty()) QFile::remove(pendingSave_.path);
    return;
  }
  RunRecord run = *existing;
  if (error.isEmpty()) {
    if (!run.outputFiles.contains(pendingSave_.path)) run.outputFiles << pendingSave_.path;
    run.message = tr("stopped (vectors saved): %1").arg(pendingSave_.jobMessage);
  } else {
    run.message = tr("stopped; the vectors could not be saved: %1").arg(error);
    showError(run.message);
  }
  try {
    runs_->upsert(run);
  } catch (const std::exception& e) {
    runs_->upsert(run, false);
    showError(tr("The run's record could not be saved: %1").arg(QString::fromUtf8(e.what())));
  }
  if (error.isEmpty() && !isTraining() && currentRunId_ == run.id)
    setPhase([] { return tr("Stopped; the vectors learned so far are saved."); });
  if (selectedRunId() == run.id) emit selectedRunChanged(run.id);
}

std::shared_ptr<const EmbeddingSet> TrainPage::liveEmbeddings(const QString& runId) const {
  if (isTraining() && runId == currentRunId_) return nullptr;  // still changing
  return liveEmbeddings_.value(runId);
}

}  // namespace embedlab::ui
