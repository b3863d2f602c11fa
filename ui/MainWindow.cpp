#include "ui/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "core/version.h"
#include "ui/dialogs/ShortcutsDialog.h"
#include "ui/i18n/LanguageManager.h"
#include "ui/pages/BertPage.h"
#include "ui/pages/DataPage.h"
#include "ui/pages/ElmoPage.h"
#include "ui/pages/EvaluatePage.h"
#include "ui/pages/ExplorePage.h"
#include "ui/pages/TrainPage.h"
#include "core/train/TrainingJob.h"
#include "ui/runs/RunRecord.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"
#include "ui/train/TrainingWorker.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

namespace {
constexpr int kMaxRecent = 8;
const QString kCorpusKind = QStringLiteral("corpus");
const QString kVectorsKind = QStringLiteral("vectors");
}  // namespace

QString MainWindow::defaultCorpusPath() {
  return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/embedlab/default-corpus.txt"));
}

MainWindow::MainWindow(const Options& options, QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("EmbedLabMainWindow"));
  setAcceptDrops(true);
  store_ = new RunStore(options.workspace);
  runs_ = new RunTableModel(store_, this);
  vectors_ = new CurrentVectors(this);
  language_ = new LanguageManager(this);

  // ---- pages ----
  data_ = new DataPage(this);
  train_ = new TrainPage(store_, runs_, this);
  explore_ = new ExplorePage(vectors_, this);
  evaluate_ = new EvaluatePage(vectors_, this);
  evaluate_->setRunStore(store_);  // the Compare tab lists this workspace's runs, not the default one
  bert_ = new BertPage(this);
  elmo_ = new ElmoPage(this);
  stack_ = new QStackedWidget(this);
  stack_->addWidget(data_);
  stack_->addWidget(train_);
  stack_->addWidget(explore_);
  stack_->addWidget(evaluate_);
  stack_->addWidget(bert_);
  stack_->addWidget(elmo_);

  sidebar_ = new QListWidget(this);
  sidebar_->setObjectName(QStringLiteral("sidebar"));
  sidebar_->setIconSize(QSize(28, 28));
  sidebar_->setSpacing(2);
  sidebar_->setFixedWidth(150);
  sidebar_->setStyleSheet(QStringLiteral("QListWidget#sidebar { font-size: 11pt; } QListWidget#sidebar::item { padding: 10px 6px; }"));
  const QStyle::StandardPixmap icons[PageCount] = {QStyle::SP_DirOpenIcon, QStyle::SP_MediaPlay,
                                                   QStyle::SP_FileDialogContentsView, QStyle::SP_DialogApplyButton,
                                                   QStyle::SP_FileDialogDetailedView, QStyle::SP_FileDialogInfoView};
  for (int i = 0; i < PageCount; ++i) new QListWidgetItem(style()->standardIcon(icons[i]), QString(), sidebar_);

  auto* central = new QWidget(this);
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(4, 4, 4, 0);
  layout->addWidget(sidebar_);
  layout->addWidget(stack_, 1);
  setCentralWidget(central);

  corpusStatus_ = new QLabel(this);
  trainingStatus_ = new QLabel(this);
  statusBar()->addPermanentWidget(corpusStatus_);
  statusBar()->addPermanentWidget(trainingStatus_);

  createActions();
  createMenus();
  setMinimumSize(960, 620);

  // ---- wiring ----
  connect(sidebar_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0) stack_->setCurrentIndex(row);
    for (int i = 0; i < PageCount; ++i) pages_[i]->setChecked(i == row);
  });
  connect(data_, &DataPage::corpusFilesChanged, this, [this](const QStringList& files) {
    train_->setCorpusFiles(files);
    bert_->setCorpusFiles(files);
    elmo_->setCorpusFiles(files);
    updateCorpusStatus();
  });
  connect(evaluate_, &EvaluatePage::statusMessage, this, &MainWindow::showStatus);
  connect(bert_, &BertPage::statusMessage, this, &MainWindow::showStatus);
  connect(elmo_, &ElmoPage::statusMessage, this, &MainWindow::showStatus);
  // Contextual vectors (every occurrence of a word is a row) go to the explorer's map.
  connect(bert_, &BertPage::sendToExplorer, this, [this](std::shared_ptr<const EmbeddingSet> set) {
    vectors_->setVectors(std::move(set), tr("BERT contexts"));
    setPage(ExplorePageIndex);
  });
  connect(elmo_, &ElmoPage::sendToExplorer, this, [this](std::shared_ptr<const EmbeddingSet> set) {
    vectors_->setVectors(std::move(set), tr("ELMo contexts"));
    setPage(ExplorePageIndex);
  });
  // A finished BERT or ELMo run opens on its page.
  connect(train_, &TrainPage::runFinished, this, [this](const QString& id, int status) {
    const RunRecord* r = runs_->run(id);
    if (!r || status != int(JobStatus::Finished)) return;
    if (r->modelType == QLatin1String("bert")) bert_->openModel(store_->runDir(id) + QStringLiteral("/bert"));
    if (r->modelType == QLatin1String("elmo")) elmo_->openModel(store_->runDir(id) + QStringLiteral("/elmo"));
  });
  connect(data_, &DataPage::statisticsReady, this, &MainWindow::updateCorpusStatus);
  connect(data_, &DataPage::statusMessage, this, &MainWindow::showStatus);
  connect(train_, &TrainPage::statusMessage, this, &MainWindow::showStatus);
  connect(train_, &TrainPage::trainingStateChanged, this, &MainWindow::updateTrainingActions);
  connect(train_, &TrainPage::selectedRunChanged, this, &MainWindow::onSelectedRunChanged);
  connect(explore_, &ExplorePage::openVectorsRequested, this, &MainWindow::openVectorsInteractive);
  connect(vectors_, &CurrentVectors::changed, this, [this] {
    saveVectors_->setEnabled(vectors_->isReady());
    if (!vectors_->lastError().isEmpty()) showStatus(tr("Cannot load the vectors: %1").arg(vectors_->lastError()));
  });
  connect(language_, &LanguageManager::languageChanged, this, [this](const QString& code) {
    english_->setChecked(code == QLatin1String("en"));
    chinese_->setChecked(code == QLatin1String("zh_CN"));
  });

  const QStringList problems = runs_->reload();
  restoreSettings(options);
  retranslate();
  updateTrainingActions();
  if (!problems.isEmpty())
    showStatus(tr("Some runs could not be read: %1").arg(problems.join(QStringLiteral("; "))));
}

