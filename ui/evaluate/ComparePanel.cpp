#include "ui/evaluate/ComparePanel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/compare/ReportRunner.h"
#include "core/util/Error.h"
#include "ui/evaluate/BuiltinSets.h"
#include "ui/evaluate/ComparisonChart.h"
#include "ui/evaluate/ComparisonResultsView.h"
#include "ui/evaluate/ComparisonTable.h"
#include "ui/evaluate/ConfusionHeatmap.h"
#include "ui/runs/RunStore.h"
#include "ui/util/BackgroundTask.h"

namespace embedlab::ui {

namespace {

// What a model item of the list carries.
constexpr int kPathRole = Qt::UserRole;       // the vectors file or the model folder
constexpr int kKindRole = Qt::UserRole + 1;   // "word2vec", "bert", "elmo"
constexpr int kFromRunRole = Qt::UserRole + 2;  // listed from the run store (refreshed), else added by hand
constexpr int kNameRole = Qt::UserRole + 3;   // the model's name in the table and the report

std::string local(const QString& path) { return QFile::encodeName(path).toStdString(); }

// The model a finished run left: its vectors file (Word2Vec), or the folder of its config.json
// (BERT, Hugging Face layout) or of its model.safetensors (ELMo). Empty when there is none.
QString runModelPath(const RunRecord& run) {
  if (run.modelType != QLatin1String("word2vec"))
    for (const QString& f : run.outputFiles) {
      const QFileInfo info(f);
      if (info.fileName() == QLatin1String("config.json") || info.fileName() == QLatin1String("model.safetensors"))
        return info.absolutePath();
    }
  return run.vectorsFile();
}

// Empty when `dir` holds train.tsv and test.tsv (each optionally .gz), else why not.
QString taskFolderProblem(const QString& dir) {
  const QDir d(dir);
  if (dir.trimmed().isEmpty() || !d.exists()) return ComparePanel::tr("%1: no such folder").arg(QDir::toNativeSeparators(dir));
  auto has = [&](const QString& name) {
    return QFileInfo::exists(d.filePath(name)) || QFileInfo::exists(d.filePath(name + QStringLiteral(".gz")));
  };
  if (!has(QStringLiteral("train.tsv")) || !has(QStringLiteral("test.tsv")))
    return ComparePanel::tr("%1: not a task folder (it needs train.tsv and test.tsv with label<TAB>text lines, "
                            "optionally .gz)")
        .arg(QDir::toNativeSeparators(dir));
  return QString();
}

QString number(double v, int decimals) { return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("—"); }

ComparisonRow toComparisonRow(const ReportClassificationRow& r) {
  ComparisonRow row;
  row.model = QString::fromStdString(r.model);
  row.task = QString::fromStdString(r.task);
  row.accuracy = r.metrics.accuracy;
  row.macroF1 = r.metrics.macroF1;
  row.trainSeconds = r.trainSeconds;
  row.inferenceSeconds = r.inferenceSeconds;
  for (const std::string& l : r.labels) row.labels << QString::fromStdString(l);
  for (const auto& c : r.metrics.confusion) row.confusion.append(QVector<qint64>(c.begin(), c.end()));
  return row;
}

}  // namespace

ComparePanel::ComparePanel(QWidget* parent)
    : QWidget(parent),
      inbox_(std::make_shared<Inbox>()),
      phaseMutex_(std::make_shared<std::mutex>()),
      phase_(std::make_shared<QString>()) {
  task_ = new BackgroundTask(this);

  // ---- models ------------------------------------------------------------------------------------
  modelsBox_ = new QGroupBox(this);
  models_ = new QListWidget(modelsBox_);
  models_->setObjectName(QStringLiteral("compareModels"));
  models_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  addFolder_ = new QPushButton(modelsBox_);
  addFile_ = new QPushButton(modelsBox_);
  refresh_ = new QPushButton(modelsBox_);
  removeModel_ = new QPushButton(modelsBox_);
  auto* modelButtons = new QHBoxLayout;
  modelButtons->addWidget(addFolder_);
  modelButtons->addWidget(addFile_);
  modelButtons->addWidget(refresh_);
  modelButtons->addWidget(removeModel_);
  modelButtons->addStretch();
  auto* ml = new QVBoxLayout(modelsBox_);
  ml->addWidget(models_, 1);
  ml->addLayout(modelButtons);

  // ---- tasks -------------------------------------------------------------------------------------
  tasksBox_ = new QGroupBox(this);
  tasks_ = new QListWidget(tasksBox_);
  tasks_->setObjectName(QStringLiteral("compareTasks"));
  tasks_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  addTask_ = new QPushButton(tasksBox_);
  removeTask_ = new QPushButton(tasksBox_);
  auto* taskButtons = new QHBoxLayout;
  taskButtons->addWidget(addTask_);
  taskButtons->addWidget(removeTask_);
  taskButtons->addStretch();
  auto* tl = new QVBoxLayout(tasksBox_);
  tl->addWidget(tasks_, 1);
  tl->addLayout(taskButtons);

  // ---- options -----------------------------------------------------------------------------------
  optionsBox_ = new QGroupBox(this);
  baseline_ = new QCheckBox(optionsBox_);
  baseline_->setChecked(true);
  finetune_ = new QCheckBox(optionsBox_);
  intrinsicOn_ = new QCheckBox(optionsBox_);
  contextLabel_ = new QLabel(optionsBox_);
  context_ = new QLineEdit(optionsBox_);
  context_->setObjectName(QStringLiteral("compareContextCorpus"));
  contextBrowse_ = new QPushButton(optionsBox_);
  auto* ol = new QGridLayout(optionsBox_);
  ol->addWidget(baseline_, 0, 0, 1, 3);
  ol->addWidget(finetune_, 1, 0, 1, 3);
  ol->addWidget(intrinsicOn_, 2, 0, 1, 3);
  ol->addWidget(contextLabel_, 3, 0);
  ol->addWidget(context_, 3, 1);
  ol->addWidget(contextBrowse_, 3, 2);
  ol->setColumnStretch(1, 1);
  ol->setRowStretch(4, 1);

  auto* pick = new QHBoxLayout;
  pick->addWidget(modelsBox_, 3);
  pick->addWidget(tasksBox_, 2);
  pick->addWidget(optionsBox_, 2);

  run_ = new QPushButton(this);
  run_->setObjectName(QStringLiteral("runComparison"));
  cancel_ = new QPushButton(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_);
  runRow->addWidget(cancel_);
  runRow->addWidget(progress_, 1);

  // ---- results -----------------------------------------------------------------------------------
  results_ = new ComparisonResultsView(ComparisonResultsView::Options{}, this);
  table_ = results_->table();
  results_->tableView()->setObjectName(QStringLiteral("compareTable"));
  results_->chart()->setObjectName(QStringLiteral("compareChart"));
  results_->heatmap()->setObjectName(QStringLiteral("compareHeatmap"));
  intrinsic_ = new QTableWidget(0, 5, this);
  intrinsic_->setObjectName(QStringLiteral("compareIntrinsic"));
  intrinsic_->verticalHeader()->hide();
  intrinsic_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  intrinsic_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  intrinsic_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  results_->addBelowTable(intrinsic_);
  saveHtml_ = new QPushButton(this);
  saveHtml_->setObjectName(QStringLiteral("saveHtmlReport"));
  results_->addButton(saveHtml_);

  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addLayout(pick, 1);
  topLayout->addLayout(runRow);
  topLayout->addWidget(status_);
  auto* page = new QSplitter(Qt::Vertical, this);
  page->addWidget(top);
  page->addWidget(results_);
  page->setStretchFactor(0, 1);
  page->setStretchFactor(1, 2);
  page->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(page, 1);

  // ---- shortcuts (the panel's own; the window's Esc / Ctrl+E stay the window's) -----------------
  auto* runKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
  connect(runKey, &QShortcut::activated, this, [this] { runComparison(); });
  auto* htmlKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), this, nullptr, nullptr,
                                Qt::WidgetWithChildrenShortcut);
  connect(htmlKey, &QShortcut::activated, this, &ComparePanel::saveHtmlInteractive);
  for (QListWidget* list : {models_, tasks_}) {
    auto* del = new QShortcut(QKeySequence::Delete, list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, [this, list] { removeSelected(list); });
  }

  // ---- wiring ------------------------------------------------------------------------------------
  connect(addFolder_, &QPushButton::clicked, this, [this] { addModelInteractive(true); });
  connect(addFile_, &QPushButton::clicked, this, [this] { addModelInteractive(false); });
  connect(refresh_, &QPushButton::clicked, this, &ComparePanel::refreshRuns);
  connect(removeModel_, &QPushButton::clicked, this, [this] { removeSelected(models_); });
  connect(addTask_, &QPushButton::clicked, this, &ComparePanel::addTaskInteractive);
  connect(removeTask_, &QPushButton::clicked, this, [this] { removeSelected(tasks_); });
  connect(contextBrowse_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a corpus sample for BERT/ELMo contexts"),
                                                      QFileInfo(context_->text()).absolutePath(),
                                                      tr("Text files (*.txt *.gz);;All files (*)"));
    if (!path.isEmpty()) context_->setText(path);
  });
  for (QListWidget* list : {models_, tasks_}) {
    connect(list, &QListWidget::itemChanged, this, &ComparePanel::updateState);
    connect(list, &QListWidget::itemSelectionChanged, this, &ComparePanel::updateState);
  }
  connect(intrinsicOn_, &QCheckBox::toggled, this, &ComparePanel::updateState);
  connect(run_, &QPushButton::clicked, this, [this] { runComparison(); });
  connect(cancel_, &QPushButton::clicked, this, &ComparePanel::cancel);
  connect(results_, &ComparisonResultsView::changed, this, &ComparePanel::updateState);
  connect(results_, &ComparisonResultsView::exported, this, &ComparePanel::statusMessage);
  connect(results_, &ComparisonResultsView::exportFailed, this, [this](const QString& error) { setStatus(error, true); });
  connect(saveHtml_, &QPushButton::clicked, this, &ComparePanel::saveHtmlInteractive);

  connect(task_, &BackgroundTask::progressed, this, [this](double f) {
    progress_->setValue(static_cast<int>(f * 1000));
    QString phase;
    {
      std::lock_guard<std::mutex> lock(*phaseMutex_);
      phase = *phase_;
    }
    if (!phase.isEmpty()) status_->setText(tr("Running: %1").arg(phase));
  });
  connect(task_, &BackgroundTask::failed, this, [this](const QString& message) {
    progress_->setValue(0);
    setStatus(message, true);
  });
  connect(task_, &BackgroundTask::cancelled, this, [this] {
    progress_->setValue(0);
    cancelled_ = true;
    setStatus(tr("Cancelled; the %n row(s) finished before are kept.", nullptr, static_cast<int>(rows_.size())), false);
  });
  connect(task_, &BackgroundTask::succeeded, this, &ComparePanel::updateState);
  retranslate();
}

