#include "ui/pages/TrainPage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMetaObject>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "core/util/Error.h"
#include "ui/charts/TrainingChart.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/models/ModelRegistry.h"
#include "ui/runs/RunCheckpoint.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"
#include "ui/train/TrainingWorker.h"

namespace embedlab::ui {

namespace {

QString formatEta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("—");
  const qint64 s = static_cast<qint64>(seconds + 0.5);
  if (s >= 3600)
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString phaseText(const QString& phase) {
  if (phase == QLatin1String("vocabulary")) return TrainPage::tr("building the vocabulary");
  if (phase == QLatin1String("training")) return TrainPage::tr("training");
  if (phase == QLatin1String("saving")) return TrainPage::tr("saving");
  return phase;
}

// Loss points are the reports of the training phase (the vocabulary pass reports no loss).
bool isLossPoint(const ProgressUpdate& u) {
  return (u.phase.isEmpty() || u.phase == QLatin1String("training")) && std::isfinite(u.point.loss) && u.step > 0;
}

}  // namespace

TrainPage::TrainPage(RunStore* store, RunTableModel* runs, QWidget* parent)
    : QWidget(parent), store_(store), runs_(runs) {
  worker_ = new TrainingWorker(this);
  const ModelRegistry& registry = ModelRegistry::builtin();

  // ---- left: model, form, controls -------------------------------------------------------------
  modelBox_ = new QGroupBox(this);
  modelLabel_ = new QLabel(modelBox_);
  modelCombo_ = new QComboBox(modelBox_);
  modelCombo_->setObjectName(QStringLiteral("modelCombo"));
  modelDescription_ = new QLabel(modelBox_);
  modelDescription_->setWordWrap(true);
  forms_ = new QStackedWidget(modelBox_);
  for (const ModelDescriptor& m : registry.models()) {
    modelCombo_->addItem(m.displayName(), m.id);
    ModelOptionsForm* form = m.createForm(forms_);
    form->setObjectName(m.id + QStringLiteral("Form"));
    forms_->addWidget(form);
    connect(form, &ModelOptionsForm::changed, this, &TrainPage::clearError);
  }
  auto* scroll = new QScrollArea(modelBox_);
  scroll->setWidget(forms_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumHeight(160);
  defaults_ = new QPushButton(modelBox_);
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(modelLabel_);
  modelRow->addWidget(modelCombo_, 1);
  auto* modelLayout = new QVBoxLayout(modelBox_);
  modelLayout->addLayout(modelRow);
  modelLayout->addWidget(modelDescription_);
  modelLayout->addWidget(scroll, 1);
  auto* defaultsRow = new QHBoxLayout;
  defaultsRow->addStretch();
  defaultsRow->addWidget(defaults_);
  modelLayout->addLayout(defaultsRow);

  runBox_ = new QGroupBox(this);
  start_ = new QPushButton(runBox_);
  start_->setObjectName(QStringLiteral("startButton"));
  pause_ = new QPushButton(runBox_);
  pause_->setObjectName(QStringLiteral("pauseButton"));
  stop_ = new QPushButton(runBox_);
  stop_->setObjectName(QStringLiteral("stopButton"));
  start_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  pause_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
  stop_->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
  progress_ = new QProgressBar(runBox_);
  progress_->setObjectName(QStringLiteral("trainProgress"));
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  phase_ = new QLabel(runBox_);
  speed_ = new QLabel(runBox_);
  eta_ = new QLabel(runBox_);
  errorLabel_ = new QLabel(runBox_);
  errorLabel_->setObjectName(QStringLiteral("trainError"));
  errorLabel_->setWordWrap(true);
  errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
  errorLabel_->hide();
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  auto* runLayout = new QVBoxLayout(runBox_);
  runLayout->addLayout(buttons);
  runLayout->addWidget(progress_);
  runLayout->addWidget(phase_);
  auto* numbers = new QHBoxLayout;
  numbers->addWidget(speed_, 1);
  numbers->addWidget(eta_);
  runLayout->addLayout(numbers);
  runLayout->addWidget(errorLabel_);

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(modelBox_, 1);
  leftLayout->addWidget(runBox_);
  left->setMinimumWidth(300);

  // ---- right: charts and runs ------------------------------------------------------------------
  smoothingLabel_ = new QLabel(this);
  smoothing_ = new QSlider(Qt::Horizontal, this);
  smoothing_->setObjectName(QStringLiteral("smoothingSlider"));
  smoothing_->setRange(0, 999);
  smoothing_->setValue(600);
  smoothing_->setMinimumWidth(100);
  smoothingValue_ = new QLabel(QStringLiteral("0.600"), this);
  smoothingValue_->setMinimumWidth(smoothingValue_->fontMetrics().horizontalAdvance(QStringLiteral("0.000")) + 4);
  logY_ = new QCheckBox(this);
  logY_->setObjectName(QStringLiteral("logYCheck"));
  xAxisLabel_ = new QLabel(this);
  xAxis_ = new QComboBox(this);
  xAxis_->setObjectName(QStringLiteral("xAxisCombo"));
  xAxis_->addItem(QString());
  xAxis_->addItem(QString());
  exportPng_ = new QPushButton(this);
  exportCsv_ = new QPushButton(this);
  auto* chartBar = new QHBoxLayout;
  chartBar->addWidget(smoothingLabel_);
  chartBar->addWidget(smoothing_, 1);
  chartBar->addWidget(smoothingValue_);
  chartBar->addSpacing(8);
  chartBar->addWidget(logY_);
  chartBar->addSpacing(8);
  chartBar->addWidget(xAxisLabel_);
  chartBar->addWidget(xAxis_);
  chartBar->addSpacing(8);
  chartBar->addWidget(exportPng_);
  chartBar->addWidget(exportCsv_);
  chart_ = new TrainingChart(this);
  chart_->setObjectName(QStringLiteral("trainingChart"));
  chart_->setMinimumSize(400, 250);
  auto* chartPane = new QWidget(this);
  auto* chartLayout = new QVBoxLayout(chartPane);
  chartLayout->setContentsMargins(0, 0, 0, 0);
  chartLayout->addLayout(chartBar);
  chartLayout->addWidget(chart_, 1);

  runsBox_ = new QGroupBox(this);
  table_ = new QTableView(runsBox_);
  table_->setObjectName(QStringLiteral("runTable"));
  table_->setModel(runs_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(RunTableModel::NameColumn, QHeaderView::Stretch);
  table_->setWordWrap(false);
  table_->setMinimumHeight(110);
  compare_ = new QPushButton(runsBox_);
  rename_ = new QPushButton(runsBox_);
  delete_ = new QPushButton(runsBox_);
  delete_->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
  continue_ = new QPushButton(runsBox_);
  continue_->setObjectName(QStringLiteral("continueRunButton"));
  continue_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
  auto* runButtons = new QVBoxLayout;
  runButtons->addWidget(continue_);
  runButtons->addWidget(compare_);
  runButtons->addWidget(rename_);
  runButtons->addWidget(delete_);
  runButtons->addStretch();
  auto* runsLayout = new QHBoxLayout(runsBox_);
  runsLayout->addWidget(table_, 1);
  runsLayout->addLayout(runButtons);

  // The same verbs on a right click in the table.
  runMenu_ = new QMenu(table_);
  runMenu_->setObjectName(QStringLiteral("runMenu"));
  continueAction_ = runMenu_->addAction(continue_->icon(), QString());
  continueAction_->setObjectName(QStringLiteral("continueRunAction"));
  runMenu_->addSeparator();
  compareAction_ = runMenu_->addAction(QString());
  renameAction_ = runMenu_->addAction(QString());
  deleteAction_ = runMenu_->addAction(delete_->icon(), QString());
  runMenu_->setToolTipsVisible(true);
  table_->setContextMenuPolicy(Qt::CustomContextMenu);

  rightSplitter_ = new QSplitter(Qt::Vertical, this);
  rightSplitter_->addWidget(chartPane);
  rightSplitter_->addWidget(runsBox_);
  rightSplitter_->setStretchFactor(0, 3);
  rightSplitter_->setStretchFactor(1, 1);
  rightSplitter_->setChildrenCollapsible(false);

  splitter_ = new QSplitter(Qt::Horizontal, this);
  splitter_->addWidget(left);
  splitter_->addWidget(rightSplitter_);
  splitter_->setStretchFactor(0, 0);
  splitter_->setStretchFactor(1, 1);
  splitter_->setChildrenCollapsible(false);
  splitter_->setSizes({340, 900});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter_);

  // ---- wiring ------------------------------------------------------------------------------------
  connect(modelCombo_, &QComboBox::currentIndexChanged, this, &TrainPage::onModelChanged);
  connect(defaults_, &QPushButton::clicked, this, [this] {
    if (ModelOptionsForm* f = currentForm()) f->restoreDefaults();
  });
  connect(start_, &QPushButton::clicked, this, [this] { startTraining(); });
  connect(pause_, &QPushButton::clicked, this, &TrainPage::togglePause);
  connect(stop_, &QPushButton::clicked, this, &TrainPage::stopTraining);
  connect(worker_, &TrainingWorker::progressed, this, &TrainPage::onProgress);
  connect(worker_, &TrainingWorker::finished, this, &TrainPage::onFinished);
  connect(worker_, &TrainingWorker::pausedChanged, this, [this](bool) { updateButtons(); });

  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    chart_->setSmoothing(v / 1000.0);
    smoothingValue_->setText(QString::number(v / 1000.0, 'f', 3));
  });
  connect(logY_, &QCheckBox::toggled, chart_, &TrainingChart::setLogScale);
  connect(xAxis_, &QComboBox::currentIndexChanged, this, [this](int i) {
    chart_->setXAxis(i == 1 ? TrainingChart::XAxis::WallTime : TrainingChart::XAxis::Step);
  });
  connect(exportPng_, &QPushButton::clicked, this, &TrainPage::exportPngInteractive);
  connect(exportCsv_, &QPushButton::clicked, this, &TrainPage::exportCsvInteractive);

  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    syncChart();
    applyChartUnits();
    updateButtons();
    emit selectedRunChanged(selectedRunId());
  });
  connect(runs_, &RunTableModel::overlayChanged, this, [this] { syncChart(); });
  connect(runs_, &RunTableModel::modelReset, this, [this] { syncChart(); });
  connect(runs_, &RunTableModel::runRenamed, chart_, [this](const QString& id, const QString& name) {
    if (chartRuns_.contains(id)) chart_->renameRun(id, name);
  });
  connect(runs_, &RunTableModel::runRemoved, this, [this](const QString& id) {
    liveEmbeddings_.remove(id);
    if (chartRuns_.remove(id)) chart_->removeRun(id);
    if (currentRunId_ == id) currentRunId_.clear();
  });
  connect(runs_, &RunTableModel::saveFailed, this, &TrainPage::showError);
  connect(compare_, &QPushButton::clicked, this, [this] {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    bool allOn = !rows.isEmpty();
    for (const QModelIndex& r : rows) allOn = allOn && runs_->isOverlaid(r.data(Qt::UserRole).toString());
    for (const QModelIndex& r : rows) runs_->setOverlaid(r.data(Qt::UserRole).toString(), !allOn);
  });
  connect(rename_, &QPushButton::clicked, this, [this] {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    if (current.isValid()) table_->edit(runs_->index(current.row(), RunTableModel::NameColumn));
  });
  connect(delete_, &QPushButton::clicked, this, &TrainPage::deleteSelectedRuns);
  connect(continue_, &QPushButton::clicked, this, &TrainPage::continueSelectedRun);
  connect(continueAction_, &QAction::triggered, this, &TrainPage::continueSelectedRun);
  connect(compareAction_, &QAction::triggered, compare_, &QPushButton::click);
  connect(renameAction_, &QAction::triggered, rename_, &QPushButton::click);
  connect(deleteAction_, &QAction::triggered, this, &TrainPage::deleteSelectedRuns);
  connect(table_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
    const QModelIndex at = table_->indexAt(pos);
    if (at.isValid() && !table_->selectionModel()->isRowSelected(at.row(), QModelIndex())) selectRun(at.data(Qt::UserRole).toString());
    updateButtons();
    runMenu_->popup(table_->viewport()->mapToGlobal(pos));
  });
  // A run's status changes (it stopped, finished) decide whether it can be continued.
  connect(runs_, &RunTableModel::dataChanged, this, [this] { updateButtons(); });
  connect(runs_, &RunTableModel::modelReset, this, [this] { updateButtons(); });
  auto* del = new QShortcut(QKeySequence::Delete, table_, nullptr, nullptr, Qt::WidgetShortcut);
  connect(del, &QShortcut::activated, this, &TrainPage::deleteSelectedRuns);

  retranslate();
  onModelChanged(modelCombo_->currentIndex());
  updateButtons();
}

