#include "ui/pages/EvaluatePage.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
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
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/embeddings/EmbeddingSet.h"
#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/SimilarityBenchmark.h"
#include "ui/charts/ChartExport.h"
#include "ui/evaluate/AnalogyChart.h"
#include "ui/evaluate/BuiltinSets.h"
#include "ui/evaluate/ClassificationPanel.h"
#include "ui/evaluate/ComparePanel.h"
#include "ui/evaluate/SimilarityScatter.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

namespace {

const QString kBuiltin = QString::fromLatin1(EvaluationResult::kBuiltinSource);

QString sourceName(const QString& source) {
  return source == kBuiltin ? EvaluatePage::tr("built-in (small)") : QFileInfo(source).fileName();
}

QString sourceKey(EvaluatePage::SetSource s) {
  switch (s) {
    case EvaluatePage::SetSource::Builtin: return QStringLiteral("builtin");
    case EvaluatePage::SetSource::File: return QStringLiteral("file");
    case EvaluatePage::SetSource::None: return QStringLiteral("none");
  }
  return QString();
}

EvaluatePage::SetSource sourceFromKey(const QString& key, const QString& file) {
  if (key == QLatin1String("file")) return EvaluatePage::SetSource::File;
  if (key == QLatin1String("none")) return EvaluatePage::SetSource::None;
  if (key == QLatin1String("builtin")) return EvaluatePage::SetSource::Builtin;
  // Settings from before the built-in sets: a file meant that file, no file meant "skip"; now
  // that evaluation works out of the box, no file means the built-in set.
  return file.trimmed().isEmpty() ? EvaluatePage::SetSource::Builtin : EvaluatePage::SetSource::File;
}

}  // namespace