ComparePanel::~ComparePanel() {
  // Join the worker before the members its queued calls and captures refer to go away.
  delete task_;
  task_ = nullptr;
}

void ComparePanel::retranslate() {
  modelsBox_->setTitle(tr("Models"));
  models_->setToolTip(tr("Check the models to compare: the workspace's finished runs (Word2Vec, BERT, ELMo) and "
                         "models added by hand"));
  addFolder_->setText(tr("Add model &folder…"));
  addFolder_->setToolTip(tr("A BERT folder (Hugging Face layout), an EmbedLab ELMo folder, or a folder holding vectors.vec"));
  addFile_->setText(tr("Add &vectors file…"));
  addFile_->setToolTip(tr("A word-vectors file: .vec / .txt (text) or .bin (word2vec binary), optionally .gz"));
  refresh_->setText(tr("&Refresh runs"));
  refresh_->setToolTip(tr("List the workspace's finished runs again"));
  removeModel_->setText(tr("Remove"));
  removeModel_->setToolTip(tr("Remove the selected models added by hand (Delete)"));
  tasksBox_->setTitle(tr("Tasks"));
  tasks_->setToolTip(tr("Folders with train.tsv and test.tsv (label<TAB>text per line); every checked model runs on "
                        "every checked task"));
  addTask_->setText(tr("Add &task folder…"));
  addTask_->setToolTip(tr("A folder with train.tsv and test.tsv (optionally .gz)"));
  removeTask_->setText(tr("Remove"));
  removeTask_->setToolTip(tr("Remove the selected task folders (Delete)"));
  optionsBox_->setTitle(tr("Options"));
  baseline_->setText(tr("TF-IDF &baseline"));
  baseline_->setToolTip(tr("A TF-IDF (word 1-2-grams) row first on every task, the classical reference"));
  finetune_->setText(tr("Also &fine-tune BERT models"));
  finetune_->setToolTip(tr("BERT models get a second row: the whole model fine-tuned on the task (3 epochs, "
                           "lr 3e-5) — slow on a CPU"));
  intrinsicOn_->setText(tr("&Intrinsic benchmarks (built-in sets)"));
  intrinsicOn_->setToolTip(tr("Analogies and word similarity of every model's static vectors (BERT and ELMo: "
                              "averaged over their contexts in the corpus sample below)"));
  contextLabel_->setText(tr("Contexts:"));
  context_->setPlaceholderText(tr("corpus sample for BERT/ELMo static vectors (optional)"));
  context_->setToolTip(tr("BERT and ELMo have no static vectors: a word's vector is averaged over its contexts in "
                          "this corpus. Without it they are left out of the intrinsic table."));
  contextBrowse_->setText(tr("Browse…"));
  run_->setText(tr("Run &comparison"));
  run_->setToolTip(tr("Every checked model on every checked task, in the background (Ctrl+Enter)"));
  cancel_->setText(tr("Ca&ncel"));
  cancel_->setToolTip(tr("Stop after the batch in progress (a fit already started runs to its end); finished rows stay"));
  intrinsic_->setHorizontalHeaderLabels(
      {tr("Model"), tr("Analogy accuracy"), tr("Analogies answered"), tr("Spearman ρ"), tr("Pairs used")});
  saveHtml_->setText(tr("Save &HTML report…"));
  saveHtml_->setToolTip(tr("One self-contained HTML file with the tables and charts, to share (Ctrl+Shift+H)"));
  updateState();
}

void ComparePanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

// Runs finish while the window is open: the list is read again whenever the tab comes into view.
void ComparePanel::showEvent(QShowEvent* event) {
  if (!task_->isRunning()) refreshRuns();
  QWidget::showEvent(event);
}

void ComparePanel::setRunStore(const RunStore* store) {
  store_ = store;
  refreshRuns();
}

QListWidgetItem* ComparePanel::addModelItem(const ModelSource& model, const QString& label, bool fromRun, bool checked) {
  // Names must be unique: the table keys its rows by model and task.
  QString name = label;
  for (int n = 2;; ++n) {
    bool taken = false;
    for (int i = 0; i < models_->count() && !taken; ++i) taken = models_->item(i)->data(kNameRole).toString() == name;
    if (!taken) break;
    name = QStringLiteral("%1 #%2").arg(label).arg(n);
  }
  auto* item = new QListWidgetItem(name);
  item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
  item->setData(kPathRole, QString::fromStdString(model.path));
  item->setData(kKindRole, QString::fromStdString(model.kind));
  item->setData(kFromRunRole, fromRun);
  item->setData(kNameRole, name);
  item->setToolTip(QDir::toNativeSeparators(QString::fromStdString(model.path)));
  models_->addItem(item);
  return item;
}

void ComparePanel::refreshRuns() {
  runsListed_ = true;
  if (!store_) {
    if (!ownStore_) ownStore_ = std::make_unique<RunStore>();
    store_ = ownStore_.get();
  }
  // Runs listed before keep their check marks.
  QStringList checkedPaths;
  for (int i = models_->count() - 1; i >= 0; --i) {
    QListWidgetItem* item = models_->item(i);
    if (!item->data(kFromRunRole).toBool()) continue;
    if (item->checkState() == Qt::Checked) checkedPaths << item->data(kPathRole).toString();
    delete models_->takeItem(i);
  }
  for (const RunRecord& run : store_->loadAll()) {
    if (run.status != RunRecord::Status::Finished) continue;
    const QString path = runModelPath(run);
    if (path.isEmpty()) continue;
    ModelSource model;
    try {
      model = ModelSource::resolve(local(path));
    } catch (const std::exception&) {
      continue;  // a run whose files are gone
    }
    const QString label = QStringLiteral("%1 (%2)").arg(run.name.isEmpty() ? run.id : run.name,
                                                        QString::fromStdString(model.kind));
    QListWidgetItem* item = addModelItem(model, label, true, checkedPaths.contains(QString::fromStdString(model.path)));
    // Runs first, newest on top, then the models added by hand.
    models_->takeItem(models_->row(item));
    models_->insertItem(0, item);
  }
  updateState();
}