MainWindow::~MainWindow() {
  // The pages are children and are destroyed after this body: stop the training (which saves its
  // run through the store) before the store goes.
  train_->shutdown();
  delete store_;
}

void MainWindow::createActions() {
  openCorpus_ = new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
  openCorpus_->setShortcut(QKeySequence::Open);
  connect(openCorpus_, &QAction::triggered, this, &MainWindow::openCorpusInteractive);
  openVectors_ = new QAction(this);
  openVectors_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  connect(openVectors_, &QAction::triggered, this, &MainWindow::openVectorsInteractive);
  saveVectors_ = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
  saveVectors_->setShortcut(QKeySequence::Save);
  saveVectors_->setEnabled(false);
  connect(saveVectors_, &QAction::triggered, this, &MainWindow::saveVectorsInteractive);
  exportPng_ = new QAction(this);
  exportPng_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  connect(exportPng_, &QAction::triggered, train_, &TrainPage::exportPngInteractive);
  exportCsv_ = new QAction(this);
  exportCsv_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  connect(exportCsv_, &QAction::triggered, train_, &TrainPage::exportCsvInteractive);
  quit_ = new QAction(this);
  quit_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  quit_->setMenuRole(QAction::QuitRole);
  connect(quit_, &QAction::triggered, this, &QWidget::close);

  for (int i = 0; i < PageCount; ++i) {
    pages_[i] = new QAction(this);
    pages_[i]->setCheckable(true);
    pages_[i]->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
    connect(pages_[i], &QAction::triggered, this, [this, i] { setPage(i); });
  }
  languageGroup_ = new QActionGroup(this);
  english_ = new QAction(LanguageManager::nativeName(QStringLiteral("en")), languageGroup_);
  chinese_ = new QAction(LanguageManager::nativeName(QStringLiteral("zh_CN")), languageGroup_);
  english_->setCheckable(true);
  chinese_->setCheckable(true);
  connect(english_, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
  connect(chinese_, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh_CN")); });

  start_ = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
  start_->setShortcut(QKeySequence(Qt::Key_F5));
  connect(start_, &QAction::triggered, this, [this] {
    setPage(TrainPageIndex);
    train_->startTraining();
  });
  pause_ = new QAction(style()->standardIcon(QStyle::SP_MediaPause), QString(), this);
  pause_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  connect(pause_, &QAction::triggered, train_, &TrainPage::togglePause);
  stop_ = new QAction(style()->standardIcon(QStyle::SP_MediaStop), QString(), this);
  stop_->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_Period)});
  connect(stop_, &QAction::triggered, train_, &TrainPage::stopTraining);
  deleteRun_ = new QAction(this);
  connect(deleteRun_, &QAction::triggered, train_, &TrainPage::deleteSelectedRuns);

  shortcuts_ = new QAction(this);
  shortcuts_->setShortcut(QKeySequence(Qt::Key_F1));
  connect(shortcuts_, &QAction::triggered, this, &MainWindow::showShortcuts);
  about_ = new QAction(this);
  about_->setMenuRole(QAction::AboutRole);
  connect(about_, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
  fileMenu_ = menuBar()->addMenu(QString());
  fileMenu_->addAction(openCorpus_);
  fileMenu_->addAction(openVectors_);
  fileMenu_->addAction(saveVectors_);
  fileMenu_->addSeparator();
  fileMenu_->addAction(exportPng_);
  fileMenu_->addAction(exportCsv_);
  fileMenu_->addSeparator();
  recentMenu_ = fileMenu_->addMenu(QString());
  fileMenu_->addSeparator();
  fileMenu_->addAction(quit_);

  viewMenu_ = menuBar()->addMenu(QString());
  for (QAction* a : pages_) viewMenu_->addAction(a);
  viewMenu_->addSeparator();
  languageMenu_ = viewMenu_->addMenu(QString());
  languageMenu_->addAction(english_);
  languageMenu_->addAction(chinese_);

  trainingMenu_ = menuBar()->addMenu(QString());
  trainingMenu_->addAction(start_);
  trainingMenu_->addAction(pause_);
  trainingMenu_->addAction(stop_);
  trainingMenu_->addAction(train_->continueRunAction());  // enabled only for a stopped run with a checkpoint
  trainingMenu_->addSeparator();
  trainingMenu_->addAction(deleteRun_);

  helpMenu_ = menuBar()->addMenu(QString());
  helpMenu_->addAction(shortcuts_);
  helpMenu_->addAction(about_);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("EmbedLab — word embeddings laboratory"));
  const QString pageNames[PageCount] = {tr("1  Data"),     tr("2  Train"), tr("3  Explore"),
                                        tr("4  Evaluate"), tr("5  BERT"),  tr("6  ELMo")};
  const QString pageTips[PageCount] = {tr("Choose the corpus and look at its statistics"),
                                       tr("Train a model and watch its loss"),
                                       tr("Maps, nearest neighbours and analogies in the learned vectors"),
                                       tr("Benchmark and compare the learned representations"),
                                       tr("Attention and contextual vectors of a BERT model"),
                                       tr("ELMo's layers: learned weights and per-layer neighbours")};
  const QString menuNames[PageCount] = {tr("&Data"), tr("&Train"), tr("&Explore"), tr("E&valuate"), tr("&BERT"), tr("E&LMo")};
  for (int i = 0; i < PageCount; ++i) {
    sidebar_->item(i)->setText(pageNames[i]);
    sidebar_->item(i)->setToolTip(pageTips[i] + QStringLiteral(" (Ctrl+%1)").arg(i + 1));
    pages_[i]->setText(menuNames[i]);
    pages_[i]->setStatusTip(pageTips[i]);
  }
  fileMenu_->setTitle(tr("&File"));
  openCorpus_->setText(tr("Open &corpus…"));
  openCorpus_->setStatusTip(tr("Add text files to the corpus"));
  openVectors_->setText(tr("Open &vectors…"));
  openVectors_->setStatusTip(tr("Explore word vectors from a file"));
  saveVectors_->setText(tr("&Save vectors as…"));
  saveVectors_->setStatusTip(tr("Save the current vectors (word2vec text or binary, GloVe, TSV)"));
  exportPng_->setText(tr("Export chart as &PNG…"));
  exportCsv_->setText(tr("Export chart data as CS&V…"));
  recentMenu_->setTitle(tr("&Recent files"));
  quit_->setText(tr("&Quit"));
  viewMenu_->setTitle(tr("&View"));
  languageMenu_->setTitle(tr("&Language"));
  trainingMenu_->setTitle(tr("T&raining"));
  start_->setText(tr("&Start training"));
  pause_->setText(tr("&Pause / resume"));
  stop_->setText(tr("S&top training"));
  deleteRun_->setText(tr("&Delete selected runs…"));
  helpMenu_->setTitle(tr("&Help"));
  shortcuts_->setText(tr("&Keyboard shortcuts"));
  about_->setText(tr("&About EmbedLab"));
  rebuildRecentMenu();
  updateCorpusStatus();
  updateTrainingActions();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::setPage(int page) {
  if (page < 0 || page >= PageCount) return;
  sidebar_->setCurrentRow(page);
}

