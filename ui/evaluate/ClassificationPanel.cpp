#include "ui/evaluate/ClassificationPanel.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/embeddings/EmbeddingSet.h"
#include "core/eval/Classification.h"
#include "core/eval/TaskData.h"
#include "core/eval/TfIdfVectorizer.h"
#include "core/util/Error.h"
#include "ui/evaluate/ComparisonChart.h"
#include "ui/evaluate/ComparisonResultsView.h"
#include "ui/evaluate/ComparisonTable.h"
#include "ui/evaluate/ConfusionHeatmap.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

namespace {

// Progress fractions at the end of each phase; the label shown is chosen from the fraction, so
// the worker needs no other channel to say what it is doing.
constexpr double kLoaded = 0.05;
constexpr double kFeatures = 0.25;

QString taskName(const QString& dir) {
  const QString name = QDir(QDir::cleanPath(dir)).dirName();
  return name.isEmpty() ? dir : name;
}

}  // namespace

ClassificationPanel::ClassificationPanel(CurrentVectors* vectors, QWidget* parent)
    : QWidget(parent), vectors_(vectors) {
  task_ = new BackgroundTask(this);

  taskLabel_ = new QLabel(this);
  taskDir_ = new QLineEdit(this);
  taskDir_->setObjectName(QStringLiteral("taskFolder"));
  taskBrowse_ = new QPushButton(this);
  featuresLabel_ = new QLabel(this);
  features_ = new QComboBox(this);
  features_->setObjectName(QStringLiteral("featuresCombo"));
  for (int i = 0; i < 3; ++i) features_->addItem(QString(), i);
  cLabel_ = new QLabel(this);
  c_ = new QComboBox(this);
  c_->setObjectName(QStringLiteral("regularisationCombo"));
  c_->addItem(QString(), 0.0);
  for (double c : {0.01, 0.1, 1.0, 10.0, 100.0}) c_->addItem(QString::number(c), c);
  run_ = new QPushButton(this);
  run_->setObjectName(QStringLiteral("runClassification"));
  cancel_ = new QPushButton(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("classificationStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* grid = new QGridLayout;
  grid->addWidget(taskLabel_, 0, 0);
  grid->addWidget(taskDir_, 0, 1);
  grid->addWidget(taskBrowse_, 0, 2);
  grid->addWidget(featuresLabel_, 1, 0);
  auto* featuresRow = new QHBoxLayout;
  featuresRow->addWidget(features_, 1);
  featuresRow->addSpacing(8);
  featuresRow->addWidget(cLabel_);
  featuresRow->addWidget(c_);
  featuresRow->addSpacing(12);
  featuresRow->addWidget(run_);
  featuresRow->addWidget(cancel_);
  grid->addLayout(featuresRow, 1, 1, 1, 2);
  grid->setColumnStretch(1, 1);

  ComparisonResultsView::Options resultsOptions;
  resultsOptions.layout = ComparisonResultsView::Layout::ChartUnderTable;
  resultsOptions.fileStem = QStringLiteral("classification");
  results_ = new ComparisonResultsView(resultsOptions, this);
  table_ = results_->table();
  results_->tableView()->setObjectName(QStringLiteral("comparisonTable"));
  results_->chart()->setObjectName(QStringLiteral("comparisonChart"));
  results_->heatmap()->setObjectName(QStringLiteral("confusionHeatmap"));
  clear_ = new QPushButton(this);
  results_->addButton(clear_);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(grid);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(results_, 1);

  connect(taskBrowse_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a task folder (train.tsv and test.tsv)"),
                                                          taskDir_->text());
    if (!dir.isEmpty()) taskDir_->setText(dir);
  });
  connect(run_, &QPushButton::clicked, this, [this] { runClassification(); });
  connect(cancel_, &QPushButton::clicked, this, &ClassificationPanel::cancel);
  connect(taskDir_, &QLineEdit::textChanged, this, &ClassificationPanel::updateState);
  connect(features_, &QComboBox::currentIndexChanged, this, &ClassificationPanel::updateState);
  connect(vectors_, &CurrentVectors::changed, this, &ClassificationPanel::updateState);
  connect(vectors_, &CurrentVectors::loadingStarted, this, &ClassificationPanel::updateState);
  connect(results_, &ComparisonResultsView::changed, this, &ClassificationPanel::updateState);
  connect(results_, &ComparisonResultsView::exported, this, &ClassificationPanel::statusMessage);
  connect(results_, &ComparisonResultsView::exportFailed, this, [this](const QString& error) { setStatus(error, true); });
  connect(clear_, &QPushButton::clicked, table_, &ComparisonTable::clear);

  connect(task_, &BackgroundTask::progressed, this, [this](double f) {
    fraction_ = f;
    progress_->setValue(static_cast<int>(f * 1000));
    updateState();
  });
  connect(task_, &BackgroundTask::succeeded, this, [this] {
    progress_->setValue(1000);
    updateState();
  });
  connect(task_, &BackgroundTask::failed, this, [this](const QString& message) {
    progress_->setValue(0);
    setStatus(message, true);
  });
  connect(task_, &BackgroundTask::cancelled, this, [this] {
    progress_->setValue(0);
    setStatus(tr("Cancelled."), false);
  });
  retranslate();
}