EvaluatePage::EvaluatePage(CurrentVectors* vectors, QWidget* parent) : QWidget(parent), vectors_(vectors) {
  task_ = new BackgroundTask(this);
  source_ = new QLabel(this);
  source_->setWordWrap(true);
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName(QStringLiteral("evaluateTabs"));
  benchmarksTab_ = new QWidget(tabs_);

  // ---- benchmark files -------------------------------------------------------------------------
  filesBox_ = new QGroupBox(benchmarksTab_);
  auto sourceCombo = [this](const QString& name) {
    auto* combo = new QComboBox(filesBox_);
    combo->setObjectName(name);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // item texts come with retranslate()
    for (int i = 0; i < 3; ++i) combo->addItem(QString());
    return combo;
  };
  analogyLabel_ = new QLabel(filesBox_);
  analogySource_ = sourceCombo(QStringLiteral("analogySource"));
  analogyFile_ = new QLineEdit(filesBox_);
  analogyFile_->setObjectName(QStringLiteral("analogyFile"));
  analogyBrowse_ = new QPushButton(filesBox_);
  similarityLabel_ = new QLabel(filesBox_);
  similaritySource_ = sourceCombo(QStringLiteral("similaritySource"));
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
  grid->addWidget(analogySource_, 0, 1);
  grid->addWidget(analogyFile_, 0, 2);
  grid->addWidget(analogyBrowse_, 0, 3);
  grid->addWidget(similarityLabel_, 1, 0);
  grid->addWidget(similaritySource_, 1, 1);
  grid->addWidget(similarityFile_, 1, 2);
  grid->addWidget(similarityBrowse_, 1, 3);
  auto* options = new QHBoxLayout;
  options->addWidget(restrictLabel_);
  options->addWidget(restrict_);
  options->addSpacing(12);
  options->addWidget(methodLabel_);
  options->addWidget(method_);
  options->addStretch();
  grid->addLayout(options, 2, 0, 1, 4);
  grid->setColumnStretch(2, 1);

  run_ = new QPushButton(benchmarksTab_);
  run_->setObjectName(QStringLiteral("runBenchmarks"));
  cancel_ = new QPushButton(benchmarksTab_);
  progress_ = new QProgressBar(benchmarksTab_);
  progress_->setRange(0, 1000);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_);
  runRow->addWidget(cancel_);
  runRow->addWidget(progress_, 1);

  // ---- results: summary, section table, the two charts ------------------------------------------
  resultsBox_ = new QGroupBox(benchmarksTab_);
  summary_ = new QLabel(resultsBox_);
  summary_->setObjectName(QStringLiteral("evaluationSummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  sections_ = new QTableWidget(0, 4, resultsBox_);
  sections_->setObjectName(QStringLiteral("sectionTable"));
  sections_->verticalHeader()->hide();
  sections_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  charts_ = new QWidget(resultsBox_);
  analogyChart_ = new AnalogyChart(charts_);
  analogyChart_->setObjectName(QStringLiteral("analogyChart"));
  similarityChart_ = new SimilarityScatter(charts_);
  similarityChart_->setObjectName(QStringLiteral("similarityChart"));
  auto* chartsLayout = new QHBoxLayout(charts_);
  chartsLayout->setContentsMargins(0, 0, 0, 0);
  chartsLayout->addWidget(analogyChart_, 1);
  chartsLayout->addWidget(similarityChart_, 1);
  auto* split = new QSplitter(Qt::Horizontal, resultsBox_);
  split->addWidget(sections_);
  split->addWidget(charts_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 3);
  split->setChildrenCollapsible(false);
  split->setSizes({300, 1000});
  sections_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  sections_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  exportPng_ = new QPushButton(resultsBox_);
  exportCsv_ = new QPushButton(resultsBox_);
  auto* exportRow = new QHBoxLayout;
  exportRow->addStretch();
  exportRow->addWidget(exportPng_);
  exportRow->addWidget(exportCsv_);
  auto* rl = new QVBoxLayout(resultsBox_);
  rl->addWidget(summary_);
  rl->addWidget(split, 1);
  rl->addLayout(exportRow);

  auto* tabLayout = new QVBoxLayout(benchmarksTab_);
  tabLayout->addWidget(filesBox_);
  tabLayout->addLayout(runRow);
  tabLayout->addWidget(resultsBox_, 1);

  classification_ = new ClassificationPanel(vectors_, tabs_);
  classification_->setObjectName(QStringLiteral("classificationPanel"));
  compare_ = new ComparePanel(tabs_);
  compare_->setObjectName(QStringLiteral("comparePanel"));
  tabs_->addTab(benchmarksTab_, QString());
  tabs_->addTab(classification_, QString());
  tabs_->addTab(compare_, QString());

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(source_);
  layout->addWidget(tabs_, 1);

  // ---- wiring ------------------------------------------------------------------------------------
  auto browse = [this](QLineEdit* edit, QComboBox* source, const QString& title) {
    const QString path = QFileDialog::getOpenFileName(this, title, QFileInfo(edit->text()).absolutePath(),
                                                      tr("Text files (*.txt *.csv *.tsv);;All files (*)"));
    if (path.isEmpty()) return;
    edit->setText(path);
    source->setCurrentIndex(static_cast<int>(SetSource::File));
  };
  connect(analogyBrowse_, &QPushButton::clicked, this,
          [this, browse] { browse(analogyFile_, analogySource_, tr("Choose an analogy file (Google format)")); });
  connect(similarityBrowse_, &QPushButton::clicked, this,
          [this, browse] { browse(similarityFile_, similaritySource_, tr("Choose a word-similarity file")); });
  connect(run_, &QPushButton::clicked, this, [this] { runBenchmarks(); });
  connect(cancel_, &QPushButton::clicked, task_, &BackgroundTask::cancel);
  connect(exportPng_, &QPushButton::clicked, this, &EvaluatePage::exportPngInteractive);
  connect(exportCsv_, &QPushButton::clicked, this, &EvaluatePage::exportCsvInteractive);
  connect(task_, &BackgroundTask::progressed, this, [this](double f) { progress_->setValue(int(f * 1000)); });
  connect(task_, &BackgroundTask::succeeded, this, [this] {
    progress_->setValue(1000);
    updateState();
  });
  connect(task_, &BackgroundTask::failed, this, [this](const QString& message) {
    progress_->setValue(0);
    errorText_ = message;
    updateState();
  });
  connect(task_, &BackgroundTask::cancelled, this, [this] {
    progress_->setValue(0);
    cancelled_ = true;
    updateState();
  });
  connect(vectors_, &CurrentVectors::changed, this, &EvaluatePage::onVectorsChanged);
  connect(vectors_, &CurrentVectors::loadingStarted, this, &EvaluatePage::onVectorsChanged);
  for (QComboBox* combo : {analogySource_, similaritySource_})
    connect(combo, &QComboBox::currentIndexChanged, this, &EvaluatePage::updateState);
  connect(analogyFile_, &QLineEdit::textChanged, this, &EvaluatePage::updateState);
  connect(similarityFile_, &QLineEdit::textChanged, this, &EvaluatePage::updateState);
  connect(classification_, &ClassificationPanel::statusMessage, this, &EvaluatePage::statusMessage);
  connect(compare_, &ComparePanel::statusMessage, this, &EvaluatePage::statusMessage);

  retranslate();
  onVectorsChanged();
}

void EvaluatePage::retranslate() {
  tabs_->setTabText(0, tr("Word benchmarks"));
  tabs_->setTabText(1, tr("Classification"));
  tabs_->setTabText(2, tr("Compare models"));
  tabs_->setTabToolTip(2, tr("Several runs and models (Word2Vec, BERT, ELMo) on several tasks, in one table, "
                             "chart and HTML report"));
  filesBox_->setTitle(tr("Benchmarks"));
  for (QComboBox* combo : {analogySource_, similaritySource_}) {
    combo->setItemText(static_cast<int>(SetSource::Builtin), tr("Built-in (small)"));
    combo->setItemText(static_cast<int>(SetSource::File), tr("File"));
    combo->setItemText(static_cast<int>(SetSource::None), tr("None"));
  }
  analogySource_->setToolTip(tr("The built-in set (564 questions: capitals, nationalities, family, plurals, "
                                "comparatives, superlatives, past tense, opposites), a file, or no analogy test"));
  similaritySource_->setToolTip(tr("The built-in set (149 word pairs scored 0-10), a file, or no similarity test"));
  analogyLabel_->setText(tr("Analogies:"));
  analogyFile_->setPlaceholderText(tr("questions-words.txt (\": section\" lines, then \"a b c d\")"));
  analogyFile_->setToolTip(tr("Analogy questions in the Google format"));
  analogyBrowse_->setText(tr("Browse…"));
  similarityLabel_->setText(tr("Similarity:"));
  similarityFile_->setPlaceholderText(tr("WordSim-353, SimLex-999 or \"word1 word2 score\" lines"));
  similarityFile_->setToolTip(tr("Word pairs with human similarity scores"));
  similarityBrowse_->setText(tr("Browse…"));
  restrictLabel_->setText(tr("Restrict to the most frequent:"));
  restrict_->setSpecialValueText(tr("all words"));
  restrict_->setToolTip(tr("Only the most frequent words are candidate answers; questions with other words count as out of vocabulary (0: all words)"));
  methodLabel_->setText(tr("Method:"));
  method_->setToolTip(tr("How an analogy is answered: 3CosAdd (b − a + c) or 3CosMul"));
  run_->setText(tr("&Run benchmarks"));
  run_->setToolTip(tr("Evaluate the current vectors on the chosen sets"));
  cancel_->setText(tr("Cancel"));
  resultsBox_->setTitle(tr("Results"));
  sections_->setHorizontalHeaderLabels({tr("Section"), tr("Correct"), tr("Questions"), tr("Accuracy")});
  exportPng_->setText(tr("PNG…"));
  exportPng_->setToolTip(tr("Save both charts as a PNG image"));
  exportCsv_->setText(tr("CSV…"));
  exportCsv_->setToolTip(tr("Save the results (sections, correlations and every scored pair) as CSV"));
  showResult();
}

void EvaluatePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

bool EvaluatePage::isRunning() const { return task_->isRunning(); }

QString EvaluatePage::summary() const { return summary_->text(); }

void EvaluatePage::setAnalogyFile(const QString& path) {
  analogyFile_->setText(path);
  setAnalogySource(path.trimmed().isEmpty() ? SetSource::None : SetSource::File);
}

void EvaluatePage::setSimilarityFile(const QString& path) {
  similarityFile_->setText(path);
  setSimilaritySource(path.trimmed().isEmpty() ? SetSource::None : SetSource::File);
}

void EvaluatePage::setAnalogySource(SetSource source) { analogySource_->setCurrentIndex(static_cast<int>(source)); }
void EvaluatePage::setSimilaritySource(SetSource source) { similaritySource_->setCurrentIndex(static_cast<int>(source)); }
EvaluatePage::SetSource EvaluatePage::analogySource() const { return static_cast<SetSource>(analogySource_->currentIndex()); }
EvaluatePage::SetSource EvaluatePage::similaritySource() const {
  return static_cast<SetSource>(similaritySource_->currentIndex());
}

void EvaluatePage::updateState() {
  const bool running = task_->isRunning();
  const bool analogyFromFile = analogySource() == SetSource::File;
  const bool similarityFromFile = similaritySource() == SetSource::File;
  analogyFile_->setEnabled(analogyFromFile);
  similarityFile_->setEnabled(similarityFromFile);
  auto wanted = [](SetSource s, QLineEdit* file) {
    return s == SetSource::Builtin || (s == SetSource::File && !file->text().trimmed().isEmpty());
  };
  const bool haveSet = wanted(analogySource(), analogyFile_) || wanted(similaritySource(), similarityFile_);
  run_->setEnabled(!running && vectors_->isReady() && haveSet);
  cancel_->setEnabled(running);
  exportPng_->setEnabled(result_.has_value() && !running);
  exportCsv_->setEnabled(result_.has_value() && !running);
  if (vectors_->isLoading()) source_->setText(tr("Loading vectors: %1…").arg(vectors_->name()));
  else if (vectors_->isReady()) source_->setText(tr("Evaluating: <b>%1</b>").arg(vectors_->name().toHtmlEscaped()));
  else source_->setText(tr("No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file."));

  // The summary: what is going on, the error of the last run, or the result with its file note.
  QString text;
  bool error = false;
  if (running) {
    text = tr("Running…");
  } else if (!errorText_.isEmpty()) {
    text = errorText_;
    error = true;
  } else if (cancelled_) {
    text = tr("Cancelled.");
  } else if (result_) {
    const QLocale locale;
    QStringList lines;
    if (const auto& a = result_->analogy) {
      lines << tr("Analogies (%1, %2): %3 of %4 correct (accuracy %5%); %6 questions skipped as out of vocabulary; %7 s.")
                   .arg(sourceName(a->source), a->method, locale.toString(a->correct), locale.toString(a->total),
                        QString::number(a->accuracy * 100, 'f', 1), locale.toString(a->oov),
                        QString::number(a->seconds, 'f', 2));
    }
    if (const auto& s = result_->similarity) {
      const QString rho = std::isfinite(s->spearman) ? QString::number(s->spearman, 'f', 3) : tr("n/a");
      const QString r = std::isfinite(s->pearson) ? QString::number(s->pearson, 'f', 3) : tr("n/a");
      lines << tr("Similarity (%1): Spearman ρ = %2, Pearson r = %3 over %4 pairs; %5 pairs out of vocabulary.")
                   .arg(sourceName(s->source), rho, r, locale.toString(s->pairs), locale.toString(s->oov));
    }
    switch (note_) {
      case Note::Saved: lines << tr("Saved with the run: %1").arg(QDir::toNativeSeparators(resultFile_)); break;
      case Note::Loaded:
        lines << tr("Saved evaluation of %1 (from %2); run the benchmarks again to refresh it.")
                     .arg(locale.toString(result_->created, QLocale::ShortFormat), QDir::toNativeSeparators(resultFile_));
        break;
      case Note::SaveFailed:
        lines << tr("The result could not be saved with the run: %1").arg(noteDetail_);
        error = true;
        break;
      default: break;
    }
    text = lines.join(QLatin1Char('\n'));
  } else if (note_ == Note::LoadFailed) {
    text = tr("The saved evaluation of this run cannot be read: %1").arg(noteDetail_);
    error = true;
  } else {
    text = tr("Choose the analogy and similarity sets (the built-in ones work with any English vectors), then run the benchmarks.");
  }
  summary_->setText(text);
  summary_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void EvaluatePage::clearResult() {
  result_.reset();
  resultFile_.clear();
  note_ = Note::None;
  noteDetail_.clear();
  errorText_.clear();
  cancelled_ = false;
  showResult();
}

// New vectors (or none): the shown result belonged to the old ones. A run's own vectors bring back
// the evaluation saved in its folder.
void EvaluatePage::onVectorsChanged() {
  if (task_->isRunning()) task_->cancel();
  clearResult();
  if (!vectors_->isReady() || vectors_->runFolder().isEmpty()) return;
  const QString path = vectors_->runFolder() + QLatin1Char('/') + QLatin1String(EvaluationResult::kFileName);
  if (!QFileInfo::exists(path)) return;
  try {
    result_ = EvaluationResult::load(path);
    resultFile_ = path;
    note_ = Note::Loaded;
  } catch (const std::exception& e) {
    note_ = Note::LoadFailed;
    noteDetail_ = QString::fromUtf8(e.what());
  }
  showResult();
}

void EvaluatePage::showResult() {
  const QLocale locale;
  sections_->setRowCount(0);
  if (result_ && result_->analogy) {
    const auto& a = *result_->analogy;
    sections_->setRowCount(static_cast<int>(a.sections.size()) + 1);
    auto setRow = [&](int i, const QString& name, qint64 correct, qint64 total, double accuracy) {
      sections_->setItem(i, 0, new QTableWidgetItem(name));
      sections_->setItem(i, 1, new QTableWidgetItem(locale.toString(correct)));
      sections_->setItem(i, 2, new QTableWidgetItem(locale.toString(total)));
      sections_->setItem(i, 3, new QTableWidgetItem(total > 0 ? QString::number(accuracy * 100, 'f', 1) + QLatin1Char('%')
                                                              : QStringLiteral("—")));
    };
    for (int i = 0; i < a.sections.size(); ++i)
      setRow(i, a.sections[i].name, a.sections[i].correct, a.sections[i].total, a.sections[i].accuracy);
    setRow(static_cast<int>(a.sections.size()), tr("total"), a.correct, a.total, a.accuracy);
    analogyChart_->setResult(a);
  } else {
    analogyChart_->clear();
  }
  if (result_ && result_->similarity) similarityChart_->setResult(*result_->similarity);
  else similarityChart_->clear();
  updateState();
}

bool EvaluatePage::runBenchmarks() {
  if (task_->isRunning()) return false;
  const SetSource analogyKind = analogySource();
  const SetSource similarityKind = similaritySource();
  const QString analogyPath = analogyKind == SetSource::File ? analogyFile_->text().trimmed() : QString();
  const QString similarityPath = similarityKind == SetSource::File ? similarityFile_->text().trimmed() : QString();
  const bool doAnalogy = analogyKind == SetSource::Builtin || !analogyPath.isEmpty();
  const bool doSimilarity = similarityKind == SetSource::Builtin || !similarityPath.isEmpty();
  if (!vectors_->isReady() || (!doAnalogy && !doSimilarity)) {
    clearResult();
    errorText_ = !vectors_->isReady() ? tr("No vectors are loaded.") : tr("Choose a benchmark set first.");
    updateState();
    return false;
  }
  clearResult();
  progress_->setValue(0);
  auto set = vectors_->set();
  auto index = vectors_->index();
  const int64_t restrict = restrict_->value();
  const auto method = method_->currentIndex() == 1 ? AnalogyMethod::CosMul : AnalogyMethod::CosAdd;
  const QString methodName = method_->currentText();
  const QString analogySourceText = analogyKind == SetSource::Builtin ? kBuiltin : analogyPath;
  const QString similaritySourceText = similarityKind == SetSource::Builtin ? kBuiltin : similarityPath;
  const std::string analogyFile = QFile::encodeName(analogyPath).toStdString();
  const std::string similarityFile = QFile::encodeName(similarityPath).toStdString();
  const QString vectorsName = vectors_->name();
  const QString runFolder = vectors_->runFolder();
  task_->start([=, this](StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    EvaluationResult result;
    result.vectorsName = vectorsName;
    result.created = QDateTime::currentDateTime();
    if (doAnalogy) {
      const AnalogyBenchmark bench = analogyKind == SetSource::Builtin ? BuiltinSets::analogies()
                                                                       : AnalogyBenchmark::load(analogyFile);
      AnalogyBenchmark::Options o;
      o.restrictVocab = restrict;
      o.method = method;
      const auto r = bench.evaluate(*set, *index, o, &token, [&progress](const Progress& p) {
        if (p.total > 0) progress(0.9 * double(p.step) / double(p.total));
      });
      if (token.stopRequested()) return {};
      result.analogy = EvaluationResult::fromCore(r);
      result.analogy->source = analogySourceText;
      result.analogy->method = methodName;
      result.analogy->restrictVocab = restrict;
    }
    if (doSimilarity) {
      const SimilarityBenchmark bench = similarityKind == SetSource::Builtin ? BuiltinSets::similarity()
                                                                             : SimilarityBenchmark::load(similarityFile);
      SimilarityBenchmark::Options o;
      o.restrictVocab = restrict;
      result.similarity = EvaluationResult::fromCore(bench, bench.evaluate(*set, o));
      result.similarity->source = similaritySourceText;
    }
    // Saved here, off the GUI thread: SimLex's thousand points make a file worth writing in the
    // background. Only when the vectors are still the run's (see onVectorsChanged).
    QString savedTo, saveError;
    if (!runFolder.isEmpty()) {
      const QString path = runFolder + QLatin1Char('/') + QLatin1String(EvaluationResult::kFileName);
      try {
        result.save(path);
        savedTo = path;
      } catch (const std::exception& e) {
        saveError = QString::fromUtf8(e.what());
      }
    }
    return [this, result, savedTo, saveError] {
      result_ = result;
      resultFile_ = savedTo;
      note_ = !savedTo.isEmpty() ? Note::Saved : !saveError.isEmpty() ? Note::SaveFailed : Note::None;
      noteDetail_ = saveError;
      showResult();
    };
  });
  updateState();
  return true;
}

bool EvaluatePage::exportPng(const QString& path, QString* error) {
  return ChartExport::writePng(ChartExport::renderWidget(charts_), path, error);
}

bool EvaluatePage::exportCsv(const QString& path, QString* error) const {
  if (!result_) {
    if (error) *error = tr("%1: no result to export").arg(path);
    return false;
  }
  return ChartExport::writeText(path, result_->toCsv(), error);
}

void EvaluatePage::exportPngInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export the benchmark charts as PNG"),
                                                    QStringLiteral("evaluation.png"), tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  QString error;
  if (exportPng(path, &error)) emit statusMessage(tr("Charts saved to %1").arg(path));
  else emit statusMessage(error);
}

void EvaluatePage::exportCsvInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export the benchmark results as CSV"),
                                                    QStringLiteral("evaluation.csv"), tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  QString error;
  if (exportCsv(path, &error)) emit statusMessage(tr("Results saved to %1").arg(path));
  else emit statusMessage(error);
}