int MainWindow::page() const { return stack_->currentIndex(); }

bool MainWindow::setLanguage(const QString& code) {
  const bool ok = language_->setLanguage(code);
  english_->setChecked(language_->language() == QLatin1String("en"));
  chinese_->setChecked(language_->language() == QLatin1String("zh_CN"));
  return ok;
}

QString MainWindow::statusText() const { return lastStatus_; }

void MainWindow::showStatus(const QString& message) {
  lastStatus_ = message;
  statusBar()->showMessage(message, 15000);
}

void MainWindow::updateCorpusStatus() {
  const QStringList files = data_->corpusFiles();
  if (files.isEmpty()) {
    corpusStatus_->setText(tr("No corpus"));
  } else if (data_->hasStats()) {
    corpusStatus_->setText(tr("Corpus: %n file(s), %1 tokens", nullptr, static_cast<int>(files.size()))
                               .arg(QLocale().toString(data_->stats().tokens)));
  } else {
    corpusStatus_->setText(tr("Corpus: %n file(s)", nullptr, static_cast<int>(files.size())));
  }
}

void MainWindow::updateTrainingActions() {
  const bool running = train_->isTraining();
  start_->setEnabled(!running);
  pause_->setEnabled(running);
  stop_->setEnabled(running);
  if (!running) trainingStatus_->setText(tr("Idle"));
  else if (train_->isPaused()) trainingStatus_->setText(tr("Paused"));
  else trainingStatus_->setText(tr("Training…"));
}