void ClassificationPanel::retranslate() {
  taskLabel_->setText(tr("Task:"));
  taskDir_->setPlaceholderText(tr("a folder with train.tsv and test.tsv (label<TAB>text per line)"));
  taskBrowse_->setText(tr("Browse…"));
  featuresLabel_->setText(tr("Features:"));
  features_->setItemText(0, tr("TF-IDF (word 1-2-grams)"));
  features_->setItemText(1, tr("Current vectors: mean word vector"));
  features_->setItemText(2, tr("Current vectors: TF-IDF-weighted mean"));
  features_->setToolTip(tr("What represents a text for the logistic regression"));
  cLabel_->setText(tr("C:"));
  c_->setItemText(0, tr("auto (cross-validation)"));
  c_->setToolTip(tr("Inverse regularisation strength of the logistic regression; auto picks it by 5-fold cross-validation on the training split"));
  run_->setText(tr("Run &classification"));
  run_->setToolTip(tr("Train logistic regression on train.tsv and score test.tsv"));
  cancel_->setText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop the classification (a running fit ends at its next iteration)"));
  clear_->setText(tr("Clear"));
  clear_->setToolTip(tr("Remove every row of the comparison"));
  updateState();
}

void ClassificationPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ClassificationPanel::setTaskFolder(const QString& dir) { taskDir_->setText(dir); }
QString ClassificationPanel::taskFolder() const { return taskDir_->text().trimmed(); }
void ClassificationPanel::setFeatures(Features f) { features_->setCurrentIndex(static_cast<int>(f)); }
void ClassificationPanel::setFixedC(double c) {
  const int i = c_->findData(c);
  if (i >= 0) {
    c_->setCurrentIndex(i);
  } else if (c > 0) {
    c_->addItem(QString::number(c), c);
    c_->setCurrentIndex(c_->count() - 1);
  } else {
    c_->setCurrentIndex(0);
  }
}

double ClassificationPanel::fixedC() const { return c_->currentData().toDouble(); }

ClassificationPanel::Features ClassificationPanel::features() const {
  return static_cast<Features>(std::clamp(features_->currentIndex(), 0, 2));
}
bool ClassificationPanel::isRunning() const { return task_->isRunning(); }

void ClassificationPanel::cancel() {
  if (!task_->isRunning()) return;
  task_->cancel();
  setStatus(tr("Cancelling (after the step in progress)…"), false);
}

void ClassificationPanel::setStatus(const QString& text, bool error) {
  statusText_ = text;
  statusIsError_ = error;
  updateState();
}

void ClassificationPanel::updateState() {
  const bool running = task_->isRunning();
  const bool needVectors = features() != Features::TfIdf;
  run_->setEnabled(!running && !taskFolder().isEmpty() && (!needVectors || vectors_->isReady()));
  cancel_->setEnabled(running);
  clear_->setEnabled(table_->rowCount() > 0 && !running);
  QString text = statusText_;
  if (running && statusText_.isEmpty()) {
    text = fraction_ < kLoaded     ? tr("Reading the task…")
           : fraction_ < kFeatures ? tr("Computing the features…")
           : fixedC() > 0          ? tr("Training the classifier…")
                                   : tr("Training the classifier (cross-validation over C, then the final fit)…");
  } else if (!running && text.isEmpty()) {
    text = needVectors && !vectors_->isReady()
               ? tr("Mean-vector features need vectors: train a model or open a vectors file first.")
               : tr("Choose a task folder and features, then run: each run adds a row to the comparison.");
  }
  status_->setText(text);
  status_->setStyleSheet(statusIsError_ ? QStringLiteral("color: #b00020;") : QString());
}

