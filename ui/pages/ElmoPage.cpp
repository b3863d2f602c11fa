#include "ui/pages/ElmoPage.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoEmbedder.h"
#include "core/models/elmo/ElmoMixTrainer.h"
#include "core/text/CorpusReader.h"
#include "ui/elmo/ElmoContextIndex.h"
#include "ui/elmo/LayerWeightsChart.h"
#include "ui/train/TrainingWorker.h"
#include "ui/util/BackgroundTask.h"

namespace embedlab::ui {

namespace {

constexpr int kShownLayers = 3;     // ELMo's layer 0, 1, 2
constexpr int kNeighbours = 10;
enum TableRow { RowLayer0, RowLayer1, RowLayer2, RowMix, RowMixRefit, RowCount };

// The first `sample` non-empty lines of the corpus files.
std::vector<std::string> corpusSample(const QStringList& files, int sample, StopToken& token) {
  std::vector<std::string> lines;
  for (const QString& file : files) {
    CorpusReader reader(file.toStdString());
    std::string line;
    while (int(lines.size()) < sample && reader.nextLine(line)) {
      if (token.stopRequested()) return {};
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    }
    if (int(lines.size()) >= sample) break;
  }
  return lines;
}

QString number(double v) { return std::isfinite(v) ? QLocale().toString(v, 'f', 3) : QStringLiteral("–"); }

}  // namespace

ElmoPage::ElmoPage(QWidget* parent) : QWidget(parent) {
  modelTask_ = new BackgroundTask(this);
  contextTask_ = new BackgroundTask(this);
  mixWorker_ = new TrainingWorker(this);

  modelPath_ = new QLineEdit(this);
  modelPath_->setObjectName(QStringLiteral("elmoModelPath"));
  browseModel_ = new QPushButton(this);
  modelInfo_ = new QLabel(this);
  modelInfo_->setObjectName(QStringLiteral("elmoModelInfo"));
  message_ = new QLabel(this);
  message_->setObjectName(QStringLiteral("elmoMessage"));
  message_->setWordWrap(true);
  message_->hide();
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(modelPath_, 1);
  modelRow->addWidget(browseModel_);
  modelRow->addWidget(modelInfo_);

  // The scalar mix on a task.
  auto* mixBox = new QGroupBox(this);
  mixBox->setObjectName(QStringLiteral("mixBox"));
  taskLabel_ = new QLabel(mixBox);
  taskPath_ = new QLineEdit(mixBox);
  taskPath_->setObjectName(QStringLiteral("elmoTaskPath"));
  browseTask_ = new QPushButton(mixBox);
  epochsLabel_ = new QLabel(mixBox);
  epochs_ = new QSpinBox(mixBox);
  epochs_->setObjectName(QStringLiteral("mixEpochs"));
  epochs_->setRange(1, 1000);
  epochs_->setValue(40);
  train_ = new QPushButton(mixBox);
  train_->setObjectName(QStringLiteral("mixTrain"));
  stop_ = new QPushButton(mixBox);
  mixProgress_ = new QProgressBar(mixBox);
  mixProgress_->setRange(0, 1000);
  mixProgress_->setTextVisible(false);
  mixProgress_->setMaximumWidth(160);
  mixPhase_ = new QLabel(mixBox);
  chart_ = new LayerWeightsChart(mixBox);
  chart_->setObjectName(QStringLiteral("layerWeightsChart"));
  table_ = new QTableWidget(RowCount, 2, mixBox);
  table_->setObjectName(QStringLiteral("comparisonTable"));
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->setMinimumWidth(260);
  for (int r = 0; r < RowCount; ++r)
    for (int c = 0; c < 2; ++c) {
      auto* item = new QTableWidgetItem(QStringLiteral("–"));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      table_->setItem(r, c, item);
    }
  auto* taskRow = new QHBoxLayout;
  taskRow->addWidget(taskLabel_);
  taskRow->addWidget(taskPath_, 1);
  taskRow->addWidget(browseTask_);
  taskRow->addWidget(epochsLabel_);
  taskRow->addWidget(epochs_);
  taskRow->addWidget(train_);
  taskRow->addWidget(stop_);
  auto* phaseRow = new QHBoxLayout;
  phaseRow->addWidget(mixProgress_);
  phaseRow->addWidget(mixPhase_, 1);
  auto* results = new QHBoxLayout;
  results->addWidget(chart_, 3);
  results->addWidget(table_, 1);
  auto* mixLayout = new QVBoxLayout(mixBox);
  mixLayout->addLayout(taskRow);
  mixLayout->addLayout(phaseRow);
  mixLayout->addLayout(results, 1);

  // Neighbours per layer.
  auto* nbBox = new QGroupBox(this);
  nbBox->setObjectName(QStringLiteral("neighboursBox"));
  sentenceLabel_ = new QLabel(nbBox);
  sentence_ = new QLineEdit(nbBox);
  sentence_->setObjectName(QStringLiteral("elmoSentence"));
  wordLabel_ = new QLabel(nbBox);
  word_ = new QComboBox(nbBox);
  word_->setObjectName(QStringLiteral("elmoWord"));
  word_->setMinimumContentsLength(10);
  sampleLabel_ = new QLabel(nbBox);
  sample_ = new QSpinBox(nbBox);
  sample_->setObjectName(QStringLiteral("elmoSample"));
  sample_->setRange(10, 100000);
  sample_->setValue(500);
  sample_->setSingleStep(100);
  find_ = new QPushButton(nbBox);
  find_->setObjectName(QStringLiteral("elmoFind"));
  contextInfo_ = new QLabel(nbBox);
  contextInfo_->setWordWrap(true);
  auto* query = new QHBoxLayout;
  query->addWidget(sentenceLabel_);
  query->addWidget(sentence_, 3);
  query->addWidget(wordLabel_);
  query->addWidget(word_, 1);
  query->addWidget(sampleLabel_);
  query->addWidget(sample_);
  query->addWidget(find_);
  auto* grid = new QGridLayout;
  for (int k = 0; k < kShownLayers; ++k) {
    layerTitles_[k] = new QLabel(nbBox);
    lists_[k] = new QListWidget(nbBox);
    lists_[k]->setObjectName(QStringLiteral("neighbours%1").arg(k));
    lists_[k]->setAlternatingRowColors(true);
    lists_[k]->setWordWrap(true);
    send_[k] = new QPushButton(nbBox);
    send_[k]->setObjectName(QStringLiteral("sendLayer%1").arg(k));
    grid->addWidget(layerTitles_[k], 0, k);
    grid->addWidget(lists_[k], 1, k);
    grid->addWidget(send_[k], 2, k);
    connect(send_[k], &QPushButton::clicked, this, [this, k] { sendLayer(k); });
  }
  auto* nbLayout = new QVBoxLayout(nbBox);
  nbLayout->addLayout(query);
  nbLayout->addWidget(contextInfo_);
  nbLayout->addLayout(grid, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(modelRow);
  layout->addWidget(message_);
  layout->addWidget(mixBox, 3);
  layout->addWidget(nbBox, 2);

  connect(browseModel_, &QPushButton::clicked, this, &ElmoPage::openModelInteractive);
  connect(modelPath_, &QLineEdit::returnPressed, this, [this] { openModel(modelPath_->text().trimmed()); });
  connect(browseTask_, &QPushButton::clicked, this, &ElmoPage::chooseTaskInteractive);
  connect(taskPath_, &QLineEdit::textChanged, this, &ElmoPage::updateButtons);
  connect(train_, &QPushButton::clicked, this, &ElmoPage::trainMix);
  connect(stop_, &QPushButton::clicked, this, &ElmoPage::stopMix);
  connect(sentence_, &QLineEdit::textChanged, this, &ElmoPage::updateWordChoices);
  connect(sentence_, &QLineEdit::returnPressed, this, &ElmoPage::findNeighbours);
  connect(find_, &QPushButton::clicked, this, &ElmoPage::findNeighbours);
  connect(mixWorker_, &TrainingWorker::progressed, this, &ElmoPage::onMixProgress);
  connect(mixWorker_, &TrainingWorker::finished, this, &ElmoPage::onMixFinished);
  for (BackgroundTask* task : {modelTask_, contextTask_}) {
    connect(task, &BackgroundTask::failed, this, [this](const QString& message) {
      showMessage(message, true);
      contextInfo_->clear();
      updateButtons();
      emit failed(message);
    });
    connect(task, &BackgroundTask::cancelled, this, &ElmoPage::updateButtons);
    connect(task, &BackgroundTask::succeeded, this, &ElmoPage::updateButtons);
  }

  retranslate();
  updateButtons();
}

ElmoPage::~ElmoPage() = default;

void ElmoPage::retranslate() {
  modelPath_->setPlaceholderText(tr("An ELMo model directory (model.safetensors and vocab.txt, from Train)"));
  browseModel_->setText(tr("Open model…"));
  if (!bundle_) modelInfo_->setText(tr("No model"));
  if (auto* box = findChild<QGroupBox*>(QStringLiteral("mixBox"))) box->setTitle(tr("Learned layer weights on a task"));
  if (auto* box = findChild<QGroupBox*>(QStringLiteral("neighboursBox"))) box->setTitle(tr("Neighbours per layer"));
  taskLabel_->setText(tr("Task:"));
  taskPath_->setPlaceholderText(tr("A directory with train.tsv and test.tsv (label<TAB>text)"));
  browseTask_->setText(tr("Choose…"));
  epochsLabel_->setText(tr("Epochs:"));
  train_->setText(tr("&Train mix"));
  stop_->setText(tr("Stop"));
  table_->setHorizontalHeaderLabels({tr("Accuracy"), tr("Macro-F1")});
  table_->setVerticalHeaderLabels({tr("Layer 0 (characters)"), tr("Layer 1"), tr("Layer 2"), tr("Learned mix"),
                                   tr("Mix, refitted")});
  table_->verticalHeaderItem(RowMix)->setToolTip(tr("The classifier trained jointly with the mix weights"));
  table_->verticalHeaderItem(RowMixRefit)->setToolTip(
      tr("The single-layer classifier (C by cross-validation) on the learned mix: the same classifier as the "
         "layer rows"));
  sentenceLabel_->setText(tr("Sentence:"));
  sentence_->setPlaceholderText(tr("e.g. they rowed to the bank of the river"));
  wordLabel_->setText(tr("Word:"));
  sampleLabel_->setText(tr("Corpus sample:"));
  sample_->setSuffix(tr(" lines"));
  find_->setText(tr("&Neighbours"));
  const QString titles[kShownLayers] = {tr("Layer 0: characters (no context)"), tr("Layer 1: first biLSTM"),
                                        tr("Layer 2: second biLSTM")};
  for (int k = 0; k < kShownLayers; ++k) {
    layerTitles_[k]->setText(titles[k]);
    send_[k]->setText(tr("Send layer %1 to Explorer").arg(k));
  }
}

void ElmoPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

bool ElmoPage::isTrainingMix() const { return mixWorker_->isRunning(); }
bool ElmoPage::isBusy() const { return isTrainingMix() || modelTask_->isRunning() || contextTask_->isRunning(); }

QString ElmoPage::messageText() const { return message_->text(); }

void ElmoPage::showMessage(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  message_->setVisible(!text.isEmpty());
}

void ElmoPage::updateButtons() {
  const bool loading = modelTask_->isRunning(), mixing = mixWorker_->isRunning();
  modelPath_->setEnabled(!loading && !mixing);
  browseModel_->setEnabled(!loading && !mixing);
  train_->setEnabled(bundle_ && !mixing && !loading && !taskPath_->text().trimmed().isEmpty());
  stop_->setEnabled(mixing);
  epochs_->setEnabled(!mixing);
  const bool finding = contextTask_->isRunning();
  find_->setEnabled(bundle_ && !finding && !loading && word_->count() > 0 && !corpusFiles_.isEmpty());
  find_->setToolTip(corpusFiles_.isEmpty() ? tr("No corpus: choose one on the Data page first.") : QString());
  for (int k = 0; k < kShownLayers; ++k) send_[k]->setEnabled(contexts_ && k < contexts_->layers() && !finding);
}

void ElmoPage::setCorpusFiles(const QStringList& files) {
  corpusFiles_ = files;
  updateButtons();
}

void ElmoPage::openModelInteractive() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open an ELMo model directory"), modelPath_->text());
  if (!dir.isEmpty()) openModel(dir);
}

void ElmoPage::chooseTaskInteractive() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a classification task"), taskPath_->text());
  if (!dir.isEmpty()) setTaskDirectory(dir);
}