void MainWindow::onSelectedRunChanged(const QString& runId) {
  const RunRecord* run = runs_->run(runId);
  if (!run || run->status == RunRecord::Status::Running) return;
  // Already showing this run's vectors (from their file: a stopped run's vectors are saved in
  // the background, and the copy shown before that has no file to keep evaluations beside).
  if (vectors_->name() == run->name && (vectors_->isReady() || vectors_->isLoading()) &&
      vectors_->sourcePath() == run->vectorsFile())
    return;
  if (auto live = train_->liveEmbeddings(runId)) {
    vectors_->setVectors(live, run->name, run->vectorsFile());
  } else if (!run->vectorsFile().isEmpty() && QFileInfo::exists(run->vectorsFile())) {
    vectors_->loadFile(run->vectorsFile(), run->name);
  }
}

void MainWindow::openCorpusInteractive() {
  setPage(DataPageIndex);
  const QStringList before = data_->corpusFiles();
  data_->chooseFiles();
  for (const QString& f : data_->corpusFiles())
    if (!before.contains(f)) addRecent(kCorpusKind, f);
}

void MainWindow::openVectorsInteractive() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open word vectors"), QString(),
      tr("Word vectors (*.vec *.txt *.bin *.tsv *.gz);;All files (*)"));
  if (!path.isEmpty()) openVectorsFile(path);
}

bool MainWindow::openVectorsFile(const QString& path) {
  if (!QFileInfo(path).isFile()) {
    showStatus(tr("%1: no such file").arg(path));
    return false;
  }
  vectors_->loadFile(path);
  addRecent(kVectorsKind, path);
  setPage(ExplorePageIndex);
  return true;
}

void MainWindow::saveVectorsInteractive() {
  if (!vectors_->isReady()) return;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save vectors"), vectors_->name() + QStringLiteral(".vec"),
      tr("word2vec text (*.vec *.txt);;word2vec binary (*.bin);;TensorFlow projector (*.tsv)"));
  if (!path.isEmpty()) saveVectorsFile(path);
}