TrainPage::~TrainPage() { shutdown(); }

void TrainPage::retranslate() {
  modelBox_->setTitle(tr("Model and hyperparameters"));
  modelLabel_->setText(tr("Model:"));
  modelCombo_->setToolTip(tr("The kind of model to train"));
  const ModelRegistry& registry = ModelRegistry::builtin();
  for (int i = 0; i < modelCombo_->count(); ++i)
    if (const ModelDescriptor* m = registry.find(modelCombo_->itemData(i).toString()))
      modelCombo_->setItemText(i, m->displayName());
  if (const ModelDescriptor* m = currentDescriptor()) modelDescription_->setText(m->description());
  defaults_->setText(tr("Restore &defaults"));
  defaults_->setToolTip(tr("Put every field of this model back to its default value"));
  runBox_->setTitle(tr("Training"));
  start_->setText(tr("&Start"));
  start_->setToolTip(tr("Train the model on the corpus of the Data page (F5)"));
  pause_->setText(worker_->isPaused() ? tr("&Resume") : tr("&Pause"));
  pause_->setToolTip(tr("Pause or resume the training (Ctrl+P)"));
  stop_->setText(tr("S&top"));
  stop_->setToolTip(tr("Stop the training; what was learned so far is kept (Esc)"));
  progress_->setToolTip(tr("Share of the planned work done"));
  if (!phaseText_) phaseText_ = [] { return tr("Ready."); };
  phase_->setText(phaseText_());
  speed_->setText(speedText_ ? speedText_() : QString());
  smoothingLabel_->setText(tr("Smoothing:"));
  smoothing_->setToolTip(tr("Weight of the exponential moving average drawn over the raw loss (0 = none, like TensorBoard)"));
  logY_->setText(tr("Log scale"));
  logY_->setToolTip(tr("Logarithmic loss axis"));
  xAxisLabel_->setText(tr("X axis:"));
  xAxis_->setItemText(0, tr("Step"));
  xAxis_->setItemText(1, tr("Wall time"));
  xAxis_->setToolTip(tr("Plot against work done (words or steps) or against seconds of training"));
  exportPng_->setText(tr("PNG…"));
  exportPng_->setToolTip(tr("Save the charts as a PNG image"));
  exportCsv_->setText(tr("CSV…"));
  exportCsv_->setToolTip(tr("Save the data of the charts as CSV"));
  runsBox_->setTitle(tr("Runs"));
  compare_->setText(tr("&Compare"));
  compare_->setToolTip(tr("Overlay the selected runs in the chart (or remove them from it)"));
  rename_->setText(tr("Re&name"));
  rename_->setToolTip(tr("Rename the selected run (or double-click its name)"));
  delete_->setText(tr("De&lete"));
  delete_->setToolTip(tr("Delete the selected runs and their files (Del)"));
  continue_->setText(tr("C&ontinue"));
  const QString continueTip = tr("Continue the selected stopped run from its checkpoint, in the same run folder, "
                                 "with its recorded settings and corpus files");
  continue_->setToolTip(continueTip);
  continueAction_->setText(tr("Continue run"));
  continueAction_->setToolTip(continueTip);
  compareAction_->setText(compare_->text());
  compareAction_->setToolTip(compare_->toolTip());
  renameAction_->setText(rename_->text());
  renameAction_->setToolTip(rename_->toolTip());
  deleteAction_->setText(delete_->text());
  deleteAction_->setToolTip(delete_->toolTip());
  applyChartUnits();
}

void TrainPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

const ModelDescriptor* TrainPage::currentDescriptor() const {
  return ModelRegistry::builtin().find(modelCombo_->currentData().toString());
}

void TrainPage::onModelChanged(int index) {
  if (index < 0) return;
  forms_->setCurrentIndex(index);
  if (const ModelDescriptor* m = currentDescriptor()) modelDescription_->setText(m->description());
  applyChartUnits();
  clearError();
}

bool TrainPage::setModel(const QString& id) {
  const int i = modelCombo_->findData(id);
  if (i < 0) return false;
  modelCombo_->setCurrentIndex(i);
  return true;
}

QString TrainPage::modelId() const { return modelCombo_->currentData().toString(); }

ModelOptionsForm* TrainPage::currentForm() const { return qobject_cast<ModelOptionsForm*>(forms_->currentWidget()); }

bool TrainPage::isTraining() const { return worker_->isRunning(); }
bool TrainPage::isPaused() const { return worker_->isPaused(); }

void TrainPage::showError(const QString& message) {
  error_ = message;
  errorLabel_->setText(message);
  errorLabel_->show();
  emit statusMessage(message);
}

void TrainPage::setPhase(std::function<QString()> text) {
  phaseText_ = std::move(text);
  phase_->setText(phaseText_());
}