void ElmoPage::setTaskDirectory(const QString& directory) { taskPath_->setText(QDir::toNativeSeparators(directory)); }
void ElmoPage::setMixEpochs(int epochs) { epochs_->setValue(epochs); }
void ElmoPage::setSentence(const QString& text) { sentence_->setText(text); }
void ElmoPage::setSampleSize(int lines) { sample_->setValue(lines); }

bool ElmoPage::openModel(const QString& directory) {
  if (directory.isEmpty() || mixWorker_->isRunning()) return false;
  modelPath_->setText(QDir::toNativeSeparators(directory));
  showMessage(tr("Loading %1…").arg(QFileInfo(directory).fileName()), false);
  contextTask_->cancel();
  modelTask_->start([this, directory](StopToken&, const BackgroundTask::ProgressFn&) -> std::function<void()> {
    auto bundle = std::make_shared<elmo::ElmoBundle>(elmo::ElmoCheckpoint::load(QDir::cleanPath(directory).toStdString()));
    return [this, bundle, directory] {
      bundle_ = bundle;
      modelDir_ = QDir::cleanPath(directory);
      contexts_.reset();
      contextsKey_.clear();
      for (QListWidget* l : lists_) l->clear();
      contextInfo_->clear();
      const elmo::ElmoOptions& o = bundle->model->options();
      modelInfo_->setText(tr("%1 layers · %2 dimensions · %3 words").arg(o.layers + 1).arg(2 * o.projection).arg(bundle->vocabulary.size()));
      chart_->setWeights(std::vector<double>(size_t(o.layers + 1), 1.0 / (o.layers + 1)), 1.0);
      showMessage(QString(), false);
      updateWordChoices();
      emit statusMessage(tr("ELMo model loaded: %1").arg(QFileInfo(directory).fileName()));
      emit modelLoaded();
    };
  });
  updateButtons();
  return true;
}