bool ComparePanel::addModel(const QString& path, QString* error) {
  ModelSource model;
  try {
    model = ModelSource::resolve(local(QDir::cleanPath(path)));
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  for (int i = 0; i < models_->count(); ++i)
    if (models_->item(i)->data(kPathRole).toString() == QString::fromStdString(model.path)) {
      models_->item(i)->setCheckState(Qt::Checked);
      return true;
    }
  addModelItem(model, QString::fromStdString(model.name), false, true);
  updateState();
  return true;
}

bool ComparePanel::addTask(const QString& dirIn, QString* error) {
  const QString dir = QDir::cleanPath(dirIn);
  const QString problem = taskFolderProblem(dir);
  if (!problem.isEmpty()) {
    if (error) *error = problem;
    return false;
  }
  for (int i = 0; i < tasks_->count(); ++i)
    if (tasks_->item(i)->data(kPathRole).toString() == dir) {
      tasks_->item(i)->setCheckState(Qt::Checked);
      return true;
    }
  auto* item = new QListWidgetItem(QFileInfo(dir).fileName());
  item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  item->setCheckState(Qt::Checked);
  item->setData(kPathRole, dir);
  item->setToolTip(QDir::toNativeSeparators(dir));
  tasks_->addItem(item);
  updateState();
  return true;
}

void ComparePanel::addModelInteractive(bool folder) {
  const QString path =
      folder ? QFileDialog::getExistingDirectory(this, tr("Choose a model folder (BERT, ELMo or a Word2Vec run)"))
             : QFileDialog::getOpenFileName(this, tr("Choose a word-vectors file"), QString(),
                                            tr("Word vectors (*.vec *.txt *.bin *.gz);;All files (*)"));
  if (path.isEmpty()) return;
  QString error;
  if (!addModel(path, &error)) {
    setStatus(error, true);
    QMessageBox::warning(this, tr("Not a model"), error);
  }
}

void ComparePanel::addTaskInteractive() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a task folder (train.tsv and test.tsv)"));
  if (dir.isEmpty()) return;
  QString error;
  if (!addTask(dir, &error)) {
    setStatus(error, true);
    QMessageBox::warning(this, tr("Not a task folder"), error);
  }
}