void EvaluatePage::saveSettings(QSettings& s) const {
  s.setValue(QStringLiteral("evaluate/analogySource"), sourceKey(analogySource()));
  s.setValue(QStringLiteral("evaluate/similaritySource"), sourceKey(similaritySource()));
  s.setValue(QStringLiteral("evaluate/analogyFile"), analogyFile_->text());
  s.setValue(QStringLiteral("evaluate/similarityFile"), similarityFile_->text());
  s.setValue(QStringLiteral("evaluate/restrict"), restrict_->value());
  s.setValue(QStringLiteral("evaluate/method"), method_->currentIndex());
  s.setValue(QStringLiteral("evaluate/tab"), tabs_->currentIndex());
  classification_->saveSettings(s);
  compare_->saveSettings(s);
}

void EvaluatePage::restoreSettings(const QSettings& s) {
  const QString analogyFile = s.value(QStringLiteral("evaluate/analogyFile")).toString();
  const QString similarityFile = s.value(QStringLiteral("evaluate/similarityFile")).toString();
  analogyFile_->setText(analogyFile);
  similarityFile_->setText(similarityFile);
  setAnalogySource(sourceFromKey(s.value(QStringLiteral("evaluate/analogySource")).toString(), analogyFile));
  setSimilaritySource(sourceFromKey(s.value(QStringLiteral("evaluate/similaritySource")).toString(), similarityFile));
  restrict_->setValue(s.value(QStringLiteral("evaluate/restrict"), 30000).toInt());
  method_->setCurrentIndex(std::clamp(s.value(QStringLiteral("evaluate/method"), 0).toInt(), 0, 1));
  tabs_->setCurrentIndex(std::clamp(s.value(QStringLiteral("evaluate/tab"), 0).toInt(), 0, tabs_->count() - 1));
  classification_->restoreSettings(s);
  compare_->restoreSettings(s);
}

void EvaluatePage::setRunStore(const RunStore* store) { compare_->setRunStore(store); }

}  // namespace embedlab::ui