bool MainWindow::saveVectorsFile(const QString& path) {
  if (!vectors_->isReady()) return false;
  try {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    saveWordVectors(*vectors_->set(), path.toStdString());
    QApplication::restoreOverrideCursor();
  } catch (const std::exception& e) {
    QApplication::restoreOverrideCursor();
    showStatus(tr("Cannot save the vectors: %1").arg(QString::fromUtf8(e.what())));
    QMessageBox::warning(this, tr("Save vectors"), tr("Cannot save the vectors: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  showStatus(tr("Vectors saved to %1").arg(path));
  addRecent(kVectorsKind, path);
  return true;
}

void MainWindow::addRecent(const QString& kind, const QString& path) {
  const QString entry = kind + QLatin1Char(':') + QFileInfo(path).absoluteFilePath();
  recent_.removeAll(entry);
  recent_.prepend(entry);
  while (recent_.size() > kMaxRecent) recent_.removeLast();
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  for (const QString& entry : recent_) {
    const qsizetype colon = entry.indexOf(QLatin1Char(':'));
    const QString kind = entry.left(colon), path = entry.mid(colon + 1);
    const QString label = kind == kCorpusKind ? tr("Corpus: %1").arg(QFileInfo(path).fileName())
                                              : tr("Vectors: %1").arg(QFileInfo(path).fileName());
    QAction* a = recentMenu_->addAction(label);
    a->setToolTip(path);
    a->setStatusTip(path);
    connect(a, &QAction::triggered, this, [this, kind, path] {
      if (kind == kCorpusKind) {
        data_->addCorpusFiles({path});
        setPage(DataPageIndex);
      } else {
        openVectorsFile(path);
      }
    });
  }
  recentMenu_->setEnabled(!recent_.isEmpty());
}

void MainWindow::showShortcuts() {
  QList<QAction*> actions = {openCorpus_, openVectors_, saveVectors_, exportPng_, exportCsv_, quit_};
  for (QAction* a : pages_) actions << a;
  actions << start_ << pause_ << stop_ << shortcuts_;
  ShortcutsDialog dialog(actions, this);
  dialog.exec();
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About EmbedLab"),
                     tr("<h3>EmbedLab %1</h3><p>A desktop laboratory for word embeddings: train Word2Vec on "
                        "your own text, watch the loss fall, and explore what the vectors learned.</p>"
                        "<p>Qt %2</p>")
                         .arg(QString::fromLatin1(embedlab::version()), QString::fromLatin1(qVersion())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList corpus;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (!url.isLocalFile()) continue;
    const QString path = url.toLocalFile();
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".vec")) || lower.endsWith(QLatin1String(".bin")) ||
        lower.endsWith(QLatin1String(".tsv")))
      openVectorsFile(path);
    else if (QFileInfo(path).isFile())
      corpus << path;
  }
  if (!corpus.isEmpty()) {
    data_->addCorpusFiles(corpus);
    for (const QString& f : corpus) addRecent(kCorpusKind, f);
    setPage(DataPageIndex);
  }
  event->acceptProposedAction();
}

// TrainingChart lays its charts out wrongly when its first show happens while its page is hidden
// (reported to the charts owner). Until that is fixed, the Train page is shown for the first
// layout pass of the window, then the remembered page comes back.
void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (shownOnce_) return;
  shownOnce_ = true;
  const int wanted = page();
  if (wanted == TrainPageIndex) return;
  stack_->setCurrentIndex(TrainPageIndex);
  QCoreApplication::sendPostedEvents();
  stack_->setCurrentIndex(wanted);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  // A training in progress is stopped and waited for: its run is saved as stopped, with every
  // file the job wrote so far.
  if (train_->isTraining()) showStatus(tr("Stopping the training…"));
  train_->shutdown();
  data_->cancelStatistics();
  saveSettings();
  event->accept();
}

void MainWindow::saveSettings() {
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/page"), page());
  s.setValue(QStringLiteral("data/corpus"), data_->corpusFiles());
  s.setValue(QStringLiteral("ui/language"), language_->language());
  s.setValue(QStringLiteral("recentFiles"), recent_);
  train_->saveSettings(s);
  evaluate_->saveSettings(s);
}

void MainWindow::restoreSettings(const Options& options) {
  QSettings s;
  const QString lang = !options.language.isEmpty() ? options.language : s.value(QStringLiteral("ui/language")).toString();
  setLanguage(lang);
  if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) resize(1280, 800);
  recent_ = s.value(QStringLiteral("recentFiles")).toStringList();
  train_->restoreSettings(s);
  evaluate_->restoreSettings(s);
  setPage(std::clamp(s.value(QStringLiteral("window/page"), 0).toInt(), 0, PageCount - 1));

  QStringList corpus;
  for (const QString& f : s.value(QStringLiteral("data/corpus")).toStringList())
    if (QFileInfo(f).isFile()) corpus << f;
  if (corpus.isEmpty() && options.loadDefaultCorpus && QFileInfo(defaultCorpusPath()).isFile())
    corpus << defaultCorpusPath();
  if (!corpus.isEmpty()) data_->setCorpusFiles(corpus);
  train_->setCorpusFiles(data_->corpusFiles());
  bert_->setCorpusFiles(data_->corpusFiles());
  elmo_->setCorpusFiles(data_->corpusFiles());
}

}  // namespace embedlab::ui