void ComparePanel::removeSelected(QListWidget* list) {
  if (task_->isRunning()) return;
  for (QListWidgetItem* item : list->selectedItems())
    if (!item->data(kFromRunRole).toBool()) delete list->takeItem(list->row(item));
  updateState();
}

void ComparePanel::setBaseline(bool on) { baseline_->setChecked(on); }
void ComparePanel::setFinetune(bool on) { finetune_->setChecked(on); }
void ComparePanel::setIntrinsic(bool on) { intrinsicOn_->setChecked(on); }
void ComparePanel::setContextCorpus(const QString& path) { context_->setText(path); }
bool ComparePanel::isRunning() const { return task_->isRunning(); }

std::vector<ModelSource> ComparePanel::checkedModels() const {
  std::vector<ModelSource> out;
  for (int i = 0; i < models_->count(); ++i) {
    const QListWidgetItem* item = models_->item(i);
    if (item->checkState() != Qt::Checked) continue;
    out.push_back(ModelSource{item->data(kNameRole).toString().toStdString(),
                              item->data(kKindRole).toString().toStdString(),
                              item->data(kPathRole).toString().toStdString()});
  }
  return out;
}

QStringList ComparePanel::checkedModelNames() const {
  QStringList out;
  for (const ModelSource& m : checkedModels()) out << QString::fromStdString(m.name);
  return out;
}

QStringList ComparePanel::checkedTasks() const {
  QStringList out;
  for (int i = 0; i < tasks_->count(); ++i)
    if (tasks_->item(i)->checkState() == Qt::Checked) out << tasks_->item(i)->data(kPathRole).toString();
  return out;
}

void ComparePanel::cancel() {
  if (!task_->isRunning()) return;
  task_->cancel();
  setStatus(tr("Cancelling (after the step in progress)…"), false);
}

void ComparePanel::setStatus(const QString& text, bool error) {
  statusText_ = text;
  statusIsError_ = error;
  updateState();
}