bool ElmoPage::trainMix() {
  if (!bundle_ || mixWorker_->isRunning()) return false;
  const QString task = QDir::cleanPath(QDir::fromNativeSeparators(taskPath_->text().trimmed()));
  if (task.isEmpty() || task == QLatin1String(".")) return false;
  elmo::ElmoMixOptions o;
  o.modelDir = modelDir_.toStdString();
  o.taskDir = task.toStdString();
  o.mix.epochs = epochs_->value();
  o.threads = threads_;
  const int K = bundle_->model->options().layers + 1;
  chart_->clear();
  chart_->appendEpoch(0, std::vector<double>(size_t(K), 1.0 / K), 1.0);  // s = 0, γ = 1: where the mix starts
  for (int r = 0; r < RowCount; ++r)
    for (int c = 0; c < 2; ++c) table_->item(r, c)->setText(QStringLiteral("–"));
  mixProgress_->setValue(0);
  mixPhase_->setText(tr("Starting…"));
  showMessage(QString(), false);
  if (!mixWorker_->start(std::make_unique<elmo::ElmoMixTrainer>(std::move(o)))) return false;
  updateButtons();
  emit statusMessage(tr("Training the scalar mix on %1…").arg(QFileInfo(task).fileName()));
  return true;
}

void ElmoPage::stopMix() {
  if (mixWorker_->isRunning()) mixWorker_->stop();
}

