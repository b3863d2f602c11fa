#include "ui/pages/EvaluatePage.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

#include "core/embeddings/EmbeddingSet.h"
#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/SimilarityBenchmark.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

EvaluatePage::EvaluatePage(CurrentVectors* vectors, QWidget* parent) : QWidget(parent), vectors_(vectors) {
  task_ = new BackgroundTask(this);
  source_ = new QLabel(this);
  source_->setWordWrap(true);

  filesBox_ = new QGroupBox(this);
  analogyLabel_ = new QLabel(filesBox_);
  analogyFile_ = new QLineEdit(filesBox_);
  analogyFile_->setObjectName(QStringLiteral("analogyFile"));
  analogyBrowse_ = new QPushButton(filesBox_);
  similarityLabel_ = new QLabel(filesBox_);
  similarityFile_ = new QLineEdit(filesBox_);
  similarityFile_->setObjectName(QStringLiteral("similarityFile"));
  similarityBrowse_ = new QPushButton(filesBox_);
  restrictLabel_ = new QLabel(filesBox_);
  restrict_ = new QSpinBox(filesBox_);
  restrict_->setRange(0, 100000000);
  restrict_->setValue(30000);
  restrict_->setSingleStep(1000);
  methodLabel_ = new QLabel(filesBox_);
  method_ = new QComboBox(filesBox_);
  method_->addItem(QStringLiteral("3CosAdd"));
  method_->addItem(QStringLiteral("3CosMul"));
  auto* grid = new QGridLayout(filesBox_);
  grid->addWidget(analogyLabel_, 0, 0);
  grid->addWidget(analogyFile_, 0, 1);
  grid->addWidget(analogyBrowse_, 0, 2);
  grid->addWidget(similarityLabel_, 1, 0);
  grid->addWidget(similarityFile_, 1, 1);
  grid->addWidget(similarityBrowse_, 1, 2);
  auto* options = new QHBoxLayout;
  options->addWidget(restrictLabel_);
  options->addWidget(restrict_);
  options->addSpacing(12);
  options->addWidget(methodLabel_);
  options->addWidget(method_);
  options->addStretch();
  grid->addLayout(options, 2, 0, 1, 3);
  grid->setColumnStretch(1, 1);

  run_ = new QPushButton(this);
  run_->setObjectName(QStringLiteral("runBenchmarks"));
  cancel_ = new QPushButton(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_);
  runRow->addWidget(cancel_);
  runRow->addWidget(progress_, 1);

  resultsBox_ = new QGroupBox(this);
  summary_ = new QLabel(resultsBox_);
  summary_->setObjectName(QStringLiteral("evaluationSummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  sections_ = new QTableWidget(0, 4, resultsBox_);
  sections_->setObjectName(QStringLiteral("sectionTable"));
  sections_->verticalHeader()->hide();
  sections_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  sections_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  auto* rl = new QVBoxLayout(resultsBox_);
  rl->addWidget(summary_);
  rl->addWidget(sections_, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(source_);
  layout->addWidget(filesBox_);
  layout->addLayout(runRow);
  layout->addWidget(resultsBox_, 1);

  auto browse = [this](QLineEdit* edit, const QString& title) {
    const QString path = QFileDialog::getOpenFileName(this, title, QFileInfo(edit->text()).absolutePath(),
                                                      tr("Text files (*.txt *.csv *.tsv);;All files (*)"));
    if (!path.isEmpty()) edit->setText(path);
  };
  connect(analogyBrowse_, &QPushButton::clicked, this,
          [this, browse] { browse(analogyFile_, tr("Choose an analogy file (Google format)")); });
  connect(similarityBrowse_, &QPushButton::clicked, this,
          [this, browse] { browse(similarityFile_, tr("Choose a word-similarity file")); });
  connect(run_, &QPushButton::clicked, this, [this] { runBenchmarks(); });
  connect(cancel_, &QPushButton::clicked, task_, &BackgroundTask::cancel);
  connect(task_, &BackgroundTask::progressed, this, [this](double f) { progress_->setValue(int(f * 1000)); });
  connect(task_, &BackgroundTask::succeeded, this, [this] {
    progress_->setValue(1000);
    updateState();
  });
  connect(task_, &BackgroundTask::failed, this, [this](const QString& message) {
    progress_->setValue(0);
    summaryText_ = message;
    summaryIsError_ = true;
    updateState();
  });
  connect(task_, &BackgroundTask::cancelled, this, [this] {
    progress_->setValue(0);
    summaryText_ = tr("Cancelled.");
    summaryIsError_ = false;
    updateState();
  });
  connect(vectors_, &CurrentVectors::changed, this, &EvaluatePage::updateState);
  connect(vectors_, &CurrentVectors::loadingStarted, this, &EvaluatePage::updateState);
  connect(analogyFile_, &QLineEdit::textChanged, this, &EvaluatePage::updateState);
  connect(similarityFile_, &QLineEdit::textChanged, this, &EvaluatePage::updateState);

  retranslate();
}

void EvaluatePage::retranslate() {
  filesBox_->setTitle(tr("Benchmarks"));
  analogyLabel_->setText(tr("Analogies:"));
  analogyFile_->setPlaceholderText(tr("questions-words.txt (\": section\" lines, then \"a b c d\")"));
  analogyFile_->setToolTip(tr("Analogy questions in the Google format; leave empty to skip"));
  analogyBrowse_->setText(tr("Browse…"));
  similarityLabel_->setText(tr("Similarity:"));
  similarityFile_->setPlaceholderText(tr("WordSim-353, SimLex-999 or \"word1 word2 score\" lines"));
  similarityFile_->setToolTip(tr("Word pairs with human similarity scores; leave empty to skip"));
  similarityBrowse_->setText(tr("Browse…"));
  restrictLabel_->setText(tr("Restrict to the most frequent:"));
  restrict_->setSpecialValueText(tr("all words"));
  restrict_->setToolTip(tr("Only the most frequent words are candidate answers; questions with other words count as out of vocabulary (0: all words)"));
  methodLabel_->setText(tr("Method:"));
  method_->setToolTip(tr("How an analogy is answered: 3CosAdd (b − a + c) or 3CosMul"));
  run_->setText(tr("&Run benchmarks"));
  run_->setToolTip(tr("Evaluate the current vectors on the chosen files"));
  cancel_->setText(tr("Cancel"));
  resultsBox_->setTitle(tr("Results"));
  sections_->setHorizontalHeaderLabels({tr("Section"), tr("Correct"), tr("Questions"), tr("Accuracy")});
  updateState();
}

void EvaluatePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

bool EvaluatePage::isRunning() const { return task_->isRunning(); }

QString EvaluatePage::summary() const { return summaryText_; }

void EvaluatePage::setAnalogyFile(const QString& path) { analogyFile_->setText(path); }
void EvaluatePage::setSimilarityFile(const QString& path) { similarityFile_->setText(path); }

void EvaluatePage::updateState() {
  const bool running = task_->isRunning();
  const bool haveFile = !analogyFile_->text().trimmed().isEmpty() || !similarityFile_->text().trimmed().isEmpty();
  run_->setEnabled(!running && vectors_->isReady() && haveFile);
  cancel_->setEnabled(running);
  if (vectors_->isLoading()) source_->setText(tr("Loading vectors: %1…").arg(vectors_->name()));
  else if (vectors_->isReady()) source_->setText(tr("Evaluating: <b>%1</b>").arg(vectors_->name().toHtmlEscaped()));
  else source_->setText(tr("No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file."));
  if (summaryText_.isEmpty() && !running)
    summary_->setText(tr("Choose an analogy file, a similarity file or both, then run the benchmarks."));
  else
    summary_->setText(running ? tr("Running…") : summaryText_);
  summary_->setStyleSheet(summaryIsError_ && !running ? QStringLiteral("color: #b00020;") : QString());
}

bool EvaluatePage::runBenchmarks() {
  if (task_->isRunning()) return false;
  const QString analogyPath = analogyFile_->text().trimmed();
  const QString similarityPath = similarityFile_->text().trimmed();
  if (!vectors_->isReady() || (analogyPath.isEmpty() && similarityPath.isEmpty())) {
    summaryText_ = !vectors_->isReady() ? tr("No vectors are loaded.") : tr("Choose a benchmark file first.");
    summaryIsError_ = true;
    updateState();
    return false;
  }
  summaryText_.clear();
  summaryIsError_ = false;
  sections_->setRowCount(0);
  progress_->setValue(0);
  auto set = vectors_->set();
  auto index = vectors_->index();
  const int64_t restrict = restrict_->value();
  const auto method = method_->currentIndex() == 1 ? AnalogyMethod::CosMul : AnalogyMethod::CosAdd;
  const std::string analogyFile = analogyPath.toStdString();
  const std::string similarityFile = similarityPath.toStdString();
  task_->start([=, this](StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    std::optional<AnalogyBenchmark::Result> analogy;
    std::optional<SimilarityBenchmark::Result> similarity;
    if (!analogyFile.empty()) {
      const AnalogyBenchmark bench = AnalogyBenchmark::load(analogyFile);
      AnalogyBenchmark::Options o;
      o.restrictVocab = restrict;
      o.method = method;
      analogy = bench.evaluate(*set, *index, o, &token, [&progress](const Progress& p) {
        if (p.total > 0) progress(0.9 * double(p.step) / double(p.total));
      });
      if (token.stopRequested()) return {};
    }
    if (!similarityFile.empty()) {
      const SimilarityBenchmark bench = SimilarityBenchmark::load(similarityFile);
      SimilarityBenchmark::Options o;
      o.restrictVocab = restrict;
      similarity = bench.evaluate(*set, o);
    }
    return [this, analogy, similarity] {
      const QLocale locale;
      QStringList lines;
      if (analogy) {
        lines << tr("Analogies: %1 of %2 correct (accuracy %3%); %4 questions skipped as out of vocabulary; %5 s.")
                     .arg(locale.toString(static_cast<qlonglong>(analogy->correct)),
                          locale.toString(static_cast<qlonglong>(analogy->total)),
                          QString::number(analogy->accuracy * 100, 'f', 1),
                          locale.toString(static_cast<qlonglong>(analogy->oov)),
                          QString::number(analogy->seconds, 'f', 2));
        sections_->setRowCount(static_cast<int>(analogy->sections.size()));
        for (int i = 0; i < static_cast<int>(analogy->sections.size()); ++i) {
          const auto& s = analogy->sections[i];
          sections_->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(s.name)));
          sections_->setItem(i, 1, new QTableWidgetItem(locale.toString(static_cast<qlonglong>(s.correct))));
          sections_->setItem(i, 2, new QTableWidgetItem(locale.toString(static_cast<qlonglong>(s.total))));
          sections_->setItem(i, 3, new QTableWidgetItem(s.total > 0 ? QString::number(s.accuracy * 100, 'f', 1) + QLatin1Char('%')
                                                                     : QStringLiteral("—")));
        }
      }
      if (similarity) {
        const QString rho = std::isfinite(similarity->spearman) ? QString::number(similarity->spearman, 'f', 3) : tr("n/a");
        const QString r = std::isfinite(similarity->pearson) ? QString::number(similarity->pearson, 'f', 3) : tr("n/a");
        lines << tr("Similarity: Spearman ρ = %1, Pearson r = %2 over %3 pairs; %4 pairs out of vocabulary.")
                     .arg(rho, r, locale.toString(static_cast<qlonglong>(similarity->pairs)),
                          locale.toString(static_cast<qlonglong>(similarity->oov)));
      }
      summaryText_ = lines.join(QLatin1Char('\n'));
    };
  });
  updateState();
  return true;
}

void EvaluatePage::saveSettings(QSettings& s) const {
  s.setValue(QStringLiteral("evaluate/analogyFile"), analogyFile_->text());
  s.setValue(QStringLiteral("evaluate/similarityFile"), similarityFile_->text());
  s.setValue(QStringLiteral("evaluate/restrict"), restrict_->value());
  s.setValue(QStringLiteral("evaluate/method"), method_->currentIndex());
}

void EvaluatePage::restoreSettings(const QSettings& s) {
  analogyFile_->setText(s.value(QStringLiteral("evaluate/analogyFile")).toString());
  similarityFile_->setText(s.value(QStringLiteral("evaluate/similarityFile")).toString());
  restrict_->setValue(s.value(QStringLiteral("evaluate/restrict"), 30000).toInt());
  method_->setCurrentIndex(std::clamp(s.value(QStringLiteral("evaluate/method"), 0).toInt(), 0, 1));
}

}  // namespace embedlab::ui