void ComparePanel::updateState() {
  const bool running = task_ && task_->isRunning();
  const bool haveRows = !rows_.empty();
  const int models = static_cast<int>(checkedModels().size());
  const int tasks = static_cast<int>(checkedTasks().size());
  run_->setEnabled(!running && tasks > 0 && (models > 0 || baseline_->isChecked()));
  cancel_->setEnabled(running);
  for (QWidget* w : std::initializer_list<QWidget*>{addFolder_, addFile_, refresh_, removeModel_, addTask_, removeTask_,
                                                    baseline_, finetune_, intrinsicOn_, context_, contextBrowse_})
    w->setEnabled(!running);
  context_->setEnabled(!running && intrinsicOn_->isChecked());
  contextBrowse_->setEnabled(!running && intrinsicOn_->isChecked());
  results_->setBusy(running);
  saveHtml_->setEnabled(haveRows && !running);
  QString text = statusText_;
  if (running && text.isEmpty()) text = tr("Running…");
  else if (!running && text.isEmpty())
    text = tasks == 0 ? tr("Add a task folder (train.tsv and test.tsv), check the models to compare, then run.")
                      : tr("%n model(s) and the baseline on %1 task(s).", nullptr, models).arg(tasks);
  if (!running || statusIsError_ || !statusText_.isEmpty()) status_->setText(text);
  status_->setStyleSheet(statusIsError_ ? QStringLiteral("color: #b00020;") : QString());
}

bool ComparePanel::runComparison() {
  if (task_->isRunning()) return false;
  ReportRunnerOptions options;
  options.models = checkedModels();
  for (const QString& dir : checkedTasks()) {
    const QString problem = taskFolderProblem(dir);
    if (!problem.isEmpty()) {
      setStatus(problem, true);
      return false;
    }
    options.tasks.push_back(local(dir));
  }
  if (options.tasks.empty()) {
    setStatus(tr("Check at least one task folder first."), true);
    return false;
  }
  options.baseline = baseline_->isChecked();
  if (options.models.empty() && !options.baseline) {
    setStatus(tr("Check at least one model (or the TF-IDF baseline)."), true);
    return false;
  }
  options.finetune = finetune_->isChecked();
  if (intrinsicOn_->isChecked()) {
    try {
      options.analogies = BuiltinSets::analogies();
      options.similarity = BuiltinSets::similarity();
    } catch (const std::exception& e) {
      setStatus(QString::fromUtf8(e.what()), true);
      return false;
    }
    const QString corpus = context_->text().trimmed();
    if (!corpus.isEmpty() && !QFileInfo(corpus).isFile()) {
      setStatus(tr("%1: no such file (the corpus sample for BERT/ELMo contexts)").arg(QDir::toNativeSeparators(corpus)), true);
      return false;
    }
    options.contextCorpus = local(corpus);
  }

  // A fresh comparison: the table shows this run's rows only.
  table_->clear();
  rows_.clear();
  intrinsicRows_.clear();
  showIntrinsic();
  reportModels_.clear();
  for (const ModelSource& m : options.models) reportModels_ << QString::fromStdString(m.path);
  reportTasks_ = checkedTasks();
  cancelled_ = false;
  progress_->setValue(0);
  statusText_.clear();
  statusIsError_ = false;
  {
    std::lock_guard<std::mutex> lock(*phaseMutex_);
    phase_->clear();
  }
  const quint64 generation = ++generation_;
  auto phaseMutex = phaseMutex_;
  auto phase = phase_;
  auto inbox = inbox_;

  task_->start([=, this](StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    CompareContext ctx;
    ctx.stop = &token;
    const ReportRunner runner(options);
    // Rows travel to the GUI thread as they finish, so a long comparison fills the table as it goes.
    const ReportOutcome outcome = runner.run(
        ctx,
        [&](const Progress& p) {
          {
            std::lock_guard<std::mutex> lock(*phaseMutex);
            *phase = QString::fromStdString(p.phase);
          }
          if (p.total > 0) progress(static_cast<double>(p.step) / static_cast<double>(p.total));
        },
        [&](const ReportClassificationRow& row) {
          {
            std::lock_guard<std::mutex> lock(inbox->mutex);
            inbox->classification.emplace_back(generation, row);
          }
          QMetaObject::invokeMethod(this, [this] { takeArrivedRows(); }, Qt::QueuedConnection);
        },
        [&](const ReportIntrinsicRow& row) {
          {
            std::lock_guard<std::mutex> lock(inbox->mutex);
            inbox->intrinsic.emplace_back(generation, row);
          }
          QMetaObject::invokeMethod(this, [this] { takeArrivedRows(); }, Qt::QueuedConnection);
        });
    const double seconds = outcome.seconds;
    const size_t rows = outcome.report.classification.size();
    return [this, seconds, rows] {
      setStatus(tr("Done: %n row(s) in %1 s.", nullptr, static_cast<int>(rows)).arg(QString::number(seconds, 'f', 1)),
                false);
      emit statusMessage(statusText_);
    };
  });
  updateState();
  return true;
}