void ElmoPage::onMixProgress(const QVector<ProgressUpdate>& updates) {
  for (const ProgressUpdate& u : updates) {
    std::vector<double> w;
    double gamma = std::nan("");
    for (const auto& [name, value] : u.extras) {
      if (name.startsWith(QLatin1String("mix_w"))) {
        const int j = name.mid(5).toInt();
        if (j >= int(w.size())) w.resize(size_t(j) + 1, 0.0);
        w[size_t(j)] = value;
      } else if (name == QLatin1String("mix_gamma")) {
        gamma = value;
      }
    }
    if (!w.empty() && std::isfinite(gamma)) {
      if (u.phase == QLatin1String("mix")) chart_->appendEpoch(double(u.step), w, gamma);
      else chart_->setWeights(w, gamma);
    }
  }
  const ProgressUpdate& last = updates.back();
  const double f = last.total > 0 ? std::clamp(double(last.step) / double(last.total), 0.0, 1.0) : 0.0;
  mixProgress_->setValue(static_cast<int>(f * 1000));
  if (last.phase == QLatin1String("loading")) mixPhase_->setText(tr("Loading the model and the task…"));
  else if (last.phase == QLatin1String("embedding"))
    mixPhase_->setText(tr("Running the biLM over the task's texts: %1 of %2").arg(last.step).arg(last.total));
  else if (last.phase == QLatin1String("mix"))
    mixPhase_->setText(tr("Learning the mix: epoch %1 of %2, loss %3").arg(last.step).arg(last.total).arg(number(last.point.loss)));
  else if (last.phase.startsWith(QLatin1String("layer ")))
    mixPhase_->setText(tr("Classifier on layer %1 alone…").arg(last.phase.mid(6)));
  else if (last.phase == QLatin1String("mix refit"))
    mixPhase_->setText(tr("Classifier on the learned mix…"));
}

