#include "ui/pages/DataPage.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/text/Tokenizer.h"
#include "core/text/Vocabulary.h"
#include "ui/charts/FrequencyChart.h"
#include "ui/util/BackgroundTask.h"

namespace embedlab::ui {

DataPage::DataPage(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  task_ = new BackgroundTask(this);

  intro_ = new QLabel(this);
  intro_->setWordWrap(true);

  filesBox_ = new QGroupBox(this);
  list_ = new QListWidget(filesBox_);
  list_->setObjectName(QStringLiteral("corpusList"));
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  list_->setMinimumHeight(90);
  add_ = new QPushButton(filesBox_);
  add_->setObjectName(QStringLiteral("addCorpus"));
  remove_ = new QPushButton(filesBox_);
  clear_ = new QPushButton(filesBox_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add_);
  buttons->addWidget(remove_);
  buttons->addWidget(clear_);
  buttons->addStretch();
  auto* filesLayout = new QVBoxLayout(filesBox_);
  filesLayout->addWidget(list_);
  filesLayout->addLayout(buttons);

  statsBox_ = new QGroupBox(this);
  auto* form = new QFormLayout;
  for (int i = 0; i < 6; ++i) {
    statLabels_[i] = new QLabel(statsBox_);
    statValues_[i] = new QLabel(statsBox_);
    statValues_[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(statLabels_[i], statValues_[i]);
  }
  progress_ = new QProgressBar(statsBox_);
  progress_->setRange(0, 1000);
  progress_->setObjectName(QStringLiteral("statsProgress"));
  cancel_ = new QPushButton(statsBox_);
  cancel_->setObjectName(QStringLiteral("cancelStats"));
  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(cancel_);
  errorLabel_ = new QLabel(statsBox_);
  errorLabel_->setObjectName(QStringLiteral("dataError"));
  errorLabel_->setWordWrap(true);
  errorLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
  errorLabel_->hide();
  auto* statsLayout = new QVBoxLayout(statsBox_);
  statsLayout->addLayout(form);
  statsLayout->addLayout(progressRow);
  statsLayout->addWidget(errorLabel_);
  statsLayout->addStretch();

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(intro_);
  leftLayout->addWidget(filesBox_, 1);
  leftLayout->addWidget(statsBox_);
  left->setMinimumWidth(320);

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  chartTitle_ = new QLabel(right);
  chart_ = new FrequencyChart(right);
  chart_->setObjectName(QStringLiteral("frequencyChart"));
  chart_->setMinimumSize(320, 240);
  rightLayout->addWidget(chartTitle_);
  rightLayout->addWidget(chart_, 1);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  splitter->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  connect(add_, &QPushButton::clicked, this, &DataPage::chooseFiles);
  connect(remove_, &QPushButton::clicked, this, [this] {
    QStringList keep = files_;
    for (QListWidgetItem* item : list_->selectedItems()) keep.removeAll(item->data(Qt::UserRole).toString());
    setCorpusFiles(keep);
  });
  connect(clear_, &QPushButton::clicked, this, [this] { setCorpusFiles({}); });
  connect(list_, &QListWidget::itemSelectionChanged, this,
          [this] { remove_->setEnabled(!list_->selectedItems().isEmpty()); });
  connect(cancel_, &QPushButton::clicked, this, &DataPage::cancelStatistics);
  connect(task_, &BackgroundTask::progressed, this,
          [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
  connect(task_, &BackgroundTask::succeeded, this, [this] {
    progress_->setValue(1000);
    cancel_->setEnabled(false);
    haveStats_ = true;
    showStats();
    emit statisticsReady();
  });
  connect(task_, &BackgroundTask::failed, this, [this](const QString& message) {
    cancel_->setEnabled(false);
    progress_->setValue(0);
    error_ = message;
    errorLabel_->setText(tr("Cannot read the corpus: %1").arg(message));
    errorLabel_->show();
    emit statusMessage(errorLabel_->text());
  });
  connect(task_, &BackgroundTask::cancelled, this, [this] {
    cancel_->setEnabled(false);
    progress_->setValue(0);
    showStats();
    emit statusMessage(tr("Corpus statistics cancelled."));
  });

  retranslate();
  refreshList();
}

DataPage::~DataPage() = default;

void DataPage::retranslate() {
  intro_->setText(tr("Step 1 — choose the text to learn from: one or more plain-text files (.txt) or "
                     "gzip-compressed ones (.gz), one sentence or paragraph per line. Drop files here or "
                     "add them with the button."));
  filesBox_->setTitle(tr("Corpus files"));
  add_->setText(tr("&Add files…"));
  add_->setToolTip(tr("Choose corpus files (Ctrl+O)"));
  remove_->setText(tr("&Remove"));
  remove_->setToolTip(tr("Remove the selected files from the corpus"));
  clear_->setText(tr("C&lear"));
  clear_->setToolTip(tr("Remove every file from the corpus"));
  statsBox_->setTitle(tr("Statistics"));
  const QString names[6] = {tr("Files:"), tr("Size:"), tr("Lines:"), tr("Tokens:"), tr("Vocabulary:"),
                            tr("Invalid bytes:")};
  const QString tips[6] = {tr("Number of corpus files"), tr("Bytes on disk"), tr("Lines read"),
                           tr("Words and punctuation marks after tokenization"),
                           tr("Distinct tokens (before the minimum count of training)"),
                           tr("Bytes that were not valid UTF-8 and were replaced")};
  for (int i = 0; i < 6; ++i) {
    statLabels_[i]->setText(names[i]);
    statLabels_[i]->setToolTip(tips[i]);
    statValues_[i]->setToolTip(tips[i]);
  }
  cancel_->setText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop computing the statistics"));
  chartTitle_->setText(tr("Word frequencies (rank vs count, log-log)"));
  if (!error_.isEmpty()) errorLabel_->setText(tr("Cannot read the corpus: %1").arg(error_));
  showStats();
}

void DataPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

bool DataPage::isCorpusFile(const QString& path) {
  const QFileInfo info(path);
  return info.isFile();
}

void DataPage::chooseFiles() {
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Add corpus files"), files_.isEmpty() ? QString() : QFileInfo(files_.back()).absolutePath(),
      tr("Text corpora (*.txt *.gz *.text *.tok);;All files (*)"));
  if (!files.isEmpty()) addCorpusFiles(files);
}

void DataPage::addCorpusFiles(const QStringList& files) {
  QStringList all = files_;
  for (const QString& f : files) {
    const QString abs = QFileInfo(f).absoluteFilePath();
    if (!all.contains(abs)) all << abs;
  }
  setCorpusFiles(all);
}

void DataPage::setCorpusFiles(const QStringList& files) {
  QStringList abs;
  for (const QString& f : files) abs << QFileInfo(f).absoluteFilePath();
  abs.removeDuplicates();
  if (abs == files_ && (haveStats_ || isComputing())) return;
  files_ = abs;
  refreshList();
  emit corpusFilesChanged(files_);
  computeStatistics();
}

void DataPage::refreshList() {
  list_->clear();
  for (const QString& f : files_) {
    auto* item = new QListWidgetItem(QFileInfo(f).fileName(), list_);
    item->setData(Qt::UserRole, f);
    item->setToolTip(f);
  }
  remove_->setEnabled(false);
  clear_->setEnabled(!files_.isEmpty());
}

bool DataPage::isComputing() const { return task_->isRunning(); }

void DataPage::cancelStatistics() { task_->cancel(); }

void DataPage::computeStatistics() {
  haveStats_ = false;
  error_.clear();
  errorLabel_->hide();
  stats_ = CorpusStats{};
  chart_->setCounts({});
  progress_->setValue(0);
  if (files_.isEmpty()) {
    if (task_->isRunning()) task_->cancel();
    cancel_->setEnabled(false);
    showStats();
    return;
  }
  std::vector<std::string> files;
  for (const QString& f : files_) files.push_back(f.toStdString());
  cancel_->setEnabled(true);
  showStats();
  task_->start([this, files](StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    Vocabulary::Options options;
    options.minCount = 1;  // the statistics describe the whole corpus
    Vocabulary::BuildStats bs;
    Vocabulary vocab = Vocabulary::build(files, Tokenizer(), options, &bs, progress, &token);
    if (token.stopRequested()) return {};
    CorpusStats s;
    s.files = static_cast<qint64>(files.size());
    s.bytes = bs.bytes;
    s.lines = bs.lines;
    s.tokens = bs.tokens;
    s.vocabulary = bs.distinctWords > 0 ? bs.distinctWords : vocab.size();
    s.invalidBytes = bs.invalidUtf8;
    auto counts = std::make_shared<std::vector<int64_t>>(vocab.counts());
    return [this, s, counts] {
      stats_ = s;
      chart_->setCounts(*counts);
    };
  });
}

void DataPage::showStats() {
  const QLocale locale;
  const bool computing = isComputing();
  const QString pending = computing ? tr("computing…") : QStringLiteral("—");
  statValues_[0]->setText(QString::number(files_.size()));
  auto value = [&](qint64 v) { return haveStats_ ? locale.toString(v) : pending; };
  statValues_[1]->setText(haveStats_ ? locale.formattedDataSize(stats_.bytes) : pending);
  statValues_[2]->setText(value(stats_.lines));
  statValues_[3]->setText(value(stats_.tokens));
  statValues_[4]->setText(value(stats_.vocabulary));
  statValues_[5]->setText(value(stats_.invalidBytes));
}

void DataPage::dragEnterEvent(QDragEnterEvent* event) {
  if (!event->mimeData()->hasUrls()) return;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile() && isCorpusFile(url.toLocalFile())) {
      event->acceptProposedAction();
      return;
    }
}

void DataPage::dropEvent(QDropEvent* event) {
  QStringList files;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile() && isCorpusFile(url.toLocalFile())) files << url.toLocalFile();
  if (files.isEmpty()) return;
  addCorpusFiles(files);
  event->acceptProposedAction();
}

}  // namespace embedlab::ui