// Rows of an older run (another generation) are dropped.
void ComparePanel::takeArrivedRows() {
  std::vector<std::pair<quint64, ReportClassificationRow>> classification;
  std::vector<std::pair<quint64, ReportIntrinsicRow>> intrinsic;
  {
    std::lock_guard<std::mutex> lock(inbox_->mutex);
    classification.swap(inbox_->classification);
    intrinsic.swap(inbox_->intrinsic);
  }
  for (const auto& [generation, row] : classification) {
    if (generation != generation_) continue;
    rows_.push_back(row);
    selectRow(table_->addRow(toComparisonRow(row)));
  }
  bool newIntrinsic = false;
  for (const auto& [generation, row] : intrinsic) {
    if (generation != generation_) continue;
    intrinsicRows_.push_back(row);
    newIntrinsic = true;
  }
  if (newIntrinsic) showIntrinsic();
}

void ComparePanel::showIntrinsic() {
  intrinsic_->setRowCount(static_cast<int>(intrinsicRows_.size()));
  const QLocale locale;
  for (int i = 0; i < static_cast<int>(intrinsicRows_.size()); ++i) {
    const ReportIntrinsicRow& r = intrinsicRows_[static_cast<size_t>(i)];
    intrinsic_->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(r.model)));
    intrinsic_->setItem(i, 1, new QTableWidgetItem(r.hasAnalogy && r.analogyTotal > 0 ? number(r.analogyAccuracy, 4) : QStringLiteral("—")));
    intrinsic_->setItem(i, 2, new QTableWidgetItem(r.hasAnalogy ? QStringLiteral("%1 / %2").arg(locale.toString(r.analogyTotal),
                                                                                              locale.toString(r.analogyTotal + r.analogyOov))
                                                                : QStringLiteral("—")));
    intrinsic_->setItem(i, 3, new QTableWidgetItem(r.hasSimilarity ? number(r.spearman, 3) : QStringLiteral("—")));
    intrinsic_->setItem(i, 4, new QTableWidgetItem(r.hasSimilarity ? locale.toString(r.pairs) : QStringLiteral("—")));
  }
  intrinsic_->setVisible(!intrinsicRows_.empty() || intrinsicOn_->isChecked());
}

ComparisonTable* ComparePanel::table() const { return results_->table(); }
QTableView* ComparePanel::tableView() const { return results_->tableView(); }
ComparisonChart* ComparePanel::chart() const { return results_->chart(); }
ConfusionHeatmap* ComparePanel::heatmap() const { return results_->heatmap(); }
void ComparePanel::selectRow(int row) { results_->selectRow(row); }

ReportData ComparePanel::report() const {
  ReportData data;
  data.title = "EmbedLab: model comparison";
  data.subtitle = "Written " + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString() +
                  " UTC by the EmbedLab window; logistic regression with C chosen by 5-fold cross-validation on each "
                  "training split.";
  // The same comparison from a shell (the window's options have the CLI's defaults).
  std::string command = "embedlab-cli report";
  for (const QString& m : reportModels_) command += " --runs " + local(m);
  for (const QString& t : reportTasks_) command += " --task " + local(t);
  if (!baseline_->isChecked()) command += " --no-baseline";
  if (finetune_->isChecked()) command += " --finetune";
  command += " --out report.html";
  data.commands.push_back(command);
  data.classification = rows_;
  data.intrinsic = intrinsicRows_;
  if (cancelled_) data.notes.push_back("The comparison was cancelled: only the rows finished before are shown.");
  return data;
}