void ElmoPage::onMixFinished(int status, const QString& message, const QStringList&) {
  const auto s = static_cast<JobStatus>(status);
  const auto* job = dynamic_cast<const elmo::ElmoMixTrainer*>(mixWorker_->job());
  mixProgress_->setValue(s == JobStatus::Finished ? 1000 : mixProgress_->value());
  if (s == JobStatus::Finished && job) {
    const elmo::ElmoMixResult& r = job->result();
    auto setRow = [this](int row, const ClassificationMetrics& m) {
      table_->item(row, 0)->setText(number(m.accuracy));
      table_->item(row, 1)->setText(number(m.macroF1));
    };
    for (const elmo::ElmoLayerScore& l : r.layers)
      if (l.layer >= 0 && l.layer < 3) setRow(RowLayer0 + l.layer, l.metrics);
    setRow(RowMix, r.mix);
    if (r.haveRefit) setRow(RowMixRefit, r.mixRefit.metrics);
    std::vector<double> w(r.weights.begin(), r.weights.end());
    if (!w.empty()) chart_->setWeights(w, r.gamma);
    QStringList weights;
    for (double v : w) weights << number(v);
    mixPhase_->setText(tr("Finished: weights %1, γ %2 (%3 training and %4 test texts).")
                           .arg(weights.join(QStringLiteral(" · ")), number(r.gamma))
                           .arg(r.trainExamples)
                           .arg(r.testExamples));
    emit statusMessage(tr("Scalar mix trained: accuracy %1 with the learned mix.").arg(number(r.mix.accuracy)));
  } else if (s == JobStatus::Stopped) {
    mixPhase_->setText(tr("Stopped."));
  } else {
    mixPhase_->setText(tr("Failed."));
    showMessage(tr("The scalar mix could not be trained: %1").arg(message), true);
    emit failed(message);
  }
  updateButtons();
  emit mixFinished(s == JobStatus::Finished);
}

void ElmoPage::updateWordChoices() {
  const QVariant keep = word_->currentData(Qt::UserRole + 1);
  const QSignalBlocker block(word_);
  word_->clear();
  if (bundle_) {
    const std::vector<std::vector<std::string>> tokens =
        elmo::ElmoEmbedder::tokenize({sentence_->text().toStdString()}, bundle_->tokenizer);
    QStringList seen;
    for (size_t t = 0; t < tokens[0].size(); ++t) {
      const QString w = QString::fromStdString(tokens[0][t]);
      const int n = int(seen.count(w));
      seen << w;
      word_->addItem(n == 0 ? w : QStringLiteral("%1 (%2)").arg(w).arg(n + 1), int(t));
      word_->setItemData(word_->count() - 1, w, Qt::UserRole + 1);
    }
    const int i = word_->findData(keep, Qt::UserRole + 1);
    if (i >= 0) word_->setCurrentIndex(i);
  }
  updateButtons();
}