bool ClassificationPanel::runClassification() {
  if (task_->isRunning()) return false;
  const QString dir = taskFolder();
  const Features kind = features();
  if (dir.isEmpty()) {
    setStatus(tr("Choose a task folder first."), true);
    return false;
  }
  if (kind != Features::TfIdf && !vectors_->isReady()) {
    setStatus(tr("No vectors are loaded: mean-vector features need them."), true);
    return false;
  }
  std::shared_ptr<const EmbeddingSet> vectors = kind == Features::TfIdf ? nullptr : vectors_->set();
  const QString vectorsName = vectors_->name();
  const QString model = kind == Features::TfIdf       ? tr("TF-IDF")
                        : kind == Features::MeanVectors ? tr("%1 (mean vectors)").arg(vectorsName)
                                                        : tr("%1 (TF-IDF-weighted mean)").arg(vectorsName);
  const QString task = taskName(dir);
  const std::string dirPath = QFile::encodeName(dir).toStdString();
  const std::string vectorsLabel = vectorsName.toStdString();
  ClassificationOptions options;
  options.fixedC = fixedC();
  fraction_ = 0;
  progress_->setValue(0);
  statusText_.clear();
  statusIsError_ = false;

  task_->start([=, this](StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    using Clock = std::chrono::steady_clock;
    auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
    const TaskData data = TaskData::load(dirPath);
    if (data.trainClasses < 2) throw Error(data.trainPath + ": only one label; classification needs at least two");
    std::vector<std::string> trainTexts, testTexts;
    std::vector<int> trainLabels, testLabels;
    for (const auto& e : data.train) trainTexts.push_back(e.text), trainLabels.push_back(e.label);
    for (const auto& e : data.test) testTexts.push_back(e.text), testLabels.push_back(e.label);
    progress(kLoaded);
    if (token.stopRequested()) return {};

    // As the CLI: fitting the features on the training texts counts as training time, the test
    // texts' features as inference.
    FeatureMatrix xTrain, xTest;
    double trainFeatureSeconds = 0, testFeatureSeconds = 0;
    if (kind == Features::TfIdf) {
      TfIdfVectorizer::Options o;
      o.wordNgrams = 2;
      o.minDf = 2;
      auto t = Clock::now();
      TfIdfVectorizer vectorizer(o);
      xTrain = vectorizer.fitTransform(trainTexts);
      trainFeatureSeconds = since(t);
      if (vectorizer.features() == 0) throw Error(data.trainPath + ": no TF-IDF term occurs in two training texts");
      t = Clock::now();
      xTest = vectorizer.transform(testTexts);
      testFeatureSeconds = since(t);
    } else {
      const Tokenizer tokenizer;
      auto t = Clock::now();
      TfIdfVectorizer idf;
      const bool weighted = kind == Features::WeightedMeanVectors;
      if (weighted) {
        TfIdfVectorizer::Options unigrams;
        unigrams.wordNgrams = 1;
        unigrams.minDf = 1;
        idf = TfIdfVectorizer(unigrams);
        idf.fitTransform(trainTexts);
      }
      int64_t found = 0, total = 0;
      xTrain = meanVectorFeatures(trainTexts, *vectors, tokenizer, weighted ? &idf : nullptr, &found, &total);
      trainFeatureSeconds = since(t);
      if (found == 0) throw Error(vectorsLabel + ": none of the training texts' tokens has a vector");
      t = Clock::now();
      xTest = meanVectorFeatures(testTexts, *vectors, tokenizer, weighted ? &idf : nullptr);
      testFeatureSeconds = since(t);
    }
    progress(kFeatures);
    if (token.stopRequested()) return {};

    ClassificationOptions fitOptions = options;
    fitOptions.stop = &token;  // Cancel ends the fit between iterations, not after it
    ClassificationResult r;
    try {
      r = trainAndEvaluate(xTrain, trainLabels, xTest, testLabels, data.trainClasses,
                           static_cast<int>(data.labels.size()), fitOptions);
    } catch (const Error&) {
      if (token.stopRequested()) return {};  // "classification: stopped": a cancel, not a failure
      throw;
    }
    if (token.stopRequested()) return {};
    ComparisonRow row;
    row.model = model;
    row.task = task;
    row.accuracy = r.metrics.accuracy;
    row.macroF1 = r.metrics.macroF1;
    row.trainSeconds = trainFeatureSeconds + r.trainSeconds;
    row.inferenceSeconds = testFeatureSeconds + r.inferenceSeconds;
    for (const std::string& l : data.labels) row.labels << QString::fromStdString(l);
    for (const auto& confusionRow : r.metrics.confusion)
      row.confusion.append(QVector<qint64>(confusionRow.begin(), confusionRow.end()));
    progress(1.0);
    return [this, row] {
      results_->selectRow(table_->addRow(row));
      setStatus(tr("%1 on %2: accuracy %3, macro-F1 %4.")
                    .arg(row.model, row.task, QString::number(row.accuracy, 'f', 4), QString::number(row.macroF1, 'f', 4)),
                false);
    };
  });
  updateState();
  return true;
}

void ClassificationPanel::saveSettings(QSettings& s) const {
  s.setValue(QStringLiteral("evaluate/taskFolder"), taskDir_->text());
  s.setValue(QStringLiteral("evaluate/features"), features_->currentIndex());
  s.setValue(QStringLiteral("evaluate/comparisonMetric"), results_->metricIndex());
  s.setValue(QStringLiteral("evaluate/fixedC"), fixedC());
}

void ClassificationPanel::restoreSettings(const QSettings& s) {
  taskDir_->setText(s.value(QStringLiteral("evaluate/taskFolder")).toString());
  features_->setCurrentIndex(std::clamp(s.value(QStringLiteral("evaluate/features"), 0).toInt(), 0, 2));
  results_->setMetricIndex(s.value(QStringLiteral("evaluate/comparisonMetric"), 0).toInt());
  const double c = s.value(QStringLiteral("evaluate/fixedC"), 0.0).toDouble();
  setFixedC(std::isfinite(c) && c > 0 && c <= 1e6 ? c : 0.0);
}

}  // namespace embedlab::ui