bool ComparePanel::exportCsv(const QString& path, QString* error) const { return results_->exportCsv(path, error); }
bool ComparePanel::exportPng(const QString& path, QString* error) { return results_->exportPng(path, error); }

bool ComparePanel::saveHtmlReport(const QString& path, QString* error) const {
  if (rows_.empty()) {
    if (error) *error = tr("Nothing to report yet: run a comparison first.");
    return false;
  }
  try {
    writeHtmlReport(local(path), report());  // atomic: a temporary file renamed over the target
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  return true;
}

void ComparePanel::saveHtmlInteractive() {
  if (rows_.empty() || task_->isRunning()) return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save the comparison as an HTML report"),
                                                    QStringLiteral("report.html"), tr("HTML files (*.html *.htm)"));
  if (path.isEmpty()) return;
  QString error;
  if (saveHtmlReport(path, &error)) emit statusMessage(tr("Report saved to %1").arg(path));
  else setStatus(error, true);
}

void ComparePanel::saveSettings(QSettings& s) const {
  QStringList tasks, checkedTasks, models, checkedModels;
  for (int i = 0; i < tasks_->count(); ++i) {
    tasks << tasks_->item(i)->data(kPathRole).toString();
    if (tasks_->item(i)->checkState() == Qt::Checked) checkedTasks << tasks.back();
  }
  for (int i = 0; i < models_->count(); ++i) {
    const QListWidgetItem* item = models_->item(i);
    const QString path = item->data(kPathRole).toString();
    if (!item->data(kFromRunRole).toBool()) models << path;
    if (item->checkState() == Qt::Checked) checkedModels << path;
  }
  s.setValue(QStringLiteral("evaluate/compare/tasks"), tasks);
  s.setValue(QStringLiteral("evaluate/compare/checkedTasks"), checkedTasks);
  s.setValue(QStringLiteral("evaluate/compare/models"), models);
  s.setValue(QStringLiteral("evaluate/compare/checkedModels"), checkedModels);
  s.setValue(QStringLiteral("evaluate/compare/baseline"), baseline_->isChecked());
  s.setValue(QStringLiteral("evaluate/compare/finetune"), finetune_->isChecked());
  s.setValue(QStringLiteral("evaluate/compare/intrinsic"), intrinsicOn_->isChecked());
  s.setValue(QStringLiteral("evaluate/compare/contextCorpus"), context_->text());
  s.setValue(QStringLiteral("evaluate/compare/metric"), results_->metricIndex());
}

void ComparePanel::restoreSettings(const QSettings& s) {
  if (!runsListed_) refreshRuns();  // so that the runs' check marks can be restored
  // Folders that have gone since are dropped quietly: the lists show what can run.
  const QStringList checkedTasks = s.value(QStringLiteral("evaluate/compare/checkedTasks")).toStringList();
  tasks_->clear();
  for (const QString& dir : s.value(QStringLiteral("evaluate/compare/tasks")).toStringList())
    if (addTask(dir)) tasks_->item(tasks_->count() - 1)->setCheckState(checkedTasks.contains(dir) ? Qt::Checked : Qt::Unchecked);
  const QStringList checkedModels = s.value(QStringLiteral("evaluate/compare/checkedModels")).toStringList();
  for (int i = models_->count() - 1; i >= 0; --i)
    if (!models_->item(i)->data(kFromRunRole).toBool()) delete models_->takeItem(i);
  for (const QString& path : s.value(QStringLiteral("evaluate/compare/models")).toStringList()) addModel(path);
  for (int i = 0; i < models_->count(); ++i)
    models_->item(i)->setCheckState(checkedModels.contains(models_->item(i)->data(kPathRole).toString()) ? Qt::Checked
                                                                                                         : Qt::Unchecked);
  baseline_->setChecked(s.value(QStringLiteral("evaluate/compare/baseline"), true).toBool());
  finetune_->setChecked(s.value(QStringLiteral("evaluate/compare/finetune"), false).toBool());
  intrinsicOn_->setChecked(s.value(QStringLiteral("evaluate/compare/intrinsic"), false).toBool());
  context_->setText(s.value(QStringLiteral("evaluate/compare/contextCorpus")).toString());
  results_->setMetricIndex(s.value(QStringLiteral("evaluate/compare/metric"), 0).toInt());
  updateState();
}

}  // namespace embedlab::ui