bool ElmoPage::selectWord(const QString& word) {
  const int i = word_->findData(word, Qt::UserRole + 1);
  if (i < 0) return false;
  word_->setCurrentIndex(i);
  return true;
}

bool ElmoPage::findNeighbours() {
  if (!bundle_ || contextTask_->isRunning() || corpusFiles_.isEmpty() || word_->count() == 0) return false;
  const std::string sentence = sentence_->text().toStdString();
  const int position = word_->currentData().toInt();
  const int sample = sample_->value();
  const QStringList files = corpusFiles_;
  const QString key = modelDir_ + QLatin1Char('|') + files.join(QLatin1Char('|')) + QLatin1Char('|') + QString::number(sample);
  std::shared_ptr<const ElmoContextIndex> cached = key == contextsKey_ ? contexts_ : nullptr;
  std::shared_ptr<const elmo::ElmoBundle> bundle = bundle_;
  contextInfo_->setText(cached ? tr("Embedding the sentence…") : tr("Running the biLM over the first %1 lines of the corpus…").arg(sample));
  const int threads = threads_;
  contextTask_->start([this, bundle, cached, sentence, position, sample, files, key, threads](
                          StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    std::shared_ptr<const ElmoContextIndex> index = cached;
    if (!index) {
      const std::vector<std::string> lines = corpusSample(files, sample, token);
      if (token.stopRequested()) return {};
      index = ElmoContextIndex::build(*bundle->model, bundle->tokenizer, lines, token, progress, threads);
      if (!index) return {};
    }
    const auto tokens = elmo::ElmoEmbedder::tokenize({sentence}, bundle->tokenizer);
    elmo::ElmoEmbedderOptions eo;
    eo.threads = threads;
    const elmo::ElmoEmbedder embedder(*bundle->model, eo);
    auto layers = std::make_shared<std::vector<float>>(embedder.embed(tokens).at(0));  // (K,T,D)
    const int T = static_cast<int>(tokens[0].size());
    return [this, index, key, layers, T, position] {
      contexts_ = index;
      contextsKey_ = key;
      contextInfo_->setText(tr("Neighbours among %n word occurrence(s) of %1 corpus lines.", nullptr,
                               static_cast<int>(index->occurrences()))
                                .arg(index->sentences()));
      showNeighbours(*layers, T, position);
      emit neighboursReady();
    };
  });
  updateButtons();
  return true;
}

void ElmoPage::showNeighbours(const std::vector<float>& sentenceLayers, int T, int position) {
  if (!contexts_ || T <= 0 || position < 0 || position >= T) return;
  const int K = contexts_->layers();
  const int D = static_cast<int>(sentenceLayers.size() / (size_t(K) * size_t(T)));
  for (int k = 0; k < kShownLayers; ++k) {
    lists_[k]->clear();
    if (k >= K) continue;
    const float* query = sentenceLayers.data() + (size_t(k) * T + size_t(position)) * size_t(D);
    for (const ElmoNeighbor& n : contexts_->nearest(k, query, kNeighbours)) {
      const QString word = QString::fromStdString(n.word);
      const QString text = n.context.empty() ? QStringLiteral("%1  (%2)").arg(word, number(n.cosine))
                                             : QStringLiteral("%1  (%2)\n%3").arg(word, number(n.cosine),
                                                                                  QString::fromStdString(n.context));
      auto* item = new QListWidgetItem(text, lists_[k]);
      item->setToolTip(QString::fromStdString(n.context));
    }
  }
}

QStringList ElmoPage::neighbourTexts(int layer) const {
  QStringList out;
  if (layer < 0 || layer >= kShownLayers) return out;
  for (int i = 0; i < lists_[layer]->count(); ++i) out << lists_[layer]->item(i)->text();
  return out;
}

bool ElmoPage::sendLayer(int layer) {
  if (!contexts_ || layer < 0 || layer >= contexts_->layers()) return false;
  emit sendToExplorer(contexts_->layerSet(layer));
  emit statusMessage(tr("Layer %1 of ELMo sent to the Explore page.").arg(layer));
  return true;
}

}  // namespace embedlab::ui