void TrainPage::setSpeed(std::function<QString()> text) {
  speedText_ = std::move(text);
  speed_->setText(speedText_ ? speedText_() : QString());
}

void TrainPage::clearError() {
  error_.clear();
  errorLabel_->hide();
}

bool TrainPage::startTraining() {
  if (isTraining()) return false;
  clearError();
  const ModelDescriptor* model = currentDescriptor();
  ModelOptionsForm* form = currentForm();
  if (!model || !form) return false;
  if (corpusFiles_.isEmpty()) {
    showError(tr("No corpus: add one or more text files on the Data page first."));
    return false;
  }
  const QString invalid = form->validate();
  if (!invalid.isEmpty()) {
    showError(invalid);
    return false;
  }
  const QVariantMap values = form->values();

  RunRecord run;
  std::unique_ptr<TrainingJob> job;
  try {
    // "Word2Vec 3": short enough for the table, and renamable in place.
    int number = 1;
    for (const RunRecord& r : runs_->runs())
      if (r.modelType == model->id) ++number;
    QString name;
    do {
      name = QStringLiteral("%1 %2").arg(model->displayName()).arg(number++);
    } while (std::any_of(runs_->runs().begin(), runs_->runs().end(), [&](const RunRecord& r) { return r.name == name; }));
    run = store_->create(model->id, name);
  } catch (const std::exception& e) {
    showError(tr("Cannot create the run folder: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  try {
    job = model->createJob(values, corpusFiles_, store_->runDir(run.id) + QLatin1Char('/') + model->outputFileName);
  } catch (const std::exception& e) {
    store_->remove(run.id);
    showError(tr("Invalid settings: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  run.hyperparameters = values;
  run.corpusFiles = corpusFiles_;
  run.status = RunRecord::Status::Running;
  try {
    runs_->upsert(run);
  } catch (const std::exception& e) {
    store_->remove(run.id);
    showError(tr("Cannot save the run: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  continuation_ = {};
  launch(run.id, std::move(job));
  emit statusMessage(tr("Training %1 on %n file(s)…", nullptr, static_cast<int>(corpusFiles_.size())).arg(model->displayName()));
  return true;
}

void TrainPage::launch(const QString& runId, std::unique_ptr<TrainingJob> job) {
  currentRunId_ = runId;
  selectRun(runId);
  syncChart();

  worker_->start(std::move(job));
  progress_->setValue(0);
  setPhase([] { return tr("Starting…"); });
  setSpeed({});
  eta_->clear();
  updateButtons();
  emit trainingStateChanged(true, false);
}

void TrainPage::pauseTraining() {
  if (!isTraining() || isPaused()) return;
  worker_->pause();
  setPhase([] { return tr("Paused."); });
  updateButtons();
  emit trainingStateChanged(true, true);
  emit statusMessage(tr("Training paused."));
}

void TrainPage::resumeTraining() {
  if (!isTraining() || !isPaused()) return;
  worker_->resume();
  updateButtons();
  emit trainingStateChanged(true, false);
  emit statusMessage(tr("Training resumed."));
}

void TrainPage::togglePause() {
  if (isPaused()) resumeTraining();
  else pauseTraining();
}

void TrainPage::stopTraining() {
  if (!isTraining()) return;
  worker_->stop();
  setPhase([] { return tr("Stopping…"); });
  stop_->setEnabled(false);
}

void TrainPage::shutdown() {
  shuttingDown_ = true;  // a stopped run's vectors are saved before this returns
  if (isTraining()) worker_->stopAndWait();
  finishPendingSave();
  shuttingDown_ = false;
}

void TrainPage::onProgress(const QVector<ProgressUpdate>& updates) {
  if (updates.isEmpty() || currentRunId_.isEmpty()) return;
  const RunRecord* run = runs_->run(currentRunId_);
  const ModelDescriptor* model = ModelRegistry::builtin().find(run ? run->modelType : QString());
  QVector<TrainingPoint> points;
  points.reserve(updates.size());
  for (const ProgressUpdate& u : updates) {
    if (!isLossPoint(u)) continue;
    TrainingPoint point = u.point;
    point.seconds += continuation_.secondsOffset;  // a continued run's clock goes on from its stop
    points.append(point);
    chart_->appendPoint(currentRunId_, point);
    // Only the series the model asks for are charted; other extras are diagnostics.
    for (const auto& extra : u.extras)
      if (model && model->extraSeries.contains(extra.first))
        chart_->appendExtra(currentRunId_, extra.first, point.step, extra.second);
  }
  runs_->appendHistory(currentRunId_, points);

  const ProgressUpdate& last = updates.back();
  const double fraction = last.total > 0 ? std::clamp(double(last.step) / double(last.total), 0.0, 1.0) : 0.0;
  progress_->setValue(static_cast<int>(fraction * 1000));
  progress_->setFormat(QStringLiteral("%1%").arg(fraction * 100, 0, 'f', 1));
  if (!isPaused()) setPhase([phase = last.phase] { return tr("Phase: %1").arg(phaseText(phase)); });
  if (last.phase == QLatin1String("training") && last.point.itemsPerSec > 0)
    setSpeed([speed = last.point.itemsPerSec, model] {
      const QString unit = model && model->unitName ? model->unitName() : tr("items");
      return tr("%1 %2/s").arg(QLocale().toString(speed, 'f', 0), unit);
    });
  if (last.phase == QLatin1String("training")) eta_->setText(tr("ETA %1").arg(formatEta(last.etaSeconds)));
}

void TrainPage::onFinished(int status, const QString& message, const QStringList& outputFiles) {
  const Continuation continuation = std::exchange(continuation_, Continuation{});
  const RunRecord* existing = runs_->run(currentRunId_);
  if (!existing) {  // deleted while running is refused, so this is a run removed from disk by hand
    updateButtons();
    emit trainingStateChanged(false, false);
    return;
  }
  RunRecord run = *existing;
  const auto jobStatus = static_cast<JobStatus>(status);
  run.status = jobStatus == JobStatus::Finished  ? RunRecord::Status::Finished
               : jobStatus == JobStatus::Stopped ? RunRecord::Status::Stopped
                                                 : RunRecord::Status::Failed;
  run.message = message;
  // A continuation that failed (a checkpoint that does not match, a corpus changed under it, a
  // non-finite loss) leaves the checkpoint where it was: the run is still the stopped run it was,
  // and says why it could not go on.
  const bool continuationFailed = continuation.active && run.status == RunRecord::Status::Failed &&
                                  QFileInfo::exists(runCheckpointPath(*store_, run));
  if (continuationFailed) {
    run.status = continuation.statusBefore;
    run.message = tr("could not continue: %1").arg(message.isEmpty() ? tr("unknown error") : message);
  }
  run.ended = QDateTime::currentDateTime();
  run.outputFiles.clear();
  for (const QString& f : outputFiles)
    if (QFileInfo::exists(f)) run.outputFiles << QFileInfo(f).absoluteFilePath();
  if (!run.history.isEmpty()) {
    const TrainingPoint& last = run.history.back();
    run.trainSeconds = last.seconds;
    run.metrics[QStringLiteral("final_loss")] = last.loss;
    run.metrics[QStringLiteral("steps")] = last.step;
    if (last.seconds > 0) run.metrics[QStringLiteral("items_per_sec")] = last.step / last.seconds;
  }
  const ModelDescriptor* model = ModelRegistry::builtin().find(run.modelType);
  std::shared_ptr<const EmbeddingSet> vectors;
  if (const TrainingJob* job = worker_->job()) {
    if (model && model->finalMetrics) {
      const QVariantMap extra = model->finalMetrics(*job);
      for (auto it = extra.begin(); it != extra.end(); ++it) run.metrics[it.key()] = it.value();
    }
    if (vectors = job->embeddings(); vectors && !vectors->empty()) liveEmbeddings_[run.id] = vectors;
    else vectors.reset();
  }
  // A job stopped during training leaves the vectors learned so far in memory only: they are
  // worth keeping (a long run stopped early is often good enough), so they go to the file the job
  // would have written, when that is a vectors file.
  if (run.status == RunRecord::Status::Stopped && !continuationFailed && vectors && model && run.vectorsFile().isEmpty()) {
    const QString path = QFileInfo(store_->runDir(run.id) + QLatin1Char('/') + model->outputFileName).absoluteFilePath();
    bool vectorsFile = !model->outputFileName.isEmpty();
    try {
      vectorFormatFromPath(QFile::encodeName(path).toStdString());
    } catch (const std::exception&) {
      vectorsFile = false;  // a checkpoint, not word vectors
    }
    if (vectorsFile) saveStoppedVectors(run, vectors, path);
  }
  try {
    runs_->upsert(run);
  } catch (const std::exception& e) {
    runs_->upsert(run, false);
    showError(tr("The run finished but its record could not be saved: %1").arg(QString::fromUtf8(e.what())));
  }

  progress_->setFormat(QStringLiteral("%p%"));
  if (run.status == RunRecord::Status::Finished) {
    progress_->setValue(1000);
    setPhase([] { return tr("Finished."); });
    emit statusMessage(tr("Training finished: %1").arg(run.name));
  } else if (continuationFailed) {
    setPhase([] { return tr("Stopped; the run could not be continued."); });
    showError(tr("Run \"%1\" could not be continued; it stays stopped with its checkpoint: %2")
                  .arg(run.name, message.isEmpty() ? tr("unknown error") : message));
  } else if (run.status == RunRecord::Status::Stopped) {
    setPhase([] { return tr("Stopped."); });
    emit statusMessage(tr("Training stopped: %1").arg(run.name));
    if (!run.vectorsFile().isEmpty()) setPhase([] { return tr("Stopped; the vectors learned so far are saved."); });
    else if (pendingSave_.error.valid()) setPhase([] { return tr("Stopped; saving the vectors learned so far…"); });
  } else {
    setPhase([] { return tr("Failed."); });
    showError(tr("Training failed: %1").arg(message.isEmpty() ? tr("unknown error") : message));
  }
  eta_->clear();
  if (const double speed = run.metrics.value(QStringLiteral("items_per_sec")).toDouble(); speed > 0) {
    setSpeed([speed, model] {
      const QString unit = model && model->unitName ? model->unitName() : tr("items");
      return tr("%1 %2/s on average").arg(QLocale().toString(speed, 'f', 0), unit);
    });
  }
  updateButtons();
  emit trainingStateChanged(false, false);
  emit runFinished(run.id, status);
  if (selectedRunId() == run.id) emit selectedRunChanged(run.id);
}

void TrainPage::updateButtons() {
  const bool running = isTraining();
  start_->setEnabled(!running);
  pause_->setEnabled(running);
  pause_->setText(isPaused() ? tr("&Resume") : tr("&Pause"));
  pause_->setIcon(style()->standardIcon(isPaused() ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
  stop_->setEnabled(running);
  modelCombo_->setEnabled(!running);
  const bool selected = table_->selectionModel() && table_->selectionModel()->hasSelection();
  compare_->setEnabled(selected);
  rename_->setEnabled(selected);
  delete_->setEnabled(selected);
  compareAction_->setEnabled(selected);
  renameAction_->setEnabled(selected);
  deleteAction_->setEnabled(selected);
  const bool oneSelected = selected && table_->selectionModel()->selectedRows().size() == 1;
  const bool continuable = oneSelected && canContinueRun(selectedRunId());
  continue_->setEnabled(continuable);
  continueAction_->setEnabled(continuable);
}

void TrainPage::applyChartUnits() {
  const RunRecord* run = runs_->run(isTraining() ? currentRunId_ : selectedRunId());
  const ModelDescriptor* model = run ? ModelRegistry::builtin().find(run->modelType) : nullptr;
  if (!model) model = currentDescriptor();
  const QString unit = model && model->unitName ? model->unitName() : QString();
  if (unit.isEmpty()) chart_->setUnits(tr("step"), tr("items"));
  else chart_->setUnits(unit, unit);
}

bool TrainPage::exportChartPng(const QString& path) { return chart_->exportPng(path); }
bool TrainPage::exportChartCsv(const QString& path) { return chart_->exportCsv(path); }

void TrainPage::exportPngInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export chart as PNG"), QStringLiteral("loss.png"),
                                                    tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  if (exportChartPng(path)) emit statusMessage(tr("Chart saved to %1").arg(path));
  else showError(tr("Could not write %1").arg(path));
}

void TrainPage::exportCsvInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data as CSV"), QStringLiteral("loss.csv"),
                                                    tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  if (exportChartCsv(path)) emit statusMessage(tr("Chart data saved to %1").arg(path));
  else showError(tr("Could not write %1").arg(path));
}

void TrainPage::saveSettings(QSettings& s) const {
  s.setValue(QStringLiteral("train/model"), modelId());
  const ModelRegistry& registry = ModelRegistry::builtin();
  for (int i = 0; i < forms_->count(); ++i) {
    const auto* form = qobject_cast<ModelOptionsForm*>(forms_->widget(i));
    if (form && i < static_cast<int>(registry.models().size()))
      s.setValue(QStringLiteral("train/values/") + registry.models()[i].id, form->values());
  }
  s.setValue(QStringLiteral("chart/smoothing"), smoothing_->value() / 1000.0);
  s.setValue(QStringLiteral("chart/logY"), logY_->isChecked());
  s.setValue(QStringLiteral("chart/xAxis"), xAxis_->currentIndex());
  s.setValue(QStringLiteral("train/splitter"), splitter_->saveState());
  s.setValue(QStringLiteral("train/rightSplitter"), rightSplitter_->saveState());
}

void TrainPage::restoreSettings(const QSettings& s) {
  const ModelRegistry& registry = ModelRegistry::builtin();
  for (int i = 0; i < forms_->count(); ++i) {
    auto* form = qobject_cast<ModelOptionsForm*>(forms_->widget(i));
    const QString key = QStringLiteral("train/values/") + registry.models()[i].id;
    if (form && s.contains(key)) form->setValues(s.value(key).toMap());
  }
  setModel(s.value(QStringLiteral("train/model")).toString());
  const double smoothing = std::clamp(s.value(QStringLiteral("chart/smoothing"), 0.6).toDouble(), 0.0, 0.999);
  smoothing_->setValue(static_cast<int>(std::lround(smoothing * 1000)));
  logY_->setChecked(s.value(QStringLiteral("chart/logY"), false).toBool());
  xAxis_->setCurrentIndex(std::clamp(s.value(QStringLiteral("chart/xAxis"), 0).toInt(), 0, 1));
  splitter_->restoreState(s.value(QStringLiteral("train/splitter")).toByteArray());
  rightSplitter_->restoreState(s.value(QStringLiteral("train/rightSplitter")).toByteArray());
}

}  // namespace embedlab::ui
